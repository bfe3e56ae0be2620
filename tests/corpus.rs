//! Acceptance tests on the real corpora in `../shared/corpus/` (never copied
//! into this repository). They are `#[ignore]`d in a plain `cargo test`
//! because they need the corpus and a release build to be quick:
//!
//! ```sh
//! cargo test --release --test corpus -- --ignored
//! ```
//!
//! When the corpus is absent they say so and pass, except under `CI`, where
//! its absence is a failure.

mod util;

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::OnceLock;

use util::{Env, Hit};

const CORPORA: [&str; 3] = ["reuters21578", "polnear", "newsarticles"];

/// The shared corpus folder, or `None` (with a message) when it is absent.
fn corpus() -> Option<PathBuf> {
    let dir = util::repo().join("../shared/corpus");
    if dir.join("reuters21578/articles.ndjson").exists() {
        return Some(dir);
    }
    let message = format!(
        "corpus acceptance tests need {}; it is absent",
        dir.display()
    );
    if std::env::var_os("CI").is_some() {
        panic!("{message} (and CI is set)");
    }
    eprintln!("SKIPPED: {message}");
    None
}

/// One index over the three NDJSON corpora, built once for all tests here.
fn shared() -> Option<&'static (Env, util::Run)> {
    static SHARED: OnceLock<Option<(Env, util::Run)>> = OnceLock::new();
    SHARED
        .get_or_init(|| {
            let dir = corpus()?;
            let env = Env::new();
            let paths: Vec<String> = CORPORA
                .iter()
                .map(|c| dir.join(c).join("articles.ndjson").display().to_string())
                .collect();
            let mut args = vec!["ingest"];
            args.extend(paths.iter().map(String::as_str));
            let run = env.run(&args);
            Some((env, run))
        })
        .as_ref()
}

/// An article of the reference reading: straight from the NDJSON.
struct RefArticle {
    id: String,
    title: String,
    body: String,
    /// `YYYY-MM-DD` (UTC), when dated.
    day: Option<String>,
}

fn reference(corpus: &str) -> Vec<RefArticle> {
    let dir = corpus_dir();
    let text =
        std::fs::read_to_string(dir.join(corpus).join("articles.ndjson")).expect("read corpus");
    text.lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("corpus JSON");
            let s = |k: &str| v[k].as_str().unwrap_or("").to_string();
            RefArticle {
                id: s("id"),
                title: s("title"),
                body: s("body"),
                day: v["date"].as_str().map(|d| d[..10].to_string()),
            }
        })
        .collect()
}

fn corpus_dir() -> PathBuf {
    util::repo().join("../shared/corpus")
}

/// The reference normalisation, written independently of the indexer: lower
/// case, words are runs of letters and digits, an apostrophe between letters
/// joins, a final 's (possessive) is dropped.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let apostrophe = matches!(c, '\'' | '’')
            && i > 0
            && chars[i - 1].is_alphanumeric()
            && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if apostrophe {
            word.push('\'');
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out.into_iter()
        .map(|w| {
            let w = w.strip_suffix("'s").unwrap_or(&w).to_string();
            w.replace('\'', "")
        })
        .collect()
}

/// Whether the phrase's words stand side by side in one paragraph of `text`.
fn has_phrase(text: &str, phrase: &[String]) -> bool {
    text.split("\n\n").any(|para| {
        let w = words(para);
        w.windows(phrase.len()).any(|win| win == phrase)
    })
}

fn ids(hits: &[Hit]) -> BTreeSet<String> {
    hits.iter().map(|h| h.article_id.clone()).collect()
}

const ALL: &str = "100000";

#[test]
#[ignore = "needs ../shared/corpus; run: cargo test --release --test corpus -- --ignored"]
fn every_corpus_ingests_with_zero_rejected_records() {
    let Some((env, run)) = shared() else { return };
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains(" 0 rejected"), "{}", run.stderr);
    let expected: usize = CORPORA.iter().map(|c| reference(c).len()).sum();
    let stats = env.stats();
    assert_eq!(stats.articles as usize, expected);
    assert_eq!(stats.undated, 0);
}

