//! Dates: reading the many ways news archives write them, and the day/month/year
//! bounds of `--from`/`--to`.
//!
//! Everything becomes a UTC instant ([`DateTime<Utc>`]); a date or date-time
//! written without a zone is taken as UTC.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

/// Date-time layouts without a zone (read as UTC), tried in order.
const NAIVE_DATE_TIMES: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%d-%b-%Y %H:%M:%S%.f",
    "%d-%b-%Y %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%B %d, %Y %H:%M",
    "%b %d, %Y %H:%M",
    "%B %d, %Y %I:%M %p",
    "%b %d, %Y %I:%M %p",
    "%b. %d, %Y %I:%M %p",
    "%B %d, %Y, %I:%M %p",
];

/// Date layouts (midnight UTC), tried in order.
const DATES: &[&str] = &[
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%B %d, %Y",
    "%B %d %Y",
    "%b %d, %Y",
    "%b %d %Y",
    "%b. %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%d %B, %Y",
    "%d-%b-%Y",
    "%A, %B %d, %Y",
    "%a, %d %b %Y",
    "%A, %d %B %Y",
];

/// Month names and their abbreviations, lower-cased.
const MONTHS: &[&str] = &[
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// `word` (lower-cased, without a trailing period) names a month: `june`,
/// `jun`, `sept`.
pub fn is_month_name(word: &str) -> bool {
    MONTHS.contains(&word)
}

/// Zone suffixes that mean UTC.
const UTC_SUFFIXES: &[&str] = &[" UTC", " GMT", "Z", " Z"];

/// Parses one date as written in an article or its metadata.
///
/// Accepts RFC 3339, ISO dates and date-times with or without a zone, RFC 2822,
/// `June 23, 2025`, `23 June 2025`, `23-FEB-1987 15:01:01.79`, `2017/2/7` and
/// Unix seconds (9 or more digits).
pub fn parse(text: &str) -> Option<DateTime<Utc>> {
    parse_any(text).filter(plausible)
}

/// The years an article's date may fall in: a year 1 or 10000 is a placeholder
/// or an error (`0001-01-01` is many systems' empty date), and would stretch
/// every timeline over millennia.
pub const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

/// Whether `date` falls in [`YEARS`].
pub fn plausible(date: &DateTime<Utc>) -> bool {
    YEARS.contains(&date.year())
}

fn parse_any(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if text.is_empty() || text.len() > 64 {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Some(dt.with_timezone(&Utc));
    }
    if let Some(dt) = parse_rfc2822(text) {
        return Some(dt);
    }
    if let Some(dt) = unix_text(text) {
        return Some(dt);
    }
    // "2024-05-02 09:30:00+02:00": RFC 3339 with a space; "+0200": the offset
    // without its colon, as many feeds write it.
    for layout in [
        "%Y-%m-%d %H:%M:%S%.f%:z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(text, layout) {
            return Some(dt.with_timezone(&Utc));
        }
    }
    let naive = UTC_SUFFIXES
        .iter()
        .find_map(|suffix| text.strip_suffix(suffix))
        .unwrap_or(text);
    let naive = sept_as_sep(naive);
    parse_naive(&naive).or_else(|| month_and_year(&naive))
}

/// RFC 2822, also when the weekday does not agree with the date (a feed's
/// template error: the date is what counts) or is missing.
fn parse_rfc2822(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(dt) = DateTime::parse_from_rfc2822(text) {
        return Some(dt.with_timezone(&Utc));
    }
    let (day, rest) = text.split_once(", ")?;
    if day.len() < 3 || !day.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let dt = DateTime::parse_from_rfc2822(rest.trim_start()).ok()?;
    Some(dt.with_timezone(&Utc))
}

/// `Sept` and `Sept.`, a common abbreviation chrono does not know, as `Sep`.
fn sept_as_sep(text: &str) -> std::borrow::Cow<'_, str> {
    let Some(at) = text.find("Sept").or_else(|| text.find("SEPT")) else {
        return text.into();
    };
    match text.as_bytes().get(at + 4) {
        None | Some(b'.' | b' ' | b',' | b'-') => {
            format!("{}{}", &text[..at + 3], &text[at + 4..]).into()
        }
        _ => text.into(),
    }
}

