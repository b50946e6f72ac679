//! Parsing user text into a query tree, forgivingly: whatever cannot be
//! read is dropped and described in [`Parsed::notices`].

use super::{Field, Node, Parsed, Term, TermKind};
use crate::analyze::Analyzer;
use crate::date::days_from_civil;
use crate::limits::{cut_at_char_boundary, MAX_QUERY_BYTES, MAX_QUERY_DEPTH, MAX_QUERY_WORDS};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    LParen,
    RParen,
    Or,
    And,
    Not,
    Word(String),
    /// A phrase, its slop, and whether its closing quote was present.
    Quoted(String, Option<u32>),
    /// `name:` — applies to the atom that follows.
    Field(String),
}

/// The context a field prefix puts words in.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Ctx {
    Text(Field),
    Facet(String),
    /// `date:` (when a document was written) or, with `mentioned`,
    /// `mentions:` (a period its text talks about).
    Date { mentioned: bool },
}

/// Parses `text`. `fields` are the facet field names of the corpus (matched
/// case-insensitively); `title` and `date` are always fields.
pub fn parse(text: &str, analyzer: &Analyzer, fields: &[String]) -> Parsed {
    let mut notices = Vec::new();
    let mut text = text;
    if text.len() > MAX_QUERY_BYTES {
        text = cut_at_char_boundary(text, MAX_QUERY_BYTES);
        notices.push(format!("the query is long; only its first {MAX_QUERY_BYTES} bytes were read (a character outside ASCII takes two to four)"));
    }
    let toks = lex(text, fields, &mut notices);
    // An explicit AND asks for every part: best match never stands in for
    // such a query. (Parentheses do not: a question may hold an aside.)
    let strict = toks.contains(&Tok::And);
    let mut p = Parser { toks, at: 0, notices, analyzer, leaves: 0, leaf_notice: false };
    let mut parts = Vec::new();
    while p.at < p.toks.len() {
        if p.peek() == Some(&Tok::RParen) {
            p.at += 1;
            p.notices.push("an unmatched \")\" was ignored".to_string());
            continue;
        }
        if let Some(n) = p.parse_or(0, &Ctx::Text(Field::Any)) {
            parts.push(n);
        }
    }
    Parsed { root: and(parts), notices: p.notices, strict }
}

fn and(mut parts: Vec<Node>) -> Option<Node> {
    match parts.len() {
        0 => None,
        1 => parts.pop(),
        _ => Some(Node::And(parts)),
    }
}

fn lex(text: &str, fields: &[String], notices: &mut Vec<String>) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        match c {
            '(' => {
                chars.next();
                toks.push(Tok::LParen);
            }
            // `-(…)` and `-"…"`: a negated group or phrase.
            '-' | '!' if matches!(text[i + 1..].chars().next(), Some('(' | '"' | '“' | '”' | '„')) => {
                chars.next();
                toks.push(Tok::Not);
            }
            ')' => {
                chars.next();
                toks.push(Tok::RParen);
            }
            '"' | '“' | '”' | '„' => {
                chars.next();
                let start = i + c.len_utf8();
                let mut end = text.len();
                let mut closed = false;
                for (j, d) in chars.by_ref() {
                    if matches!(d, '"' | '“' | '”' | '„') {
                        end = j;
                        closed = true;
                        break;
                    }
                }
                if !closed {
                    notices.push("a missing closing quote was assumed at the end".to_string());
                }
                let phrase = text.get(start..end).unwrap_or("").to_string();
                // An optional `~N` right after the closing quote.
                let mut slop = None;
                if closed && matches!(chars.peek(), Some(&(_, '~'))) {
                    chars.next();
                    let mut n: u32 = 0;
                    let mut digits = 0;
                    while let Some(&(_, d)) = chars.peek() {
                        let Some(v) = d.to_digit(10) else { break };
                        n = n.saturating_mul(10).saturating_add(v);
                        digits += 1;
                        chars.next();
                    }
                    slop = Some(if digits == 0 { 5 } else { n.min(1000) });
                }
                toks.push(Tok::Quoted(phrase, slop));
            }
            _ => {
                let start = i;
                let mut end = text.len();
                while let Some(&(j, d)) = chars.peek() {
                    if d.is_whitespace() || matches!(d, '(' | ')' | '"' | '“' | '”' | '„') {
                        end = j;
                        break;
                    }
                    chars.next();
                }
                lex_word(&text[start..end], fields, notices, &mut toks);
            }
        }
    }
    toks
}

