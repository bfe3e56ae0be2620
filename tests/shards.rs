//! Shards: an archive ingested into two indexes and searched with `--index`
//! twice answers as the one index holding it all: the same articles with the
//! same scores, counts, facets and timelines.

mod util;

use std::path::Path;

use serde_json::Value;
use util::{Env, Hit, Run, path_str, run};

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "harbour", "grain", "council", "strike", "tariff", "ferry", "bridge", "mayor", "budget",
    "storm", "river", "school", "rail", "union", "wage", "fishing", "quota", "port", "vote",
    "clinic", "road", "tax", "market", "drought", "flood", "museum", "court", "ruling",
];
const PEOPLE: &[&str] = &[
    "Tomas Vik",
    "Ada Moe",
    "Ines Braga",
    "Karl Dunn",
    "Mira Solberg",
];
const SOURCES: &[&str] = &["Coast Herald", "Valley Post", "Northern Wire"];

/// Sixty articles of made-up news (varied words and lengths, dated over
/// three years, each quoting someone), then three reprints of the fifth,
/// later and under other names: split in two, they fall in both shards.
fn articles() -> Vec<String> {
    let mut lines = stories();
    let original: Value = serde_json::from_str(&lines[4]).expect("JSON");
    for (k, source) in ["Reprint Daily", "Reprint Weekly", "Reprint Times"]
        .into_iter()
        .enumerate()
    {
        let mut copy = original.clone();
        copy["id"] = format!("reprint-{k}").into();
        copy["source"] = source.into();
        copy["date"] = format!("2026-0{}-01", k + 1).into();
        lines.push(copy.to_string());
    }
    lines
}

fn stories() -> Vec<String> {
    let mut rng = Rng(0x5eed_1234_abcd_0042);
    (0..60)
        .map(|i| {
            let mut paragraphs = Vec::new();
            for _ in 0..2 + rng.below(3) {
                let n = 8 + rng.below(30);
                let words: Vec<&str> = (0..n).map(|_| WORDS[rng.below(WORDS.len())]).collect();
                paragraphs.push(format!("The {}.", words.join(" ")));
            }
            let who = PEOPLE[rng.below(PEOPLE.len())];
            let said: Vec<&str> = (0..4 + rng.below(6))
                .map(|_| WORDS[rng.below(WORDS.len())])
                .collect();
            paragraphs.push(format!("\"The {} matters,\" said {who}.", said.join(" ")));
            let body = paragraphs.join("\n\n");
            let date = format!(
                "{}-{:02}-{:02}",
                2023 + rng.below(3),
                1 + rng.below(12),
                1 + rng.below(28)
            );
            serde_json::json!({
                "id": format!("story-{i}"),
                "title": format!("Story {i} on the {}", WORDS[rng.below(WORDS.len())]),
                "date": date,
                "source": SOURCES[rng.below(SOURCES.len())],
                "body": body,
            })
            .to_string()
        })
        .collect()
}

/// The whole archive in one index, and the same archive as two shards
/// (alternate articles).
struct Setup {
    whole: Env,
    shards: [std::path::PathBuf; 2],
}

fn setup() -> Setup {
    let whole = Env::new();
    let lines = articles();
    let all = whole.write("all.ndjson", &(lines.join("\n") + "\n"));
    whole.ingest(&[path_str(&all)]);
    let shards = [0, 1].map(|k| {
        let part: Vec<&str> = lines
            .iter()
            .skip(k)
            .step_by(2)
            .map(String::as_str)
            .collect();
        let file = whole.write(&format!("part{k}.ndjson"), &(part.join("\n") + "\n"));
        let dir = whole.dir.path().join(format!("shard{k}"));
        let ingest = run(std::process::Command::new(env!("CARGO_BIN_EXE_dateline"))
            .env_remove("DATELINE_INDEX")
            .args(["ingest", "--quiet", path_str(&file), "--index"])
            .arg(&dir));
        assert_eq!(ingest.code, 0, "{}", ingest.stderr);
        dir
    });
    Setup { whole, shards }
}

