//! Text analysis shared by indexing and querying: one [`Analyzer`] turns text
//! into [`Token`]s, so the words the index stores and the words a query asks
//! for are always produced by the same code.
//!
//! The steps, in order:
//!
//! 1. **Segmentation** by Unicode word boundaries (UAX #29, via
//!    `unicode-segmentation`). Hyphens, en and em dashes and slashes are not
//!    word characters there, so `NATO-Russia` is `NATO` + `Russia` and
//!    `at–at best–a` is four words.
//! 2. **Folding**: lower case, diacritics removed (`Élysée` → `elysee`),
//!    typographic apostrophes read as ASCII ones, a possessive `'s` or a
//!    trailing `'` dropped (`Robertson’s` → `robertson`), other apostrophes
//!    removed (`don't` → `dont`). The result is the word's *exact form*, and
//!    exact forms are what the index's term dictionary holds.
//! 3. **Stemming** with the Snowball stemmer of the corpus language
//!    (`rust-stemmers`; English when the language is unknown). Stems are not
//!    stored per posting: the index maps each stem to the exact forms that
//!    share it, so a query can ask for either.

use std::borrow::Cow;

pub use rust_stemmers::Algorithm;
use rust_stemmers::Stemmer;
use unicode_segmentation::UnicodeSegmentation;

/// Words longer than this many bytes (after folding) are not indexed: they
/// are noise (base64, long URLs) and would bloat the dictionary.
pub const MAX_WORD_BYTES: usize = 64;

/// One word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the word's first byte in the analysed text.
    pub start: usize,
    /// Byte offset just past the word's last byte.
    pub end: usize,
    /// The folded exact form (lower case, no diacritics, no possessive).
    pub exact: String,
}

/// The analyzer of one corpus language.
pub struct Analyzer {
    stemmer: Stemmer,
    language: Algorithm,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Analyzer({:?})", self.language)
    }
}

impl Analyzer {
    /// The analyzer for a Snowball language name (`english`, `french`, …, or
    /// a two-letter code). Unknown names fall back to English.
    pub fn new(language: &str) -> Analyzer {
        Analyzer::with_algorithm(algorithm_for(language))
    }

    /// The analyzer with one Snowball algorithm. The web app names its
    /// corpus's algorithm as a constant (`build.rs` writes it), so the
    /// WebAssembly holds that one stemmer instead of all eighteen.
    #[inline]
    pub fn with_algorithm(algorithm: Algorithm) -> Analyzer {
        Analyzer { stemmer: Stemmer::create(algorithm), language: algorithm }
    }

    /// The Snowball algorithm this analyzer stems with.
    pub fn algorithm(&self) -> Algorithm {
        self.language
    }

    /// The words of `text` with their byte ranges and exact forms.
    pub fn tokens<'t>(&self, text: &'t str) -> impl Iterator<Item = Token> + 't {
        words_of(text).filter_map(|(start, word)| {
            let exact = fold(word);
            is_token(&exact).then(|| Token { start, end: start + word.len(), exact })
        })
    }

    /// Calls `f(start, end, exact)` for every word of `text`, reusing one
    /// buffer for the exact forms: the snippet maker's allocation-free path.
    pub fn for_each_token(&self, text: &str, mut f: impl FnMut(usize, usize, &str)) {
        let mut buffer = String::new();
        for (start, word) in words_of(text) {
            fold_into(word, &mut buffer);
            if is_token(&buffer) {
                f(start, start + word.len(), &buffer);
            }
        }
    }

    /// Calls `f(start, end)` for every word [`Analyzer::tokens`] gives,
    /// folding only where it must to tell: an ASCII word without an
    /// apostrophe folds to itself in lower case, as long and never empty.
    /// (A split index's hit finds its words this way; the snippet folds
    /// those it compares.)
    pub fn for_each_word_range(&self, text: &str, mut f: impl FnMut(usize, usize)) {
        let mut buffer = String::new();
        for (start, word) in words_of(text) {
            let kept = if folds_by_lower_casing(word) {
                is_token(word)
            } else {
                fold_into(word, &mut buffer);
                is_token(&buffer)
            };
            if kept {
                f(start, start + word.len());
            }
        }
    }

    /// The exact forms of `text`, without positions.
    pub fn words(&self, text: &str) -> Vec<String> {
        self.tokens(text).map(|t| t.exact).collect()
    }

    /// Whether an exact form is a function word of the language (English
    /// only, Lucene's list of 33). The index keeps no list for them: they
    /// are a third of all words and would cost a third of the positions; the
    /// stored text spells them out, the reader counts their documents from
    /// it when asked, and a phrase reads them as "any word here".
    pub fn is_stopword(&self, exact: &str) -> bool {
        self.stopword_number(exact).is_some()
    }

    /// The stems of [`Analyzer::stopwords`], in the same order: stemmed
    /// once, since a split index looks them up for every word of a query.
    pub fn stopword_stems(&self) -> &'static [String] {
        static ENGLISH: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        match self.language {
            Algorithm::English => ENGLISH.get_or_init(|| ENGLISH_STOPWORDS.iter().map(|w| self.stem(w).into_owned()).collect()),
            _ => &[],
        }
    }

    /// The corpus language's stop words, sorted (none outside English).
    pub fn stopwords(&self) -> &'static [&'static str] {
        match self.language {
            Algorithm::English => &ENGLISH_STOPWORDS,
            _ => &[],
        }
    }

    /// Where a folded word is in [`Analyzer::stopwords`], if it is one.
    pub fn stopword_number(&self, exact: &str) -> Option<usize> {
        self.stopwords().binary_search(&exact).ok()
    }

    /// The stem of an exact form.
    pub fn stem<'w>(&self, exact: &'w str) -> Cow<'w, str> {
        // Numbers and words with digits are left alone: stemming "1990s" or
        // "b52" only merges things that are different.
        if exact.bytes().any(|b| b.is_ascii_digit()) {
            return Cow::Borrowed(exact);
        }
        self.stemmer.stem(exact)
    }
}