fn lex_word(word: &str, fields: &[String], notices: &mut Vec<String>, toks: &mut Vec<Tok>) {
    match word {
        "OR" | "|" | "||" => return toks.push(Tok::Or),
        "AND" | "&&" | "&" | "+" => return toks.push(Tok::And),
        "NOT" => return toks.push(Tok::Not),
        _ => {}
    }
    if let Some(rest) = word.strip_prefix('-').or_else(|| word.strip_prefix('!')) {
        if rest.is_empty() || rest.chars().all(|c| c == '-' || c == '!') {
            notices.push(format!("a lone \"{word}\" was ignored"));
            return;
        }
        toks.push(Tok::Not);
        return lex_word(rest, fields, notices, toks);
    }
    if let Some(rest) = word.strip_prefix('+') {
        return lex_word(rest, fields, notices, toks);
    }
    if let Some(colon) = word.find(':') {
        let name = &word[..colon];
        let lower = name.to_lowercase();
        if name.is_empty() {
            // ":x" — not a field; read as a word.
        } else if lower == "title" || lower == "date" || lower == "mentions" || fields.iter().any(|f| f.to_lowercase() == lower) {
            toks.push(Tok::Field(lower));
            let rest = &word[colon + 1..];
            if !rest.is_empty() {
                toks.push(Tok::Word(rest.to_string()));
            }
            return;
        }
    }
    toks.push(Tok::Word(word.to_string()));
}

