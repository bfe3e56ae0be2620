//! Hostile and broken input, through the real binary: each must give a clear
//! one-line error (or be handled), never a panic or a debug dump, and valid
//! records in the same run are kept. Terminal output must be harmless; JSON
//! must keep the original text exactly.

mod util;

use std::io::Write;

use util::Env;

/// No panic, no Rust debug output, every stderr line short and plain.
fn assert_clean(run: &util::Run) {
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(!run.stderr.contains("RUST_BACKTRACE"), "{}", run.stderr);
    assert!(!run.stderr.contains("Os {"), "{}", run.stderr);
    for line in run.err_lines() {
        assert!(line.len() < 400, "long error line: {line}");
    }
}

fn good_line(id: &str) -> String {
    serde_json::json!({"id": id, "title": "Harbour news", "date": "2024-05-01", "body": "The harbour reopened on Monday after the storm, the port authority said in a statement."})
        .to_string()
}

/// Writes `head`, 200 MiB of `x`, then `tail` to `path`.
fn write_huge(path: &std::path::Path, head: &str, tail: &str) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    f.write_all(head.as_bytes()).unwrap();
    let chunk = "x".repeat(1 << 20);
    for _ in 0..200 {
        f.write_all(chunk.as_bytes()).unwrap();
    }
    f.write_all(tail.as_bytes()).unwrap();
}

