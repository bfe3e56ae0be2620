//! Plain-text articles (`.txt`), one per file, in either archive convention:
//!
//! * `date <DATE>` first (after optional white space), the body following on the
//!   same line or the next: ` date 2025-06-23 BAKU, Azerbaijan, June 23. The ...`
//! * a header block of `Key: value` lines (Title, Date, Source, URL, Author,
//!   Speaker, Dateline, Id) ended by a blank line, then the body.
//!
//! Otherwise the whole file is the body. Paragraphs are separated by blank lines.

use std::io::{BufRead, Read};

use super::{MAX_RECORD_BYTES, Outcome, Problem, Record, broken_stream};
use crate::article::Article;
use crate::date;

pub(super) fn read(stream: Box<dyn BufRead>, path: &str, sink: &mut dyn FnMut(Outcome)) {
    let mut bytes = Vec::new();
    let limit = MAX_RECORD_BYTES as u64 + 1;
    if let Err(err) = stream.take(limit).read_to_end(&mut bytes) {
        return sink(Err(Problem::new(path, None, broken_stream(&err))));
    }
    sink(parse_file(bytes, path).map_err(|(line, reason)| Problem::new(path, line, reason)))
}

fn parse_file(bytes: Vec<u8>, path: &str) -> Result<Record, (Option<usize>, String)> {
    if bytes.len() > MAX_RECORD_BYTES {
        let reason = format!("article longer than {} MiB", MAX_RECORD_BYTES >> 20);
        return Err((None, reason));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err((None, "empty file".to_string()));
    }
    let (text, guessed) = super::decode_text(&bytes);
    if let Some(at) = text.find('\0') {
        let line = 1 + text[..at].matches('\n').count();
        return Err((
            Some(line),
            "binary data (NUL byte): not a text article".to_string(),
        ));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut record = parse(text, path)?;
    if let Some(at) = guessed {
        super::not_utf8(&mut record, path, Some(line_of(&bytes, at)), "");
    }
    Ok(record)
}

fn line_of(bytes: &[u8], at: usize) -> usize {
    1 + bytes[..at].iter().filter(|&&b| b == b'\n').count()
}

/// Parses one text article; errors carry the line they concern.
pub(crate) fn parse(text: &str, path: &str) -> Result<Record, (Option<usize>, String)> {
    let mut article = Article {
        id: super::id_base(path),
        path: path.to_string(),
        ..Article::default()
    };
    // an unreadable date, and its line
    let mut date_text: Option<(String, usize)> = None;
    let trimmed = text.trim_start();
    let first_line = 1 + text[..text.len() - trimmed.len()].matches('\n').count();
    let body = if let Some(rest) = strip_date_word(trimmed) {
        match date::parse_prefix(rest) {
            Some((dt, used)) => {
                article.date = Some(dt);
                &rest[used..]
            }
            None => {
                let (shown, body) = unreadable_date_line(rest);
                date_text = Some((shown.chars().take(30).collect(), first_line));
                body
            }
        }
    } else if let Some((headers, body)) = header_block(trimmed) {
        for (i, (key, value)) in headers.into_iter().enumerate() {
            let mut bad = None;
            apply_header(&mut article, &key, value, &mut bad);
            if let Some(value) = bad {
                date_text = Some((value, first_line + i));
            }
        }
        if article.id == super::id_base(path) && !article.url.is_empty() {
            article.id.clone_from(&article.url);
        }
        body
    } else {
        trimmed
    };
    article.body = body.trim().to_string();
    if article.is_empty() {
        return Err((None, "no text after the header".to_string()));
    }
    super::finish(&mut article);
    let warning = date_text.map(|(shown, line)| {
        Problem::new(
            path,
            Some(line),
            format!("unrecognised date {shown:?}: article kept as undated"),
        )
    });
    Ok(Record { article, warning })
}

/// Splits a `date` line whose date could not be read into the words taken
/// for the date (shown in the warning) and the body. The date is the run of
/// date-like words the line starts with (`Sept. 23, 2025`, `June 23`); the
/// text after it stays in the body, so an unreadable date never costs the
/// article its first paragraph. A short line of other words (`date someday
/// soon`) is taken for the date as a whole; a longer one is body text.
fn unreadable_date_line(rest: &str) -> (&str, &str) {
    let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
    let mut end = 0;
    for (at, word) in words_with_offsets(line) {
        if !date_like(word) {
            break;
        }
        end = at + word.len();
    }
    if end > 0 {
        return (&line[..end], rest[end..].trim_start_matches([' ', '\t']));
    }
    let words = line.split_whitespace().count();
    if words <= 3 && !line.trim_end().ends_with(['.', '!', '?', '"', '”']) {
        (line.trim(), after)
    } else {
        let first = line.split_whitespace().next().unwrap_or("");
        (first, rest)
    }
}

fn words_with_offsets(line: &str) -> impl Iterator<Item = (usize, &str)> {
    line.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - line.as_ptr() as usize, w))
}