struct Parser<'q> {
    toks: Vec<Tok>,
    at: usize,
    notices: Vec<String>,
    analyzer: &'q Analyzer,
    leaves: usize,
    leaf_notice: bool,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at)
    }

    fn starts_unary(&self) -> bool {
        matches!(self.peek(), Some(Tok::LParen | Tok::Not | Tok::Word(_) | Tok::Quoted(..) | Tok::Field(_)))
    }

    /// `and := unary (OR unary)*`
    fn parse_or(&mut self, depth: usize, ctx: &Ctx) -> Option<Node> {
        // Stray operators where a word should start.
        while matches!(self.peek(), Some(Tok::Or | Tok::And)) {
            let op = if self.peek() == Some(&Tok::Or) { "OR" } else { "AND" };
            self.at += 1;
            self.notices.push(format!("\"{op}\" without a word before it was ignored"));
        }
        if !self.starts_unary() {
            if self.peek().is_some() && self.peek() != Some(&Tok::RParen) {
                self.at += 1;
            }
            return None;
        }
        let mut alternatives: Vec<Node> = self.parse_unary(depth, ctx).into_iter().collect();
        loop {
            match self.peek() {
                Some(Tok::Or) => {
                    self.at += 1;
                    while self.peek() == Some(&Tok::Or) {
                        self.at += 1;
                    }
                    if self.starts_unary() {
                        if let Some(n) = self.parse_unary(depth, ctx) {
                            alternatives.push(n);
                        }
                    } else {
                        self.notices.push("\"OR\" without a word after it was ignored".to_string());
                    }
                }
                Some(Tok::And) => {
                    // An explicit AND is the same as a space.
                    self.at += 1;
                    break;
                }
                _ => break,
            }
        }
        match alternatives.len() {
            0 => None,
            1 => alternatives.pop(),
            _ => Some(Node::Or(alternatives)),
        }
    }

    fn parse_unary(&mut self, depth: usize, ctx: &Ctx) -> Option<Node> {
        // Negations are counted in a loop, not by recursion, so `NOT NOT …`
        // cannot exhaust the (small, in WASM) stack.
        let mut negations = 0usize;
        while self.peek() == Some(&Tok::Not) {
            self.at += 1;
            negations += 1;
        }
        if negations > 0 && !self.starts_unary() {
            self.notices.push("\"NOT\" or \"-\" without a word after it was ignored".to_string());
            return None;
        }
        let inner = self.parse_atom(depth, ctx)?;
        if negations % 2 == 0 {
            return Some(inner);
        }
        Some(match inner {
            Node::Not(n) => *n,
            n => Node::Not(Box::new(n)),
        })
    }

    fn parse_atom(&mut self, depth: usize, ctx: &Ctx) -> Option<Node> {
        let tok = self.toks.get(self.at)?.clone();
        self.at += 1;
        match tok {
            Tok::LParen if depth >= MAX_QUERY_DEPTH => {
                self.notices.push(format!("parentheses nested deeper than {MAX_QUERY_DEPTH} were ignored"));
                None
            }
            Tok::LParen => {
                let mut parts = Vec::new();
                let deeper = depth + 1;
                loop {
                    match self.peek() {
                        None => {
                            self.notices.push("a missing \")\" was assumed at the end".to_string());
                            break;
                        }
                        Some(Tok::RParen) => {
                            self.at += 1;
                            break;
                        }
                        _ => {
                            if let Some(n) = self.parse_or(deeper, ctx) {
                                parts.push(n);
                            }
                        }
                    }
                }
                and(parts)
            }
            Tok::Field(name) => {
                let inner = match name.as_str() {
                    "title" => Ctx::Text(Field::Title),
                    "date" => Ctx::Date { mentioned: false },
                    "mentions" => Ctx::Date { mentioned: true },
                    _ => Ctx::Facet(name.clone()),
                };
                if !self.starts_unary() || matches!(self.peek(), Some(Tok::Not | Tok::Field(_))) {
                    self.notices.push(format!("\"{name}:\" without a value was ignored"));
                    return None;
                }
                self.parse_atom(depth, &inner)
            }
            Tok::Quoted(phrase, slop) => self.phrase(&phrase, slop, ctx),
            Tok::Word(word) => self.word(&word, ctx),
            Tok::RParen | Tok::Or | Tok::And | Tok::Not => None,
        }
    }

    fn take_leaf(&mut self) -> bool {
        if self.leaves >= MAX_QUERY_WORDS {
            if !self.leaf_notice {
                self.leaf_notice = true;
                self.notices.push(format!("the query has many words; only the first {MAX_QUERY_WORDS} were used"));
            }
            return false;
        }
        self.leaves += 1;
        true
    }

    fn phrase(&mut self, phrase: &str, slop: Option<u32>, ctx: &Ctx) -> Option<Node> {
        match ctx {
            Ctx::Facet(field) => {
                return self.take_leaf().then(|| Node::Facet { field: field.clone(), value: phrase.trim().to_string() })
            }
            Ctx::Date { mentioned } => return self.date(phrase, *mentioned),
            Ctx::Text(_) => {}
        }
        let field = match ctx {
            Ctx::Text(f) => *f,
            _ => Field::Any,
        };
        let mut words = self.analyzer.words(phrase);
        if words.is_empty() {
            if !phrase.trim().is_empty() {
                self.notices.push(format!("\"{}\" has no searchable words and was ignored", clip(phrase)));
            } else {
                self.notices.push("an empty phrase \"\" was ignored".to_string());
            }
            return None;
        }
        if words.len() > MAX_QUERY_WORDS {
            words.truncate(MAX_QUERY_WORDS);
        }
        if !self.take_leaf() {
            return None;
        }
        if words.len() == 1 {
            let word = words.pop().unwrap_or_default();
            return Some(Node::Term(Term { word, kind: TermKind::Exact, field }));
        }
        Some(Node::Phrase { words, slop, field, dashed: false })
    }

    fn word(&mut self, raw: &str, ctx: &Ctx) -> Option<Node> {
        match ctx {
            Ctx::Facet(field) => {
                return self.take_leaf().then(|| Node::Facet { field: field.clone(), value: raw.to_string() })
            }
            Ctx::Date { mentioned } => return self.date(raw, *mentioned),
            Ctx::Text(_) => {}
        }
        let field = match ctx {
            Ctx::Text(f) => *f,
            _ => Field::Any,
        };
        let mut core = raw;
        let mut kind = TermKind::Stem;
        if let Some(rest) = core.strip_prefix('=') {
            core = rest;
            kind = TermKind::Exact;
        }
        if let Some(t) = core.find('~') {
            let tail = &core[t + 1..];
            let distance = tail.parse::<u8>().ok().map(|d| d.min(2));
            if !tail.is_empty() && distance.is_none() && !tail.chars().all(|c| c == '~') {
                self.notices.push(format!("\"~{}\" is not an edit distance; using the default", clip(tail)));
            }
            core = &core[..t];
            kind = TermKind::Fuzzy(distance);
        } else if core.ends_with('*') {
            core = core.trim_end_matches('*');
            kind = TermKind::Prefix;
        }
        if core.contains('*') {
            self.notices.push(format!("\"*\" only works at the end of a word; \"{}\" was read without it", clip(raw)));
        }
        let words = self.analyzer.words(core);
        if words.is_empty() {
            self.notices.push(format!("\"{}\" has no searchable words and was ignored", clip(raw)));
            return None;
        }
        if !self.take_leaf() {
            return None;
        }
        let n = words.len();
        if n == 1 || kind == TermKind::Stem || kind == TermKind::Exact {
            if n == 1 {
                let word = words.into_iter().next().unwrap_or_default();
                return Some(Node::Term(Term { word, kind, field }));
            }
            // A word the analyzer splits (`NATO-Russia`) is a phrase.
            let words = words.into_iter().take(MAX_QUERY_WORDS).collect();
            return Some(Node::Phrase { words, slop: None, field, dashed: true });
        }
        // `nato-rus*`: the last piece gets the operator, the others are words.
        let mut parts: Vec<Node> = Vec::new();
        for (k, word) in words.into_iter().enumerate().take(MAX_QUERY_WORDS) {
            let kind = if k + 1 == n || matches!(kind, TermKind::Fuzzy(_)) { kind } else { TermKind::Stem };
            parts.push(Node::Term(Term { word, kind, field }));
        }
        and(parts)
    }

    fn date(&mut self, raw: &str, mentioned: bool) -> Option<Node> {
        let field = if mentioned { "mentions" } else { "date" };
        match parse_date_range(raw) {
            Some((from, to)) if mentioned => self.take_leaf().then_some(Node::Mentions { from, to }),
            Some((from, to)) => self.take_leaf().then_some(Node::Date { from, to }),
            None => {
                self.notices.push(format!(
                    "\"{field}:{}\" is not a date or range (try {field}:2001, {field}:1999-07, {field}:1999..2000-06); ignored",
                    clip(raw)
                ));
                None
            }
        }
    }
}