#[test]
#[ignore = "writes 200 MB; run in release: cargo test --release --test hostile -- --ignored"]
fn a_200_mb_single_line_record_is_skipped_and_the_rest_kept() {
    let env = Env::new();
    let path = env.dir.path().join("huge.ndjson");
    write_huge(
        &path,
        &format!("{}\n{{\"id\": \"huge\", \"body\": \"", good_line("before")),
        &format!("\"}}\n{}\n", good_line("after")),
    );
    let run = env.run(&["ingest", "--quiet", util::path_str(&path)]);
    std::fs::remove_file(&path).ok();
    assert_eq!(run.code, 2);
    assert_clean(&run);
    assert_eq!(run.err_lines().len(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("huge.ndjson:2: record longer than 16 MiB"),
        "{}",
        run.stderr
    );
    assert_eq!(env.stats().articles, 2);
}

#[test]
#[ignore = "writes 200 MB; run in release: cargo test --release --test hostile -- --ignored"]
fn a_csv_cell_of_200_mb_never_closed_stops_its_file_and_the_rest_is_kept() {
    let env = Env::new();
    let path = env.dir.path().join("huge.csv");
    write_huge(
        &path,
        "id,title,body\nbefore,Harbour news,The harbour reopened on Monday.\nhuge,Endless,\"",
        "",
    );
    let good = env.write(
        "good.csv",
        "id,title,body\nafter,Harbour news,The ferry runs again.\n",
    );
    let run = env.run(&[
        "ingest",
        "--quiet",
        util::path_str(&path),
        util::path_str(&good),
    ]);
    std::fs::remove_file(&path).ok();
    assert_eq!(run.code, 2);
    assert_clean(&run);
    assert_eq!(run.err_lines().len(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("huge.csv:3: record longer than 16 MiB"),
        "{}",
        run.stderr
    );
    assert_eq!(env.stats().articles, 2);
    // the reader gave up after 17 MiB, not at the end of the 200: measured by hand
    // with /usr/bin/time, the ingest peaks at about 80 MB of memory
}

#[test]
#[ignore = "10 MB of text; run in release: cargo test --release --test hostile -- --ignored"]
fn a_line_of_ten_million_characters_is_indexed_in_bounded_passages() {
    let env = Env::new();
    let path = env.write(
        "long.txt",
        &format!(
            "date 2024-05-02 {}\n\nThe harbour is calm.",
            "a".repeat(10_000_000)
        ),
    );
    let run = env.run(&["ingest", "--quiet", util::path_str(&path)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_clean(&run);
    let hits = env.search("harbour", &[]);
    assert_eq!(hits.len(), 1);
    let stats = env.stats();
    assert!(stats.passages > 600, "{}", stats.passages);
}

#[test]
fn broken_json_of_every_kind_gives_one_line_each() {
    let env = Env::new();
    let nested = format!(
        "{{\"id\": \"deep\", \"body\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let lines = [
        good_line("ok-1"),
        nested,
        "{\"id\": \"nul\", \"body\": \"a\u{0}b\"}".to_string(),
        "{\"id\": \"ws\", \"title\": \"\", \"body\": \" \\n\\t \"}".to_string(),
        "{\"id\": \"num\", \"body\": {\"text\": 42}}".to_string(),
        "[1, 2, 3]".to_string(),
        "{\"id\": \"unclosed\", \"body\": \"open".to_string(),
        good_line("ok-2"),
    ];
    let mut bytes = lines.join("\n").into_bytes();
    // Latin-1 in the middle of an article: read as such, with a warning.
    bytes.extend_from_slice(b"\n{\"id\": \"latin\", \"body\": \"caf\xe9 au lait\"}\n");
    let path = env.dir.path().join("broken.ndjson");
    std::fs::write(&path, bytes).unwrap();
    let run = env.run(&["ingest", "--quiet", util::path_str(&path)]);
    assert_eq!(run.code, 2);
    assert_clean(&run);
    // Lines 2..=7 are bad; 1 and 8 are kept, and 9 with a warning. A raw NUL
    // inside a JSON string is invalid JSON.
    let err = run.err_lines();
    for line in [2, 3, 4, 5, 6, 7, 9] {
        let prefix = format!("broken.ndjson:{line}: ");
        assert_eq!(
            err.iter().filter(|l| l.contains(&prefix)).count(),
            1,
            "line {line}: {err:#?}"
        );
    }
    assert!(
        run.stderr
            .contains("broken.ndjson:9: warning: not UTF-8: read as windows-1252"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("no title and no text"),
        "{}",
        run.stderr
    );
    assert_eq!(env.stats().articles, 3);
    let found = env.run(&["search", "café", "--json"]);
    assert!(
        found.stdout.contains("caf\u{e9} au lait"),
        "{}",
        found.stdout
    );
}

#[test]
fn extreme_dates_are_kept_and_searchable_or_refused_plainly() {
    let env = Env::new();
    let lines: Vec<String> = [
        ("y0", "0000-01-01"),
        ("y9999", "9999-12-31T23:59:59Z"),
        ("y1901", "1901-05-04"),
        ("neg", "-100000000"),
    ]
    .iter()
    .map(|(id, date)| {
        serde_json::json!({"id": id, "title": "Old harbour", "date": date, "body": "The harbour was busy that year, the records show, with ships from every port."}).to_string()
    })
    .collect();
    let path = env.write("dates.ndjson", &lines.join("\n"));
    let run = env.run(&["ingest", "--quiet", util::path_str(&path)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // the year 0 is a placeholder, not a date: kept undated, with a warning on its line
    assert_clean(&run);
    assert!(
        run.stderr
            .contains(":1: warning: unrecognised date \"0000-01-01\""),
        "{}",
        run.stderr
    );
    let stats = env.stats();
    assert_eq!(stats.articles, 4);
    assert_eq!(stats.undated, 1);
    assert_eq!(stats.first_date.as_deref(), Some("1901-05-04T00:00:00Z"));
    assert_eq!(stats.last_date.as_deref(), Some("9999-12-31T23:59:59Z"));
    assert_eq!(env.count("harbour", &["--to", "1969"]).articles, 2);
    assert_eq!(env.count("harbour", &["--from", "9999"]).articles, 1);
    // A timeline over eight thousand years by year is fine; by day it is too many rows.
    assert_eq!(env.run(&["timeline", "harbour", "--by", "year"]).code, 0);
    let by_day = env.run(&["timeline", "harbour", "--by", "day"]);
    assert_eq!(by_day.code, 2);
    assert_clean(&by_day);
    assert!(by_day.stderr.contains("more than"), "{}", by_day.stderr);
}

#[test]
fn hostile_queries_are_clear_errors() {
    let env = Env::new();
    env.ingest(&["tests/fixtures/broken/good.txt"]);
    let many = vec!["ferry"; 10_000].join(" ");
    let deep = format!("{}ferry{}", "(".repeat(1000), ")".repeat(1000));
    let long = "x".repeat(3000);
    for (query, says) in [
        (long.as_str(), "words of 80 bytes or more are not indexed"),
        (many.as_str(), "more than 1024 terms"),
        (deep.as_str(), "nested more than"),
        ("\"unterminated phrase", "unterminated phrase"),
        ("NOT", "NOT needs a term"),
        ("nosuchfield:ferry", "unknown field `nosuchfield:`"),
        ("ferry AND", "AND needs a term"),
        ("()", "empty parentheses"),
        ("— …", "no searchable words"),
    ] {
        let run = env.run(&["search", query]);
        assert_eq!(run.code, 2, "{query:.40}");
        assert_clean(&run);
        assert_eq!(run.err_lines().len(), 1, "{}", run.stderr);
        assert!(run.stderr.contains(says), "{query:.40}: {}", run.stderr);
    }
}

#[test]
fn terminal_tricks_are_removed_from_human_output_but_kept_in_json() {
    let env = Env::new();
    let body = "The harbour \u{1b}[2J\u{1b}]0;pwned\u{7}master said\u{202e}gnp.exe\u{200b} that the \
                port reopened\u{0} on Monday after the storm had passed over the coast.";
    let line = serde_json::json!({"id": "tricky", "title": "Harbour \u{1b}[31mred", "date": "2024-01-01", "body": body});
    let path = env.write("tricky.ndjson", &line.to_string());
    env.ingest(&[util::path_str(&path)]);
    let human = env.run(&["search", "harbour", "--color", "never"]);
    assert_eq!(human.code, 0);
    for bad in ['\u{1b}', '\u{7}', '\u{202e}', '\u{200b}', '\u{0}'] {
        assert!(
            !human.stdout.contains(bad),
            "{bad:?} reached the terminal: {:?}",
            human.stdout
        );
    }
    let hits = env.search("harbour", &[]);
    assert_eq!(hits[0].text, body);
    assert_eq!(hits[0].title, "Harbour \u{1b}[31mred");
}

#[test]
fn an_index_from_another_schema_version_asks_for_a_re_ingest() {
    let env = Env::new();
    env.ingest(&["tests/fixtures/broken/good.txt"]);
    std::fs::write(
        env.index.join("dateline.json"),
        r#"{"schema_version": 999, "created_by": "dateline 9.9"}"#,
    )
    .unwrap();
    for args in [
        &["search", "ferry"][..],
        &["stats"],
        &["ingest", "tests/fixtures/broken/good.txt"],
    ] {
        let run = env.run(args);
        assert_eq!(run.code, 2, "{args:?}");
        assert_clean(&run);
        assert!(run.stderr.contains("re-ingest needed"), "{}", run.stderr);
    }
    std::fs::remove_file(env.index.join("dateline.json")).unwrap();
    let run = env.run(&["search", "ferry"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("not a dateline index"),
        "{}",
        run.stderr
    );
}