impl Setup {
    fn on_shards(&self, args: &[&str]) -> Run {
        let [a, b] = &self.shards;
        run(std::process::Command::new(env!("CARGO_BIN_EXE_dateline"))
            .env_remove("DATELINE_INDEX")
            .env("COLUMNS", "100")
            .args(args)
            .args(["--index", path(a), "--index", path(b)]))
    }

    fn on_whole(&self, args: &[&str]) -> Run {
        self.whole.run(args)
    }
}

fn path(p: &Path) -> &str {
    path_str(p)
}

/// Hits as comparable rows, equal scores in a fixed order (which of two
/// articles of equal score comes first is up to each index).
fn rows(hits: &[Hit]) -> Vec<(String, u32, u32, Vec<[usize; 2]>)> {
    let mut rows: Vec<_> = hits
        .iter()
        .map(|h| {
            (
                h.article_id.clone(),
                h.passage,
                h.score.to_bits(),
                h.highlights.clone(),
            )
        })
        .collect();
    rows.sort_by(|a, b| {
        f32::from_bits(b.2)
            .total_cmp(&f32::from_bits(a.2))
            .then_with(|| a.0.cmp(&b.0))
            .then_with(|| a.1.cmp(&b.1))
    });
    rows
}

#[test]
fn shards_rank_and_score_as_one_index() {
    let s = setup();
    for (query, extra) in [
        ("harbour", &[][..]),
        ("\"grain harbour\"", &[][..]),
        ("council OR strike", &["--from", "2024-01-01"][..]),
        ("speaker:Vik tariff", &[][..]),
        ("ferry", &["--sort", "newest"][..]),
        ("quota", &["--sort", "oldest"][..]),
        // court and port (two edits): expanded from both shards' words, and
        // weighted by the archive's counts, not each shard's
        ("court~2", &[][..]),
    ] {
        let mut args = vec!["search", query, "--json", "--limit", "100", "--no-collapse"];
        args.extend_from_slice(extra);
        let whole = s.on_whole(&args);
        let shards = s.on_shards(&args);
        assert_eq!(shards.code, whole.code, "{query}: {}", shards.stderr);
        let (whole, shards) = (whole.hits(), shards.hits());
        assert!(!whole.is_empty(), "{query}: the fixture should match");
        assert_eq!(rows(&shards), rows(&whole), "{query} {extra:?}");
        // the merged ranking keeps the order asked for, and ranks from 1
        let ranks: Vec<usize> = shards.iter().map(|h| h.rank).collect();
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]) && ranks[0] == 1);
        if extra.is_empty() {
            // an article ranks by its best passage (its passages come in reading order)
            let mut best: Vec<f32> = Vec::new();
            for h in &shards {
                match best.get_mut(h.rank - 1) {
                    Some(b) => *b = b.max(h.score),
                    None => best.push(h.score),
                }
            }
            assert!(best.windows(2).all(|w| w[0] >= w[1]), "{query}: {best:?}");
        }
    }
}

#[test]
fn a_page_of_shards_is_a_slice_of_their_ranking() {
    let s = setup();
    let all = s
        .on_shards(&["search", "harbour", "--json", "--limit", "100"])
        .hits();
    let page = s
        .on_shards(&[
            "search", "harbour", "--json", "--offset", "3", "--limit", "4",
        ])
        .hits();
    let article = |h: &Hit| (h.rank, h.article_id.clone());
    let mut expected: Vec<_> = all.iter().map(article).collect();
    expected.dedup();
    let got: Vec<_> = page.iter().map(article).collect::<Vec<_>>();
    let mut got_articles = got.clone();
    got_articles.dedup();
    assert_eq!(got_articles, expected[3..7]);
}

#[test]
fn shards_add_up_counts_facets_and_timelines() {
    let s = setup();
    for args in [
        &["search", "harbour OR vote", "--count", "--json"][..],
        &["speakers", "--json"][..],
        &["facets", "tariff", "--field", "source", "--json"][..],
        &[
            "timeline",
            "harbour",
            "\"said Ada Moe\"",
            "--by",
            "month",
            "--json",
        ][..],
    ] {
        let whole = s.on_whole(args);
        let shards = s.on_shards(args);
        assert_eq!(whole.code, 0, "{args:?}: {}", whole.stderr);
        assert_eq!(
            shards.json_lines::<Value>(),
            whole.json_lines::<Value>(),
            "{args:?}"
        );
    }
}