/// At most 40 characters of user text, for notices.
fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// `2001`, `1999-07`, `1999-07-21`, `lo..hi`, `lo..`, `..hi` as an inclusive
/// range of day numbers.
pub fn parse_date_range(text: &str) -> Option<(i32, i32)> {
    let text = text.trim();
    if let Some((lo, hi)) = text.split_once("..") {
        let from = if lo.trim().is_empty() { i32::MIN + 1 } else { parse_date(lo)?.0 };
        let to = if hi.trim().is_empty() { i32::MAX } else { parse_date(hi)?.1 };
        return (from <= to).then_some((from, to));
    }
    parse_date(text)
}

/// A year, month or day as its first and last day.
fn parse_date(text: &str) -> Option<(i32, i32)> {
    let parts: Vec<&str> = text.trim().split(['-', '/']).collect();
    let num = |s: &str| -> Option<u32> {
        if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    match parts.as_slice() {
        [y] => {
            let y = num(y)? as i32;
            Some((days_from_civil(y, 1, 1), days_from_civil(y, 12, 31)))
        }
        [y, m] => {
            let (y, m) = (num(y)? as i32, num(m)?);
            if !(1..=12).contains(&m) {
                return None;
            }
            let next = if m == 12 { days_from_civil(y + 1, 1, 1) } else { days_from_civil(y, m + 1, 1) };
            Some((days_from_civil(y, m, 1), next - 1))
        }
        [y, m, d] => {
            let (y, m, d) = (num(y)? as i32, num(m)?, num(d)?);
            if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
                return None;
            }
            let day = days_from_civil(y, m, d);
            Some((day, day))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(q: &str) -> String {
        let a = Analyzer::new("english");
        let p = parse(q, &a, &["topics".to_string()]);
        format!("{:?} {:?}", p.root, p.notices)
    }

    #[test]
    fn precedence_and_operators() {
        let s = show("(Chechnya OR Stepashin) NATO -x");
        assert!(s.starts_with("Some(And([Or(["), "{s}");
        assert!(s.contains("Not(Term"), "{s}");
    }

    #[test]
    fn broken_syntax_is_read_with_notices() {
        for q in ["\"", "(((", "*", "date:", "-", "OR OR", "~~", ")", "NOT", "title:", "a OR"] {
            let s = show(q);
            assert!(s.contains('['), "{q}: {s}");
        }
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date_range("2001"), Some((days_from_civil(2001, 1, 1), days_from_civil(2001, 12, 31))));
        assert_eq!(
            parse_date_range("1999..2000-06"),
            Some((days_from_civil(1999, 1, 1), days_from_civil(2000, 6, 30)))
        );
        assert_eq!(parse_date_range("x"), None);
        assert_eq!(parse_date_range(""), None);
    }
}
