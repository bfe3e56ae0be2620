//! Article-level conjunction: `Trump Putin` finds the articles that mention
//! both, not only the passages that do, and shows their passages that match
//! either (best first: a passage with both scores higher).
//!
//! [`ArticleAnd`] matches a passage when it matches `any` and its article has
//! some passage matching each of `all`. It relies on the index's invariant
//! (see [`crate::index`]): an article's passages are consecutive documents of
//! one segment, so a passage's article starts at its lead (see
//! [`crate::columns::Leads`]). Per segment,
//! each required clause marks the articles it occurs in, once; the passages
//! of `any` are then kept when their article is marked by every clause.
//!
//! Marking needs no scores and no union: a clause that is an OR of
//! alternatives (a word's stemmed, exact and title forms) marks each
//! alternative's postings in turn. The marks of a segment are kept with the
//! query, so a second pass over the same searcher (the search's look-up of
//! more passages of shown articles) does not mark again.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};

use tantivy::index::SegmentId;
use tantivy::query::{BooleanQuery, EnableScoring, Explanation, Occur, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError, Term};

use crate::columns::Leads;

/// Passages matching `any`, in articles where every query of `all` matches
/// some passage (or the title, which the first passage holds).
pub struct ArticleAnd {
    any: Box<dyn Query>,
    /// Each required clause, as the alternatives it is an OR of.
    all: Vec<Vec<Box<dyn Query>>>,
    marks: Marks,
}

/// The articles marked by every clause, per segment (and number of deleted
/// documents, which marking skips).
type Marks = Arc<Mutex<MarksBySegment>>;
type MarksBySegment = HashMap<(SegmentId, u32), Arc<Bits>>;

impl ArticleAnd {
    pub fn new(any: Box<dyn Query>, all: Vec<Box<dyn Query>>) -> ArticleAnd {
        ArticleAnd {
            any,
            all: all.iter().map(|q| alternatives(q.as_ref())).collect(),
            marks: Marks::default(),
        }
    }
}

/// The queries whose union matches what `query` matches: the clauses of a
/// pure OR, recursively, else the query itself.
fn alternatives(query: &dyn Query) -> Vec<Box<dyn Query>> {
    match query.downcast_ref::<BooleanQuery>() {
        Some(or)
            if or.get_minimum_number_should_match() <= 1
                && !or.clauses().is_empty()
                && or
                    .clauses()
                    .iter()
                    .all(|(occur, _)| *occur == Occur::Should) =>
        {
            or.clauses()
                .iter()
                .flat_map(|(_, q)| alternatives(q.as_ref()))
                .collect()
        }
        _ => vec![query.box_clone()],
    }
}

impl Clone for ArticleAnd {
    fn clone(&self) -> Self {
        ArticleAnd {
            any: self.any.box_clone(),
            all: self
                .all
                .iter()
                .map(|qs| qs.iter().map(|q| q.box_clone()).collect())
                .collect(),
            marks: Arc::clone(&self.marks),
        }
    }
}

impl fmt::Debug for ArticleAnd {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "ArticleAnd(any={:?}, all={:?})", self.any, self.all)
    }
}

impl Query for ArticleAnd {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let unscored = EnableScoring::disabled_from_schema(enable_scoring.schema());
        Ok(Box::new(ArticleAndWeight {
            any: self.any.weight(enable_scoring)?,
            all: self
                .all
                .iter()
                .map(|qs| qs.iter().map(|q| q.weight(unscored)).collect())
                .collect::<tantivy::Result<_>>()?,
            marks: Arc::clone(&self.marks),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.any.query_terms(visitor);
    }
}

struct ArticleAndWeight {
    any: Box<dyn Weight>,
    all: Vec<Vec<Box<dyn Weight>>>,
    marks: Marks,
}

impl ArticleAndWeight {
    /// The first documents of the articles of `reader` in which every
    /// required clause matches.
    fn articles(&self, reader: &SegmentReader) -> tantivy::Result<Arc<Bits>> {
        let key = (reader.segment_id(), reader.num_deleted_docs());
        if let Some(found) = lock(&self.marks).get(&key) {
            return Ok(Arc::clone(found));
        }
        // articles are marked by number (a rank per passage), then turned
        // into their first passages once, in order
        let leads = Leads::of(reader);
        let articles = leads.articles(reader.max_doc());
        let mut found: Option<Bits> = None;
        for alternatives in &self.all {
            let mut marks = Bits::new(articles);
            for weight in alternatives {
                weight.for_each_no_score(reader, &mut |docs| {
                    for &doc in docs {
                        if let Some(article) = leads.article(doc) {
                            marks.set(article);
                        }
                    }
                })?;
            }
            found = Some(match found {
                Some(mut all) => {
                    all.intersect(&marks);
                    all
                }
                None => marks,
            });
        }
        let mut firsts = Bits::new(reader.max_doc());
        if let Some(found) = found {
            for first in leads.firsts_of(found.ones()) {
                firsts.set(first);
            }
        }
        let found = Arc::new(firsts);
        lock(&self.marks).insert(key, Arc::clone(&found));
        Ok(found)
    }
}

impl Weight for ArticleAndWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let articles = self.articles(reader)?;
        let mut scorer = ArticleAndScorer {
            inner: self.any.scorer(reader, boost)?,
            articles,
            leads: Leads::of(reader),
            done: false,
        };
        scorer.settle();
        Ok(Box::new(scorer))
    }