#[test]
#[ignore = "needs ../shared/corpus; run: cargo test --release --test corpus -- --ignored"]
fn reuters_phrases_match_exactly_the_reference() {
    let Some((env, _)) = shared() else { return };
    let reuters = reference("reuters21578");
    let phrases = [
        "interest rates",
        "oil prices",
        "trade deficit",
        "central bank",
        "money supply",
        "stock exchange",
        "crude oil",
        "joint venture",
        "mln dlrs",
        "net loss",
        "per share",
        "bank of japan",
        "west germany",
        "exchange rate",
        "balance of payments",
        "finance minister",
        "debt crisis",
        "soviet union",
        "tender offer",
        "annual meeting",
        "common stock",
        "third quarter",
        "the white house",
        "secretary of state",
        "one of the",
        "gulf of mexico",
        "prime rate",
        "strait of hormuz",
        "louvre accord",
        "karl otto poehl",
    ];
    for phrase in phrases {
        let wanted = words(phrase);
        let expected: BTreeSet<String> = reuters
            .iter()
            .filter(|a| has_phrase(&a.title, &wanted) || has_phrase(&a.body, &wanted))
            .map(|a| a.id.clone())
            .collect();
        let quoted = format!("\"{phrase}\"");
        let hits = env.search(
            &quoted,
            &[
                "--source",
                "Reuters",
                "--per-article",
                "1",
                "--limit",
                ALL,
                "--no-collapse",
            ],
        );
        assert_same_articles(phrase, &expected, &ids(&hits));
        let counts = env.count(&quoted, &["--source", "Reuters"]);
        assert_eq!(counts.articles as usize, expected.len(), "{phrase}");
        // Every highlight, read from the text, is the phrase.
        for hit in &hits {
            let title_marks = hit.title_highlights.iter().map(|[s, e]| &hit.title[*s..*e]);
            let marks: Vec<&str> = hit.marked().into_iter().chain(title_marks).collect();
            assert!(
                !marks.is_empty(),
                "{phrase}: no highlight in {}",
                hit.article_id
            );
            for m in marks {
                assert_eq!(
                    words(m),
                    wanted,
                    "{phrase}: highlighted {m:?} in {}",
                    hit.article_id
                );
            }
        }
    }
}

#[test]
#[ignore = "needs ../shared/corpus; run: cargo test --release --test corpus -- --ignored"]
fn and_finds_the_articles_that_hold_every_word_anywhere() {
    let Some((env, _)) = shared() else { return };
    let articles: Vec<RefArticle> = CORPORA.iter().flat_map(|c| reference(c)).collect();
    // Quoted single words match exact forms, so the reference needs no stemmer.
    let pairs = [
        ("trump", "putin"),
        ("opec", "saudi"),
        ("trump", "clinton"),
        ("iran", "iraq"),
        ("yen", "dollar"),
        ("merkel", "refugees"),
    ];
    for (a, b) in pairs {
        let expected: BTreeSet<String> = articles
            .iter()
            .filter(|r| {
                let w: BTreeSet<String> =
                    words(&r.title).into_iter().chain(words(&r.body)).collect();
                w.contains(a) && w.contains(b)
            })
            .map(|r| r.id.clone())
            .collect();
        let query = format!("\"{a}\" \"{b}\"");
        let got = ids(&env.search(
            &query,
            &["--per-article", "1", "--limit", ALL, "--no-collapse"],
        ));
        assert_same_articles(&query, &expected, &got);
        assert_eq!(
            env.count(&query, &[]).articles as usize,
            expected.len(),
            "{query}"
        );
    }
}

