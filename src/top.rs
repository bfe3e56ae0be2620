//! The top passages by score, with the bar to beat shared between segments.
//!
//! tantivy's top-docs collector ranks each segment on its own: every segment
//! starts with an empty list and accepts any match until its list is full,
//! which for a query that is costly per match (a phrase of common words)
//! means a list's worth of full checks in each of an index's segments
//! before pruning starts. Scores of one search are comparable across
//! segments (the statistics are the index's), so [`TopScores`] starts each
//! segment at the lowest score of the best full list any segment has found
//! so far: a passage below it cannot rank. The hits are the same: a passage
//! that ranks scores at least that bar, and ties with it are still offered.
//!
//! Only for a weight that prunes by each passage's own bound, as
//! [`crate::query::phrase::TextPhrase`] does. tantivy's term and boolean
//! weights skip whole blocks of postings by a best score recorded when the
//! segment was written, with that segment's average passage length; scored
//! with the whole index's, a block's true best can be higher, and a bar from
//! another segment, applied from a segment's first passage, skips passages
//! that rank (a review found the best hit of a two-segment index lost).

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicU32, Ordering as Atomic};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::Weight;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// The `limit` best-scoring passages, best first; ties go to the lower
/// address (as with tantivy's `TopDocs`).
pub struct TopScores {
    limit: usize,
    /// The lowest score of a full list found so far (`f32` bits), or none.
    bar: AtomicU32,
}

const NO_BAR: u32 = u32::MAX;

impl TopScores {
    pub fn with_limit(limit: usize) -> TopScores {
        TopScores {
            limit,
            bar: AtomicU32::new(NO_BAR),
        }
    }

    /// The score below which a passage cannot rank, lowered by the least
    /// step so that a passage scoring exactly the bar is still offered.
    fn start(&self) -> Score {
        match self.bar.load(Atomic::Relaxed) {
            NO_BAR => Score::MIN,
            bits => Score::from_bits(bits).next_down(),
        }
    }

    /// Raises the bar to a full list's lowest score.
    fn raise(&self, lowest: Score) {
        let mut current = self.bar.load(Atomic::Relaxed);
        while current == NO_BAR || Score::from_bits(current) < lowest {
            match self.bar.compare_exchange_weak(
                current,
                lowest.to_bits(),
                Atomic::Relaxed,
                Atomic::Relaxed,
            ) {
                Ok(_) => return,
                Err(seen) => current = seen,
            }
        }
    }
}

impl Collector for TopScores {
    type Fruit = Vec<(Score, DocAddress)>;
    type Child = SegmentTop;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _: &SegmentReader,
    ) -> tantivy::Result<SegmentTop> {
        Ok(SegmentTop::new(self.limit, segment))
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(Score, DocAddress)>>) -> tantivy::Result<Self::Fruit> {
        let mut all: Vec<(Score, DocAddress)> = fruits.into_iter().flatten().collect();
        all.sort_unstable_by(best_first);
        all.truncate(self.limit);
        Ok(all)
    }

    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Vec<(Score, DocAddress)>> {
        let mut top = SegmentTop::new(self.limit, segment);
        if self.limit == 0 {
            return Ok(Vec::new());
        }
        let start = self.start();
        let alive = reader.alive_bitset();
        let mut threshold = start;
        weight.for_each_pruning(start, reader, &mut |doc, score| {
            if alive.is_none_or(|alive| alive.is_alive(doc)) {
                top.collect(doc, score);
                if let Some(lowest) = top.lowest() {
                    self.raise(lowest);
                    // another segment's list may be better still
                    threshold = lowest.max(self.start());
                }
            }
            threshold
        })?;
        Ok(top.harvest())
    }
}

/// Best score first, then the lower address.
fn best_first(a: &(Score, DocAddress), b: &(Score, DocAddress)) -> Ordering {
    b.0.partial_cmp(&a.0)
        .unwrap_or(Ordering::Equal)
        .then_with(|| a.1.cmp(&b.1))
}

/// One segment's best passages: a min-heap of at most `limit`.
pub struct SegmentTop {
    heap: BinaryHeap<Reverse<Entry>>,
    limit: usize,
    segment: SegmentOrdinal,
}

impl SegmentTop {
    fn new(limit: usize, segment: SegmentOrdinal) -> SegmentTop {
        SegmentTop {
            heap: BinaryHeap::with_capacity(limit.min(1 << 16)),
            limit,
            segment,
        }
    }

    /// The lowest score of a full list.
    fn lowest(&self) -> Option<Score> {
        (self.heap.len() >= self.limit)
            .then(|| self.heap.peek().map(|Reverse(e)| e.score))
            .flatten()
    }
}

impl SegmentCollector for SegmentTop {
    type Fruit = Vec<(Score, DocAddress)>;

    /// Passages must come in ascending order: of equal scores, the first
    /// offered stays.
    fn collect(&mut self, doc: DocId, score: Score) {
        if self.heap.len() < self.limit {
            self.heap.push(Reverse(Entry { score, doc }));
        } else if let Some(mut lowest) = self.heap.peek_mut()
            && score > lowest.0.score
        {
            *lowest = Reverse(Entry { score, doc });
        }
    }

    fn harvest(self) -> Vec<(Score, DocAddress)> {
        let segment = self.segment;
        self.heap
            .into_iter()
            .map(|Reverse(e)| (e.score, DocAddress::new(segment, e.doc)))
            .collect()
    }
}

