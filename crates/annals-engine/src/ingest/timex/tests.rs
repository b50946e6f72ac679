//! End-to-end cases: text in, `(surface, type, value)` out.

use super::find_mentions;
use crate::date::days_from_civil;

fn tagged(text: &str, anchor: (i32, u32, u32)) -> Vec<(String, &'static str, String)> {
    let anchor = days_from_civil(anchor.0, anchor.1, anchor.2);
    find_mentions(text, Some(anchor))
        .into_iter()
        .map(|m| (text[m.start as usize..m.end as usize].to_string(), m.kind.as_str(), m.value))
        .collect()
}

fn values(text: &str, anchor: (i32, u32, u32)) -> Vec<String> {
    tagged(text, anchor).into_iter().map(|(surface, _, value)| format!("{surface}={value}")).collect()
}

#[test]
fn absolute_dates_in_every_written_form() {
    let text = "On 28 June 2000, June 28, 2000, June 28th, 2000-06-28, 6/28/2000 and Jan. 20 they met.";
    assert_eq!(
        values(text, (2000, 7, 1)),
        [
            "28 June 2000=2000-06-28",
            "June 28, 2000=2000-06-28",
            "June 28th=2000-06-28",
            "2000-06-28=2000-06-28",
            "6/28/2000=2000-06-28",
            "Jan. 20=2000-01-20"
        ]
    );
}

#[test]
fn months_seasons_and_years() {
    let text = "They met in May 1997 and this past May. They met in the spring of 1999 and the spring. In 1999, the 1990s and the '90s.";
    assert_eq!(
        values(text, (2000, 12, 20)),
        [
            "May 1997=1997-05",
            "this past May=2000-05",
            "the spring of 1999=1999-SP",
            "the spring=2000-SP",
            "1999=1999",
            "the 1990s=199X",
            "the '90s=199X"
        ]
    );
}

#[test]
fn dates_of_earlier_centuries_after_a_month() {
    let text = "On 3 March 1794 the river rose; the men came out on 2 May 1889, and by June 1847 the line was open.";
    assert_eq!(
        values(text, (1900, 1, 1)),
        ["3 March 1794=1794-03-03", "2 May 1889=1889-05-02", "June 1847=1847-06"]
    );
    // Still not a year when it counts things.
    assert_eq!(values("In May 1850 workers struck.", (1850, 6, 1)), ["May=1850-05"]);
}

#[test]
fn months_glued_to_numbers_are_codes() {
    // Futures contracts in a newswire price table, then a date as prose
    // writes it.
    let text = "COFFEE\n MAR8  2130B  2125\n DEC87 2205\nThey meet on MAR 8 2030.";
    assert_eq!(values(text, (1987, 3, 2)), ["MAR 8 2030=2030-03-08"]);
}

#[test]
fn numbers_that_are_not_years() {
    assert!(values("He paid $1999 for 2000 shares, up 1,997 and 1999.5 points, 2500 people.", (2000, 1, 1)).is_empty());
}

#[test]
fn quarters_and_halves() {
    let text = "Profit rose in the third quarter and in the first half of 1998; fourth-quarter sales fell from a year earlier.";
    assert_eq!(
        values(text, (1989, 10, 26)),
        [
            "the third quarter=1989-Q3",
            "the first half of 1998=1998-H1",
            "fourth-quarter=1989-Q4",
            "a year earlier=1988-Q4"
        ]
    );
}

#[test]
fn deictic_days_weeks_and_years() {
    // 1989-10-30 is a Monday.
    let text = "Yesterday, last week, next month, this year, two years ago, three days earlier, last Friday, and he will go Thursday.";
    assert_eq!(
        values(text, (1989, 10, 30)),
        [
            "Yesterday=1989-10-29",
            "last week=1989-W43",
            "next month=1989-11",
            "this year=1989",
            "two years ago=1987",
            "three days earlier=1989-10-27",
            "last Friday=1989-10-27",
            "Thursday=1989-11-02"
        ]
    );
    assert_eq!(values("He said Friday that it fell.", (1989, 10, 30)), ["Friday=1989-10-27"]);
}

#[test]
fn references_durations_and_sets() {
    let text = "Now, currently and recently; the future, the past. The last twenty four hours, five year, several months, two years; every week, annually, each year.";
    assert_eq!(
        tagged(text, (1998, 1, 8)).into_iter().map(|(s, k, v)| format!("{s}={k}:{v}")).collect::<Vec<_>>(),
        [
            "Now=DATE:PRESENT_REF",
            "currently=DATE:PRESENT_REF",
            "recently=DATE:PAST_REF",
            "the future=DATE:FUTURE_REF",
            "the past=DATE:PAST_REF",
            "The last twenty four hours=DURATION:P1D",
            "five year=DURATION:P5Y",
            "several months=DURATION:PXM",
            "two years=DURATION:P2Y",
            "every week=SET:P1W",
            "annually=SET:P1Y",
            "each year=SET:P1Y"
        ]
    );
}

#[test]
fn ranges_cover_both_ends() {
    let text = "Talks on January 31-February 2 and in 1999–2001.";
    let anchor = days_from_civil(2000, 2, 9);
    let mentions = find_mentions(text, Some(anchor));
    assert_eq!(mentions.len(), 2);
    assert_eq!(mentions[0].value, "2000-01-31/2000-02-02");
    assert_eq!(mentions[0].first_day, Some(days_from_civil(2000, 1, 31)));
    assert_eq!(mentions[0].last_day, Some(days_from_civil(2000, 2, 2)));
    assert_eq!(mentions[1].value, "1999/2001");
}

#[test]
fn undated_documents_keep_what_the_text_says() {
    let mentions = find_mentions("Signed December 15 and on Monday, in May 1997.", None);
    let values: Vec<&str> = mentions.iter().map(|m| m.value.as_str()).collect();
    assert_eq!(values, ["XXXX-12-15", "XXXX-WXX-1", "1997-05"]);
    assert_eq!(mentions[0].first_day, None);
    assert!(mentions[2].first_day.is_some());
}

#[test]
fn times_of_day() {
    assert_eq!(
        values("at 10:35 a.m. and this morning and 10 p.m. Wednesday", (1998, 2, 13)),
        ["10:35 a.m.=1998-02-13T10:35", "this morning=1998-02-13TMO", "10 p.m. Wednesday=1998-02-11T22:00"]
    );
}
