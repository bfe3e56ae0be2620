//! Crash safety: ingests of the whole shared corpus killed with SIGKILL at
//! random moments, with searches running all along.
//!
//! After each kill the index must open, every article it holds must be whole
//! (all its passages, each once), and re-running the ingest must complete it
//! to exactly the expected counts. Searches running in a loop meanwhile must
//! never fail. Needs `../shared/corpus` (run by CI):
//!
//! ```sh
//! cargo test --release --test crash -- --ignored --nocapture
//! ```

mod util;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use dateline::columns::Leads;
use dateline::index::ArchiveIndex;
use dateline::prepare::prepare;
use dateline::read::{self, Format};
use dateline::schema::article_key;

use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, TERMINATED};
use util::Env;

const CORPORA: [&str; 3] = ["reuters21578", "polnear", "newsarticles"];

fn corpus_files() -> Option<Vec<String>> {
    let dir = util::repo().join("../shared/corpus");
    if !dir.join("reuters21578/articles.ndjson").exists() {
        let message = format!("crash tests need {}; it is absent", dir.display());
        assert!(
            std::env::var_os("CI").is_none(),
            "{message} (and CI is set)"
        );
        eprintln!("SKIPPED: {message}");
        return None;
    }
    Some(
        CORPORA
            .iter()
            .map(|c| dir.join(c).join("articles.ndjson").display().to_string())
            .collect(),
    )
}

/// Passages per article key, computed the way ingest computes them.
fn expected(files: &[String]) -> HashMap<u64, u32> {
    let mut out = HashMap::new();
    for file in files {
        let bytes = std::fs::read(file).expect("read corpus");
        for outcome in read::read_bytes(Format::Ndjson, &bytes, file) {
            let record = outcome.expect("the corpora have no bad records");
            let passages = prepare(&record.article).passages.len() as u32;
            out.insert(article_key(&record.article.id), passages);
        }
    }
    out
}

/// Checks that every article in the index is whole, each passage once, and
/// returns how many articles it holds: each id's passages (the postings of
/// its `article_id` term) are consecutive documents of one segment, of which
/// the first, and only it, is a first passage, the lead every one of them
/// finds (`columns::Leads`).
fn check_whole(index: &Path, expected: &HashMap<u64, u32>) -> usize {
    let archive = ArchiveIndex::open(index).expect("the index opens after a kill");
    let searcher = archive.reader().expect("reader").searcher();
    let mut seen: HashMap<u64, u32> = HashMap::new();
    for segment in searcher.segment_readers() {
        let leads = Leads::of(segment);
        let firsts = segment.fast_fields().u64("lead").expect("a lead column");
        let ids = segment
            .inverted_index(archive.fields.article_id)
            .expect("the id index");
        let mut terms = ids.terms().stream().expect("the id terms");
        let mut passages = 0;
        while terms.advance() {
            let id = String::from_utf8(terms.key().to_vec()).expect("ids are text");
            let mut postings = ids
                .read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)
                .expect("postings");
            let mut docs = Vec::new();
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if !segment.is_deleted(doc) {
                    docs.push(doc);
                }
                doc = postings.advance();
            }
            let Some(&first) = docs.first() else { continue };
            for (ordinal, &doc) in docs.iter().enumerate() {
                assert_eq!(doc, first + ordinal as u32, "{id}: passages {docs:?}");
                assert_eq!(leads.lead(doc), Some(first), "{id}: passage {doc}");
                assert_eq!(
                    firsts.first(doc).is_some(),
                    ordinal == 0,
                    "{id}: passage {doc} of {docs:?}"
                );
            }
            passages += docs.len();
            let n = u32::try_from(docs.len()).expect("passages");
            assert!(
                seen.insert(article_key(&id), n).is_none(),
                "{id} is in two segments"
            );
        }
        assert_eq!(
            passages as u32,
            segment.num_docs(),
            "every passage has an id"
        );
    }
    for (key, n) in &seen {
        let want = expected.get(key).copied().expect("only corpus articles");
        assert_eq!(*n, want, "article {key:x}: {n} passages of {want}");
    }
    seen.len()
}

/// A tiny deterministic generator for the kill moments.
fn moments(n: usize) -> Vec<u64> {
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            300 + x % 2200
        })
        .collect()
}

#[test]
#[ignore = "needs ../shared/corpus; run: cargo test --release --test crash -- --ignored"]
fn killed_ingests_leave_whole_articles_and_a_rerun_completes() {
    let Some(files) = corpus_files() else { return };
    let expected = expected(&files);
    let env = Env::new();
    let mut args = vec!["ingest", "--quiet", "--commit-every", "1"];
    args.extend(files.iter().map(String::as_str));

    // Searches in a loop for the whole test: they must never fail.
    let stop = Arc::new(AtomicBool::new(false));
    let searcher = {
        let stop = Arc::clone(&stop);
        let index = env.index.clone();
        std::thread::spawn(move || {
            let mut runs = 0;
            while !stop.load(Ordering::Relaxed) {
                if index.join("meta.json").exists() {
                    let out = util::run(
                        std::process::Command::new(env!("CARGO_BIN_EXE_dateline"))
                            .arg("--index")
                            .arg(&index)
                            .args(["search", "\"oil prices\"", "--count", "--json"]),
                    );
                    assert!(
                        out.code == 0 || out.code == 1,
                        "search failed: {}",
                        out.stderr
                    );
                    runs += 1;
                }
                std::thread::sleep(Duration::from_millis(30));
            }
            runs
        })
    };

    let mut held = Vec::new();
    for wait in moments(4) {
        let mut child = env.command().args(&args).spawn().expect("spawn ingest");
        std::thread::sleep(Duration::from_millis(wait));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        held.push(check_whole(&env.index, &expected));
    }
    println!(
        "articles held after each kill: {held:?} of {}",
        expected.len()
    );

    // Re-running completes the job: no lock left behind, nothing twice.
    let done = env.run(&args);
    assert_eq!(done.code, 0, "{}", done.stderr);
    assert_eq!(check_whole(&env.index, &expected), expected.len());
    let stats = env.stats();
    assert_eq!(stats.articles as usize, expected.len());
    assert_eq!(
        stats.passages,
        expected.values().map(|&n| u64::from(n)).sum::<u64>()
    );

    stop.store(true, Ordering::Relaxed);
    let runs = searcher.join().expect("the search loop never failed");
    println!("{runs} searches ran during the ingests");
    assert!(runs > 0);
}