#[test]
#[ignore = "needs ../shared/corpus; run: cargo test --release --test corpus -- --ignored"]
fn date_filters_count_what_the_ndjson_dates_say() {
    let Some((env, _)) = shared() else { return };
    let mut all: Vec<RefArticle> = Vec::new();
    for c in CORPORA {
        all.extend(reference(c));
    }
    let ranges = [
        ("1987-03-01", "1987-03-31"),
        ("1987-04-01", "1987-04-30"),
        ("1987-02-26", "1987-02-26"),
        ("1987-06-15", "1987-07-15"),
        ("1987-10-19", "1987-10-20"),
        ("2015-11-08", "2016-03-31"),
        ("2016-10-01", "2016-10-31"),
        ("2016-11-01", "2016-11-07"),
        ("2017-02-01", "2017-02-28"),
        ("2017-03-15", "2017-03-30"),
        ("1987-01-01", "2017-12-31"),
        ("2025-06-23", "2025-06-23"),
    ];
    let oil = words("oil prices");
    for (from, to) in ranges {
        let in_range = |a: &&RefArticle| a.day.as_deref().is_some_and(|d| (from..=to).contains(&d));
        // Every article in the window: a date-only query.
        let expected = all.iter().filter(in_range).count() as u64;
        let query = format!("date:[{from} TO {to}]");
        assert_eq!(env.count(&query, &[]).articles, expected, "{query}");
        // A phrase within the window, by --from/--to.
        let expected_oil = all
            .iter()
            .filter(in_range)
            .filter(|a| has_phrase(&a.title, &oil) || has_phrase(&a.body, &oil))
            .count() as u64;
        let counts = env.count("\"oil prices\"", &["--from", from, "--to", to]);
        assert_eq!(counts.articles, expected_oil, "\"oil prices\" {from}..{to}");
    }
}

#[test]
#[ignore = "needs ../shared/corpus; run: cargo test --release --test corpus -- --ignored"]
fn reingesting_a_corpus_leaves_the_counts_unchanged() {
    let Some(dir) = corpus() else { return };
    let env = Env::new();
    let path = dir.join("polnear/articles.ndjson").display().to_string();
    env.ingest(&[&path]);
    let before = env.stats();
    let again = env.run(&["ingest", &path]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again
            .stderr
            .contains(&format!("{} replaced", before.articles)),
        "{}",
        again.stderr
    );
    let after = env.stats();
    assert_eq!(
        (before.articles, before.passages),
        (after.articles, after.passages)
    );
}

#[test]
#[ignore = "needs ../shared/corpus; run: cargo test --release --test corpus -- --ignored"]
fn the_seed_article_reads_and_finds_borders_closed() {
    let Some(dir) = corpus() else { return };
    let env = Env::new();
    let seed = dir.join("seed").display().to_string();
    env.ingest(&[&seed]);
    let stats = env.stats();
    assert_eq!(stats.articles, 1);
    assert_eq!(stats.first_date.as_deref(), Some("2025-06-23T00:00:00Z"));

    let hits = env.search("\"borders closed\"", &[]);
    assert_eq!(hits.len(), 2, "{hits:#?}");
    assert_eq!(hits[0].dateline, "BAKU, Azerbaijan");
    let texts: Vec<&str> = hits.iter().map(|h| h.text.as_str()).collect();
    assert!(texts.iter().any(|t| t.contains("keep its borders closed")));
    assert!(
        texts
            .iter()
            .any(|t| t.contains("keep the borders closed")
                && t.contains("keeping the borders closed"))
    );
    let mut marked: HashMap<String, usize> = HashMap::new();
    for hit in &hits {
        for m in hit.marked() {
            *marked.entry(m.to_string()).or_default() += 1;
        }
    }
    // Exactly the three occurrences, nothing else highlighted.
    assert_eq!(marked, HashMap::from([("borders closed".to_string(), 3)]));
    for hit in &hits {
        for [s, e] in &hit.highlights {
            // Each span is the phrase, not "closure of borders" etc.
            assert_eq!(&hit.text[*s..*e], "borders closed");
        }
    }
    for other in [
        "\"closure of borders\"",
        "\"close the borders\"",
        "\"borders are already closed\"",
    ] {
        // These wordings are in the article, and are not the phrase.
        let found = env.search(other, &[]);
        assert!(!found.is_empty(), "{other} should be in the seed");
        assert!(
            found
                .iter()
                .all(|h| h.marked().iter().all(|m| !m.contains("borders closed")))
        );
    }

    let later = env.run(&["search", "\"borders closed\"", "--from", "2025-06-24"]);
    assert_eq!(later.code, 1);
    let june = env.search(
        "\"borders closed\"",
        &["--from", "2025-06", "--to", "2025-06"],
    );
    assert_eq!(ids(&june), ids(&hits));
    assert_eq!(june.len(), 2);
}

