//! The dates a selection's texts mention: how much it talks about each
//! period (a timeline over the mentioned days rather than the days of
//! writing), and a chronology of its mentions in the order of the dates
//! they refer to, each with its sentence.

use serde::{Deserialize, Serialize};

use crate::index::{Index, MentionedPeriod};
use crate::limits::MAX_CHRONOLOGY_ENTRIES;
use crate::mention::Mention;
use crate::search::Selection;

use super::select;
use super::timeline::{bin_of, bins, Granularity, Timeline};

/// Most characters of a mention's sentence shown on either side of it.
const SENTENCE_SIDE_CHARS: usize = 160;

/// One mention of a period, where it stands and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChronologyEntry {
    /// The document's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The day the document was written, when dated.
    pub document_day: Option<i32>,
    /// The mention: its span in the document's text, type, value and days.
    pub mention: Mention,
    /// The sentence around it (cut at [`SENTENCE_SIDE_CHARS`] characters
    /// either side, with `…`), line breaks as spaces.
    pub sentence: String,
    /// Byte range `[start, end)` of the mention in `sentence`.
    pub mark: (u32, u32),
}

/// A page of a selection's mentions, by the date they refer to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chronology {
    /// Mentions of a period in the selected documents, in all.
    pub total: usize,
    /// The asked page of them: by first day, then last day, then document
    /// and text order.
    pub entries: Vec<ChronologyEntry>,
}

/// The mentioned periods of the selected documents, by document.
fn selected_periods(index: &Index<'_>, selection: &Selection) -> Vec<MentionedPeriod> {
    let docs = select(index, selection).docs;
    let mut chosen = vec![false; index.len()];
    for &d in &docs {
        if let Some(slot) = chosen.get_mut(d as usize) {
            *slot = true;
        }
    }
    index.mentioned_periods().iter().filter(|p| chosen.get(p.doc as usize).copied().unwrap_or(false)).copied().collect()
}

/// The selection's mentions of a period, `limit` of them (at most
/// [`MAX_CHRONOLOGY_ENTRIES`]) after the first `offset`, in the order of
/// the dates they refer to.
pub(crate) fn chronology(index: &Index<'_>, selection: &Selection, offset: usize, limit: usize) -> Chronology {
    let mut periods = selected_periods(index, selection);
    crate::sort::sort_by_key(&mut periods, |p| (p.first, p.last, p.doc, p.number));
    let total = periods.len();
    let mut entries = Vec::new();
    let mut shown_doc: Option<(u32, crate::index::StoredHead, Vec<Mention>)> = None;
    for period in periods.iter().skip(offset).take(limit.min(MAX_CHRONOLOGY_ENTRIES)) {
        if shown_doc.as_ref().is_none_or(|(d, _, _)| *d != period.doc) {
            let Some(head) = index.stored_head(period.doc) else { continue };
            shown_doc = Some((period.doc, head, index.mentions_of(period.doc)));
        }
        let Some((_, head, mentions)) = shown_doc.as_ref() else { continue };
        let Some(mention) = mentions.get(period.number as usize) else { continue };
        let (sentence, mark) = sentence_around(&head.text, mention.start as usize, mention.end as usize);
        entries.push(ChronologyEntry {
            id: head.id.clone(),
            title: head.title.clone(),
            document_day: index.day(period.doc),
            mention: mention.clone(),
            sentence,
            mark,
        });
    }
    Chronology { total, entries }
}

/// How many of the selection's mentions refer to each period: a mention
/// counts in every bin its days overlap ("the spring of 1999" in March,
/// April and May by month). `undated` counts the mentions without a
/// period (durations, recurrences, "now", dates without a year).
pub(crate) fn mention_timeline(index: &Index<'_>, selection: &Selection, granularity: Option<Granularity>) -> Timeline {
    let docs = select(index, selection).docs;
    let periods = selected_periods(index, selection);
    let all: usize = docs.iter().map(|&d| index.mentions_of(d).len()).sum();
    let undated = all.saturating_sub(periods.len());
    let lo = periods.iter().map(|p| p.first).min();
    let hi = periods.iter().map(|p| p.last).max();
    let (Some(lo), Some(hi)) = (lo, hi) else {
        return Timeline { granularity: granularity.unwrap_or(Granularity::Year), bins: Vec::new(), undated };
    };
    let (granularity, mut bins) = bins(lo, hi, granularity);
    for period in &periods {
        let (Some(first), Some(last)) = (bin_of(&bins, period.first), bin_of(&bins, period.last)) else { continue };
        for bin in &mut bins[first..=last] {
            bin.count += 1;
        }
    }
    Timeline { granularity, bins, undated }
}

/// The sentence of `text` holding bytes `start..end`, cut to
/// [`SENTENCE_SIDE_CHARS`] characters either side, and where the span is
/// in it.
fn sentence_around(text: &str, start: usize, end: usize) -> (String, (u32, u32)) {
    let (start, end) = (start.min(text.len()), end.min(text.len()).max(start.min(text.len())));
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return (String::new(), (0, 0));
    }
    let ends_sentence = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    // Back to just after the previous sentence end (a full stop followed by
    // a space, or a line break), at most SENTENCE_SIDE_CHARS characters.
    let before = &text[..start];
    let mut from = start;
    let mut cut_before = false;
    for (taken, (i, c)) in before.char_indices().rev().enumerate() {
        if taken >= SENTENCE_SIDE_CHARS {
            cut_before = true;
            break;
        }
        if ends_sentence(c) && text[i + c.len_utf8()..].starts_with(char::is_whitespace) {
            break;
        }
        from = i;
    }
    let after = &text[end..];
    let mut to = end;
    let mut cut_after = false;
    for (taken, (i, c)) in after.char_indices().enumerate() {
        if taken >= SENTENCE_SIDE_CHARS {
            cut_after = true;
            break;
        }
        to = end + i + c.len_utf8();
        if ends_sentence(c) && after[i + c.len_utf8()..].chars().next().is_none_or(char::is_whitespace) {
            break;
        }
    }
    let lead = &text[from..start];
    let lead_trimmed = lead.trim_start();
    let mut sentence = String::new();
    if cut_before {
        sentence.push('…');
    }
    sentence.push_str(lead_trimmed);
    let mark_start = sentence.len();
    sentence.push_str(&text[start..end]);
    let mark_end = sentence.len();
    sentence.push_str(text[end..to].trim_end());
    if cut_after {
        sentence.push('…');
    }
    let sentence: String = sentence.chars().map(|c| if c == '\n' || c == '\r' || c == '\t' { ' ' } else { c }).collect();
    (sentence, (mark_start as u32, mark_end as u32))
}

#[cfg(test)]
mod tests {
    use super::sentence_around;

    #[test]
    fn the_sentence_around_a_mention_is_cut_at_its_ends() {
        let text = "NATO met. On January 20, Robertson spoke in Moscow. Later that week.";
        let at = text.find("January 20").unwrap();
        let (sentence, (s, e)) = sentence_around(text, at, at + "January 20".len());
        assert_eq!(sentence, "On January 20, Robertson spoke in Moscow.");
        assert_eq!(&sentence[s as usize..e as usize], "January 20");
        let long = format!("{} 1999 {}", "word ".repeat(100), "more ".repeat(100));
        let at = long.find("1999").unwrap();
        let (sentence, (s, e)) = sentence_around(&long, at, at + 4);
        assert!(sentence.starts_with('…') && sentence.ends_with('…'), "{sentence}");
        assert_eq!(&sentence[s as usize..e as usize], "1999");
        assert_eq!(sentence_around("é", 1, 2), (String::new(), (0, 0)));
    }
}