fn parse_naive(text: &str) -> Option<DateTime<Utc>> {
    // chrono's `%Y` also reads fewer digits: "June 2025" would be June 20 of
    // the year 25. A year is only believed as written with four digits.
    let four_digits = |year: i32| year >= 0 && text.contains(&format!("{year:04}"));
    for layout in NAIVE_DATE_TIMES {
        if let Ok(dt) = NaiveDateTime::parse_from_str(text, layout)
            && four_digits(dt.year())
        {
            return Some(Utc.from_utc_datetime(&dt));
        }
    }
    for layout in DATES {
        if let Ok(d) = NaiveDate::parse_from_str(text, layout)
            && four_digits(d.year())
        {
            return Some(midnight(d));
        }
    }
    None
}

/// `June 2025`, `Jun. 2025`: a month, read as its first day.
fn month_and_year(text: &str) -> Option<DateTime<Utc>> {
    let (month, year) = text.split_once(' ')?;
    let year = year.trim_start_matches(',').trim();
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let month = month.trim_end_matches(['.', ',']);
    let first = format!("1 {month} {year}");
    ["%d %B %Y", "%d %b %Y"]
        .iter()
        .find_map(|layout| NaiveDate::parse_from_str(&first, layout).ok())
        .map(midnight)
}

/// Unix time written out: 9 or more digits of seconds (fewer would be a
/// year or a date without separators), optionally with a fraction.
fn unix_text(text: &str) -> Option<DateTime<Utc>> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = whole.strip_prefix('-').unwrap_or(whole);
    if digits.len() < 9
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    if fraction.is_empty() {
        return from_unix(whole.parse().ok()?);
    }
    from_unix_f64(text.parse().ok()?)
}

/// A Unix timestamp from JSON: seconds, or milliseconds when it is too large to
/// be seconds (beyond the year 5138).
pub fn from_unix(value: i64) -> Option<DateTime<Utc>> {
    if value.abs() >= 100_000_000_000 {
        from_unix_millis(value)
    } else {
        DateTime::from_timestamp(value, 0).filter(plausible)
    }
}

/// A Unix timestamp in milliseconds (MongoDB's `$numberLong`).
pub fn from_unix_millis(value: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp_millis(value).filter(plausible)
}

/// A Unix timestamp with a fraction (JSON numbers such as `1750672800.5`):
/// seconds, or milliseconds as [`from_unix`] decides.
pub fn from_unix_f64(value: f64) -> Option<DateTime<Utc>> {
    if !value.is_finite() || value.abs() >= 1e17 {
        return None;
    }
    let millis = if value.abs() >= 100_000_000_000.0 {
        value
    } else {
        value * 1000.0
    };
    from_unix_millis(millis.round() as i64)
}

/// Reads a date at the start of `text` whose continuation may follow on the same
/// line (`2025-06-23 BAKU, ...`). Returns the date and the number of bytes it used.
pub fn parse_prefix(text: &str) -> Option<(DateTime<Utc>, usize)> {
    // Candidate ends: after each of the first six whitespace-separated words.
    let mut ends = Vec::new();
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        if c == '\n' && !in_word {
            break;
        }
        if c.is_whitespace() {
            if in_word {
                ends.push(i);
                if ends.len() == 6 || c == '\n' {
                    break;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    if in_word && ends.len() < 6 {
        ends.push(text.len());
    }
    ends.into_iter().rev().find_map(|end| {
        let candidate = text[..end].trim_end_matches([',', '.', ':', ';']);
        parse(candidate).map(|dt| (dt, end))
    })
}

fn midnight(day: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_time(NaiveTime::MIN))
}

/// Which end of a range a user-written date bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// `--from`: the first instant of the period.
    Start,
    /// `--to`: the first instant *after* the period (exclusive bound).
    End,
}

/// Parses a `--from`/`--to` date: `2025`, `2025-06`, `2025-06-23`, or a full
/// RFC 3339 instant. A period's end bound is exclusive: `--to 2025-06` gives
/// 2025-07-01T00:00:00Z, so the whole of June is included.
pub fn parse_bound(text: &str, side: Side) -> Option<DateTime<Utc>> {
    let text = text.trim();
    let (start, next) = if let Some(year) = parse_year(text) {
        let start = NaiveDate::from_ymd_opt(year, 1, 1)?;
        (start, NaiveDate::from_ymd_opt(year + 1, 1, 1)?)
    } else if let Some((year, month)) = parse_year_month(text) {
        let start = NaiveDate::from_ymd_opt(year, month, 1)?;
        (start, add_month(start)?)
    } else if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        (day, day.succ_opt()?)
    } else {
        // An instant is its own bound; the end bound includes it.
        let instant = parse(text)?;
        return Some(match side {
            Side::Start => instant,
            Side::End => instant + chrono::Duration::seconds(1),
        });
    };
    Some(midnight(match side {
        Side::Start => start,
        Side::End => next,
    }))
}

