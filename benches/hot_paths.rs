//! Micro-benchmarks of ingest's and search's hot paths, on real news text:
//! preparing articles (tokenising for fingerprints, passage splitting, speaker
//! attribution) per MB, and highlighting per shown hit.
//!
//! Each benchmark first checks its answer against an independent reference
//! (gold attributions, a naive word count), so a fast wrong answer fails
//! instead of looking good. Run: `cargo bench --bench hot_paths`. The data is
//! the first PolNeAR articles of `../shared/corpus` (gold quote annotations);
//! without the corpus, the repository's own `sample/` feeds, and it says so.

use std::hint::black_box;
use std::ops::Range;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dateline::article::Article;
use dateline::highlight::Highlighter;
use dateline::prepare::{Options, prepare_with};
use dateline::query::parse;
use dateline::read::{Format, read_bytes};
use serde::Deserialize;

const POLNEAR: &str = "../shared/corpus/polnear/articles.ndjson";
const SAMPLE: &str = "sample/feeds/crawl-2023-2025.ndjson";
/// How many PolNeAR articles one iteration prepares (0.8 MB of text).
const ARTICLES: usize = 200;

/// Attribution only: gold metadata speakers would help resolve names.
const OPTIONS: Options = Options {
    attribution: true,
    metadata_speakers: false,
};

struct Data {
    articles: Vec<Article>,
    /// Gold content spans (byte ranges into each body), when annotated.
    gold: Vec<Vec<Range<usize>>>,
}

#[derive(Deserialize)]
struct GoldArticle {
    body: String,
    #[serde(default)]
    attributions: Vec<GoldAttribution>,
}

#[derive(Deserialize)]
struct GoldAttribution {
    content: Option<GoldSpan>,
}

#[derive(Deserialize)]
struct GoldSpan {
    spans: Vec<[usize; 2]>,
}

fn load() -> Data {
    let (path, limit) = if Path::new(POLNEAR).exists() {
        (POLNEAR, ARTICLES)
    } else {
        eprintln!("hot_paths: {POLNEAR} is absent; using {SAMPLE} (no gold check)");
        (SAMPLE, usize::MAX)
    };
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').take(limit).collect();
    let joined = lines.join(&b'\n');
    let articles: Vec<Article> = read_bytes(Format::Ndjson, &joined, path)
        .into_iter()
        .map(|outcome| outcome.expect("the bench data reads cleanly").article)
        .collect();
    assert_eq!(articles.len(), lines.len(), "one article per line");
    let gold = lines
        .iter()
        .map(|line| {
            let record: GoldArticle = serde_json::from_slice(line).expect("valid JSON");
            let bytes = byte_offsets(&record.body);
            record
                .attributions
                .iter()
                .filter_map(|a| a.content.as_ref()?.spans.first())
                .map(|[start, end]| bytes[*start]..bytes[*end])
                .collect()
        })
        .collect();
    Data { articles, gold }
}

/// Byte offset of every code point of `text` (PolNeAR counts code points),
/// and of its end.
fn byte_offsets(text: &str) -> Vec<usize> {
    let mut offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    offsets.push(text.len());
    offsets
}

/// Share of the gold attributions whose content our attributions overlap.
fn recall(data: &Data) -> Option<f64> {
    let total: usize = data.gold.iter().map(Vec::len).sum();
    if total == 0 {
        return None;
    }
    let mut found = 0;
    for (article, gold) in data.articles.iter().zip(&data.gold) {
        let ours = prepare_with(article, OPTIONS).attributions;
        found += gold
            .iter()
            .filter(|g| {
                ours.iter()
                    .any(|a| a.content.start < g.end && g.start < a.content.end)
            })
            .count();
    }
    Some(found as f64 / total as f64)
}

fn prepare_bench(c: &mut Criterion) {
    let data = load();
    // Every gold attribution counts here, sourceless ones too; measured at
    // 0.503 on these articles when this bench was written. The floor catches
    // an attribution that got fast by finding less.
    if let Some(recall) = recall(&data) {
        eprintln!("hot_paths: attribution content recall {recall:.3} against PolNeAR gold");
        assert!(recall >= 0.45, "attribution recall fell to {recall:.3}");
    }
    let bytes: usize = data.articles.iter().map(|a| a.body.len()).sum();
    let passages: usize = data
        .articles
        .iter()
        .map(|a| prepare_with(a, OPTIONS).passages.len())
        .sum();
    assert!(
        passages >= data.articles.len(),
        "every article has a passage"
    );
    let mut group = c.benchmark_group("prepare");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("passages+attribution+fingerprints", |b| {
        b.iter(|| {
            let mut n = 0;
            for article in &data.articles {
                n += prepare_with(black_box(article), OPTIONS).passages.len();
            }
            assert_eq!(n, passages);
        })
    });
    group.finish();
}

/// Lower-cased words of `text` by a rule independent of dateline's tokenizer
/// (runs of ASCII letters and digits), one list per paragraph, so that a
/// phrase never spans a blank line.
fn naive_paragraph_words(text: &str) -> Vec<Vec<String>> {
    text.split("\n\n")
        .map(|para| {
            para.split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_ascii_lowercase)
                .collect()
        })
        .collect()
}

fn occurrences(paragraphs: &[Vec<String>], phrase: &[&str]) -> usize {
    paragraphs
        .iter()
        .map(|words| {
            words
                .windows(phrase.len())
                .filter(|w| w.iter().zip(phrase).all(|(a, b)| a == b))
                .count()
        })
        .sum()
}

fn highlight_bench(c: &mut Criterion) {
    let data = load();
    let texts: Vec<&str> = data
        .articles
        .iter()
        .flat_map(|a| {
            prepare_with(a, OPTIONS)
                .passages
                .into_iter()
                .map(|p| p.passage.text(&a.body))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut group = c.benchmark_group("highlight");
    for (query, phrase) in [
        ("\"the campaign\"", vec!["the", "campaign"]),
        ("\"said\"", vec!["said"]),
    ] {
        let expr = parse(query).expect("a valid query");
        // The hits a search would show: passages that contain the phrase.
        let hits: Vec<(&str, usize)> = texts
            .iter()
            .map(|t| (*t, occurrences(&naive_paragraph_words(t), &phrase)))
            .filter(|(_, n)| *n > 0)
            .collect();
        let expected: usize = hits.iter().map(|(_, n)| n).sum();
        let mut highlighter = Highlighter::new(&expr);
        let spans: usize = hits
            .iter()
            .map(|(t, _)| highlighter.spans(t, None).text.len())
            .sum();
        assert_eq!(spans, expected, "{query}: spans against the naive count");
        group.throughput(Throughput::Elements(hits.len() as u64));
        group.bench_function(format!("{query} per hit"), |b| {
            b.iter(|| {
                let mut n = 0;
                for (text, _) in &hits {
                    n += highlighter.spans(black_box(text), None).text.len();
                }
                assert_eq!(n, expected);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, prepare_bench, highlight_bench);
criterion_main!(benches);