/// A bucket's first day, computed independently of the indexer.
fn bucket_start(day: &str, by: &str) -> String {
    use chrono::{Datelike, NaiveDate};
    let d = NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("day");
    match by {
        "day" => day.to_string(),
        "week" => (d - chrono::Duration::days(i64::from(d.weekday().num_days_from_monday())))
            .format("%Y-%m-%d")
            .to_string(),
        "month" => format!("{}-{:02}-01", d.year(), d.month()),
        _ => format!("{}-01-01", d.year()),
    }
}

#[derive(serde::Deserialize)]
struct BucketLine {
    start: String,
    articles: u64,
    queries: Vec<QueryLine>,
}

#[derive(serde::Deserialize)]
struct QueryLine {
    query: String,
    articles: u64,
}

#[test]
#[ignore = "needs ../shared/corpus; run: cargo test --release --test corpus -- --ignored"]
fn timeline_buckets_count_exactly_what_the_ndjson_says() {
    let Some((env, _)) = shared() else { return };
    let reuters = reference("reuters21578");
    // Phrases, and words that have no other inflected forms in the corpus.
    let queries = [
        "\"oil prices\"",
        "\"interest rates\"",
        "\"trade deficit\"",
        "cocoa",
        "opec",
        "yen",
    ];
    let matches = |q: &str, a: &RefArticle| {
        let wanted = words(q.trim_matches('"'));
        has_phrase(&a.title, &wanted) || has_phrase(&a.body, &wanted)
    };
    for by in ["day", "week", "month"] {
        let mut args = vec!["timeline"];
        args.extend(queries);
        args.extend(["--by", by, "--source", "Reuters", "--json"]);
        let run = env.run(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let buckets: Vec<BucketLine> = run.json_lines();
        // The reference: articles per bucket, and matching articles per query.
        let mut all: HashMap<String, u64> = HashMap::new();
        let mut hits: HashMap<(String, usize), u64> = HashMap::new();
        for a in &reuters {
            let Some(day) = &a.day else { continue };
            let start = bucket_start(day, by);
            *all.entry(start.clone()).or_default() += 1;
            for (i, q) in queries.iter().enumerate() {
                if matches(q, a) {
                    *hits.entry((start.clone(), i)).or_default() += 1;
                }
            }
        }
        assert!(buckets.len() > 5, "{by}: {} buckets", buckets.len());
        let mut seen_total = 0;
        for b in &buckets {
            assert_eq!(
                b.articles,
                all.get(&b.start).copied().unwrap_or(0),
                "{by} {} total",
                b.start
            );
            seen_total += b.articles;
            for (i, q) in b.queries.iter().enumerate() {
                assert_eq!(q.query, queries[i]);
                let expected = hits.get(&(b.start.clone(), i)).copied().unwrap_or(0);
                assert_eq!(q.articles, expected, "{by} {} {}", b.start, q.query);
            }
        }
        // Every dated Reuters article falls in one of the buckets shown.
        assert_eq!(seen_total, all.values().sum::<u64>(), "{by}");
    }
}

#[test]
#[ignore = "needs ../shared/corpus; run: cargo test --release --test corpus -- --ignored"]
fn the_seed_is_searchable_by_speaker_and_inside_quotes() {
    let Some(dir) = corpus() else { return };
    let env = Env::new();
    env.ingest(&[&dir.join("seed").display().to_string()]);
    // Exactly the President's passage.
    let aliyev = env.search("\"borders closed\"", &["--speaker", "Aliyev"]);
    assert_eq!(aliyev.len(), 1, "{aliyev:#?}");
    let passage = &aliyev[0];
    assert!(passage.text.contains("As President Ilham Aliyev stated"));
    assert!(passage.speakers.contains(&"Ilham Aliyev".to_string()));
    assert!(passage.speakers.contains(&"Azer Garayev".to_string()));
    // `speaker:` in the query is the same filter; the name is case- and
    // accent-insensitive and any part of it matches.
    assert_eq!(
        ids(&env.search("\"borders closed\" speaker:aliyev", &[])),
        ids(&aliyev)
    );
    assert_eq!(
        ids(&env.search("\"borders closed\"", &["--speaker", "ilham ALIYEV"])),
        ids(&aliyev)
    );
    // Inside quoted speech, by Aliyev.
    let quoted = env.search("\"borders closed\"", &["--quoted", "--speaker", "Aliyev"]);
    assert_eq!(ids(&quoted), ids(&aliyev));
    assert_eq!(quoted[0].passage, aliyev[0].passage);
    // The JSON carries the evidence of each speaker.
    let run = env.run(&[
        "search",
        "\"borders closed\"",
        "--speaker",
        "Aliyev",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(run.stdout.lines().next().unwrap()).unwrap();
    let cues: Vec<&str> = v["attributions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["speaker"] == "Ilham Aliyev")
        .filter_map(|a| a["cue"].as_str())
        .collect();
    assert!(
        cues.contains(&"said") && cues.contains(&"stated"),
        "{cues:?}"
    );
    // Garayev's own passages.
    let garayev = env.search("\"borders closed\"", &["--speaker", "Garayev"]);
    assert_eq!(garayev.len(), 2);
    // The people quoted in the seed: exactly two.
    let run = env.run(&["speakers", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let names: std::collections::BTreeSet<String> = run
        .stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["value"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        names,
        std::collections::BTreeSet::from(["Azer Garayev".to_string(), "Ilham Aliyev".to_string()])
    );
}

/// Dev-split figures below which CI fails: the issue's targets.
const MIN_DIRECT: &str = "0.85";
const MIN_PRECISION: &str = "0.90";

#[test]
#[ignore = "needs ../shared/corpus; run: cargo test --release --test corpus -- --ignored"]
fn polnear_dev_attribution_stays_above_its_floor() {
    let Some(dir) = corpus() else { return };
    let env = Env::new();
    let polnear = dir.join("polnear/articles.ndjson").display().to_string();
    let run = env.run(&["analyze", "--json", "--no-metadata-speakers", &polnear]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ours = env.write("polnear-analyze.jsonl", &run.stdout);
    let scorer = dir.join("../bench/eval_speakers.py");
    let mut cmd = std::process::Command::new("python3");
    cmd.arg(&scorer).arg(&polnear).arg(&ours).args([
        "--split",
        "dev",
        "--min-direct",
        MIN_DIRECT,
        "--min-precision",
        MIN_PRECISION,
    ]);
    let scored = util::run(&mut cmd);
    println!("{}", scored.stdout);
    assert_eq!(scored.code, 0, "{}{}", scored.stdout, scored.stderr);
}

/// The article ids a search found are exactly those the reference found
/// (and the reference found some, so that the test can fail).
fn assert_same_articles(label: &str, expected: &BTreeSet<String>, got: &BTreeSet<String>) {
    let missing: Vec<_> = expected.difference(got).take(5).collect();
    let extra: Vec<_> = got.difference(expected).take(5).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{label}: expected {} got {}; missing {missing:?}; extra {extra:?}",
        expected.len(),
        got.len()
    );
    assert!(!expected.is_empty(), "{label}: no reference matches");
}
