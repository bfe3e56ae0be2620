//! A phrase of the passage text (and of the title, at a lower weight) whose
//! top hits skip the position check of passages that cannot rank.
//!
//! A phrase matches where its words stand side by side, which only their
//! positions tell; reading them is most of a phrase query's work, and for a
//! phrase of common words (`"one of the"`) it is done for hundreds of
//! thousands of passages holding the three words anywhere. Ranking needs
//! less: a passage holds the phrase at most as often as its rarest word, so
//! its BM25 score is at most the score of that many matches at its length.
//! [`TextPhrase`] finds the passages with every word from the word counts
//! alone, and checks positions only where that bound beats the lowest score
//! the top hits still hold. Everything else (matching, counting, scoring a
//! given passage, ranking by date) goes through the plain query, and the
//! hits it ranks are the plain query's, with the same scores.

use std::fmt;

use tantivy::postings::Postings;
use tantivy::query::{Bm25Weight, EnableScoring, Explanation, PhraseQuery, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, TERMINATED, Term};

/// How much a bound may fall short of the score it bounds through rounding:
/// a passage is checked when its bound comes within this share of the
/// threshold (the bound and the score are computed alike, so this is slack).
const BOUND_SLACK: Score = 1e-4;

/// `"…"` over the passage text, OR-ed with the same phrase over the title
/// (boosted), ranked with the bound described in the module documentation.
pub struct TextPhrase {
    /// What matches and scores: the text phrase OR the boosted title phrase,
    /// in that order (the order the scores are summed in).
    either: Box<dyn Query>,
    text: PhraseQuery,
    title: Box<dyn Query>,
}

impl TextPhrase {
    /// `either` must be `text` OR `title`, as built by the query builder.
    pub fn new(either: Box<dyn Query>, text: PhraseQuery, title: Box<dyn Query>) -> TextPhrase {
        TextPhrase {
            either,
            text,
            title,
        }
    }
}

impl Clone for TextPhrase {
    fn clone(&self) -> Self {
        TextPhrase {
            either: self.either.box_clone(),
            text: self.text.clone(),
            title: self.title.box_clone(),
        }
    }
}

impl fmt::Debug for TextPhrase {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "TextPhrase({:?})", self.either)
    }
}

impl Query for TextPhrase {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let terms = self.text.phrase_terms();
        // the phrase's own weight, as tantivy's phrase query computes it
        let bound = match enable_scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } => Some(Bm25Weight::for_terms(statistics_provider, &terms)?),
            EnableScoring::Disabled { .. } => None,
        };
        let mut distinct = terms;
        distinct.sort();
        distinct.dedup();
        Ok(Box::new(TextPhraseWeight {
            either: self.either.weight(enable_scoring)?,
            text: self.text.weight(enable_scoring)?,
            title: self.title.weight(enable_scoring)?,
            field: self.text.field(),
            terms: distinct,
            bound,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.either.query_terms(visitor);
    }
}

struct TextPhraseWeight {
    either: Box<dyn Weight>,
    text: Box<dyn Weight>,
    title: Box<dyn Weight>,
    field: Field,
    /// The phrase's distinct words.
    terms: Vec<Term>,
    /// The phrase's BM25 weight; `None` when scoring is off.
    bound: Option<Bm25Weight>,
}

impl Weight for TextPhraseWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.either.scorer(reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.either.explain(reader, doc)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.either.count(reader)
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        self.either.for_each(reader, callback)
    }

    fn for_each_no_score(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(&[DocId]),
    ) -> tantivy::Result<()> {
        self.either.for_each_no_score(reader, callback)
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        match &self.bound {
            Some(bound) => self.top(bound, threshold, reader, callback),
            None => self.either.for_each_pruning(threshold, reader, callback),
        }
    }
}

