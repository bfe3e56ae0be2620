//! `Passage`: the unit dateline indexes, ranks and shows — a self-contained
//! excerpt of an article, normally one paragraph as its author wrote it.
//!
//! Sizes, in words (white-space separated), chosen from the paragraph lengths
//! of the shared corpora (wire paragraphs: median 24 words, 99th percentile
//! 57; magazine and web paragraphs: 99th percentile about 120; some archives
//! have no paragraph breaks at all, a median "paragraph" of 435 words):
//!
//! * a paragraph under [`MIN_WORDS`] (15: a table row, a one-clause line such
//!   as "The talks resumed on Monday.") is merged with a neighbour, so the
//!   excerpt carries enough context to be read and ranked on its own;
//! * a paragraph of up to [`MAX_WORDS`] (300) stays whole: a long paragraph is
//!   still the author's unit (a quoted statement, a speech), and shown hits are
//!   windowed around their matches anyway;
//! * a longer paragraph is split at sentence boundaries into nearly equal
//!   parts of about [`SPLIT_WORDS`] (150, a dozen lines of a terminal) — in
//!   practice, text that lost its paragraph breaks;
//! * merging never makes a passage longer than [`SPLIT_WORDS`].
//!
//! BM25 normalises by length, so passages of similar size also rank fairly
//! against each other. Every article has at least one passage (an empty one
//! when it has only a title), so that every article can be found.

use std::ops::Range;

/// Paragraphs shorter than this are merged with a neighbour.
pub const MIN_WORDS: usize = 15;
/// Paragraphs up to this long stay whole.
pub const MAX_WORDS: usize = 300;
/// Size of the parts of a longer paragraph, and the limit of merging.
pub const SPLIT_WORDS: usize = 150;

/// One passage of an article: its ordinal and byte range in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// 0-based position among the article's passages.
    pub ordinal: u32,
    /// Byte range in the article body (end exclusive).
    pub range: Range<usize>,
}

impl Passage {
    /// The passage's text within `body`.
    pub fn text<'a>(&self, body: &'a str) -> &'a str {
        &body[self.range.clone()]
    }
}

/// A stretch of the body with its word count.
#[derive(Debug, Clone)]
struct Unit {
    range: Range<usize>,
    words: usize,
}

/// Splits an article body into passages.
pub fn split(body: &str) -> Vec<Passage> {
    let mut units = Vec::new();
    for para in paragraphs(body) {
        let words = word_count(&body[para.clone()]);
        if words > MAX_WORDS {
            units.extend(split_long(body, para, words));
        } else {
            units.push(Unit { range: para, words });
        }
    }
    let merged: Vec<Unit> = merge_short(units)
        .into_iter()
        .flat_map(|u| cut_bytes(body, u))
        .collect();
    if merged.is_empty() {
        return vec![Passage {
            ordinal: 0,
            range: 0..0,
        }];
    }
    merged
        .into_iter()
        .enumerate()
        .map(|(i, u)| Passage {
            ordinal: i as u32,
            range: u.range,
        })
        .collect()
}

/// Words of `text`, as `split_whitespace` counts them; ASCII text byte by byte.
fn word_count(text: &str) -> usize {
    if !text.is_ascii() {
        return text.split_whitespace().count();
    }
    // the ASCII white space of `char::is_whitespace`: space, and tab to carriage return
    // (`|`, not `||`, and integers, not branches: the loop vectorises)
    let space = |b: u8| u8::from(b == b' ') | u8::from(b.wrapping_sub(b'\t') <= b'\r' - b'\t');
    let bytes = text.as_bytes();
    let Some(&first) = bytes.first() else {
        return 0;
    };
    // a word starts at the first byte, or where white space gives way to something else
    let later: usize = bytes
        .iter()
        .zip(&bytes[1..])
        .map(|(&a, &b)| usize::from(space(a) & (space(b) ^ 1)))
        .sum();
    usize::from(space(first) ^ 1) + later
}

/// Byte ranges of the paragraphs (runs of text between blank lines), trimmed.
pub fn paragraphs(body: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let content = line.trim();
        if content.is_empty() {
            if let Some(s) = start.take() {
                out.push(s..end);
            }
        } else {
            let lead = line.len() - line.trim_start().len();
            start.get_or_insert(offset + lead);
            end = offset + line.trim_end().len();
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.push(s..end);
    }
    out
}

/// Splits a long paragraph into nearly equal runs of whole sentences.
fn split_long(body: &str, para: Range<usize>, words: usize) -> Vec<Unit> {
    let sentences = sentences(body, para.clone());
    let parts = words.div_ceil(SPLIT_WORDS).max(2);
    let target = words.div_ceil(parts);
    let mut out: Vec<Unit> = Vec::new();
    let mut current: Option<Unit> = None;
    for sentence in sentences {
        let n = word_count(&body[sentence.clone()]);
        for piece in cut_sentence(body, sentence, n) {
            let unit = match current.take() {
                Some(mut cur) if cur.words < target && cur.words + piece.words <= SPLIT_WORDS => {
                    cur.range.end = piece.range.end;
                    cur.words += piece.words;
                    cur
                }
                Some(cur) => {
                    out.push(cur);
                    piece
                }
                None => piece,
            };
            current = Some(unit);
        }
    }
    out.extend(current);
    out
}

