//! `stats`: what the index holds — articles, passages, dates, sources, size.
//!
//! Article-level numbers are read from each article's first passage (one per
//! article), using fast fields only: no stored document is opened.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentReader};

use crate::error::Result;
use crate::index::ArchiveIndex;
use crate::schema;

/// How many sources `stats` lists.
pub const TOP_SOURCES: usize = 10;

/// What the index holds.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Stats {
    /// The index directory, as given.
    pub index: String,
    pub articles: u64,
    pub passages: u64,
    pub undated: u64,
    /// RFC 3339 instants of the earliest and latest dated articles.
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub index_bytes: u64,
    pub segments: usize,
    /// The most frequent sources with their article counts.
    pub top_sources: Vec<SourceCount>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct SourceCount {
    pub source: String,
    pub articles: u64,
}

/// Reads the statistics of an index.
pub fn stats(archive: &ArchiveIndex) -> Result<Stats> {
    let searcher = archive.reader()?.searcher();
    let leads = schema::first_passages(&archive.fields);
    let fruit = searcher.search(&*leads, &LeadCollector)?;
    let mut top_sources: Vec<SourceCount> = fruit
        .sources
        .into_iter()
        .map(|(source, articles)| SourceCount { source, articles })
        .collect();
    top_sources.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.source.cmp(&b.source)));
    top_sources.truncate(TOP_SOURCES);
    let instant = |secs: Option<i64>| {
        secs.and_then(|s| DateTime::<Utc>::from_timestamp(s, 0))
            .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
    };
    Ok(Stats {
        index: archive.dir.display().to_string(),
        articles: fruit.articles,
        passages: searcher.num_docs(),
        undated: fruit.undated,
        first_date: instant(fruit.first),
        last_date: instant(fruit.last),
        index_bytes: dir_size(&archive.dir),
        segments: searcher.segment_readers().len(),
        top_sources,
    })
}

/// Bytes of the files in an index directory.
pub fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

#[derive(Default)]
struct LeadFruit {
    articles: u64,
    undated: u64,
    first: Option<i64>,
    last: Option<i64>,
    sources: HashMap<String, u64>,
}

impl LeadFruit {
    fn merge(&mut self, other: LeadFruit) {
        self.articles += other.articles;
        self.undated += other.undated;
        self.first = min_opt(self.first, other.first);
        self.last = self.last.max(other.last);
        for (source, n) in other.sources {
            *self.sources.entry(source).or_default() += n;
        }
    }
}

fn min_opt(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

struct LeadCollector;

struct LeadSegment {
    dates: Option<Column<i64>>,
    sources: Option<StrColumn>,
    source_counts: HashMap<u64, u64>,
    fruit: LeadFruit,
}

impl Collector for LeadCollector {
    type Fruit = LeadFruit;
    type Child = LeadSegment;

    fn for_segment(&self, _: u32, reader: &SegmentReader) -> tantivy::Result<LeadSegment> {
        let fast = reader.fast_fields();
        Ok(LeadSegment {
            // first passages hold the article's own columns
            dates: fast.i64("article_date").ok(),
            sources: fast.str("source_raw").ok().flatten(),
            source_counts: HashMap::new(),
            fruit: LeadFruit::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<LeadFruit>) -> tantivy::Result<LeadFruit> {
        let mut out = LeadFruit::default();
        for fruit in fruits {
            out.merge(fruit);
        }
        Ok(out)
    }
}

impl SegmentCollector for LeadSegment {
    type Fruit = LeadFruit;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.fruit.articles += 1;
        match self.dates.as_ref().and_then(|c| c.first(doc)) {
            Some(secs) => {
                self.fruit.first = min_opt(self.fruit.first, Some(secs));
                self.fruit.last = self.fruit.last.max(Some(secs));
            }
            None => self.fruit.undated += 1,
        }
        if let Some(sources) = &self.sources {
            for ord in sources.term_ords(doc) {
                *self.source_counts.entry(ord).or_default() += 1;
            }
        }
    }

    fn harvest(mut self) -> LeadFruit {
        if let Some(sources) = &self.sources {
            // Decoded in one ordered pass over the (compressed) dictionary.
            let mut seen: Vec<(u64, u64)> = self.source_counts.into_iter().collect();
            seen.sort_unstable();
            let ords: Vec<u64> = seen.iter().map(|(ord, _)| *ord).collect();
            let mut next = seen.iter();
            let fruit = &mut self.fruit;
            let _ = sources.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                if let Some((_, n)) = next.next() {
                    let name = String::from_utf8_lossy(bytes).into_owned();
                    *fruit.sources.entry(name).or_default() += n;
                }
            });
        }
        self.fruit
    }
}
