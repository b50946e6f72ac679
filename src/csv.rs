//! CSV text for the exports (RFC 4180): every field quoted when it holds a
//! comma, a quote or a line break, quotes doubled, lines ended by CRLF.
//!
//! Every export goes through [`table`] (or [`field`]), and both neutralise
//! spreadsheet formulas: corpus text, titles and terms from the address bar
//! are not the reader's own, and a cell that begins with `=`, `+`, `-`, `@`,
//! a tab or a carriage return is run as a formula by Excel, LibreOffice and
//! Google Sheets (`=HYPERLINK(…)`, `=cmd|' /C calc'!A0`). Such a cell gets a
//! leading `'`, as OWASP recommends, which spreadsheets read as "text"; a
//! plain number (`-3`, `+1.5`) is left as it is.

/// One field: formulas neutralised, quoted when it needs to be.
pub fn field(text: &str) -> String {
    let text = neutralised(text);
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.into_owned()
    }
}

/// Rows of fields as CSV text.
pub fn table(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for row in rows {
        let line: Vec<String> = row.iter().map(|f| field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The text with a `'` before it when a spreadsheet would read it as a
/// formula.
fn neutralised(text: &str) -> std::borrow::Cow<'_, str> {
    let starts_formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if starts_formula && !is_plain_number(text) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// `-3`, `+1.5`, `-0.25`: a sign, digits and at most one point.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let mut points = 0;
    !digits.is_empty()
        && digits.chars().all(|c| {
            points += usize::from(c == '.');
            c.is_ascii_digit() || c == '.'
        })
        && points <= 1
        && digits != "."
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(table(&[vec!["id".into(), "title".into()], vec!["1".into(), "A, B".into()]]), "id,title\r\n1,\"A, B\"\r\n");
    }

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(field("=1+1"), "'=1+1");
        assert_eq!(field("+cmd"), "'+cmd");
        assert_eq!(field("-2+3+cmd|' /C calc'!A0"), "'-2+3+cmd|' /C calc'!A0");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("\tlead"), "'\tlead");
        assert_eq!(field("\r=x"), "\"'\r=x\"");
        assert_eq!(field("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        // Quoting does not protect: the quotes go, the formula stays.
        assert_eq!(field("=1,2"), "\"'=1,2\"");
        // Text and numbers that are no formula are left alone.
        assert_eq!(field("a=b"), "a=b");
        assert_eq!(field("-3"), "-3");
        assert_eq!(field("+1.5"), "+1.5");
        assert_eq!(field("-"), "'-");
        assert_eq!(field("-1.2.3"), "'-1.2.3");
        assert_eq!(field(""), "");
    }

    #[test]
    fn every_row_of_a_table_is_neutralised() {
        // The trends export's term column comes from the address bar.
        let rows = vec![vec!["term".into(), "start".into()], vec!["=WEBSERVICE(\"x\")".into(), "2000-01-01".into()]];
        assert_eq!(table(&rows), "term,start\r\n\"'=WEBSERVICE(\"\"x\"\")\",2000-01-01\r\n");
    }
}