/// Lucene's English stop words, sorted.
const ENGLISH_STOPWORDS: [&str; 33] = [
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not",
    "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was",
    "will", "with",
];

/// The words of a text: Unicode word boundaries (UAX #29), except that a
/// full stop or colon between two letters splits the word when the parts on
/// both sides are longer than one letter. UAX #29 keeps `U.S.` and `e.g.`
/// whole, rightly, but also `spending.The` and `Reuters.com`, where a
/// missing space would otherwise hide both words from a search.
fn words_of(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.unicode_word_indices().flat_map(|(start, word)| WordParts { start, word, from: 0, done: false })
}

/// The parts of one UAX #29 word (see [`words_of`]), found lazily: most
/// words have no full stop or colon and come out whole, without allocating.
struct WordParts<'t> {
    start: usize,
    word: &'t str,
    from: usize,
    done: bool,
}

impl<'t> Iterator for WordParts<'t> {
    type Item = (usize, &'t str);

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let rest = &self.word[self.from..];
        if !rest.bytes().any(|b| b == b'.' || b == b':') {
            self.done = true;
            return Some((self.start + self.from, rest));
        }
        for (i, c) in rest.char_indices() {
            let at = self.from + i;
            if (c == '.' || c == ':') && splits_here(self.word, self.from, at) {
                let part = (self.start + self.from, &self.word[self.from..at]);
                self.from = at + c.len_utf8();
                return Some(part);
            }
        }
        self.done = true;
        Some((self.start + self.from, rest))
    }
}

/// Whether the separator at `at` in `word` (whose current part began at
/// `from`) divides two words: letters on both sides, and more than one
/// letter before it (since `from`) and after it (up to the next separator).
fn splits_here(word: &str, from: usize, at: usize) -> bool {
    let before = &word[from..at];
    let after = word[at + 1..].split(['.', ':']).next().unwrap_or("");
    let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
    letter(before.chars().next_back())
        && letter(after.chars().next())
        && before.chars().count() > 1
        && after.chars().count() > 1
}

/// The Snowball algorithm of a language name (`english`, `french`, …, or a
/// two-letter code); English when the name is unknown.
pub fn algorithm_for(language: &str) -> Algorithm {
    match language.trim().to_lowercase().as_str() {
        "arabic" | "ar" => Algorithm::Arabic,
        "danish" | "da" => Algorithm::Danish,
        "dutch" | "nl" => Algorithm::Dutch,
        "finnish" | "fi" => Algorithm::Finnish,
        "french" | "fr" => Algorithm::French,
        "german" | "de" => Algorithm::German,
        "greek" | "el" => Algorithm::Greek,
        "hungarian" | "hu" => Algorithm::Hungarian,
        "italian" | "it" => Algorithm::Italian,
        "norwegian" | "no" | "nb" => Algorithm::Norwegian,
        "portuguese" | "pt" => Algorithm::Portuguese,
        "romanian" | "ro" => Algorithm::Romanian,
        "russian" | "ru" => Algorithm::Russian,
        "spanish" | "es" => Algorithm::Spanish,
        "swedish" | "sv" => Algorithm::Swedish,
        "tamil" | "ta" => Algorithm::Tamil,
        "turkish" | "tr" => Algorithm::Turkish,
        _ => Algorithm::English,
    }
}