impl TextPhraseWeight {
    /// What the plain query's `for_each_pruning` does, checking positions
    /// only for passages whose bound beats the threshold. Passages arrive in
    /// document order, each with the score the plain query gives it.
    fn top(
        &self,
        bound: &Bm25Weight,
        mut threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        // the title matches are few (a title is one passage's): scored first
        let mut titles: Vec<(DocId, Score)> = Vec::new();
        let mut title = self.title.scorer(reader, 1.0)?;
        while title.doc() != TERMINATED {
            titles.push((title.doc(), title.score()));
            title.advance();
        }
        // the passages holding the phrase's rarest word: the others are
        // looked up (by the phrase scorer) only in the passages checked
        let inverted = reader.inverted_index(self.field)?;
        let mut rarest: Option<(u32, &Term)> = None;
        for term in &self.terms {
            let Some(info) = inverted.get_term_info(term)? else {
                // a word the segment lacks: only titles can match
                rarest = None;
                break;
            };
            if rarest.is_none_or(|(df, _)| info.doc_freq < df) {
                rarest = Some((info.doc_freq, term));
            }
        }
        let mut words = match rarest {
            Some((_, term)) => inverted.read_postings(term, IndexRecordOption::WithFreqs)?,
            None => None,
        };
        let fieldnorms = reader.get_fieldnorms_reader(self.field)?;
        let mut exact = self.text.scorer(reader, 1.0)?;
        // no passage before this one holds the phrase. `exact` moves by `seek` while the top
        // list fills, then only by `seek_danger`, which checks the one passage asked about and
        // may leave the scorer anywhere until it finds one (then `score` is its score)
        let mut floor = exact.doc();
        let mut candidate = words.as_ref().map_or(TERMINATED, |w| w.doc());
        let mut titles = titles.into_iter().peekable();
        let mut offer = |doc: DocId, score: Score, threshold: &mut Score| {
            if score > *threshold {
                *threshold = callback(doc, score);
            }
        };
        loop {
            let title_doc = titles.peek().map_or(TERMINATED, |&(doc, _)| doc);
            if candidate == TERMINATED && title_doc == TERMINATED {
                return Ok(());
            }
            if title_doc < candidate {
                // the title holds the phrase, the text does not hold its words
                let (doc, score) = titles.next().unwrap_or((TERMINATED, 0.0));
                offer(doc, 0.0 + score, &mut threshold);
                continue;
            }
            let doc = candidate;
            let in_title = (title_doc == doc).then(|| titles.next().map_or(0.0, |(_, s)| s));
            let worth = in_title.is_some() || {
                let most = words.as_ref().map_or(0, |w| w.term_freq());
                let best = bound.score(fieldnorms.fieldnorm_id(doc), most);
                best * (1.0 + BOUND_SLACK) > threshold
            };
            if worth {
                let in_text = if doc < floor {
                    None
                } else if threshold == Score::MIN {
                    // the top list is not full, nothing can be skipped yet: the phrase scorer
                    // goes straight to the next passage holding the phrase (`seek` keeps it
                    // valid: `seek_danger` is only used from here on)
                    let next = exact.seek(doc);
                    floor = if next == doc { doc + 1 } else { next };
                    (next == doc).then(|| exact.score())
                } else {
                    match exact.seek_danger(doc) {
                        SeekDangerResult::Found => {
                            floor = doc + 1;
                            Some(exact.score())
                        }
                        SeekDangerResult::SeekLowerBound(next) => {
                            floor = next;
                            None
                        }
                    }
                };
                // summed as the plain query's union sums them: from zero, text first
                match (in_text, in_title) {
                    (Some(t), Some(h)) => offer(doc, 0.0 + t + h, &mut threshold),
                    (Some(t), None) => offer(doc, 0.0 + t, &mut threshold),
                    (None, Some(h)) => offer(doc, 0.0 + h, &mut threshold),
                    (None, None) => {}
                }
            }
            candidate = match words.as_mut() {
                // no passage before `floor` holds the phrase (`floor` is past the end when
                // none after does): skip the word's postings there
                Some(_) if floor == TERMINATED => TERMINATED,
                Some(w) if floor > doc + 1 => w.seek(floor),
                Some(w) => w.advance(),
                None => TERMINATED,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{QueryBuilder, parse};
    use crate::testing::index;
    use tantivy::DocAddress;
    use tantivy::collector::TopDocs;

    #[test]
    fn the_ranked_phrase_returns_what_the_plain_query_returns() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let archive = index(dir.path());
        let searcher = archive
            .reader()
            .unwrap_or_else(|e| panic!("{e}"))
            .searcher();
        assert!(searcher.segment_readers().len() >= 2, "several segments");
        assert!(
            searcher
                .segment_readers()
                .iter()
                .any(|r| r.num_deleted_docs() > 0),
            "deleted documents"
        );
        let mut checked = 0;
        for phrase in [
            "\"one of the\"",
            "\"of the\"",
            "\"the port\"",
            "\"ferry said\"",
            "\"the the\"",
            "\"of the of\"",
            "\"strike harbour one\"",
            "\"one of the ferry\"",
            "\"the nowhere\"",
            "\"ferry strikes\"",
        ] {
            let expr = parse(phrase).unwrap_or_else(|e| panic!("{e}"));
            let query = QueryBuilder::new(&archive.fields)
                .build(&expr)
                .unwrap_or_else(|e| panic!("{e}"));
            let ranked = query
                .downcast_ref::<TextPhrase>()
                .unwrap_or_else(|| panic!("{phrase} is a TextPhrase"));
            for limit in [1, 3, 10, 40, 10_000] {
                let top = TopDocs::with_limit(limit).order_by_score();
                let pruned: Vec<(Score, DocAddress)> = searcher
                    .search(ranked, &top)
                    .unwrap_or_else(|e| panic!("{e}"));
                let plain: Vec<(Score, DocAddress)> = searcher
                    .search(ranked.either.as_ref(), &top)
                    .unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(pruned, plain, "{phrase} top {limit}");
                checked += pruned.len();
            }
        }
        assert!(
            checked > 1000,
            "the phrases match ({checked} hits compared)"
        );
    }
}