/// A sentence longer than [`SPLIT_WORDS`] (a table, a run-on list) is cut at
/// word boundaries so that no passage grows without bound.
fn cut_sentence(body: &str, sentence: Range<usize>, words: usize) -> Vec<Unit> {
    if words <= SPLIT_WORDS {
        return vec![Unit {
            range: sentence,
            words,
        }];
    }
    let text = &body[sentence.clone()];
    let mut out = Vec::new();
    let mut start = 0;
    let mut count = 0;
    let mut last_end = 0;
    for (i, word) in word_spans(text) {
        if count == SPLIT_WORDS {
            out.push(Unit {
                range: sentence.start + start..sentence.start + last_end,
                words: count,
            });
            start = i;
            count = 0;
        }
        count += 1;
        last_end = i + word.len();
    }
    if count > 0 {
        out.push(Unit {
            range: sentence.start + start..sentence.start + last_end,
            words: count,
        });
    }
    out
}

fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt", "st",
    "jr", "sr", "rev", "inc", "corp", "co", "ltd", "vs", "no", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "mt",
    "ft", "pres", "gov't", "dept", "est", "approx", "fig", "calif", "mass", "wash", "penn",
];

/// Byte ranges of the sentences of a paragraph.
pub fn sentences(body: &str, para: Range<usize>) -> Vec<Range<usize>> {
    let text = &body[para.clone()];
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '?' | '!') {
            continue;
        }
        // Closing quotes and brackets belong to the sentence they end.
        let mut end = i + 1;
        while let Some(next) = text[end..].chars().next() {
            if matches!(next, '"' | '\'' | '”' | '’' | ')' | ']') {
                end += next.len_utf8();
            } else {
                break;
            }
        }
        let next_is_space = bytes.get(end).is_some_and(u8::is_ascii_whitespace);
        if !next_is_space || (c == '.' && is_abbreviation(&text[start..i])) {
            continue;
        }
        let rest = text[end..].trim_start();
        let starts_sentence = rest
            .chars()
            .next()
            .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || "\"“‘'(".contains(n));
        if starts_sentence {
            out.push(para.start + start..para.start + end);
            start = end + (text[end..].len() - rest.len());
        }
    }
    if start < text.len() {
        out.push(para.start + start..para.end);
    }
    out
}

fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    let lower = word.to_ascii_lowercase();
    // A single letter is an initial: "J. Smith", "U.S." is covered above.
    word.chars().count() == 1 && word.chars().all(char::is_uppercase)
        || ABBREVIATIONS.contains(&lower.as_str())
}

/// Longest passage in bytes. Real passages are a few kilobytes at most; text
/// with no spaces (encoded data, a runaway table) is cut here, at a space
/// when there is one, so that no passage is too big to show or store.
pub const MAX_BYTES: usize = 16 << 10;

/// Cuts a unit longer than [`MAX_BYTES`] into pieces that are not.
fn cut_bytes(body: &str, unit: Unit) -> Vec<Unit> {
    if unit.range.len() <= MAX_BYTES {
        return vec![unit];
    }
    let mut out = Vec::new();
    let mut start = unit.range.start;
    while unit.range.end - start > MAX_BYTES {
        let mut end = start + MAX_BYTES;
        while !body.is_char_boundary(end) {
            end -= 1;
        }
        // Prefer the last white space in the second half of the piece.
        let piece = &body[start..end];
        if let Some(space) = piece
            .rfind(char::is_whitespace)
            .filter(|&s| s > MAX_BYTES / 2)
        {
            end = start + space;
        }
        out.push(Unit {
            range: start..end,
            words: word_count(&body[start..end]),
        });
        start = end + body[end..].len() - body[end..].trim_start().len();
    }
    if start < unit.range.end {
        out.push(Unit {
            range: start..unit.range.end,
            words: word_count(&body[start..unit.range.end]),
        });
    }
    out
}