/// Whether a folded form is a word the analyser keeps: not empty (a word
/// of marks alone folds to nothing) and not past [`MAX_WORD_BYTES`].
fn is_token(folded: &str) -> bool {
    !folded.is_empty() && folded.len() <= MAX_WORD_BYTES
}

/// Whether folding `word` only lower-cases it: ASCII with no apostrophe
/// (folding lower-cases ASCII letters and drops apostrophes, nothing else
/// in ASCII), so its folded form is as long as it.
fn folds_by_lower_casing(word: &str) -> bool {
    word.is_ascii() && !word.contains('\'')
}

/// `word` folded, borrowed when it is its own folded form (lower-case
/// ASCII with no apostrophe, as most words of a text are).
pub fn folded(word: &str) -> Cow<'_, str> {
    if folds_by_lower_casing(word) && !word.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(fold(word))
    }
}

/// Folds one word (as segmentation produced it) to its exact form.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

/// [`fold`] into a reused buffer (cleared first).
pub fn fold_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        for b in word.bytes() {
            out.push(b.to_ascii_lowercase() as char);
        }
    } else {
        for c in word.chars() {
            fold_char(c, out);
        }
    }
    strip_apostrophes(out);
}

fn fold_char(c: char, out: &mut String) {
    match c {
        // Every apostrophe-like mark becomes the ASCII one, so the possessive
        // rule below sees one spelling.
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{FF07}' | '\u{201B}' => out.push('\''),
        'ß' | 'ẞ' => out.push_str("ss"),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'ø' | 'Ø' => out.push('o'),
        'ł' | 'Ł' => out.push('l'),
        'đ' | 'Đ' => out.push('d'),
        'ı' => out.push('i'),
        'þ' | 'Þ' => out.push_str("th"),
        _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        _ => {
            let mut keep = |d: char| out.extend(d.to_lowercase());
            match unaccented(c) {
                Unaccented::Same => keep(c),
                Unaccented::Hangul(jamo) => jamo.into_iter().flatten().for_each(keep),
                Unaccented::Listed(chars) => chars.chars().for_each(keep),
                Unaccented::Mark => {}
            }
        }
    }
}

/// Every character whose canonical decomposition (Unicode's, as the
/// `unicode-normalization` crate computes it), without its combining marks
/// ([`is_combining_mark`]), is not the character itself: one line each,
/// the character, then what is left of its decomposition. Hangul syllables
/// are left out (they decompose by arithmetic, in [`unaccented`]). A test
/// checks every character against the crate and rewrites the file with
/// `UPDATE_EXPECT=1`; a table here, rather than the crate's own tables,
/// keeps 31 KB of decomposition data out of the page's WebAssembly.
const UNACCENTED: &str = include_str!("unaccented.txt");

