//! Splitting a snippet into plain and marked pieces by the engine's byte
//! ranges, so the page can build `<mark>` elements around text nodes instead
//! of ever parsing corpus text as HTML.

/// One stretch of snippet text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text shown as it is.
    Plain(&'a str),
    /// A matching word, shown inside `<mark>`.
    Marked(&'a str),
}

/// Cuts `text` at the byte ranges `marks` (`[start, end)`, in order, not
/// overlapping). A range that is out of order, overlapping, out of bounds or
/// not on character boundaries is ignored rather than trusted: the worst a
/// bad range can do is lose a highlight, never garble or panic.
pub fn pieces<'a>(text: &'a str, marks: &[(u32, u32)]) -> Vec<Piece<'a>> {
    let mut pieces = Vec::with_capacity(marks.len() * 2 + 1);
    let mut cursor = 0;
    for &(start, end) in marks {
        let (start, end) = (start as usize, end as usize);
        let usable = cursor <= start
            && start < end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end);
        if !usable {
            continue;
        }
        if cursor < start {
            pieces.push(Piece::Plain(&text[cursor..start]));
        }
        pieces.push(Piece::Marked(&text[start..end]));
        cursor = end;
    }
    if cursor < text.len() {
        pieces.push(Piece::Plain(&text[cursor..]));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::{pieces, Piece::*};

    #[test]
    fn marks_split_the_text() {
        let text = "Lord Robertson met Ivanov";
        assert_eq!(pieces(text, &[(5, 14)]), vec![Plain("Lord "), Marked("Robertson"), Plain(" met Ivanov")]);
        assert_eq!(pieces(text, &[(0, 4), (19, 25)]), vec![Marked("Lord"), Plain(" Robertson met "), Marked("Ivanov")]);
        assert_eq!(pieces(text, &[]), vec![Plain(text)]);
    }

    #[test]
    fn bad_ranges_are_ignored() {
        let text = "“NATO”";
        // Byte 1 falls inside the three-byte opening quote.
        assert_eq!(pieces(text, &[(1, 5)]), vec![Plain(text)]);
        assert_eq!(pieces(text, &[(3, 7), (2, 4), (7, 99)]), vec![Plain("“"), Marked("NATO"), Plain("”")]);
        assert_eq!(pieces("", &[(0, 1)]), vec![]);
    }
}