/// Merges units under [`MIN_WORDS`] into a neighbour, within [`SPLIT_WORDS`].
fn merge_short(units: Vec<Unit>) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    for unit in units {
        match out.last_mut() {
            Some(last)
                if (last.words < MIN_WORDS || unit.words < MIN_WORDS)
                    && last.words + unit.words <= SPLIT_WORDS =>
            {
                last.range.end = unit.range.end;
                last.words += unit.words;
            }
            _ => out.push(unit),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str) -> Vec<&str> {
        split(body).iter().map(|p| p.text(body)).collect()
    }

    fn sentence(n: usize, word: &str) -> String {
        let mut s = vec![word; n].join(" ");
        s.push('.');
        s[..1].make_ascii_uppercase();
        s
    }

    #[test]
    fn word_count_agrees_with_split_whitespace() {
        for text in [
            "",
            " ",
            "one",
            " two  words ",
            "tab\tand\x0bvertical\x0cfeed\r\nend",
            "non\u{a0}breaking space and café",
        ] {
            assert_eq!(
                word_count(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn paragraphs_of_normal_length_are_passages() {
        let p1 = sentence(40, "alpha");
        let p2 = sentence(60, "beta");
        let body = format!("{p1}\n\n{p2}");
        assert_eq!(texts(&body), [p1.as_str(), p2.as_str()]);
    }

    #[test]
    fn a_short_paragraph_joins_the_next_one() {
        let short = "He said the talks failed.";
        let long = sentence(40, "gamma");
        assert!(word_count(short) < MIN_WORDS);
        let body = format!("{short}\n\n{long}\n\n{long}");
        let got = split(&body);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].text(&body), format!("{short}\n\n{long}"));
    }

    #[test]
    fn a_short_last_paragraph_joins_the_previous_one() {
        let long = sentence(40, "delta");
        let body = format!("{long}\n\nEnds here.");
        assert_eq!(texts(&body), [body.as_str()]);
    }

    #[test]
    fn a_long_paragraph_splits_at_sentence_ends_into_even_parts() {
        let sentences: Vec<String> = (0..14).map(|_| sentence(30, "epsilon")).collect();
        let body = sentences.join(" ");
        let got = texts(&body);
        assert_eq!(got.len(), 3, "420 words → 3 parts of about 140");
        for part in &got {
            assert!(part.ends_with('.'), "{part}");
            assert!(word_count(part) <= SPLIT_WORDS);
        }
        assert_eq!(got.join(" "), body);
    }

    #[test]
    fn a_paragraph_of_up_to_300_words_stays_whole() {
        let body = vec![sentence(29, "zeta"); 10].join(" ");
        assert_eq!(texts(&body), [body.as_str()]);
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        let text = "Mr. Smith met Dr. J. Jones in the U.S. on Monday. Then he left.";
        let s: Vec<_> = sentences(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            s,
            [
                "Mr. Smith met Dr. J. Jones in the U.S. on Monday.",
                "Then he left."
            ]
        );
    }

    #[test]
    fn a_closing_quote_stays_with_its_sentence() {
        let text = "“We will stay.” She left. \"Never.\" Done";
        let s: Vec<_> = sentences(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(s, ["“We will stay.”", "She left.", "\"Never.\"", "Done"]);
    }

    #[test]
    fn text_without_sentence_ends_is_cut_at_words() {
        let body = vec!["12.5"; 400].join(" ");
        let got = texts(&body);
        assert!(got.iter().all(|p| word_count(p) <= SPLIT_WORDS));
        assert_eq!(got.iter().map(|p| word_count(p)).sum::<usize>(), 400);
    }

    #[test]
    fn text_without_spaces_is_cut_into_pieces_of_bounded_size() {
        let body = "é".repeat(20_000) + " tail";
        let got = split(&body);
        assert!(got.len() >= 3);
        for p in &got {
            assert!(p.range.len() <= MAX_BYTES);
            assert!(body.is_char_boundary(p.range.start) && body.is_char_boundary(p.range.end));
        }
        assert_eq!(got.last().unwrap().range.end, body.len());
    }

    #[test]
    fn offsets_point_into_the_body_as_given() {
        let body = "  First para here.\r\n \r\nSecond para.  \n";
        let got = split(body);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].text(body), "First para here.\r\n \r\nSecond para.");
        let paras: Vec<_> = paragraphs(body).into_iter().map(|r| &body[r]).collect();
        assert_eq!(paras, ["First para here.", "Second para."]);
    }

    #[test]
    fn an_empty_body_still_has_one_passage() {
        assert_eq!(
            split(""),
            [Passage {
                ordinal: 0,
                range: 0..0
            }]
        );
        assert_eq!(
            split(" \n\n "),
            [Passage {
                ordinal: 0,
                range: 0..0
            }]
        );
    }

    #[test]
    fn every_word_of_the_body_is_in_exactly_one_passage() {
        let body = format!(
            "{}\n\nShort one.\n\n{}\n\n{}",
            sentence(10, "a"),
            vec![sentence(20, "b"); 30].join(" "),
            sentence(5, "c")
        );
        let passages = split(&body);
        let total: usize = passages.iter().map(|p| word_count(p.text(&body))).sum();
        assert_eq!(total, word_count(&body));
        for pair in passages.windows(2) {
            assert!(pair[0].range.end <= pair[1].range.start);
        }
    }
}