/// A word that may be part of a written date or time: it holds a digit, or
/// names a month, a weekday, a half of the day or a time zone (the others).
fn date_like(word: &str) -> bool {
    const NAMES: &[&str] = &[
        "mon",
        "monday",
        "tue",
        "tues",
        "tuesday",
        "wed",
        "wednesday",
        "thu",
        "thur",
        "thurs",
        "thursday",
        "fri",
        "friday",
        "sat",
        "saturday",
        "sun",
        "sunday",
        "am",
        "pm",
        "a.m",
        "p.m",
        "utc",
        "gmt",
        "est",
        "edt",
        "cst",
        "cdt",
        "mst",
        "mdt",
        "pst",
        "pdt",
        "cet",
        "cest",
        "bst",
    ];
    let w = word.trim_end_matches([',', '.', ';', ':']);
    w.bytes().any(|b| b.is_ascii_digit()) || NAMES.iter().any(|n| n.eq_ignore_ascii_case(w))
}

/// `date ` (any case) at the very start, returning what follows.
fn strip_date_word(text: &str) -> Option<&str> {
    let head = text.get(..5)?;
    (head.eq_ignore_ascii_case("date ") || head.eq_ignore_ascii_case("date\t"))
        .then(|| text[5..].trim_start_matches([' ', '\t']))
}

const HEADER_KEYS: &[&str] = &[
    "title",
    "headline",
    "date",
    "published",
    "source",
    "publisher",
    "url",
    "link",
    "author",
    "byline",
    "speaker",
    "speakers",
    "dateline",
    "id",
];

/// A header block: `Key: value` lines, the first with a known key, ended by a
/// blank line. Returns the pairs and the body after the block.
fn header_block(text: &str) -> Option<(Vec<(String, &str)>, &str)> {
    let mut pairs = Vec::new();
    let mut rest = text;
    loop {
        let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            return (!pairs.is_empty()).then_some((pairs, after));
        }
        let (key, value) = line.split_once(':')?;
        let key = key.trim().to_ascii_lowercase();
        let known = HEADER_KEYS.contains(&key.as_str());
        if (pairs.is_empty() && !known) || key.is_empty() || key.contains(char::is_whitespace) {
            return None;
        }
        pairs.push((key, value.trim()));
        if after.is_empty() {
            // no blank line ends the block: a title with its headers is an article
            // without text; anything else is the body ("Source: the council said …")
            let titled = pairs
                .iter()
                .any(|(k, _)| matches!(k.as_str(), "title" | "headline"));
            return titled.then_some((pairs, ""));
        }
        rest = after;
    }
}