/// A heap entry: the higher score is greater; of equal scores, the lower
/// passage.
struct Entry {
    score: Score,
    doc: DocId,
}

impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        self.score
            .partial_cmp(&other.score)
            .unwrap_or(Ordering::Equal)
            .then_with(|| other.doc.cmp(&self.doc))
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Entry {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{QueryBuilder, parse};
    use crate::testing::index;
    use tantivy::collector::TopDocs;

    /// Every match, best first (ties to the lower address), cut to `limit`.
    fn reference(
        searcher: &tantivy::Searcher,
        query: &dyn tantivy::query::Query,
        limit: usize,
    ) -> Vec<(Score, DocAddress)> {
        let everything = TopDocs::with_limit(searcher.num_docs() as usize).order_by_score();
        let mut all = searcher
            .search(query, &everything)
            .unwrap_or_else(|e| panic!("{e}"));
        all.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        all.truncate(limit);
        all
    }

    #[test]
    fn the_top_passages_are_the_best_of_all_matches_on_one_thread_or_two() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut archive = index(dir.path());
        let mut checked = 0;
        for threads in [1, 2] {
            if threads > 1 {
                archive
                    .index
                    .set_multithread_executor(threads)
                    .unwrap_or_else(|e| panic!("{e}"));
            }
            let searcher = archive
                .reader()
                .unwrap_or_else(|e| panic!("{e}"))
                .searcher();
            assert!(searcher.segment_readers().len() >= 2, "several segments");
            for text in [
                "\"one of the\"",
                "\"the port\"",
                "\"of the\"",
                "\"ferry said\"",
                "\"one of the ferry\"",
            ] {
                let expr = parse(text).unwrap_or_else(|e| panic!("{e}"));
                let query = QueryBuilder::new(&archive.fields)
                    .build(&expr)
                    .unwrap_or_else(|e| panic!("{e}"));
                assert!(
                    query
                        .downcast_ref::<crate::query::phrase::TextPhrase>()
                        .is_some(),
                    "{text} is a phrase of the text, the only query TopScores serves"
                );
                for limit in [0, 1, 3, 10, 40, 10_000] {
                    let top = searcher
                        .search(&*query, &TopScores::with_limit(limit))
                        .unwrap_or_else(|e| panic!("{e}"));
                    assert_eq!(
                        top,
                        reference(&searcher, &*query, limit),
                        "{text} top {limit} on {threads} thread(s)"
                    );
                    checked += top.len();
                }
            }
        }
        assert!(
            checked > 2000,
            "the queries match ({checked} hits compared)"
        );
    }

    /// A segment of many short passages and one of long ones: tantivy's
    /// block bests, recorded with each segment's own average length, fall
    /// short of the scores the whole index gives. A word query must still
    /// find the best passage (a shared bar lost it).
    #[test]
    fn a_word_s_best_passage_is_found_across_segments_of_unlike_lengths() {
        use crate::article::Article;
        use crate::index::{ArchiveIndex, WRITER_MEMORY};
        use crate::search::{SearchRequest, Searching};
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let archive = ArchiveIndex::open_or_create(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        let mut indexer = archive
            .indexer_with_memory(WRITER_MEMORY)
            .unwrap_or_else(|e| panic!("{e}"));
        let words: Vec<String> = (0..900).map(|i| format!("w{i:03}")).collect();
        let add = |indexer: &mut crate::index::Indexer, id: String, body: String| {
            crate::testing::add(
                indexer,
                Article {
                    id,
                    body,
                    ..Article::default()
                },
            );
        };
        for i in 0..20_000usize {
            let (a, b) = (&words[i * 7 % 900], &words[i * 13 % 900]);
            let body = if i % 100 == 0 {
                format!("zorb {a} {b}")
            } else {
                format!("{a} {b}")
            };
            add(&mut indexer, format!("s{i}"), body);
        }
        indexer.commit().unwrap_or_else(|e| panic!("{e}"));
        for i in 0..600usize {
            if i == 50 {
                add(&mut indexer, "best".into(), format!("zorb {}", words[i]));
            }
            let rest: Vec<&str> = (0..25)
                .map(|k| words[(i * 31 + k * 17) % 900].as_str())
                .collect();
            add(
                &mut indexer,
                format!("l{i}"),
                format!("zorb zorb zorb zorb zorb {}", rest.join(" ")),
            );
        }
        indexer.commit().unwrap_or_else(|e| panic!("{e}"));
        indexer.finish().unwrap_or_else(|e| panic!("{e}"));
        let searching =
            Searching::open(ArchiveIndex::open(dir.path()).unwrap_or_else(|e| panic!("{e}")))
                .unwrap_or_else(|e| panic!("{e}"));
        let request = SearchRequest {
            query: "zorb".into(),
            limit: 3,
            ..SearchRequest::default()
        };
        let results = searching.search(&request).unwrap_or_else(|e| panic!("{e}"));
        let first = results.articles.first().map(|a| a.article_id.as_str());
        assert_eq!(
            first,
            Some("best"),
            "the shortest passage holding the word ranks first"
        );
    }

    #[test]
    fn a_passage_scoring_exactly_the_bar_is_still_offered() {
        let top = TopScores::with_limit(2);
        assert_eq!(top.start(), Score::MIN);
        top.raise(1.5);
        assert!(top.start() < 1.5 && top.start() > 1.49);
        top.raise(1.0);
        assert!(top.start() > 1.49, "the bar never falls");
    }
}
