//! Property tests: the fuzz targets of dateline, run on random and
//! adversarial input. Each property states what must hold for *every* input;
//! a failing case is shrunk and saved under `proptest-regressions/` (kept in
//! the repository as a regression test).
//!
//! `cargo test --test properties` runs each for 256 cases (CI's smoke run);
//! for a longer run: `PROPTEST_CASES=100000 cargo test --release --test properties`.

use proptest::prelude::*;

use dateline::analysis::Analyzer;
use dateline::highlight::{Highlighter, window};
use dateline::passage;
use dateline::query::{self, QueryBuilder};
use dateline::read::{self, Format};
use dateline::{date, sanitize, schema};

/// Text that looks like news: words, punctuation, quotes, apostrophes, blank
/// lines, non-ASCII letters, and the occasional control or bidi character.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[A-Za-z]{1,9}",
        1 => "[0-9]{1,4}",
        1 => Just(" ".to_string()),
        1 => Just(". ".to_string()),
        1 => Just(", ".to_string()),
        1 => Just("\n\n".to_string()),
        1 => prop::sample::select(vec![
            "\"", "“", "”", "'", "’", "‘", "—", "-", "(", ")", "Zoë", "Çelik", "é", "\u{202e}",
            "\u{200b}", "\u{1b}[31m", "\0", "\t", "\r\n", "ß", "İ", "ﬁ", "🙂",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.join(" "))
}

/// Queries built from the language's pieces, valid or not.
fn querylike() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-z]{1,6}",
        1 => prop::sample::select(vec![
            "AND", "OR", "NOT", "-", "(", ")", "\"", "“", "*", "~2", "title:", "source:",
            "speaker:", "quote:", "date:", "foo:", "[2024 TO 2025]", "{2024-01 TO *}", "[", "]",
            "date:2025-06", "clos*", "\"borders closed\"", "é", ":", "~", "~x",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..20).prop_map(|v| v.join(" "))
}

proptest! {
    #[test]
    fn the_query_parser_never_panics_and_errors_point_inside(q in prop_oneof![querylike(), any::<String>()]) {
        match query::parse(&q) {
            Ok(expr) => {
                let fields = schema::Fields::of(&schema::build()).unwrap();
                // Building may refuse (no searchable words) but must not panic.
                let _ = QueryBuilder::new(&fields).build(&expr);
            }
            Err(e) => prop_assert!(e.column >= 1 && e.column <= q.chars().count() + 1, "{e}"),
        }
    }

    #[test]
    fn highlights_are_sorted_disjoint_spans_on_char_boundaries(
        text in newsy(),
        q in querylike(),
    ) {
        let Ok(expr) = query::parse(&q) else { return Ok(()) };
        let mut h = Highlighter::new(&expr);
        let spans = h.spans(&text, Some(&text));
        for list in [&spans.text, &spans.title] {
            for s in list.iter() {
                prop_assert!(s.start < s.end && s.end <= text.len());
                prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            }
            for pair in list.windows(2) {
                prop_assert!(pair[0].end <= pair[1].start, "{:?}", list);
            }
        }
        let w = window(&text, &spans.text, 120);
        prop_assert!(w.start <= w.end && w.end <= text.len());
        prop_assert!(text.is_char_boundary(w.start) && text.is_char_boundary(w.end));
    }

    #[test]
    fn passages_cover_the_body_in_order_on_char_boundaries(body in newsy()) {
        let passages = passage::split(&body);
        prop_assert!(!passages.is_empty());
        let mut words = 0;
        for (i, p) in passages.iter().enumerate() {
            prop_assert_eq!(p.ordinal as usize, i);
            prop_assert!(p.range.end <= body.len());
            prop_assert!(body.is_char_boundary(p.range.start) && body.is_char_boundary(p.range.end));
            words += p.text(&body).split_whitespace().count();
        }
        for pair in passages.windows(2) {
            prop_assert!(pair[0].range.end <= pair[1].range.start);
        }
        prop_assert_eq!(words, body.split_whitespace().count());
    }

    #[test]
    fn words_have_increasing_positions_and_true_offsets(text in newsy()) {
        let words = Analyzer::default().words(&text);
        for w in &words {
            prop_assert!(text.is_char_boundary(w.start) && text.is_char_boundary(w.end));
            prop_assert!(w.start < w.end);
        }
        for pair in words.windows(2) {
            prop_assert!(pair[0].position < pair[1].position);
            prop_assert!(pair[0].end <= pair[1].start);
        }
    }

    #[test]
    fn dates_parse_or_refuse_without_panicking(s in prop_oneof![
        any::<String>(),
        "[0-9]{1,5}-[0-9]{1,2}-[0-9]{1,2}( [0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)?",
        "[0-9]{1,20}",
        "(Mon|Tue), [0-9]{1,2} (Jan|Feb|Zzz) [0-9]{1,4} [0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4}",
    ]) {
        let _ = date::parse(&s);
        let _ = date::parse_bound(&s, date::Side::Start);
        let _ = date::parse_bound(&s, date::Side::End);
        if let Some((_, used)) = date::parse_prefix(&s) {
            prop_assert!(used <= s.len() && s.is_char_boundary(used));
        }
    }

    #[test]
    fn the_text_reader_takes_any_bytes(bytes in prop_oneof![
        prop::collection::vec(any::<u8>(), 0..400),
        newsy().prop_map(|t| format!("date 2024-01-02 {t}").into_bytes()),
        newsy().prop_map(|t| format!("Title: {t}\nDate: 2024-01-02\n\n{t}").into_bytes()),
    ]) {
        let out = read::read_bytes(Format::Text, &bytes, "fuzz.txt");
        prop_assert_eq!(out.len(), 1);
        if let Ok(record) = &out[0] {
            prop_assert!(!record.article.is_empty());
        }
    }

    #[test]
    fn the_json_readers_take_any_bytes(bytes in prop_oneof![
        prop::collection::vec(any::<u8>(), 0..400),
        "[\\[\\]{}\":,a-z0-9 \n]{0,200}".prop_map(String::into_bytes),
        newsy().prop_map(|t| serde_json::json!({"id": "x", "title": t, "body": t, "date": t}).to_string().into_bytes()),
    ]) {
        for format in [Format::Json, Format::Ndjson] {
            for outcome in read::read_bytes(format, &bytes, "fuzz.json") {
                if let Err(problem) = outcome {
                    // One line, naming the file.
                    let line = problem.to_string();
                    prop_assert!(line.starts_with("fuzz.json"));
                    prop_assert!(!line.contains('\n'), "{line}");
                }
            }
        }
    }

    #[test]
    fn sanitised_text_has_no_controls_but_newlines(text in newsy()) {
        let clean = sanitize::for_terminal(&text);
        prop_assert!(clean.chars().all(|c| c == '\n' || !c.is_control()));
        let bad = ['\u{202e}', '\u{1b}'];
        prop_assert!(!clean.contains(bad), "escape or override left in {:?}", clean);
    }
}
