//! How well near-duplicate collapsing works, measured on real articles from
//! `../shared/corpus` and copies edited the way syndication edits them.
//!
//! ```sh
//! cargo test --release --test dedup -- --ignored --nocapture
//! ```
//!
//! The set: originals (Reuters and PolNeAR articles of at least four
//! paragraphs), one or two edited copies of each (headline changed, last
//! paragraph trimmed, a paragraph dropped or two swapped, a local sentence
//! inserted, quotes and punctuation normalised; two or three edits per copy),
//! and the other originals, which include distinct stories on the same
//! subject (Reuters topic codes, one US election). Every pair of articles is
//! judged by the predicate search uses to collapse; precision and recall are
//! over pairs.

mod util;

use std::collections::HashMap;

use dateline::fingerprint::{MinHash, NEAR_DUPLICATE, content_hash};

/// A small deterministic generator (xorshift64*), so the set is the same on
/// every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

struct Doc {
    /// Which original it is (or is a copy of).
    family: usize,
    title: String,
    body: String,
    topic: String,
}

const LOCAL_INTROS: [&str; 4] = [
    "Local traders were watching the news closely on Tuesday, a regional chamber of commerce said.",
    "The report was published as officials in the capital met for a second day of talks.",
    "Readers in the region have followed the story since it first broke last week.",
    "Analysts at a local bank said they were still studying the details of the announcement.",
];

/// An edited copy, the way a syndicating outlet edits a wire story.
fn edit(rng: &mut Rng, title: &str, body: &str) -> (String, String) {
    let mut paras: Vec<String> = body.split("\n\n").map(str::to_string).collect();
    let mut title = title.to_string();
    let edits = 2 + rng.below(2);
    let mut kinds: Vec<usize> = (0..6).collect();
    for _ in 0..edits {
        let kind = kinds.remove(rng.below(kinds.len()));
        match kind {
            0 => title = format!("UPDATE: {}", title.to_lowercase()),
            1 if paras.len() > 3 => {
                paras.pop();
            }
            2 if paras.len() > 3 => {
                let i = 1 + rng.below(paras.len() - 2);
                paras.remove(i);
            }
            3 if paras.len() > 2 => {
                let i = rng.below(paras.len() - 1);
                paras.swap(i, i + 1);
            }
            4 => paras.insert(0, LOCAL_INTROS[rng.below(LOCAL_INTROS.len())].to_string()),
            _ => {
                for p in &mut paras {
                    *p = p
                        .replace('"', "\u{201c}")
                        .replace('\'', "\u{2019}")
                        .replace(" - ", " \u{2014} ")
                        .replace(";", ",");
                }
            }
        }
    }
    (title, paras.join("\n\n"))
}

fn originals() -> Option<Vec<(String, String, String)>> {
    let dir = util::repo().join("../shared/corpus");
    if !dir.join("reuters21578/articles.ndjson").exists() {
        let message = format!("dedup evaluation needs {}; it is absent", dir.display());
        assert!(
            std::env::var_os("CI").is_none(),
            "{message} (and CI is set)"
        );
        eprintln!("SKIPPED: {message}");
        return None;
    }
    let mut out = Vec::new();
    for (corpus, every) in [("reuters21578", 20), ("polnear", 3)] {
        let text = std::fs::read_to_string(dir.join(corpus).join("articles.ndjson")).ok()?;
        let mut n = 0;
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).ok()?;
            let body = v["body"].as_str().unwrap_or("");
            let paras = body.split("\n\n").filter(|p| !p.trim().is_empty()).count();
            if paras < 4 || body.split_whitespace().count() < 150 {
                continue;
            }
            n += 1;
            if n % every != 0 {
                continue;
            }
            let topic = match corpus {
                "reuters21578" => v["topics"][0].as_str().unwrap_or("none").to_string(),
                _ => "election".to_string(),
            };
            out.push((
                v["title"].as_str().unwrap_or("").to_string(),
                body.to_string(),
                topic,
            ));
        }
    }
    Some(out)
}

#[test]
#[ignore = "needs ../shared/corpus; run: cargo test --release --test dedup -- --ignored --nocapture"]
fn near_duplicates_collapse_with_high_precision_and_recall() {
    let Some(originals) = originals() else { return };
    let mut rng = Rng(0x5eed_d47e_11e5);
    let mut docs = Vec::new();
    for (family, (title, body, topic)) in originals.iter().enumerate() {
        docs.push(Doc {
            family,
            title: title.clone(),
            body: body.clone(),
            topic: topic.clone(),
        });
        for _ in 0..1 + rng.below(2) {
            let (t, b) = edit(&mut rng, title, body);
            docs.push(Doc {
                family,
                title: t,
                body: b,
                topic: topic.clone(),
            });
        }
    }
    let prints: Vec<_> = docs
        .iter()
        .map(|d| (content_hash(&d.body), MinHash::of(&d.body)))
        .collect();
    let duplicate = |i: usize, j: usize| {
        let ((ha, ma), (hb, mb)) = (&prints[i], &prints[j]);
        (ha.is_some() && ha == hb)
            || matches!((ma, mb), (Some(a), Some(b)) if a.similarity(b) >= NEAR_DUPLICATE)
    };
    let (mut tp, mut fp, mut fn_) = (0u64, 0u64, 0u64);
    let mut same_topic_pairs = 0u64;
    let mut worst: Vec<(f64, usize, usize)> = Vec::new();
    for i in 0..docs.len() {
        for j in i + 1..docs.len() {
            let truth = docs[i].family == docs[j].family;
            let said = duplicate(i, j);
            if docs[i].topic == docs[j].topic && !truth {
                same_topic_pairs += 1;
            }
            match (truth, said) {
                (true, true) => tp += 1,
                (false, true) => {
                    fp += 1;
                    worst.push((0.0, i, j));
                }
                (true, false) => {
                    fn_ += 1;
                    worst.push((1.0, i, j));
                }
                _ => {}
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    let families: HashMap<usize, usize> = docs.iter().fold(HashMap::new(), |mut m, d| {
        *m.entry(d.family).or_default() += 1;
        m
    });
    println!(
        "near-duplicates: {} originals, {} edited copies, {} distinct same-subject pairs; \
         threshold {NEAR_DUPLICATE}: precision {precision:.3} ({tp} of {} pairs called \
         duplicates), recall {recall:.3} ({tp} of {} true pairs)",
        families.len(),
        docs.len() - families.len(),
        same_topic_pairs,
        tp + fp,
        tp + fn_
    );
    for (kind, i, j) in worst.iter().take(5) {
        let what = if *kind == 0.0 {
            "false duplicate"
        } else {
            "missed copy"
        };
        println!("  {what}: {:?} / {:?}", docs[*i].title, docs[*j].title);
    }
    assert!(precision >= 0.95, "precision {precision:.3}");
    assert!(recall >= 0.95, "recall {recall:.3}");
}
