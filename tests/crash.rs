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

use dateline::index::ArchiveIndex;
use dateline::prepare::prepare;
use dateline::read::{self, Format};
use dateline::schema::article_key;

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
/// returns how many articles it holds.
fn check_whole(index: &Path, expected: &HashMap<u64, u32>) -> usize {
    let archive = ArchiveIndex::open(index).expect("the index opens after a kill");
    let searcher = archive.reader().expect("reader").searcher();
    let mut seen: HashMap<u64, Vec<u32>> = HashMap::new();
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let ids = fast.str("article_id").expect("ids").expect("an id column");
        let ordinals = fast.u64("ordinal").expect("ordinals");
        let mut id = String::new();
        for doc in 0..segment.max_doc() {
            if segment.is_deleted(doc) {
                continue;
            }
            let ord = ids.term_ords(doc).next().expect("every passage has an id");
            id.clear();
            ids.ord_to_str(ord, &mut id)
                .expect("the id's dictionary entry");
            let ordinal = ordinals.first(doc).expect("every passage has an ordinal") as u32;
            // an article's passages are consecutive documents: search finds
            // a passage's article at `doc - ordinal`
            let lead = doc
                .checked_sub(ordinal)
                .expect("ordinal within the segment");
            assert_eq!(ordinals.first(lead), Some(0), "passage {doc}: lead {lead}");
            assert_eq!(
                ids.term_ords(lead).next(),
                Some(ord),
                "passage {doc}: lead {lead}"
            );
            seen.entry(article_key(&id)).or_default().push(ordinal);
        }
    }
    for (key, mut ordinals) in seen.clone() {
        ordinals.sort_unstable();
        let n = expected.get(&key).copied().expect("only corpus articles");
        let whole: Vec<u32> = (0..n).collect();
        assert_eq!(
            ordinals, whole,
            "article {key:x}: passages {ordinals:?} of {n}"
        );
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