#[test]
fn stats_speak_of_each_shard() {
    let s = setup();
    let run = s.on_shards(&["stats", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let shards: Vec<Value> = run.json_lines();
    assert_eq!(shards.len(), 2);
    assert_eq!(shards[0]["articles"], 32);
    assert_eq!(shards[1]["articles"], 31);
    assert_eq!(shards[1]["index"], path(&s.shards[1]));
}

#[test]
fn ingest_writes_one_index() {
    let env = Env::new();
    let file = env.write("one.ndjson", &articles()[0]);
    let other = env.dir.path().join("other");
    let run = run(std::process::Command::new(env!("CARGO_BIN_EXE_dateline"))
        .env_remove("DATELINE_INDEX")
        .args(["ingest", path_str(&file), "--index"])
        .arg(&env.index)
        .arg("--index")
        .arg(&other));
    assert_eq!(run.code, 2);
    assert_eq!(
        run.err_lines(),
        [
            "dateline: this command writes one index: give --index once (several --index are shards to search together)"
        ]
    );
    assert!(!other.exists() && !env.index.exists());
}

#[test]
fn an_index_named_twice_is_searched_once() {
    let s = setup();
    let [a, _] = &s.shards;
    let dotted = a.join(".");
    let args = |extra: &[&str]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"));
        cmd.env_remove("DATELINE_INDEX")
            .args(["search", "harbour", "--json", "--limit", "100"])
            .args(extra);
        run(&mut cmd)
    };
    let once = args(&["--index", path(a)]);
    let twice = args(&["--index", path(a), "--index", path(&dotted)]);
    assert_eq!(twice.code, 0, "{}", twice.stderr);
    assert_eq!(twice.stdout, once.stdout);
    // and described once
    let stats = run(std::process::Command::new(env!("CARGO_BIN_EXE_dateline"))
        .env_remove("DATELINE_INDEX")
        .args([
            "stats",
            "--json",
            "--index",
            path(a),
            "--index",
            path(&dotted),
        ]));
    assert_eq!(stats.code, 0, "{}", stats.stderr);
    assert_eq!(stats.json_lines::<Value>().len(), 1);
}

#[test]
fn ingest_takes_one_index_named_twice() {
    let env = Env::new();
    let file = env.write("one.ndjson", &articles()[0]);
    // not there yet: `idx` and `./idx` are compared by their paths
    let plain = env.dir.path().join("idx");
    let dotted = env.dir.path().join(".").join("idx");
    let run = run(std::process::Command::new(env!("CARGO_BIN_EXE_dateline"))
        .env_remove("DATELINE_INDEX")
        .args(["ingest", path_str(&file), "--quiet", "--index"])
        .arg(&plain)
        .arg("--index")
        .arg(&dotted));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(plain.join("meta.json").exists());
}

#[test]
fn copies_in_different_shards_fold_as_in_one_index() {
    let s = setup();
    let shown = |run: Run| -> Vec<(String, Vec<String>)> {
        let mut articles: Vec<(String, Vec<String>)> = Vec::new();
        for hit in run.json_lines::<Value>() {
            let id = hit["article_id"].as_str().expect("id").to_string();
            if articles.last().is_some_and(|(last, _)| *last == id) {
                continue;
            }
            let mut copies: Vec<String> = hit["copies"]
                .as_array()
                .expect("copies")
                .iter()
                .map(|c| c["article_id"].as_str().expect("copy id").to_string())
                .collect();
            copies.sort();
            articles.push((id, copies));
        }
        articles
    };
    let args = ["search", "said", "--json", "--limit", "100"];
    let whole = shown(s.on_whole(&args));
    let shards = shown(s.on_shards(&args));
    let folded: Vec<&(String, Vec<String>)> = whole
        .iter()
        .filter(|(_, copies)| !copies.is_empty())
        .collect();
    assert_eq!(
        folded,
        [&(
            "story-4".to_string(),
            vec![
                "reprint-0".to_string(),
                "reprint-1".into(),
                "reprint-2".into()
            ]
        )],
        "the fixture's reprints fold in one index"
    );
    // the same articles in the same order, the same copies folded into each
    assert_eq!(shards, whole);
}