/// Sets the field a header names; an unreadable date is handed back in `bad_date`.
fn apply_header(article: &mut Article, key: &str, value: &str, bad_date: &mut Option<String>) {
    let value = value.to_string();
    match key {
        "title" | "headline" => article.title = value,
        "date" | "published" => match date::parse(&value) {
            Some(dt) => article.date = Some(dt),
            None if value.is_empty() => {}
            None => *bad_date = Some(value),
        },
        "source" | "publisher" => article.source = value,
        "url" | "link" => article.url = value,
        "id" => article.id = value,
        "author" | "byline" => article.authors.push(value),
        "speaker" | "speakers" => article
            .speakers
            .extend(value.split(';').map(|s| s.trim().to_string())),
        "dateline" => article.dateline = value,
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Article {
        parse(text, "a.txt").unwrap().article
    }

    #[test]
    fn a_date_line_may_carry_the_first_paragraph() {
        let a = ok(" date 2025-06-23 BAKU, Azerbaijan, June 23. The talks began.\n\nMore.");
        assert_eq!(a.date.unwrap().to_rfc3339(), "2025-06-23T00:00:00+00:00");
        assert_eq!(
            a.body,
            "BAKU, Azerbaijan, June 23. The talks began.\n\nMore."
        );
        assert_eq!(a.dateline, "BAKU, Azerbaijan");
    }

    #[test]
    fn a_date_line_in_words_then_the_body_on_the_next_line() {
        let a = ok("date March 12, 2024\nThe port closed.");
        assert_eq!(a.date.unwrap().to_rfc3339(), "2024-03-12T00:00:00+00:00");
        assert_eq!(a.body, "The port closed.");
    }

    #[test]
    fn a_header_block_fills_the_metadata() {
        let a = ok(
            "Title: Port strike ends\nDate: 12 March 2024\nSource: Harbour Herald\n\
                    URL: https://h.example/1\nAuthor: Ann Lee\nSpeaker: Tom Reyes; Zoë Brandt\n\n\
                    LAGOS (Harbour Herald) — Dockers returned.\n\nSecond.",
        );
        assert_eq!(a.title, "Port strike ends");
        assert_eq!(a.source, "Harbour Herald");
        assert_eq!(a.id, "https://h.example/1");
        assert_eq!(a.authors, ["Ann Lee"]);
        assert_eq!(a.speakers, ["Tom Reyes", "Zoë Brandt"]);
        assert_eq!(a.dateline, "LAGOS");
        assert!(a.body.starts_with("LAGOS"));
    }

    #[test]
    fn a_colon_in_the_first_sentence_is_not_a_header() {
        let a = ok("Note: this is the body.\nIt goes on.");
        assert_eq!(a.title, "");
        assert_eq!(a.body, "Note: this is the body.\nIt goes on.");
    }

    #[test]
    fn without_a_date_line_or_header_the_file_is_the_body() {
        let a = ok("\n\nJust text.\n\nAnd more.\n");
        assert_eq!(a.body, "Just text.\n\nAnd more.");
        assert_eq!(a.date, None);
        assert_eq!(a.id, "a.txt");
    }

    #[test]
    fn an_unreadable_date_line_warns_and_keeps_the_text() {
        let record = parse("date someday soon\nThe text.", "a.txt").unwrap();
        assert_eq!(record.article.date, None);
        assert_eq!(record.article.body, "The text.");
        assert!(record.warning.is_some());
    }

    #[test]
    fn an_unreadable_date_never_takes_the_first_paragraph_with_it() {
        let record = parse(
            "date 31 Juno 2025 PARIS - The talks ended.\n\nMore.",
            "a.txt",
        )
        .unwrap();
        assert_eq!(record.article.date, None);
        assert_eq!(
            record.article.body,
            "Juno 2025 PARIS - The talks ended.\n\nMore."
        );
        let warning = record.warning.unwrap();
        assert!(warning.reason.contains("\"31\""), "{}", warning.reason);
        // no date-like word at all: a sentence is body text
        let record = parse("date yesterday officials said the port closed.", "a.txt").unwrap();
        assert_eq!(
            record.article.body,
            "yesterday officials said the port closed."
        );
        // a date read in full keeps its line's text, as before
        let a = ok("date Sept. 23, 2025 WASHINGTON (Reuters) - The Senate voted.");
        assert_eq!(a.date.unwrap().to_rfc3339(), "2025-09-23T00:00:00+00:00");
        assert_eq!(a.body, "WASHINGTON (Reuters) - The Senate voted.");
    }

    #[test]
    fn a_header_date_warning_names_its_line() {
        let record = parse("\nTitle: X\nSource: Y\nDate: garbage\n\nBody.", "a.txt").unwrap();
        assert_eq!(record.warning.unwrap().at.line, Some(4));
    }

    #[test]
    fn empty_and_binary_files_are_rejected() {
        assert!(parse_file(b"  \n\n ".to_vec(), "a.txt").is_err());
        let (line, reason) = parse_file(b"ab\ncd\0ef".to_vec(), "a.txt").unwrap_err();
        assert_eq!(line, Some(2));
        assert!(reason.contains("binary"));
        let (line, _) = parse_file(b"\xff\xfea\x00\n\x00\x00\x00".to_vec(), "a.txt").unwrap_err();
        assert_eq!(line, Some(2), "a NUL in UTF-16 text is binary too");
    }

    #[test]
    fn text_that_is_not_utf8_is_read_as_latin1_with_a_warning() {
        let record =
            parse_file(b"date 2024-01-02\n\nThe caf\xe9 opened.".to_vec(), "a.txt").unwrap();
        assert_eq!(record.article.body, "The caf\u{e9} opened.");
        let warning = record.warning.expect("warned");
        assert_eq!(
            warning.to_string(),
            "a.txt:3: not UTF-8: read as windows-1252 (Latin-1)"
        );
        // a date warning of the same file is kept beside it
        let record = parse_file(b"date someday\n\nna\xefve".to_vec(), "a.txt").unwrap();
        let warning = record.warning.expect("warned").reason;
        assert!(
            warning.starts_with("not UTF-8") && warning.contains("unrecognised date"),
            "{warning}"
        );
    }

    #[test]
    fn a_utf8_mark_on_latin1_text_is_dropped_not_read_as_text() {
        let record = parse_file(
            b"\xef\xbb\xbfdate 2024-01-02\n\nThe caf\xe9 opened.".to_vec(),
            "a.txt",
        )
        .unwrap();
        assert_eq!(record.article.body, "The caf\u{e9} opened.");
        assert_eq!(
            record.article.date.unwrap().to_rfc3339(),
            "2024-01-02T00:00:00+00:00"
        );
        assert_eq!(record.warning.unwrap().at.line, Some(3));
    }

    #[test]
    fn utf16_text_reads_as_its_byte_order_mark_says() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(
            "date 2024-03-01\n\nThe caf\u{e9} opened."
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        let record = parse_file(bytes, "a.txt").unwrap();
        assert_eq!(record.article.body, "The caf\u{e9} opened.");
        assert_eq!(
            record.article.date.unwrap().to_rfc3339(),
            "2024-03-01T00:00:00+00:00"
        );
        assert!(record.warning.is_none());
    }

    #[test]
    fn headers_with_no_blank_line_after_them_are_a_title_or_the_body() {
        assert_eq!(ok("Title: Only a title\n").title, "Only a title");
        // no title: the line is the article's text
        let a = ok("Source: The council said on Monday it would vote.\n");
        assert_eq!(a.body, "Source: The council said on Monday it would vote.");
        assert!(a.source.is_empty());
    }
}
