//! The page's sentences that depend on numbers or dates, kept in one place so
//! they read the same everywhere and can be tested without a browser.

use annals_engine::date::DocDate;
use annals_engine::{DatePrecision, DateSource};

/// "1 document", "4 documents".
pub fn documents(count: usize) -> String {
    match count {
        1 => "1 document".to_string(),
        n => format!("{} documents", group_thousands(n)),
    }
}

/// The hit count line: "4 documents", or "Showing 20 of 312 documents".
pub fn hit_count(total: usize, shown: usize) -> String {
    if shown < total {
        format!("Showing {} of {}", group_thousands(shown), documents(total))
    } else {
        documents(total)
    }
}

/// `12345` → "12,345".
pub fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// A facet field's name as a heading: `topics` → "Topics", `split_name`
/// → "Split name".
pub fn field_label(field: &str) -> String {
    let spaced = field.trim().replace(['_', '-'], " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A day number as people read it: "21 Jul 1999".
pub fn day(day: i32) -> String {
    DocDate::on_day(day, DateSource::Metadata).display()
}

/// The corpus's date span: "21 Jul 1999 – 15 May 2001", or one day.
pub fn date_span(first: i32, last: i32) -> String {
    if first == last {
        day(first)
    } else {
        format!("{} – {}", day(first), day(last))
    }
}

/// A tooltip explaining how a document's date is known.
pub fn date_provenance(date: &DocDate) -> String {
    let precision = match date.precision {
        DatePrecision::Day => "Known to the day",
        DatePrecision::Month => "Known to the month",
        DatePrecision::Season => "Known to the season",
        DatePrecision::Year => "Known to the year",
        DatePrecision::Approximate => "Approximate",
    };
    let source = match date.source {
        DateSource::Metadata => "from the document's metadata",
        DateSource::Header => "from the document's header",
        DateSource::Override => "set in corpus.toml",
        DateSource::Inferred => "inferred from the text",
    };
    format!("{precision}, {source}")
}

/// The notice shown when a query was cut to the length limit.
pub fn query_shortened(max_bytes: usize) -> String {
    format!("Only the first {max_bytes} bytes of the query were searched.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use annals_engine::date::days_from_civil;

    #[test]
    fn counts_read_naturally() {
        assert_eq!(documents(0), "0 documents");
        assert_eq!(documents(1), "1 document");
        assert_eq!(documents(4), "4 documents");
        assert_eq!(documents(12_345), "12,345 documents");
        assert_eq!(hit_count(4, 4), "4 documents");
        assert_eq!(hit_count(1234, 20), "Showing 20 of 1,234 documents");
        assert_eq!(group_thousands(100), "100");
        assert_eq!(group_thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn spans_read_naturally() {
        let first = days_from_civil(1999, 7, 21);
        let last = days_from_civil(2001, 5, 15);
        assert_eq!(date_span(first, last), "21 Jul 1999 – 15 May 2001");
        assert_eq!(date_span(first, first), "21 Jul 1999");
    }
}