fn parse_year(text: &str) -> Option<i32> {
    (text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

fn parse_year_month(text: &str) -> Option<(i32, u32)> {
    let (y, m) = text.split_once('-')?;
    let month: u32 = (m.len() == 2).then(|| m.parse().ok()).flatten()?;
    Some((parse_year(y)?, month))
}

/// The first day of the month after `day`'s month.
pub fn add_month(day: NaiveDate) -> Option<NaiveDate> {
    if day.month() == 12 {
        NaiveDate::from_ymd_opt(day.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(day.year(), day.month() + 1, 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_outside_the_years_1000_to_9999_is_no_date() {
        assert!(parse("0001-01-01T00:00:00Z").is_none());
        assert!(parse("0000-01-01T00:00:00+01:00").is_none());
        // the year 10000 in UTC
        assert!(parse("9999-12-31T23:00:00-05:00").is_none());
        assert!(from_unix_millis(-99_999_999_999_999).is_none());
        assert!(parse("1066-10-14").is_some() && parse("9999-12-31").is_some());
    }

    fn ymd_hms(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
    }

    #[test]
    fn every_documented_layout_parses() {
        let june = ymd_hms(2025, 6, 23, 0, 0, 0);
        for text in [
            "2025-06-23",
            "June 23, 2025",
            "23 June 2025",
            "Jun 23, 2025",
            "2025/06/23",
            "2025-06-23T00:00:00Z",
            "2025-06-23T02:00:00+02:00",
            "2025-06-23 00:00:00",
            "2025-06-23T00:00:00",
            "Mon, 23 Jun 2025 00:00:00 +0000",
            "1750636800",
        ] {
            assert_eq!(parse(text), Some(june), "{text}");
        }
        assert_eq!(
            parse("23-FEB-1987 15:01:01.79"),
            Some(ymd_hms(1987, 2, 23, 15, 1, 1) + chrono::Duration::milliseconds(790))
        );
        assert_eq!(parse("2017/2/7"), Some(ymd_hms(2017, 2, 7, 0, 0, 0)));
        assert_eq!(
            parse("2025-01-17 08:15:00 UTC"),
            Some(ymd_hms(2025, 1, 17, 8, 15, 0))
        );
    }

    #[test]
    fn nonsense_and_impossible_dates_do_not_parse() {
        for text in [
            "",
            "yesterday",
            "2025-02-30",
            "2025-13-01",
            "12",
            "June 2025x",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }

    #[test]
    fn a_year_is_only_read_from_four_digits() {
        // chrono alone reads "June 2025" as June 20 of the year 25
        assert_eq!(parse("June 2025"), Some(ymd_hms(2025, 6, 1, 0, 0, 0)));
        assert_eq!(parse("Mar. 1987"), Some(ymd_hms(1987, 3, 1, 0, 0, 0)));
        assert_eq!(parse("December 1999"), Some(ymd_hms(1999, 12, 1, 0, 0, 0)));
        for text in ["June 25", "23 June 25", "June 23, 25", "Junk 2025"] {
            assert_eq!(parse(text), None, "{text}");
        }
    }

    #[test]
    fn common_feed_variants_parse() {
        let june = ymd_hms(2025, 6, 23, 8, 0, 0);
        assert_eq!(parse("2025-06-23T10:00:00+0200"), Some(june));
        assert_eq!(parse("2025-06-23 10:00:00+0200"), Some(june));
        // the weekday disagrees with the date: the date counts
        assert_eq!(parse("Wed, 23 Jun 2025 08:00:00 +0000"), Some(june));
        assert_eq!(parse("1750665600.0"), Some(june));
        assert_eq!(
            parse("1750665600.5"),
            Some(june + chrono::Duration::milliseconds(500))
        );
        let sept = ymd_hms(2025, 9, 23, 0, 0, 0);
        for text in [
            "Sept. 23, 2025",
            "Sept 23, 2025",
            "23 Sept 2025",
            "Sep. 23, 2025",
        ] {
            assert_eq!(parse(text), Some(sept), "{text}");
        }
        assert_eq!(parse("September 23, 2025"), Some(sept));
        assert_eq!(
            parse("June 23, 2025 10:00 PM"),
            Some(ymd_hms(2025, 6, 23, 22, 0, 0))
        );
        assert_eq!(
            parse("June 23, 2025 10:00 am"),
            Some(ymd_hms(2025, 6, 23, 10, 0, 0))
        );
        assert_eq!(from_unix_f64(1_750_665_600.0), Some(june));
        assert_eq!(from_unix_f64(f64::NAN), None);
    }

    #[test]
    fn extreme_years_parse_without_panicking() {
        // read, and refused as outside the years an article's date may fall in
        assert!(parse_any("0000-01-01").is_some() && parse("0000-01-01").is_none());
        assert!(parse("9999-12-31T23:59:59Z").is_some());
        assert!(parse("1901-05-04").unwrap().timestamp() < 0);
        assert_eq!(parse("99999999999999999999"), None);
    }

    #[test]
    fn millisecond_timestamps_are_recognised() {
        assert_eq!(from_unix(1_750_636_800_000), from_unix(1_750_636_800));
    }

    #[test]
    fn a_prefix_date_may_be_followed_by_the_body() {
        let text = "2025-06-23 BAKU, Azerbaijan, June 23. The";
        let (dt, used) = parse_prefix(text).unwrap();
        assert_eq!(dt, ymd_hms(2025, 6, 23, 0, 0, 0));
        assert_eq!(&text[..used], "2025-06-23");
        let (dt, used) = parse_prefix("June 23, 2025 GENEVA -").unwrap();
        assert_eq!(dt, ymd_hms(2025, 6, 23, 0, 0, 0));
        assert_eq!(used, "June 23, 2025".len());
        assert_eq!(parse_prefix("soon BAKU"), None);
    }

    #[test]
    fn a_prefix_date_stops_at_the_end_of_its_line() {
        let (_, used) = parse_prefix("12 March 2024\nTBILISI").unwrap();
        assert_eq!(used, "12 March 2024".len());
    }

    #[test]
    fn period_bounds_cover_the_whole_period() {
        let start = |t| parse_bound(t, Side::Start).unwrap();
        let end = |t| parse_bound(t, Side::End).unwrap();
        assert_eq!(start("2025"), ymd_hms(2025, 1, 1, 0, 0, 0));
        assert_eq!(end("2025"), ymd_hms(2026, 1, 1, 0, 0, 0));
        assert_eq!(start("2025-06"), ymd_hms(2025, 6, 1, 0, 0, 0));
        assert_eq!(end("2025-06"), ymd_hms(2025, 7, 1, 0, 0, 0));
        assert_eq!(end("2024-12"), ymd_hms(2025, 1, 1, 0, 0, 0));
        assert_eq!(end("2025-06-23"), ymd_hms(2025, 6, 24, 0, 0, 0));
        assert_eq!(end("2025-06-23T10:00:00Z"), ymd_hms(2025, 6, 23, 10, 0, 1));
        assert_eq!(parse_bound("2025-6", Side::Start), None);
        assert_eq!(parse_bound("junk", Side::End), None);
    }
}