/// A character after folding off its accents.
enum Unaccented {
    /// Unchanged.
    Same,
    /// Nothing: a combining mark.
    Mark,
    /// A Hangul syllable's leading, vowel and (if any) trailing jamo.
    Hangul([Option<char>; 3]),
    /// Other characters, from [`UNACCENTED`].
    Listed(&'static str),
}

/// `c`'s canonical decomposition without combining marks.
fn unaccented(c: char) -> Unaccented {
    static LISTED: std::sync::OnceLock<Vec<(char, &'static str)>> = std::sync::OnceLock::new();
    const HANGUL_FIRST: u32 = 0xAC00;
    const HANGUL_COUNT: u32 = 11_172;
    if is_combining_mark(c) {
        return Unaccented::Mark;
    }
    let syllable = (c as u32).wrapping_sub(HANGUL_FIRST);
    if syllable < HANGUL_COUNT {
        let jamo = |base: u32, offset: u32| char::from_u32(base + offset);
        let trailing = syllable % 28;
        return Unaccented::Hangul([
            jamo(0x1100, syllable / 588),
            jamo(0x1161, syllable % 588 / 28),
            if trailing == 0 { None } else { jamo(0x11A7, trailing) },
        ]);
    }
    let listed = LISTED.get_or_init(|| {
        UNACCENTED.lines().filter_map(|line| line.chars().next().map(|first| (first, &line[first.len_utf8()..]))).collect()
    });
    match listed.binary_search_by_key(&c, |&(first, _)| first) {
        Ok(at) => Unaccented::Listed(listed[at].1),
        Err(_) => Unaccented::Same,
    }
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Drops a possessive `'s` or trailing `'` and removes inner apostrophes.
fn strip_apostrophes(word: &mut String) {
    if !word.contains('\'') {
        return;
    }
    if word.ends_with("'s") {
        word.truncate(word.len() - 2);
    }
    word.retain(|c| c != '\'');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_ranges_are_the_tokens_ranges() {
        let analyzer = Analyzer::new("english");
        let long = "x".repeat(MAX_WORD_BYTES + 1);
        for text in [
            "",
            "NATO's Secretary General, Lord Robertson’s visit—the first; U.S. OIL's 1,000.5 mln dlrs",
            "Élysée GROẞE Straße Łódź İstanbul don't O'Neill ALLIES'S ' '' 's",
            &format!("short {long} {}é words", "y".repeat(MAX_WORD_BYTES)),
            "ﬁne ligatures and ᾯ and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and ½ and \u{301}\u{301} marks 10:30 a.m. e.g.",
        ] {
            let mut ranges = Vec::new();
            analyzer.for_each_word_range(text, |start, end| ranges.push((start, end)));
            let tokens: Vec<(usize, usize)> = analyzer.tokens(text).map(|t| (t.start, t.end)).collect();
            assert_eq!(ranges, tokens, "{text:?}");
        }
    }

    /// What the folding of `c` kept before [`UNACCENTED`]: the crate's
    /// decomposition without combining marks.
    fn decomposed_without_marks(c: char) -> String {
        let mut kept = String::new();
        unicode_normalization::char::decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                kept.push(d);
            }
        });
        kept
    }

    #[test]
    fn every_character_loses_its_accents_as_unicode_decomposes_it() {
        let characters = || (0..=0x10FFFF).filter_map(char::from_u32);
        let mut table = String::new();
        for c in characters() {
            let expected = decomposed_without_marks(c);
            let syllable = (0xAC00..0xAC00 + 11_172).contains(&(c as u32));
            if !syllable && !is_combining_mark(c) && expected != c.to_string() {
                table.push(c);
                table.push_str(&expected);
                table.push('\n');
            }
        }
        expect_test::expect_file!["unaccented.txt"].assert_eq(&table);
        for c in characters() {
            let kept: String = match unaccented(c) {
                Unaccented::Same => c.to_string(),
                Unaccented::Mark => String::new(),
                Unaccented::Hangul(jamo) => jamo.into_iter().flatten().collect(),
                Unaccented::Listed(chars) => chars.to_string(),
            };
            assert_eq!(kept, decomposed_without_marks(c), "U+{:04X}", c as u32);
        }
    }

    fn words(text: &str) -> Vec<String> {
        Analyzer::new("english").words(text)
    }

    #[test]
    fn dashes_and_slashes_split_words() {
        assert_eq!(words("at–at best–a"), ["at", "at", "best", "a"]);
        assert_eq!(words("Founding Act–the document"), ["founding", "act", "the", "document"]);
        assert_eq!(words("NATO-Russia Russia—NATO a/b"), ["nato", "russia", "russia", "nato", "a", "b"]);
    }

    #[test]
    fn a_stop_between_words_splits_them_but_not_abbreviations_or_numbers() {
        assert_eq!(words("spending.The farmers"), ["spending", "the", "farmers"]);
        assert_eq!(words("Reuters.com a:bc"), ["reuters", "com", "a:bc"]);
        assert_eq!(words("U.S. e.g. Ph.D 15.50 1,000.5 v1.2"), ["u.s", "e.g", "ph.d", "15.50", "1,000.5", "v1.2"]);
        assert_eq!(words("ab.cd.e"), ["ab", "cd.e"]);
    }

    #[test]
    fn apostrophes_and_possessives() {
        assert_eq!(words("Robertson’s Robertson's Allies' don't"), ["robertson", "robertson", "allies", "dont"]);
    }

    #[test]
    fn folding_removes_case_and_diacritics() {
        assert_eq!(words("Élysée GROẞE Straße Łódź"), ["elysee", "grosse", "strasse", "lodz"]);
    }

    #[test]
    fn stems_are_snowball_english() {
        let a = Analyzer::new("english");
        assert_eq!(a.stem("founding"), "found");
        assert_eq!(a.stem("relations"), "relat");
        assert_eq!(a.stem("1990s"), "1990s");
    }
}
