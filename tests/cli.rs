//! End-to-end tests of the `dateline` binary on the sample archive and on
//! fixtures written here.

mod util;

use std::collections::BTreeSet;

use util::{Env, path_str, repo};

fn sample_env() -> Env {
    let env = Env::new();
    env.ingest(&["sample/"]);
    env
}

#[test]
fn the_quick_start_finds_borders_closed_from_2024() {
    let env = sample_env();
    let hits = env.search(r#""borders closed""#, &["--from", "2024-01"]);
    let articles: std::collections::HashSet<_> = hits.iter().map(|h| &h.article_id).collect();
    assert_eq!(articles.len(), 5, "{hits:#?}");
    for hit in &hits {
        assert!(hit.date.as_deref().unwrap() >= "2024-01-01", "{hit:?}");
        assert!(!hit.marked().is_empty(), "no highlight in {hit:?}");
        for marked in hit.marked() {
            assert_eq!(marked.to_lowercase(), "borders closed");
        }
    }
    // Without the date filter, the two 2023 articles come back too.
    assert_eq!(env.count(r#""borders closed""#, &[]).articles, 7);
}

#[test]
fn the_phrase_does_not_match_other_wordings() {
    let env = sample_env();
    for hit in env.search(r#""borders closed""#, &["--limit", "50"]) {
        let lower = hit.text.to_lowercase();
        assert!(lower.contains("borders closed"), "{}", hit.text);
    }
    // The words alone match many more passages than the phrase.
    let words = env.count("borders closed", &[]);
    let phrase = env.count(r#""borders closed""#, &[]);
    assert!(words.passages > phrase.passages, "{words:?} {phrase:?}");
}

#[test]
fn bare_words_match_stems_and_highlight_them() {
    let env = sample_env();
    let hits = env.search("closure", &["--limit", "50"]);
    assert!(!hits.is_empty());
    for hit in &hits {
        for marked in hit.marked() {
            assert!(marked.to_lowercase().starts_with("closur"), "{marked}");
        }
    }
}

#[test]
fn human_output_shows_rank_date_title_and_coloured_matches() {
    let env = sample_env();
    let run = env.run(&[
        "search",
        r#""borders closed""#,
        "--from",
        "2024-01",
        "--color",
        "always",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("\x1b[1m1.\x1b[0m \x1b[2m2"),
        "{}",
        run.stdout
    );
    // A phrase is one coloured span, space included.
    assert!(
        run.stdout.contains("\x1b[1;31mborders closed\x1b[0m"),
        "{}",
        run.stdout
    );
    let plain = env.run(&["search", r#""borders closed""#, "--color", "never"]);
    assert!(!plain.stdout.contains('\x1b'));
    assert!(plain.stdout.contains("Drozd tells parliament"));
}

#[test]
fn a_second_ingest_replaces_instead_of_duplicating() {
    let env = sample_env();
    let before = env.stats();
    let again = env.run(&["ingest", "sample/"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stderr.contains("30 replaced"), "{}", again.stderr);
    let after = env.stats();
    assert_eq!(
        (before.articles, before.passages),
        (after.articles, after.passages)
    );
    assert_eq!(after.articles, 30);
    assert_eq!(after.undated, 1);
}

#[test]
fn a_web_page_and_a_table_in_the_sample_read_as_their_json_did() {
    let env = sample_env();
    let hits = env.search("\"Digital Platforms Commission\"", &["--limit", "1"]);
    let page = &hits[0];
    assert_eq!(
        page.article_id,
        "https://lagoonpost.example/tech/2024/11/19/softer-data-rules"
    );
    assert_eq!(
        page.title,
        "Start-ups win softer data rules as AI-label plan moves ahead"
    );
    assert_eq!(page.authors, ["Chiamaka Eze", "Tobi Adewale"]);
    assert_eq!(page.date.as_deref(), Some("2024-11-19T17:00:00Z"));
    // the page's furniture is not the article
    assert!(env.search("\"Most read\"", &[]).is_empty());
    assert!(env.search("analytics", &[]).is_empty());
    let hits = env.search("\"Alcornosa reservoir\" emergency", &["--limit", "1"]);
    assert_eq!(hits[0].article_id, "md-2024-0416-campina-emergency");
    assert_eq!(hits[0].source, "Meridian Daily");
    assert_eq!(hits[0].authors, ["Hugo Marchetti"]);
}

#[test]
fn broken_files_get_one_line_each_and_good_articles_are_kept() {
    let env = Env::new();
    let run = env.run(&["ingest", "tests/fixtures/broken"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let err = run.err_lines();
    let line_for = |name: &str| -> Vec<&&str> { err.iter().filter(|l| l.contains(name)).collect() };
    for (file, reason) in [
        ("binary.txt:1:", "binary"),
        ("empty.txt:", "empty file"),
        ("latin1.txt:1:", "not UTF-8: read as windows-1252"),
        ("mixed.ndjson:2:", "invalid JSON"),
        ("odd-date.json:1:", "unrecognised date"),
        ("truncated.ndjson.gz:2:", "truncated"),
        // a file named .gz that is not gzip is an error, not an empty file
        (
            "not-gzip.ndjson.gz:1:",
            "corrupt compressed data (invalid gzip header)",
        ),
        (
            "not-gzip.json.gz:",
            "corrupt compressed data (invalid gzip header)",
        ),
        ("notes.xml", "unsupported"),
        ("table.csv:3:", "not UTF-8: read as windows-1252"),
    ] {
        let lines = line_for(file);
        assert_eq!(lines.len(), 1, "{file}: {err:#?}");
        assert!(lines[0].contains(reason), "{file}: {}", lines[0]);
    }
    // No Rust debug output, no panics.
    assert!(!run.stderr.contains("panicked") && !run.stderr.contains("Error {"));
    let ids: std::collections::HashSet<String> = env
        .search("harbour OR ferry", &["--limit", "20", "--no-collapse"])
        .into_iter()
        .map(|h| h.article_id)
        .collect();
    for id in [
        "fixture-1",
        "fixture-2",
        "fixture-3",
        "fixture-6",
        "fixture-7",
    ] {
        assert!(ids.contains(id), "{id} missing from {ids:?}");
    }
    // text in Latin-1 is read as such, with the warning above
    let cafes: Vec<String> = env
        .search("café", &["--no-collapse"])
        .into_iter()
        .map(|h| h.text)
        .collect();
    assert_eq!(cafes.len(), 2, "{cafes:?}");
    assert!(
        cafes.iter().all(|t| t.contains("café on the quay")),
        "{cafes:?}"
    );
    assert_eq!(env.stats().articles, 8);
}

#[test]
fn strict_commits_nothing_when_anything_is_rejected() {
    let env = Env::new();
    let run = env.run(&["ingest", "--strict", "tests/fixtures/broken"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("nothing committed"), "{}", run.stderr);
    // The index this run created holds nothing, so it is not left behind.
    assert!(!env.index.exists(), "an empty index was left behind");
    // A clean input commits under --strict.
    let clean = env.run(&[
        "ingest",
        "--strict",
        "--quiet",
        "tests/fixtures/broken/good.txt",
    ]);
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    assert_eq!(env.stats().articles, 1);
}

#[test]
fn an_ingest_that_indexes_nothing_leaves_no_index_behind() {
    let env = Env::new();
    let bad = env.write("bad.ndjson", "{\"title\": \"cut off\"\n");
    let run = env.run(&["ingest", path_str(&bad)]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("bad.ndjson:1: invalid JSON"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("no index created"), "{}", run.stderr);
    assert!(!env.index.exists(), "an empty index was left behind");
    // So a search says there is no index, not that nothing matched.
    let search = env.run(&["search", "cut"]);
    assert_eq!(search.code, 2);
    assert!(search.stderr.contains("no index"), "{}", search.stderr);

    // nor the directories above it
    let deep = env.index.join("a").join("b");
    let run = util::run(util::bare().args(["ingest", path_str(&bad), "--index", path_str(&deep)]));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("no index created"), "{}", run.stderr);
    assert!(!env.index.exists(), "directories were made for nothing");
    // --strict rolling back a run that made them takes them away again
    let mut cmd = util::bare();
    let strict = cmd.args(["ingest", "--strict", "--index", path_str(&deep)]);
    let run = util::run(strict.args(["tests/fixtures/broken/good.txt", path_str(&bad)]));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("nothing committed (1 article read); no index created"),
        "{}",
        run.stderr
    );
    assert!(!env.index.exists(), "the rolled-back index was left behind");

    // A directory that was there before keeps what it held, and only that,
    // also when --strict rolls back a run that had made an index in it.
    std::fs::create_dir_all(&env.index).expect("mkdir");
    std::fs::write(env.index.join("notes.txt"), "kept\n").expect("write");
    assert_eq!(env.run(&["ingest", path_str(&bad)]).code, 2);
    let good_and_bad = ["tests/fixtures/broken/good.txt", path_str(&bad)];
    let strict = env.run(&[&["ingest", "--strict"][..], &good_and_bad[..]].concat());
    assert_eq!(strict.code, 2, "{}", strict.stderr);
    let left: Vec<_> = std::fs::read_dir(&env.index)
        .expect("index dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(left, ["notes.txt"]);
    // and a good run is refused there: a folder of one's own files is no
    // place for an index's files
    let run = env.run(&["ingest", "tests/fixtures/broken/good.txt"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("holds other files"), "{}", run.stderr);
    let left: Vec<_> = std::fs::read_dir(&env.index)
        .expect("index dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(left, ["notes.txt"]);
    std::fs::remove_file(env.index.join("notes.txt")).expect("rm");

    // A dateline.json that is not dateline's is never overwritten.
    let theirs = env.dir.path().join("theirs");
    std::fs::create_dir_all(&theirs).expect("mkdir");
    std::fs::write(theirs.join("dateline.json"), "{\"mine\": 1}\n").expect("write");
    let run = util::run(util::bare().args([
        "ingest",
        "--strict",
        "--index",
        path_str(&theirs),
        "tests/fixtures/broken/good.txt",
    ]));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("is not a dateline index"),
        "{}",
        run.stderr
    );
    let kept = std::fs::read_to_string(theirs.join("dateline.json")).expect("kept");
    assert_eq!(kept, "{\"mine\": 1}\n");

    // An index that exists is never removed, even by a run that adds nothing.
    env.ingest(&["tests/fixtures/broken/good.txt"]);
    assert_eq!(env.run(&["ingest", path_str(&bad)]).code, 2);
    assert_eq!(env.stats().articles, 1);
}

#[test]
fn a_fuzzy_word_finds_the_other_spellings_of_a_name() {
    let env = Env::new();
    let articles = [
        (
            "n1",
            "Gaddafi",
            "Colonel Gaddafi addressed the summit in a long speech.",
        ),
        (
            "n2",
            "Qaddafi",
            "Officials said Qaddafi would not attend the talks.",
        ),
        (
            "n3",
            "Kadhafi",
            "A statement from Kadhafi reached the agency at noon.",
        ),
        (
            "n4",
            "Gadhafi",
            "The son of Gadhafi gave an interview to local radio.",
        ),
        (
            "n5",
            "nothing",
            "The harbour reopened after the storm had passed.",
        ),
        ("n6", "Gaddafi", "Gaddafi spoke again on Friday at length."),
        (
            "n7",
            "Gaddafi",
            "Supporters of Gaddafi gathered in the square.",
        ),
    ];
    let lines: Vec<String> = articles
        .iter()
        .map(|(id, title, text)| {
            format!(r#"{{"id":"{id}","title":"On {title}","date":"2011-03-01","text":"{text}"}}"#)
        })
        .collect();
    let path = env.write("names.ndjson", &(lines.join("\n") + "\n"));
    env.ingest(&[path_str(&path)]);

    let found = |query: &str| -> BTreeSet<String> {
        env.search(query, &["--limit", "10"])
            .iter()
            .flat_map(|h| h.marked().into_iter().map(str::to_string))
            .collect()
    };
    // two edits (the default for a word this long) reach every spelling
    assert_eq!(
        found("gaddafi~"),
        BTreeSet::from(["Gaddafi", "Qaddafi", "Kadhafi", "Gadhafi"].map(String::from))
    );
    // one edit: not Kadhafi (two away)
    assert_eq!(
        found("gaddafi~1"),
        BTreeSet::from(["Gaddafi", "Qaddafi", "Gadhafi"].map(String::from))
    );
    assert_eq!(env.count("gaddafi~1", &[]).articles, 5);
    // the rarer spellings do not outrank the one typed for being rarer
    let first = env.search("gaddafi~1", &["--limit", "1"]).remove(0);
    assert_eq!(first.marked(), ["Gaddafi"], "{first:?}");
    // in a phrase-like AND with other words, and excluded
    assert_eq!(
        found("qaddafi~1 talks"),
        BTreeSet::from(["Qaddafi", "talks"].map(String::from))
    );
    assert_eq!(env.count("harbour NOT gaddafi~", &[]).articles, 1);
    // nothing in reach: no results, not an error
    let none = env.run(&["search", "zyxwvut~"]);
    assert_eq!(none.code, 1, "{}", none.stderr);
    // a distance the syntax does not allow
    let bad = env.run(&["search", "gaddafi~5"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("at most 2 edits"), "{}", bad.stderr);
}

#[test]
fn show_prints_a_whole_article_by_the_id_search_gives() {
    let env = sample_env();
    let hit = env
        .search(r#""frank exchange""#, &["--limit", "1"])
        .remove(0);
    assert!(hit.passage > 0, "the phrase is not in the lead: {hit:?}");

    // every passage, in order, as JSON Lines of the search's shape
    let run = env.run(&[
        "show",
        &hit.article_id,
        "--json",
        "-q",
        r#""frank exchange""#,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let passages = run.hits();
    assert!(passages.len() > 3, "{passages:?}");
    let ordinals: Vec<u32> = passages.iter().map(|p| p.passage).collect();
    assert_eq!(ordinals, (0..passages.len() as u32).collect::<Vec<_>>());
    assert!(passages.iter().all(|p| p.article_id == hit.article_id));
    // the passages tile the body: each starts after the one before
    assert!(passages.windows(2).all(|w| w[0].end <= w[1].start));
    // the query's matches are marked where they are, and only there
    let marked: Vec<(u32, Vec<&str>)> = passages
        .iter()
        .filter(|p| !p.highlights.is_empty())
        .map(|p| (p.passage, p.marked()))
        .collect();
    assert_eq!(marked, [(hit.passage, vec!["frank exchange"])]);
    // the found passage reads the same as in the search, in full
    let same = &passages[hit.passage as usize];
    assert_eq!((same.start, same.end), (hit.start, hit.end));

    // human output: the title, no rank, every passage number
    let human = env.run(&["show", &hit.article_id]);
    assert_eq!(human.code, 0);
    let day = hit.date.clone().unwrap_or_default();
    assert!(human.stdout.starts_with(&day[..10]), "{}", human.stdout);
    assert!(human.stdout.contains(&hit.title));
    assert!(human.stdout.contains(&format!("¶{}", passages.len())));

    // a file's article by the path search shows for it
    let by_path = env.run(&[
        "show",
        "sample/clippings/geneva-talks-hauliers-count-cost.txt",
        "--json",
    ]);
    assert_eq!(by_path.code, 0, "{}", by_path.stderr);
    assert_eq!(by_path.hits()[0].article_id, hit.article_id);

    // an id the index does not have: said on stderr, exit 1, the others shown
    let missing = env.run(&["show", "no-such-article", &hit.article_id, "--json"]);
    assert_eq!(missing.code, 1);
    assert!(
        missing
            .stderr
            .contains("no article with id \"no-such-article\""),
        "{}",
        missing.stderr
    );
    assert_eq!(missing.hits().len(), passages.len());
    // a query that does not parse is an error, found or not
    let bad = env.run(&["show", "no-such-article", "-q", "\"unclosed"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("query error"), "{}", bad.stderr);
}

#[test]
fn delete_removes_an_article_and_nothing_else() {
    let env = sample_env();
    let before = env.stats();
    let hit = env
        .search(r#""frank exchange""#, &["--limit", "1"])
        .remove(0);
    let passages = env.run(&["show", &hit.article_id, "--json"]).hits().len() as u64;

    let run = env.run(&["delete", &hit.article_id]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("deleted 1 article ({passages} passages)")),
        "{}",
        run.stderr
    );
    let after = env.stats();
    assert_eq!(after.articles, before.articles - 1);
    assert_eq!(after.passages, before.passages - passages);
    assert_eq!(env.run(&["search", r#""frank exchange""#]).code, 1);
    assert_eq!(env.run(&["show", &hit.article_id]).code, 1);

    // an id that is not there: said, exit 1, the index untouched
    let again = env.run(&["delete", &hit.article_id, "--index", path_str(&env.index)]);
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains("no article with id"),
        "{}",
        again.stderr
    );
    assert_eq!(env.stats().articles, after.articles);

    // by the path search shows for a file; re-ingesting brings it back
    let path = "sample/clippings/geneva-talks-hauliers-count-cost.txt";
    env.ingest(&[path]);
    assert_eq!(env.stats().articles, before.articles);
    assert_eq!(env.run(&["delete", path]).code, 0);
    assert_eq!(env.stats().articles, after.articles);
}

#[test]
fn show_finds_a_file_by_the_path_search_shows_from_anywhere_and_delete_only_by_its_own() {
    let env = Env::new();
    let a = env.write("a/note.txt", "Title: Ferry\n\nThe ferry sailed at dawn.\n");
    let b = env.write(
        "b/note.txt",
        "Title: Bridge\n\nThe bridge opened at noon.\n",
    );
    let c = env.write("b/other.txt", "Title: Quay\n\nThe quay was rebuilt.\n");
    env.ingest(&[path_str(&a), path_str(&b), path_str(&c)]);
    // run from elsewhere, with the path as a relative one, the files gone
    std::fs::remove_file(&c).expect("rm");
    let elsewhere = |args: &[&str]| {
        let mut cmd = env.command();
        util::run(cmd.current_dir(env.dir.path()).args(args))
    };
    let found = elsewhere(&["show", "b/other.txt", "--json"]);
    assert_eq!(found.code, 0, "{}", found.stderr);
    assert_eq!(found.hits()[0].title, "Quay");
    // a path's end that two files share names neither
    let both = elsewhere(&["show", "note.txt"]);
    assert_eq!(both.code, 1);
    assert!(both.stderr.contains("names 2 articles"), "{}", both.stderr);
    // delete takes no guesses: a path's end is not enough
    let none = elsewhere(&["delete", "note.txt"]);
    assert_eq!(none.code, 1);
    assert!(
        none.stderr.contains("no article with id"),
        "{}",
        none.stderr
    );
    let moved = elsewhere(&["delete", "b/other.txt"]);
    assert_eq!(moved.code, 1, "{}", moved.stderr);
    assert_eq!(env.stats().articles, 3);
    let one = elsewhere(&["delete", "b/note.txt", "b/note.txt"]);
    assert_eq!(one.code, 0, "{}", one.stderr);
    assert!(one.stderr.contains("deleted 1 article"), "{}", one.stderr);
    assert!(one.stderr.contains(&format!(
        "deleted {}",
        b.canonicalize().expect("b").display()
    )));
    assert_eq!(env.stats().articles, 2);
    assert_eq!(
        elsewhere(&["show", "note.txt", "--json"]).hits()[0].title,
        "Ferry"
    );
}

#[test]
fn exit_codes_say_results_none_or_error() {
    let env = sample_env();
    assert_eq!(env.run(&["search", "ferry"]).code, 0);
    let none = env.run(&["search", r#""borders closed""#, "--from", "2025-06"]);
    assert_eq!(none.code, 1);
    assert!(none.stdout.is_empty());
    assert!(none.stderr.contains("no results"));
    let syntax = env.run(&["search", r#"borders "closed"#]);
    assert_eq!(syntax.code, 2);
    assert_eq!(syntax.err_lines().len(), 1, "{}", syntax.stderr);
    assert!(syntax.stderr.contains("column 9"), "{}", syntax.stderr);
    let flag = env.run(&["search", "x", "--no-such-flag"]);
    assert_eq!(flag.code, 2);
    let date = env.run(&["search", "x", "--from", "June"]);
    assert_eq!(date.code, 2);
    assert!(
        date.stderr.contains("invalid --from date"),
        "{}",
        date.stderr
    );
}

#[test]
fn searching_without_an_index_says_how_to_make_one() {
    let env = Env::new();
    let run = env.run(&["search", "anything"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("dateline ingest"), "{}", run.stderr);
}

#[test]
fn an_unknown_extension_named_explicitly_is_an_error() {
    let env = Env::new();
    let run = env.run(&["ingest", "tests/fixtures/broken/notes.xml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(".txt, .json, .ndjson, .jsonl"),
        "{}",
        run.stderr
    );
}

#[test]
fn count_json_gives_passages_and_articles() {
    let env = sample_env();
    let counts = env.count("strike OR walkout", &[]);
    assert!(
        counts.articles >= 5 && counts.passages >= counts.articles,
        "{counts:?}"
    );
    let human = env.run(&["search", "strike OR walkout", "--count"]);
    assert!(
        human
            .stdout
            .contains(&format!("articles: {}", counts.articles))
    );
    // CSV is a header and one row, like every other CSV output
    let csv = env.run(&["search", "strike OR walkout", "--count", "--csv"]);
    assert_eq!(
        csv.stdout,
        format!(
            "passages,articles\r\n{},{}\r\n",
            counts.passages, counts.articles
        )
    );
}

#[test]
fn date_filters_are_inclusive_periods() {
    let env = sample_env();
    let june = env.search(
        "Bahía",
        &["--from", "2024-05", "--to", "2024-06", "--limit", "50"],
    );
    assert!(!june.is_empty());
    for hit in &june {
        let d = hit.date.as_deref().unwrap();
        assert!(("2024-05-01".."2024-07-01").contains(&d), "{d}");
    }
    // The same range written in the query.
    let in_query = env.count("Bahía date:[2024-05 TO 2024-06]", &[]);
    let by_flags = env.count("Bahía", &["--from", "2024-05", "--to", "2024-06"]);
    assert_eq!(in_query, by_flags);
}

#[test]
fn filters_do_not_change_the_ranking() {
    let env = sample_env();
    let all = env.search("strike", &["--limit", "50", "--per-article", "1"]);
    let filtered = env.search(
        "strike",
        &["--from", "2023", "--limit", "50", "--per-article", "1"],
    );
    let scores = |hits: &[util::Hit]| -> Vec<(String, u32)> {
        hits.iter()
            .map(|h| (h.article_id.clone(), (h.score * 1000.0) as u32))
            .collect()
    };
    assert_eq!(scores(&all), scores(&filtered));
}

/// Every passage matching `query`, as (article, passage).
fn passages(env: &Env, query: &str) -> BTreeSet<(String, u32)> {
    let all = ["--limit", "1000", "--per-article", "1000", "--no-collapse"];
    env.search(query, &all)
        .into_iter()
        .map(|h| (h.article_id, h.passage))
        .collect()
}

#[test]
fn not_excludes_passages_and_a_lone_not_is_an_error() {
    let env = sample_env();
    let strike = passages(&env, "strike");
    let port = passages(&env, "port");
    assert!(
        strike.intersection(&port).next().is_some(),
        "the test needs both"
    );
    let without: BTreeSet<_> = strike.difference(&port).cloned().collect();
    assert_eq!(passages(&env, "strike AND NOT port"), without);
    assert_eq!(passages(&env, "strike -port"), without);
    assert_eq!(env.run(&["search", "NOT"]).code, 2);
}

#[test]
fn a_minus_before_a_phrase_or_a_group_excludes_it() {
    let env = sample_env();
    let strike = passages(&env, "strike");
    let port = passages(&env, "port");
    let without: BTreeSet<_> = strike.difference(&port).cloned().collect();
    assert!(
        !without.is_empty() && without.len() < strike.len(),
        "the test needs both"
    );
    assert_eq!(passages(&env, "strike -(port OR zzzz)"), without);
    // a phrase excludes its exact words only (`ports` stays)
    let phrase = passages(&env, r#"strike -"port""#);
    assert_eq!(phrase, passages(&env, r#"strike NOT "port""#));
    assert!(phrase.len() < strike.len(), "the phrase excluded nothing");
    // and an exclusion inside parentheses leaves the AND article-wide
    assert_eq!(
        passages(&env, "strike (port -zzzz)"),
        passages(&env, "strike port")
    );
}

#[test]
fn a_query_that_starts_with_a_minus_is_explained_in_one_line() {
    let env = sample_env();
    let run = env.run(&["search", "-strike port"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.err_lines().len(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("goes after '--'"), "{}", run.stderr);
    // as it says, after `--` it is a query
    assert_eq!(env.run(&["search", "--", "-strike port"]).code, 0);
    // a wrong flag is one line too
    let run = env.run(&["search", "strike", "--bogus"]);
    assert_eq!((run.code, run.err_lines().len()), (2, 1), "{}", run.stderr);
}

#[test]
fn and_joins_words_across_the_passages_of_an_article() {
    let env = sample_env();
    let articles =
        |q: &str| -> BTreeSet<String> { passages(&env, q).into_iter().map(|(a, _)| a).collect() };
    let (strike, port) = (articles("strike"), articles("port"));
    let both: BTreeSet<String> = strike.intersection(&port).cloned().collect();
    assert_eq!(articles("strike port"), both);
    // the passages shown are those of these articles that match either word
    let either: BTreeSet<_> = passages(&env, "strike OR port")
        .into_iter()
        .filter(|(a, _)| both.contains(a))
        .collect();
    assert_eq!(passages(&env, "strike port"), either);
    // a passage holding only one of the words exists, so this is not the
    // passage-level AND
    let same: BTreeSet<_> = passages(&env, "strike")
        .intersection(&passages(&env, "port"))
        .cloned()
        .collect();
    assert!(either.len() > same.len());
}

#[test]
fn prefixes_match_every_word_that_starts_with_them() {
    let env = sample_env();
    let hits = env.search("reservoi*", &["--limit", "50"]);
    assert!(!hits.is_empty());
    for hit in &hits {
        for m in hit.marked() {
            assert!(m.to_lowercase().starts_with("reservoi"), "{m}");
        }
    }
}

#[test]
fn a_phrase_prefix_stands_for_every_word_that_starts_with_it() {
    let env = Env::new();
    // 300 words starting with "p" that sort before "prices": a phrase prefix cut to the
    // first 200 of them (tantivy's order) missed "oil prices"
    let many: Vec<String> = (0..300).map(|i| format!("pa{i:03}")).collect();
    let body = format!(
        "{}\n\nTraders said oil prices fell on Monday.",
        many.join(" ")
    );
    let record = serde_json::json!({"id": "p1", "date": "2024-03-01", "body": body});
    let path = env.write("p.ndjson", &format!("{record}\n"));
    env.ingest(&[path_str(&path)]);
    let hits = env.search("\"oil p*\"", &[]);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].marked(), ["oil prices"]);
    // more words with the prefix than any expansion would keep: every one is looked at
    let words: Vec<String> = (0..10_001).map(|i| format!("q{i:05}")).collect();
    let record = serde_json::json!({"id": "q1", "body": format!("{} oil qz", words.join(" "))});
    let path = env.write("q.ndjson", &format!("{record}\n"));
    env.ingest(&[path_str(&path)]);
    assert_eq!(env.count("\"oil q*\"", &[]).passages, 1);
    assert_eq!(env.count("\"oil qa*\"", &[]).passages, 0);
}

#[test]
fn ingesting_a_folder_again_skips_the_index_inside_it() {
    let env = Env::new();
    let article = env.write(
        "a.txt",
        "date 2024-05-01\n\nThe ferry resumed service on Monday.\n",
    );
    // the index lives in the same folder as the articles (`dateline ingest .`)
    let folder = article.parent().expect("temp dir").to_path_buf();
    let folder = path_str(&folder);
    env.ingest(&[folder]);
    // read again without complaint (exit 0), and nothing doubled
    let again = env.ingest(&[folder]);
    assert!(again.stderr.is_empty(), "{}", again.stderr);
    assert_eq!(env.stats().articles, 1);
    // the index itself named as input: one line saying what it is
    let index = env.index.display().to_string();
    let run = env.run(&["ingest", "--quiet", &index]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("a dateline index, not articles"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_exact_form_of_a_word_outranks_a_rarer_form_of_it() {
    let env = Env::new();
    // eight articles with "closed", one with the rarer "close": the rare form had the
    // higher IDF and came first
    let mut lines = String::new();
    for i in 0..8 {
        let body = format!("Shop number {i} closed early on Monday because its owner was ill.");
        lines.push_str(&serde_json::json!({"id": format!("c{i}"), "body": body}).to_string());
        lines.push('\n');
    }
    let body = "Shop number 99 will close early on Monday because its owner is ill.";
    lines.push_str(&serde_json::json!({"id": "rare", "body": body}).to_string());
    lines.push('\n');
    let path = env.write("shops.ndjson", &lines);
    env.ingest(&[path_str(&path)]);
    let hits = env.search("closed", &["--no-collapse", "--limit", "20"]);
    assert_eq!(hits.len(), 9, "every form matches");
    assert_eq!(hits.last().map(|h| h.article_id.as_str()), Some("rare"));
    // typed as "close", the word itself comes first
    let hits = env.search("close", &["--no-collapse", "--limit", "20"]);
    assert_eq!(hits.first().map(|h| h.article_id.as_str()), Some("rare"));
}

#[test]
fn per_article_groups_passages_under_one_rank() {
    let env = sample_env();
    let hits = env.search("Varga", &["--per-article", "2", "--limit", "3"]);
    let ranks: std::collections::BTreeSet<_> = hits.iter().map(|h| h.rank).collect();
    assert_eq!(ranks.into_iter().collect::<Vec<_>>(), [1, 2, 3]);
    for rank in 1..=3 {
        let group: Vec<_> = hits.iter().filter(|h| h.rank == rank).collect();
        assert!(!group.is_empty() && group.len() <= 2);
        assert!(group.iter().all(|h| h.article_id == group[0].article_id));
        assert!(group.windows(2).all(|w| w[0].passage < w[1].passage));
    }
    // Paging continues where the first page ended.
    let page2 = env.search(
        "Varga",
        &["--per-article", "2", "--limit", "3", "--offset", "3"],
    );
    assert_eq!(page2.first().map(|h| h.rank), Some(4));
    assert!(
        page2
            .iter()
            .all(|h| hits.iter().all(|p| p.article_id != h.article_id))
    );
}

#[test]
fn newest_first_sorts_by_date() {
    let env = sample_env();
    let hits = env.search(
        "Karsovia",
        &["--sort", "newest", "--per-article", "1", "--limit", "30"],
    );
    let dates: Vec<_> = hits.iter().filter_map(|h| h.date.clone()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
}

#[test]
fn fields_search_titles_and_filter_sources() {
    let env = sample_env();
    for hit in env.search("title:strike", &["--limit", "50"]) {
        assert!(hit.title.to_lowercase().contains("strike"), "{}", hit.title);
    }
    let herald = env.search("port", &["--source", "harbour herald", "--limit", "50"]);
    assert!(!herald.is_empty());
    assert!(herald.iter().all(|h| h.source == "Harbour Herald"));
    assert_eq!(
        env.count("port source:\"harbour herald\"", &[]),
        env.count("port", &["--source", "Harbour Herald"])
    );
}

#[test]
fn standard_input_takes_ndjson() {
    let env = Env::new();
    let input = r#"{"id": "s1", "title": "Stdin story", "date": "2024-01-02", "body": "The lighthouse keeper retired."}
{"id": "s2", "title": "Another", "body": "No date here, only a lighthouse."}
"#;
    let run = env.run_stdin(&["ingest", "-"], input);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("indexed 2 articles"), "{}", run.stderr);
    let stats = env.stats();
    assert_eq!((stats.articles, stats.undated), (2, 1));
}

#[test]
fn standard_input_records_without_id_are_known_by_their_content() {
    let env = Env::new();
    let first = "{\"body\": \"The harbour master reported a calm week at the docks.\"}\n";
    let second = "{\"body\": \"A different story about the ferry timetable changes.\"}\n";
    assert_eq!(env.run_stdin(&["ingest", "-"], first).code, 0);
    assert_eq!(env.run_stdin(&["ingest", "-"], second).code, 0);
    assert_eq!(
        env.stats().articles,
        2,
        "a second stream must not replace the first"
    );
    let again = env.run_stdin(&["ingest", "-"], first);
    assert!(again.stderr.contains("1 replaced"), "{}", again.stderr);
    assert_eq!(env.stats().articles, 2);
}

#[test]
fn byte_order_marks_nulls_and_month_dates_are_read() {
    let env = Env::new();
    let ndjson = env.write(
        "feed.ndjson",
        "\u{feff}{\"id\": \"m1\", \"date\": \"June 2025\", \"body\": null, \"text\": \"The reservoir report came out.\"}\n",
    );
    let json = env.write(
        "one.json",
        "\u{feff}{\"id\": \"j1\", \"body\": \"A lighthouse story.\"}",
    );
    let run = env.ingest(&[path_str(&ndjson), path_str(&json)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(env.stats().articles, 2);
    let hits = env.search("reservoir", &[]);
    assert_eq!(hits[0].date.as_deref(), Some("2025-06-01T00:00:00Z"));
}

#[test]
fn a_minified_export_and_an_api_response_keep_every_article() {
    let env = Env::new();
    // one line, no ids: each record must stay its own article
    let minified = env.write(
        "export.json",
        r#"[{"title": "Ferry", "body": "The ferry sailed."}, {"title": "Dam", "body": "The dam held."}, {"title": "Mill", "body": "The mill closed."}]"#,
    );
    // an API response as saved: its articles, not the response itself
    let response = env.write(
        "response.json",
        r#"{"status": "ok", "totalResults": 1, "articles": [{"source": {"name": "Herald"}, "title": "Pier", "url": "https://herald.example/pier", "publishedAt": "2024-03-02T09:30:00Z", "content": "The pier reopened."}]}"#,
    );
    let run = env.ingest(&[path_str(&minified), path_str(&response)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(env.stats().articles, 4);
    let hits = env.search("pier", &[]);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].date.as_deref(), Some("2024-03-02T09:30:00Z"));
}

#[test]
fn a_symbolic_link_loop_is_read_once_with_a_warning() {
    let env = Env::new();
    let file = env.write(
        "arch/sub/a.ndjson",
        "{\"id\": \"L1\", \"body\": \"Loop body text.\"}\n",
    );
    let sub = file.parent().unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("..", sub.join("up")).unwrap();
    let run = env.ingest(&[path_str(sub.parent().unwrap())]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(env.stats().articles, 1);
    #[cfg(unix)]
    assert!(run.stderr.contains("symbolic link"), "{}", run.stderr);
}

#[test]
fn a_file_named_twice_or_linked_is_read_once_with_a_warning() {
    let env = Env::new();
    let file = env.write("twice/a.txt", "The night ferry sails at noon on Sundays.\n");
    let dir = file.parent().unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("a.txt", dir.join("link.txt")).unwrap();
    let again = dir.join(".").join("a.txt");
    let run = env.ingest(&[path_str(&file), path_str(&again), path_str(dir)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(env.stats().articles, 1);
    let skipped = run
        .err_lines()
        .into_iter()
        .filter(|l| l.contains("already read as"))
        .count();
    let expected = if cfg!(unix) { 3 } else { 2 };
    assert_eq!(skipped, expected, "{}", run.stderr);
}

#[test]
fn the_index_location_comes_from_the_environment_when_not_given() {
    let env = Env::new();
    let elsewhere = env.dir.path().join("from-env");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"));
    cmd.current_dir(repo())
        .env("DATELINE_INDEX", &elsewhere)
        .args(["ingest", "--quiet", "tests/fixtures/broken/good.txt"]);
    let run = util::run(&mut cmd);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(elsewhere.join("meta.json").exists());
    assert!(elsewhere.join("dateline.json").exists());
    let _ = path_str(&elsewhere);
}

#[test]
fn a_second_writer_is_refused_while_the_first_holds_the_lock() {
    use std::io::Write;
    use std::process::Stdio;
    let env = Env::new();
    env.ingest(&["tests/fixtures/broken/good.txt"]);
    let spawn_first = || {
        // It reads standard input, which stays open: it holds the lock.
        env.command()
            .args(["ingest", "--quiet", "-"])
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn")
    };
    let mut first = spawn_first();
    for _ in 0..200 {
        let second = env.run(&["ingest", "--quiet", "tests/fixtures/broken/good.txt"]);
        if second.code == 2 && second.stderr.contains("locked by another process") {
            assert_eq!(second.err_lines().len(), 1, "{}", second.stderr);
            // Searches keep working meanwhile.
            assert_eq!(env.run(&["search", "ferry"]).code, 0);
            let mut stdin = first.stdin.take().expect("stdin");
            writeln!(stdin, r#"{{"id": "late", "body": "A late ferry."}}"#).expect("write");
            drop(stdin);
            assert!(first.wait().expect("wait").success());
            assert_eq!(env.stats().articles, 2);
            return;
        }
        assert_eq!(second.code, 0, "{}", second.stderr);
        // The second may win the race for the lock before the first starts;
        // then the first is the one refused, and is started again.
        if first.try_wait().expect("try_wait").is_some() {
            first = spawn_first();
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let _ = first.kill();
    let _ = first.wait();
    panic!("the second writer was never refused");
}

#[test]
fn help_and_version_work() {
    let env = Env::new();
    let help = env.run(&["--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("ingest") && help.stdout.contains("search"));
    let version = env.run(&["--version"]);
    assert!(version.stdout.starts_with("dateline "));
}

/// The two queries charted by [`monthly_chart`].
const CHART_QUERIES: [&str; 2] = [r#""borders closed""#, "strike OR walkout"];

/// `timeline` of [`CHART_QUERIES`] by month, as JSON Lines and an SVG chart
/// in the environment's folder: the run (checked to succeed) and the chart.
fn monthly_chart(env: &Env) -> (util::Run, std::path::PathBuf) {
    let svg = env.dir.path().join("chart.svg");
    let run = env.run(&[
        "timeline",
        CHART_QUERIES[0],
        CHART_QUERIES[1],
        "--by",
        "month",
        "--json",
        "--svg",
        util::path_str(&svg),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (run, svg)
}

#[test]
fn a_chart_that_cannot_be_written_stops_the_timeline_before_its_table() {
    let env = sample_env();
    let missing = env.dir.path().join("no-such-folder").join("chart.svg");
    let run = env.run(&["timeline", "strike", "--svg", util::path_str(&missing)]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "table printed: {}", run.stdout);
    let err = run.err_lines();
    assert_eq!(err.len(), 1, "{err:?}");
    assert!(err[0].contains("no such file or directory"), "{}", err[0]);
    assert!(!err[0].contains("os error"), "{}", err[0]);
}

#[test]
fn a_slow_feed_on_standard_input_is_committed_while_it_runs() {
    use std::io::Write;
    use std::process::Stdio;
    use std::time::{Duration, Instant};
    let env = Env::new();
    let mut child = env
        .command()
        .args(["ingest", "--quiet", "--commit-every", "1", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn dateline");
    let mut stdin = child.stdin.take().expect("stdin");
    // one record, and the feed stays open: it was held until 16 had come
    writeln!(
        stdin,
        r#"{{"id": "f1", "body": "The ferry resumed service on Monday."}}"#
    )
    .expect("write");
    stdin.flush().expect("flush");
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut seen = 0;
    while Instant::now() < deadline {
        let run = env.run(&["search", "ferry", "--count", "--json"]);
        if run.code == 0 {
            let counts: util::Counts = run.json();
            seen = counts.articles;
            if seen == 1 {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    drop(stdin);
    let out = child.wait_with_output().expect("wait");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(seen, 1, "the record was searchable before the feed ended");
}

#[test]
fn timeline_says_how_many_undated_articles_it_leaves_out() {
    let env = sample_env();
    let search = env.count("border", &[]).articles;
    let run = env.run(&["timeline", "border"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = run.stderr.lines().next().unwrap_or_default().to_string();
    // the sample has one undated article that mentions a border
    let shown: u64 = line
        .split_once(": ")
        .and_then(|(_, rest)| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("a count");
    assert_eq!(shown + 1, search, "{line}");
    assert!(
        line.ends_with("(and 1 undated article not shown)"),
        "{line}"
    );
}

#[test]
fn timeline_counts_every_bucket_and_charts_one_line_per_query() {
    let env = sample_env();
    let (run, svg) = monthly_chart(&env);
    let buckets: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Consecutive calendar months, gaps included, end exclusive.
    for pair in buckets.windows(2) {
        assert_eq!(pair[0]["end"], pair[1]["start"]);
    }
    let borders: u64 = buckets
        .iter()
        .map(|b| b["queries"][0]["articles"].as_u64().unwrap())
        .sum();
    assert_eq!(borders, env.count(r#""borders closed""#, &[]).articles);
    let total: u64 = buckets
        .iter()
        .map(|b| b["articles"].as_u64().unwrap())
        .sum();
    assert!(total <= 29, "{total}");
    for b in &buckets {
        let all = b["articles"].as_f64().unwrap();
        for q in b["queries"].as_array().unwrap() {
            let share = q["share"].as_f64().unwrap();
            let expected = if all == 0.0 {
                0.0
            } else {
                q["articles"].as_f64().unwrap() / all
            };
            assert!((share - expected).abs() < 1e-9);
        }
    }
    // The chart: well-formed SVG, one series per query, one point per bucket.
    let text = std::fs::read_to_string(&svg).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("valid SVG");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    let series: Vec<_> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("series"))
        .collect();
    assert_eq!(series.len(), 2);
    assert_eq!(
        series[0].attribute("data-query"),
        Some(r#""borders closed""#)
    );
    for s in &series {
        let points = s
            .descendants()
            .filter(|n| n.attribute("class") == Some("point"))
            .count();
        assert_eq!(points, buckets.len());
        let line = s
            .descendants()
            .find(|n| n.has_tag_name("polyline"))
            .unwrap();
        assert_eq!(
            line.attribute("points").unwrap().split(' ').count(),
            buckets.len()
        );
    }
}

/// A Chromium-family browser on this machine, if any.
fn browser() -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let dirs: Vec<_> = std::env::split_paths(&path).collect();
    ["chromium", "chromium-browser", "google-chrome", "chrome"]
        .iter()
        .flat_map(|name| dirs.iter().map(move |dir| dir.join(name)))
        .find(|path| path.is_file())
}

/// Runs the headless browser on `file` with `args`; its standard output.
fn headless(browser: &std::path::Path, file: &std::path::Path, args: &[&str]) -> String {
    let out = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
        ])
        .args(args)
        .arg(format!("file://{}", file.display()))
        .output()
        .expect("run the browser");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_svg_chart_opens_in_a_browser() {
    let Some(browser) = browser() else {
        eprintln!("SKIPPED: no Chromium or Chrome on PATH to open the SVG chart in");
        return;
    };
    let env = sample_env();
    let (run, svg) = monthly_chart(&env);
    let queries = CHART_QUERIES;
    let buckets = run.stdout.lines().count();
    // The DOM the browser built from the file: no XML errors, the chart whole.
    let dom = headless(&browser, &svg, &["--dump-dom"]);
    assert!(
        dom.contains("<svg"),
        "the browser showed no SVG: {dom:.300}"
    );
    assert!(
        !dom.contains("parsererror"),
        "the browser reports errors: {dom:.600}"
    );
    assert_eq!(dom.matches(r#"class="series""#).count(), queries.len());
    assert_eq!(
        dom.matches(r#"class="point""#).count(),
        queries.len() * buckets
    );
    // And it paints it: the screenshot of the chart holds far more than that of
    // an empty page of the same size.
    let blank = env.dir.path().join("blank.svg");
    std::fs::write(
        &blank,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="960" height="480"><rect width="100%" height="100%" fill="white"/></svg>"#,
    )
    .unwrap();
    let size = |file: &std::path::Path, name: &str| {
        let shot = env.dir.path().join(name);
        let arg = format!("--screenshot={}", shot.display());
        headless(&browser, file, &[&arg, "--window-size=960,480"]);
        std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0)
    };
    let (chart, empty) = (size(&svg, "chart.png"), size(&blank, "blank.png"));
    assert!(empty > 0, "the browser wrote no screenshot");
    assert!(chart > 4 * empty, "chart {chart} bytes, empty page {empty}");
}

#[test]
fn timeline_and_facets_say_when_nothing_matches() {
    let env = sample_env();
    let none = env.run(&["timeline", "zeppelin"]);
    assert_eq!(none.code, 1);
    assert!(none.stderr.contains("no results"), "{}", none.stderr);
    let facets = env.run(&["facets", "zeppelin"]);
    assert_eq!(facets.code, 1);
    let bad = env.run(&["facets", "strike", "--field", "topic"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("source, speaker, dateline, author"),
        "{}",
        bad.stderr
    );
}

#[test]
fn facets_count_passages_and_articles_per_value() {
    let env = sample_env();
    let run = env.run(&["facets", "strike OR walkout", "--field", "source", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let total = env.count("strike OR walkout", &[]);
    let mut articles = 0;
    for row in &rows {
        let source = row["value"].as_str().unwrap();
        let by_source = env.count("strike OR walkout", &["--source", source]);
        assert!(row["articles"].as_u64().unwrap() <= by_source.articles);
        articles += row["articles"].as_u64().unwrap();
    }
    // Each matching article has one source.
    assert_eq!(articles, total.articles);
}

#[test]
fn facets_and_speakers_take_limit_as_search_does() {
    let env = sample_env();
    for command in ["facets", "speakers"] {
        let top = env.run(&[command, "--top", "1", "--json"]);
        assert_eq!(top.code, 0, "{}", top.stderr);
        assert_eq!(top.stdout.lines().count(), 1);
        for limit in ["--limit", "-n"] {
            let run = env.run(&[command, limit, "1", "--json"]);
            assert_eq!(run.stdout, top.stdout, "{command} {limit}");
        }
    }
}

#[test]
fn facets_of_article_values_count_every_matching_passage_of_the_article() {
    let env = Env::new();
    let para = |n: u32| {
        format!(
            "The dockers' strike entered its {n}th day as talks between the union and the port \
             owners stalled again over the night-shift rota and the pay offer for the summer."
        )
    };
    let body = [para(2), para(3), para(4)].join("\n\n");
    let lines = [
        serde_json::json!({"id": "w1", "source": "Harbour Wire", "dateline": "PORTVALE", "authors": ["Ann Lee"], "body": body}),
        serde_json::json!({"id": "h1", "source": "Herald", "body": para(9)}),
    ];
    let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let path = env.write("docks.ndjson", &(text.join("\n") + "\n"));
    assert_eq!(env.ingest(&[path_str(&path)]).code, 0);
    for (field, value) in [
        ("source", "Harbour Wire"),
        ("dateline", "PORTVALE"),
        ("author", "Ann Lee"),
    ] {
        let run = env.run(&["facets", "strike", "--field", field, "--json"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let row: serde_json::Value = run
            .stdout
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .find(|r| r["value"] == value)
            .unwrap_or_else(|| panic!("{field}: {}", run.stdout));
        assert_eq!(
            (row["passages"].as_u64(), row["articles"].as_u64()),
            (Some(3), Some(1)),
            "{row}"
        );
    }
}

#[test]
fn tied_results_come_in_the_same_order_whatever_the_ingest_order() {
    // the same words but a number: equal lengths, equal scores
    let places = ["pier 11", "pier 12", "pier 13", "pier 14", "pier 15"];
    let record = |place: &str| {
        serde_json::json!({
            "id": format!("strike-{}", place.replace(' ', "-")),
            "date": "2025-04-01",
            "body": format!("Workers at {place} voted to strike on Monday."),
        })
        .to_string()
    };
    let orders: Vec<Vec<&str>> = vec![places.to_vec(), places.iter().rev().copied().collect()];
    let mut listed = Vec::new();
    for order in orders {
        let env = Env::new();
        let lines: Vec<String> = order.iter().map(|p| record(p)).collect();
        let path = env.write("strikes.ndjson", &(lines.join("\n") + "\n"));
        assert_eq!(env.ingest(&[path_str(&path)]).code, 0);
        let mut ids = Vec::new();
        for sort in ["relevance", "newest"] {
            let run = env.run(&[
                "search",
                "strike",
                "--no-collapse",
                "--sort",
                sort,
                "--json",
            ]);
            let hits = run.hits();
            assert_eq!(hits.len(), places.len(), "{}", run.stdout);
            // they do tie: one score for all
            assert!(
                hits.windows(2).all(|w| w[0].score == w[1].score),
                "{}",
                run.stdout
            );
            ids.push(
                hits.iter()
                    .map(|h| h.article_id.clone())
                    .collect::<Vec<_>>(),
            );
        }
        listed.push(ids);
    }
    assert_eq!(listed[0], listed[1]);
}

/// Three versions of one invented wire story and one different story.
fn syndication_fixture(env: &Env) -> std::path::PathBuf {
    let paras = [
        "PORTVALE, March 3 (Fixture Wire) - The ferry operator Brightwater said on Monday it would \
         resume crossings to the northern islands after a storm damaged two of its piers last week.",
        "Repairs to the main pier were finished overnight, the company said, and the first sailing \
         was scheduled for nine o'clock on Tuesday morning with extra staff at the ticket office.",
        "\"We are grateful to the island communities for their patience during a difficult week,\" \
         said Ines Varro, the company's operations director, in a statement to reporters.",
        "The harbour authority said a second pier would stay closed until engineers had checked its \
         foundations, which could take another fortnight if the weather stayed rough.",
        "Freight customers were told to expect delays of up to a day while the backlog of lorries \
         waiting at the terminal was cleared.",
    ];
    let original = paras.join("\n\n");
    let reprint = format!(
        "Island readers will welcome the news after a week without ferries.\n\n{}",
        paras[..4].join("\n\n").replace('"', "\u{201c}")
    );
    let other = "PORTVALE, March 4 (Fixture Wire) - Fishermen in the northern islands said on \
        Tuesday that the storm had destroyed dozens of lobster pots and damaged several boats \
        moored in the outer harbour.\n\nThe island council said it would ask the government for \
        emergency funds to help the fleet recover before the spring season begins.";
    let lines = [
        serde_json::json!({"id": "wire-1", "title": "Ferries to resume after storm", "date": "2025-03-03", "source": "Fixture Wire", "body": original}),
        serde_json::json!({"id": "herald-7", "title": "Island ferries back on Tuesday", "date": "2025-03-03", "source": "Island Herald", "body": reprint}),
        serde_json::json!({"id": "mirror-1", "title": "Ferries to resume after storm", "date": "2025-03-03", "source": "Mirror Site", "body": original}),
        serde_json::json!({"id": "wire-2", "title": "Storm wrecks lobster pots", "date": "2025-03-04", "source": "Fixture Wire", "body": other}),
    ];
    let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    env.write("syndication.ndjson", &(text.join("\n") + "\n"))
}

#[test]
fn of_equal_copies_the_earliest_stands_for_the_set() {
    let env = Env::new();
    let body = "HARBOURTON, May 2 (Fixture Wire) - The tram line to the harbour reopened on \
        Friday after three weeks of track repairs, the city transport office said.\n\n\
        Trams will run every eight minutes at peak times and every quarter hour in the evening.";
    let record = |id: &str, date: &str| {
        serde_json::json!({"id": id, "title": "Harbour trams back", "date": date, "body": body})
            .to_string()
    };
    // the reprints come first in the file; the original, a day earlier, last
    let lines = [
        record("reprint-b", "2025-05-04"),
        record("reprint-a", "2025-05-03"),
        record("original", "2025-05-02"),
    ];
    let path = env.write("trams.ndjson", &(lines.join("\n") + "\n"));
    assert_eq!(env.ingest(&[path_str(&path)]).code, 0);
    let run = env.run(&["search", "tram", "--json", "--per-article", "1"]);
    let hits = run.hits();
    assert_eq!(hits.len(), 1, "{}", run.stdout);
    assert_eq!(hits[0].article_id, "original");
    // the reprints are listed in the order they ran
    let listed: serde_json::Value =
        serde_json::from_str(run.stdout.lines().next().unwrap()).unwrap();
    let copies: Vec<&str> = listed["copies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["article_id"].as_str().unwrap())
        .collect();
    assert_eq!(copies, ["reprint-a", "reprint-b"]);
}

#[test]
fn copies_of_a_story_collapse_into_one_hit_that_lists_them() {
    let env = Env::new();
    let path = syndication_fixture(&env);
    let run = env.run(&["ingest", util::path_str(&path)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("1 exact copy of other articles"),
        "{}",
        run.stderr
    );
    let hits = env.search("storm", &["--per-article", "1"]);
    let mut ids: Vec<&str> = hits.iter().map(|h| h.article_id.as_str()).collect();
    ids.sort();
    assert_eq!(ids.len(), 2, "{ids:?}");
    assert_eq!(ids[1], "wire-2", "{ids:?}");
    // The two exact copies rank equally; either may stand for the set.
    let first = ids[0];
    assert!(["wire-1", "mirror-1"].contains(&first), "{ids:?}");
    let copies: Vec<String> = env
        .run(&["search", "storm", "--json", "--per-article", "1"])
        .stdout
        .lines()
        .find(|l| l.contains(&format!("\"article_id\":\"{first}\"")))
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["copies"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["article_id"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap();
    assert_eq!(copies.len(), 2, "{copies:?}");
    let other = if first == "wire-1" {
        "mirror-1"
    } else {
        "wire-1"
    };
    assert!(copies.contains(&"herald-7".to_string()) && copies.contains(&other.to_string()));
    let human = env.run(&["search", "storm", "--color", "never"]);
    assert!(human.stdout.contains("also as: "), "{}", human.stdout);
    // Without collapsing every version is a hit.
    let all = env.search("storm", &["--per-article", "1", "--no-collapse"]);
    assert_eq!(all.len(), 4);
    // A strict threshold keeps the edited reprint apart, but not the exact copy.
    let strict = env.search(
        "storm",
        &["--per-article", "1", "--collapse-threshold", "1"],
    );
    assert_eq!(strict.len(), 3);
}

#[test]
fn a_passage_repeated_by_another_story_is_folded_into_the_first() {
    let env = Env::new();
    let quote = "\"We will not reopen the northern crossing until the engineers tell us the \
                 bridge is safe, and that could take the rest of the winter,\" the mayor said.";
    let a = format!(
        "The mayor of Lorne closed the northern crossing on Friday after cracks appeared in the \
         old stone bridge over the river.\n\n{quote}\n\nDrivers were sent on a forty-minute detour \
         through the hill villages, and the bus company said its timetable would change."
    );
    let b = format!(
        "Shops in the hill villages reported brisk trade this weekend as traffic diverted from \
         the closed bridge passed through their high streets.\n\n{quote}\n\nOne baker said she \
         had sold out of bread by ten in the morning on both days and would bake more next week."
    );
    let lines = [
        serde_json::json!({"id": "a", "title": "Bridge closed", "date": "2025-01-10", "body": a}),
        serde_json::json!({"id": "b", "title": "Villages busy", "date": "2025-01-12", "body": b}),
    ];
    let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let path = env.write("repeat.ndjson", &text.join("\n"));
    env.ingest(&[util::path_str(&path)]);
    let hits = env.search("\"rest of the winter\"", &[]);
    assert_eq!(hits.len(), 1, "{hits:#?}");
    let run = env.run(&["search", "\"rest of the winter\"", "--json"]);
    let v: serde_json::Value = serde_json::from_str(run.stdout.lines().next().unwrap()).unwrap();
    let copy = &v["copies"][0];
    assert_eq!(copy["passage"], 1, "{v}");
    assert!(copy["article_id"] == "a" || copy["article_id"] == "b");
    // the copy's article values are its own article's, read at its lead
    let date = if copy["article_id"] == "a" {
        "2025-01-10"
    } else {
        "2025-01-12"
    };
    assert!(copy["date"].as_str().unwrap().starts_with(date), "{v}");
    // Each story is still found by what is its own.
    assert_eq!(env.search("baker", &[]).len(), 1);
    assert_eq!(env.search("detour", &[]).len(), 1);
    assert_eq!(
        env.search("\"rest of the winter\"", &["--no-collapse"])
            .len(),
        2
    );
}

#[test]
fn quote_matches_only_words_said_inside_quotation_marks() {
    let env = Env::new();
    let path = env.write(
        "quotes.ndjson",
        &[
            // the harbour inside the quote, and outside it in the same passage
            r#"{"id":"q1","date":"2025-03-02","title":"Port","body":"The harbour master spoke at noon. \"The harbour stays open all winter,\" Ines Moreau said, standing by the harbour wall."}"#,
            // the harbour only outside quotes; a quote about something else
            r#"{"id":"q2","date":"2025-03-03","title":"Port","body":"Crews repainted the harbour cranes. \"We finished early,\" said Tomas Lind."}"#,
            // a phrase that runs across the end of a quote is not inside it
            r#"{"id":"q3","date":"2025-03-04","title":"Port","body":"\"We will stay open,\" winter crews said on Monday."}"#,
        ]
        .join("\n"),
    );
    assert_eq!(env.ingest(&[path_str(&path)]).code, 0);

    let hits = env.search("quote:harbour", &[]);
    assert_eq!(hits.len(), 1, "{hits:#?}");
    assert_eq!(hits[0].article_id, "q1");
    // only the quoted occurrence is highlighted
    assert_eq!(hits[0].marked(), vec!["harbour"]);
    let quoted_at = hits[0].text.find("The harbour stays").unwrap() + 4;
    assert_eq!(hits[0].highlights, vec![[quoted_at, quoted_at + 7]]);
    // --quoted moves the whole query inside quotes, the same way
    assert_eq!(
        env.search("harbour", &["--quoted"])[0].highlights,
        hits[0].highlights
    );
    // the word alone matches both articles
    assert_eq!(env.count("harbour", &[]).articles, 2);

    // a phrase inside one quote matches; across its closing mark it does not
    assert_eq!(env.count(r#"quote:"stays open all""#, &[]).articles, 1);
    assert_eq!(env.count(r#""stay open winter""#, &[]).articles, 1);
    assert_eq!(env.run(&["search", r#"quote:"stay open winter""#]).code, 1);
    // prefixes and stems are checked at their positions too
    assert_eq!(env.count("quote:harb*", &[]).articles, 1);
    assert_eq!(env.count("quote:finishing", &[]).articles, 1);
    assert_eq!(env.run(&["search", "quote:crane"]).code, 1);
}

#[test]
fn quoted_with_a_speaker_matches_only_the_words_that_speaker_said() {
    let env = Env::new();
    let path = env.write(
        "two.ndjson",
        r#"{"id":"t1","date":"2025-04-01","title":"Flood","body":"\"The river is rising fast,\" said Anna Berg, the mayor. \"The river is calm here,\" said Tomas Vik, a farmer."}"#,
    );
    assert_eq!(env.ingest(&[path_str(&path)]).code, 0);
    let berg = ["--quoted", "--speaker", "Berg"];
    // both are quoted in the passage; each said "river"
    let hits = env.search("river", &berg);
    assert_eq!(hits.len(), 1, "{hits:#?}");
    // only Berg's "river" is highlighted
    let hers = hits[0].text.find("river is rising").unwrap();
    assert_eq!(hits[0].highlights, vec![[hers, hers + 5]]);
    // Vik said "calm", Berg did not
    assert_eq!(
        env.run(&["search", "calm", "--quoted", "--speaker", "Berg"])
            .code,
        1
    );
    assert_eq!(
        env.run(&["search", "quote:calm", "--speaker", "Berg"]).code,
        1
    );
    assert_eq!(
        env.count("calm", &["--quoted", "--speaker", "Vik"])
            .passages,
        1
    );
    // without --quoted, --speaker is the passage's speakers, as before
    assert_eq!(env.count("calm", &["--speaker", "Berg"]).passages, 1);
    assert_eq!(env.count("calm", &["--quoted"]).passages, 1);
}

#[test]
fn a_transcript_turn_is_its_speakers_quoted_words() {
    let env = Env::new();
    let body = "Host Chris Matthews spoke to Ana Ruiz on Tuesday.\\n\\n\
                MATTHEWS: Well, the harbour plan is bad.\\n\\n\
                RUIZ: No, the harbour plan is what the town needs.\\n\\n\
                Q: Who pays for the harbour?";
    let path = env.write(
        "panel.ndjson",
        &format!(r#"{{"id":"p1","date":"2025-04-01","title":"Panel","body":"{body}"}}"#),
    );
    assert_eq!(env.ingest(&[path_str(&path)]).code, 0);
    let matthews = env.search("harbour", &["--quoted", "--speaker", "Chris Matthews"]);
    assert_eq!(matthews.len(), 1, "{matthews:#?}");
    // his turn only: Ruiz's "harbour" and the question's are not his words
    let his = matthews[0].text.find("the harbour plan is bad").unwrap() + 4;
    assert_eq!(matthews[0].highlights, vec![[his, his + 7]]);
    assert_eq!(
        env.count("needs", &["--quoted", "--speaker", "Ana Ruiz"])
            .passages,
        1
    );
    assert_eq!(
        env.run(&["search", "pays", "--quoted"]).code,
        1,
        "a question is nobody's quote"
    );
}

#[test]
fn quoted_with_no_words_finds_the_passages_where_someone_is_quoted() {
    let env = Env::new();
    let path = env.write(
        "quoted.ndjson",
        &[
            // Berg quoted, Vik only reported
            r#"{"id":"q1","date":"2025-04-01","title":"Flood","body":"\"The river is rising fast,\" said Anna Berg, the mayor. Tomas Vik, a farmer, said the fields were lost."}"#,
            // Vik quoted
            r#"{"id":"q2","date":"2025-04-02","title":"Fields","body":"\"We lost everything,\" said Tomas Vik, a farmer."}"#,
            // nobody quoted: Berg reported
            r#"{"id":"q3","date":"2025-04-03","title":"Dykes","body":"Anna Berg, the mayor, said the dykes would be raised."}"#,
        ]
        .join("\n"),
    );
    assert_eq!(env.ingest(&[path_str(&path)]).code, 0);
    assert_eq!(env.count("", &["--speaker", "Vik"]).passages, 2);
    assert_eq!(env.count("", &["--speaker", "Berg"]).passages, 2);
    // --quoted without words: where that person is quoted, not merely reported
    let vik = env.search("", &["--quoted", "--speaker", "Vik"]);
    assert_eq!(vik.len(), 1, "{vik:#?}");
    assert_eq!(vik[0].article_id, "q2");
    let berg = env.search("", &["--quoted", "--speaker", "Berg"]);
    assert_eq!(berg.len(), 1, "{berg:#?}");
    assert_eq!(berg[0].article_id, "q1");
    // and with no speaker, the passages that quote anyone
    assert_eq!(env.count("", &["--quoted"]).passages, 2);
    // speakers counts by the same rule: Vik is quoted once, Berg once
    let run = env.run(&["speakers", "--quoted", "--csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Anna Berg"), "{}", run.stdout);
    let plain = env.run(&["speakers", "--csv"]).stdout;
    let passages = |csv: &str, name: &str| -> String {
        csv.lines()
            .find(|l| l.contains(name))
            .map(|l| l.split(',').nth(2).unwrap_or("").to_string())
            .unwrap_or_default()
    };
    assert_eq!(passages(&plain, "Tomas Vik"), "2", "{plain}");
    assert_eq!(passages(&run.stdout, "Tomas Vik"), "1", "{}", run.stdout);
}

#[test]
fn speakers_quoted_credits_only_who_said_the_words() {
    let env = Env::new();
    let path = env.write(
        "said.ndjson",
        &[
            // a quote and a reported clause: both people are speakers of the passage
            r#"{"id":"o1","date":"2025-05-02","title":"Orchards","body":"\"The orchards must be watered first,\" said Lotte Verbeek. Arne Holm, the engineer, said the canal would be dredged in spring."}"#,
            // two quotes, each with the phrase
            r#"{"id":"m1","date":"2025-05-03","title":"Mill","body":"\"We are going to rebuild the mill,\" said Marta Quist. \"Nobody is going to pay for it,\" said Ivo Brandt, a baker."}"#,
            // the phrase in one quote, and in the other speaker's reported speech
            r#"{"id":"m2","date":"2025-05-04","title":"Bridge","body":"\"We are going to wait for the thaw,\" said Marta Quist. \"The bridge stays shut,\" said Ivo Brandt. Brandt said he was going to drive round by the lake."}"#,
        ]
        .join("\n"),
    );
    assert_eq!(env.ingest(&[path_str(&path)]).code, 0);
    /// A line of `speakers --json`: who, in how many passages.
    #[derive(Debug, serde::Deserialize)]
    struct Row {
        value: String,
        passages: u64,
    }
    let rows = |args: &[&str]| -> Vec<(String, u64)> {
        let run = env.run(args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        let rows: Vec<Row> = run.json_lines();
        rows.into_iter().map(|r| (r.value, r.passages)).collect()
    };
    // Holm is a speaker of the passage, but did not say "orchards"
    let all = rows(&["speakers", "orchards", "--json"]);
    assert_eq!(all.len(), 2, "{all:?}");
    assert_eq!(
        rows(&["speakers", "orchards", "--quoted", "--json"]),
        [("Lotte Verbeek".to_string(), 1)]
    );
    // each speaker's passages are those search finds under their name
    let going = rows(&["speakers", r#""going to""#, "--quoted", "--json"]);
    assert_eq!(
        going,
        [
            ("Marta Quist".to_string(), 2),
            ("Ivo Brandt".to_string(), 1)
        ]
    );
    for (name, passages) in &going {
        let by_name = env.count(r#""going to""#, &["--quoted", "--speaker", name]);
        assert_eq!(by_name.passages, *passages, "{name}");
    }
    // each clause of an OR is looked for in the speaker's own quotes
    assert_eq!(
        rows(&["speakers", "rebuild OR shut", "--quoted", "--json"]),
        [
            ("Ivo Brandt".to_string(), 1),
            ("Marta Quist".to_string(), 1)
        ]
    );
    // the speaker facet is the same count
    let facet = [
        "facets",
        "--field",
        "speaker",
        r#""going to""#,
        "--quoted",
        "--json",
    ];
    assert_eq!(rows(&facet), going);
}

#[test]
fn a_sloppy_phrase_needs_each_repeated_word_once_per_slot() {
    let env = Env::new();
    let path = env.write(
        "very.ndjson",
        &[
            r#"{"id":"v1","body":"It was very, very cold on the pass."}"#,
            r#"{"id":"v2","body":"It was very cold on the pass."}"#,
        ]
        .join("\n"),
    );
    assert_eq!(env.ingest(&[path_str(&path)]).code, 0);
    let hits = env.search(r#""very very"~2"#, &[]);
    assert_eq!(hits.len(), 1, "{hits:#?}");
    assert_eq!(hits[0].article_id, "v1");
    // the words of a ~N phrase are marked each on its own
    assert_eq!(hits[0].marked(), vec!["very", "very"]);
}

#[test]
fn a_sloppy_phrase_keeps_its_words_in_order() {
    let env = Env::new();
    let path = env.write(
        "order.ndjson",
        &[
            r#"{"id":"o1","body":"Yesterday the minister said he would resign soon."}"#,
            r#"{"id":"o2","body":"He has often said the same thing."}"#,
        ]
        .join("\n"),
    );
    assert_eq!(env.ingest(&[path_str(&path)]).code, 0);
    // tantivy alone lets "said he" match at slop 2
    let hits = env.search(r#""he said"~2"#, &[]);
    assert_eq!(hits.len(), 1, "{hits:#?}");
    assert_eq!(hits[0].article_id, "o2");
    assert_eq!(hits[0].marked(), vec!["He", "said"]);
}

#[test]
fn an_article_whose_best_passage_is_shown_elsewhere_ranks_by_the_rest() {
    let env = Env::new();
    let shared = "The harbour strike ended on Friday after a long night of talks between the dock unions and the port authority in Valmore.";
    let body_a = format!(
        "{shared}\n\nCranes were moving again by noon, and the first container ship left the quay before dusk on Saturday."
    );
    let body_b = format!(
        "Readers wrote in all week about the stoppage and its cost to the fishing fleet and the ferries.\n\n{shared}\n\nOne reader recalled an older strike in the seventies, when the whole coast went quiet for a month."
    );
    let body_c = "The harbour strike at Ostend entered its second week as pickets blocked the main gate and the ferries stayed in port.";
    let line = |id: &str, date: &str, body: &str| {
        serde_json::json!({"id": id, "date": date, "title": id, "body": body}).to_string()
    };
    let path = env.write(
        "fold.ndjson",
        &[
            line("a", "2025-01-01", &body_a),
            line("b", "2025-01-02", &body_b),
            line("c", "2025-01-03", body_c),
        ]
        .join("\n"),
    );
    assert_eq!(env.ingest(&[path_str(&path)]).code, 0);
    let order = |limit: &str| -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        for hit in env.search("harbour strike", &["--limit", limit]) {
            if ids.last() != Some(&hit.article_id) {
                ids.push(hit.article_id);
            }
        }
        ids
    };
    // b's best passage repeats a's and is folded into it: b ranks by its
    // own weaker passage, below c, whatever the limit
    assert_eq!(order("10"), ["a", "c", "b"]);
    assert_eq!(order("2"), ["a", "c"]);
}

#[test]
fn a_huge_limit_or_offset_is_no_crash() {
    let env = sample_env();
    for args in [
        ["--limit", "100000000"],
        ["--offset", "100000000"],
        ["--per-article", "100000000"],
    ] {
        let run = env.run(&["search", "Varga", args[0], args[1]]);
        assert!(run.code == 0 || run.code == 1, "{args:?}: {}", run.stderr);
    }
}

#[test]
fn speakers_counts_two_spellings_of_a_name_as_one_person() {
    let env = Env::new();
    let path = env.write(
        "spelled.ndjson",
        &[
            r#"{"id":"s1","date":"2025-05-02","body":"\"The ferry will run,\" said Zoë Marchetti."}"#,
            r#"{"id":"s2","date":"2025-05-03","body":"\"The ferry is late,\" said Zoe Marchetti."}"#,
            r#"{"id":"s3","date":"2025-05-04","body":"\"It sails at six,\" said Zoë Marchetti. \"Not at five,\" said Zoe Marchetti."}"#,
        ]
        .join("\n"),
    );
    assert_eq!(env.ingest(&[path_str(&path)]).code, 0);
    #[derive(Debug, serde::Deserialize)]
    struct Row {
        value: String,
        passages: u64,
        articles: u64,
    }
    let run = env.run(&["speakers", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<Row> = run.json_lines();
    let rows: Vec<_> = rows
        .iter()
        .map(|r| (r.value.as_str(), r.passages, r.articles))
        .collect();
    // the one search finds under either spelling, counted once per passage
    assert_eq!(rows, [("Zoë Marchetti", 3, 3)]);
    let found = env.run(&["search", "ferry OR sails", "--speaker", "zoe", "--count"]);
    assert_eq!(found.stdout.trim(), "passages: 3\narticles: 3");
}