    /// Top-k collection keeps `any`'s own pruning (block-max WAND over the
    /// union of its words) and drops the passages of other articles as they
    /// come, instead of walking every passage of `any`.
    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let articles = self.articles(reader)?;
        let leads = Leads::of(reader);
        let mut current = threshold;
        self.any
            .for_each_pruning(threshold, reader, &mut |doc, score| {
                if articles.get(start_of(&leads, doc)) {
                    current = callback(doc, score);
                }
                current
            })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.doc() > doc || scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document #{doc} does not match"
            )));
        }
        self.any.explain(reader, doc)
    }
}

struct ArticleAndScorer {
    inner: Box<dyn Scorer>,
    /// First documents of the articles where every clause matches.
    articles: Arc<Bits>,
    leads: Leads,
    /// No allowed article is left (the inner scorer may not be exhausted).
    done: bool,
}

impl ArticleAndScorer {
    /// Moves to the first allowed document at or after the current one. A
    /// passage of an article that is not allowed sends the inner scorer
    /// straight to the next allowed article (a seek, which skips postings
    /// blocks), rather than through every passage in between.
    fn settle(&mut self) -> DocId {
        let mut doc = self.inner.doc();
        while doc != TERMINATED {
            let start = start_of(&self.leads, doc);
            if self.articles.get(start) {
                return doc;
            }
            doc = match self.articles.next_set(start + 1) {
                Some(next) if next > doc => self.inner.seek(next),
                Some(_) => self.inner.advance(),
                None => {
                    self.done = true;
                    return TERMINATED;
                }
            };
        }
        doc
    }
}

impl DocSet for ArticleAndScorer {
    fn advance(&mut self) -> DocId {
        if self.done {
            return TERMINATED;
        }
        self.inner.advance();
        self.settle()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.done {
            return TERMINATED;
        }
        if target > self.inner.doc() {
            self.inner.seek(target);
        }
        self.settle()
    }

    fn doc(&self) -> DocId {
        if self.done {
            TERMINATED
        } else {
            self.inner.doc()
        }
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }
}

impl Scorer for ArticleAndScorer {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}

fn lock(marks: &Marks) -> std::sync::MutexGuard<'_, MarksBySegment> {
    marks.lock().unwrap_or_else(|e| e.into_inner())
}

/// The first passage of `doc`'s article (`doc` itself if none is known).
fn start_of(leads: &Leads, doc: DocId) -> DocId {
    leads.lead(doc).unwrap_or(doc)
}

/// A fixed-size set of document ids.
struct Bits(Vec<u64>);

impl Bits {
    fn new(len: u32) -> Bits {
        Bits(vec![0; (len as usize).div_ceil(64)])
    }

    fn set(&mut self, i: DocId) {
        if let Some(word) = self.0.get_mut(i as usize / 64) {
            *word |= 1 << (i % 64);
        }
    }

    fn get(&self, i: DocId) -> bool {
        self.0
            .get(i as usize / 64)
            .is_some_and(|word| word & (1 << (i % 64)) != 0)
    }

    /// The first set bit at or after `from`.
    fn next_set(&self, from: DocId) -> Option<DocId> {
        let mut w = from as usize / 64;
        let mut word = *self.0.get(w)? & (!0u64 << (from % 64));
        loop {
            if word != 0 {
                return Some((w * 64) as DocId + word.trailing_zeros());
            }
            w += 1;
            word = *self.0.get(w)?;
        }
    }

    /// The set bits, ascending.
    fn ones(&self) -> impl Iterator<Item = DocId> + '_ {
        let mut next = self.next_set(0);
        std::iter::from_fn(move || {
            let at = next?;
            next = at.checked_add(1).and_then(|from| self.next_set(from));
            Some(at)
        })
    }

    fn intersect(&mut self, other: &Bits) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a &= b;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Bits, alternatives};
    use tantivy::query::{AllQuery, BooleanQuery, Occur, Query};

    #[test]
    fn an_or_is_marked_as_its_alternatives_and_nothing_else_is_split() {
        let all = || Box::new(AllQuery) as Box<dyn Query>;
        let or = |qs: Vec<Box<dyn Query>>| {
            Box::new(BooleanQuery::new(
                qs.into_iter().map(|q| (Occur::Should, q)).collect(),
            )) as Box<dyn Query>
        };
        assert_eq!(
            alternatives(&*or(vec![all(), or(vec![all(), all()])])).len(),
            3
        );
        let and = BooleanQuery::new(vec![(Occur::Must, all()), (Occur::Should, all())]);
        assert_eq!(
            alternatives(&and).len(),
            1,
            "a required clause is not an OR"
        );
        let two_of = BooleanQuery::with_minimum_required_clauses(
            vec![(Occur::Should, all()), (Occur::Should, all())],
            2,
        );
        assert_eq!(alternatives(&two_of).len(), 1, "two of them is not an OR");
    }

    #[test]
    fn next_set_finds_the_following_bit() {
        let mut a = Bits::new(300);
        for i in [3, 64, 200] {
            a.set(i);
        }
        assert_eq!(a.next_set(0), Some(3));
        assert_eq!(a.next_set(3), Some(3));
        assert_eq!(a.next_set(4), Some(64));
        assert_eq!(a.next_set(65), Some(200));
        assert_eq!(a.next_set(201), None);
        assert_eq!(a.next_set(5000), None);
    }

    #[test]
    fn bits_set_get_and_intersect() {
        let mut a = Bits::new(130);
        let mut b = Bits::new(130);
        for i in [0, 63, 64, 129] {
            a.set(i);
        }
        b.set(64);
        b.set(129);
        b.set(5);
        a.intersect(&b);
        let set: Vec<u32> = (0..130).filter(|&i| a.get(i)).collect();
        assert_eq!(set, [64, 129]);
        assert!(!a.get(1000), "out of range is absent");
    }
}
