//! Matching inside quoted speech: `quote:` clauses and `--quoted`.
//!
//! The quoted words are indexed once, in the passage text. Each passage
//! records where it quotes someone as position ranges in a fast field
//! (`quote_spans`, see [`crate::schema`]). [`InQuotes`] runs a clause on the
//! text field, for its candidates and its score, and keeps the passages where
//! the clause's words occur inside one of those ranges: a word at a quoted
//! position, a phrase wholly inside one quote. Passages without quotes are
//! dismissed from the column alone, before any position is read.
//!
//! The same check, anywhere in the text ([`InQuotes::anywhere`]), makes a
//! sloppy phrase with a repeated word exact: tantivy lets one occurrence fill
//! both slots, so that `"very very"~2` would match every lone `very`.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use tantivy::columnar::{Column, StrColumn};
use tantivy::fastfield::FastFieldReaders;
use tantivy::index::SegmentId;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError, Term};

use crate::schema::{QUOTE_SPEAKERS, SPEAKER_NAMES, quote_spans_of};

/// Whose quotes count for `--quoted --speaker`: per segment, the ordinals
/// of the allowed full names in its `speaker_raw` dictionary, sorted.
#[derive(Debug, Clone, Default)]
pub struct SaidBy {
    ords: HashMap<SegmentId, Vec<u64>>,
}

impl SaidBy {
    pub fn new(mut ords: HashMap<SegmentId, Vec<u64>>) -> SaidBy {
        for list in ords.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        SaidBy { ords }
    }

    /// The allowed ordinals in `segment` (none: nobody allowed is there).
    pub fn of(&self, segment: SegmentId) -> &[u64] {
        self.ords.get(&segment).map_or(&[], Vec::as_slice)
    }
}

/// The columns that tell who said each quote of a passage: the slots of
/// `quote_speakers` (see [`crate::schema::speaker_slot`]) and the passage's
/// full names in `speaker_raw`.
pub struct QuoteSpeakers {
    slots: Column<u64>,
    names: StrColumn,
}

impl QuoteSpeakers {
    /// `None` in a segment where no quote has a known speaker.
    pub fn open(fast: &FastFieldReaders) -> Option<QuoteSpeakers> {
        Some(QuoteSpeakers {
            slots: fast.u64(QUOTE_SPEAKERS).ok()?,
            names: fast.str(SPEAKER_NAMES).ok()??,
        })
    }

    /// Appends to `out` those of `ranges` (the quote ranges of `doc`, in
    /// order) that a speaker of `allowed` (sorted ordinals) said.
    pub fn keep(
        &self,
        doc: DocId,
        ranges: impl Iterator<Item = Range<u32>>,
        allowed: &[u64],
        out: &mut Vec<Range<u32>>,
    ) {
        let said = self.said(doc, ranges);
        out.extend(said.filter_map(|(range, who)| {
            who.filter(|ord| allowed.binary_search(ord).is_ok())
                .map(|_| range)
        }));
    }

    /// Each of `ranges` (the quote ranges of `doc`, in order) with who said
    /// it: an ordinal of `speaker_raw`, `None` when the quote's speaker is
    /// not known.
    pub fn said(
        &self,
        doc: DocId,
        ranges: impl Iterator<Item = Range<u32>>,
    ) -> impl Iterator<Item = (Range<u32>, Option<u64>)> {
        // the slot is a place among the passage's names in dictionary order
        let mut names: Vec<u64> = self.names.ords().values_for_doc(doc).collect();
        names.sort_unstable();
        ranges
            .zip(self.slots.values_for_doc(doc))
            .map(move |(range, slot)| {
                let ord = slot
                    .checked_sub(1)
                    .and_then(|i| names.get(usize::try_from(i).ok()?).copied());
                (range, ord)
            })
    }
}

/// One word of a [`Pattern`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// Position relative to the pattern's first word.
    pub offset: u32,
    /// The index terms that fill the slot (any of them), or, for a prefix,
    /// the one prefix every filling term starts with.
    pub terms: Vec<String>,
    pub prefix: bool,
}

/// What a clause looks for at the positions of a passage: one slot (a word
/// in any of its forms, or a prefix), or a phrase of slots within `slop`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub field: Field,
    pub slots: Vec<Slot>,
    pub slop: u32,
}

/// Passages that match `inner` with the words of `pattern` inside a quote.
pub struct InQuotes {
    inner: Box<dyn Query>,
    /// `None`: any quote will do (`--quoted` with no words).
    pattern: Option<Pattern>,
    /// Name of the fast field of quote position ranges; `None`: anywhere.
    spans: Option<String>,
    /// Only the quotes of these speakers count.
    speakers: Option<Arc<SaidBy>>,
}

impl InQuotes {
    /// `inner` must match (at least) every passage where `pattern` occurs.
    pub fn new(inner: Box<dyn Query>, pattern: Pattern, spans: &str) -> InQuotes {
        InQuotes {
            inner,
            pattern: Some(pattern),
            spans: Some(spans.to_string()),
            speakers: None,
        }
    }

    /// Only inside the quotes of the speakers `said_by` allows.
    pub fn said_by(mut self, said_by: Arc<SaidBy>) -> InQuotes {
        self.speakers = Some(said_by);
        self
    }

    /// Passages that match `inner` where `pattern` occurs, anywhere.
    pub fn anywhere(inner: Box<dyn Query>, pattern: Pattern) -> InQuotes {
        InQuotes {
            inner,
            pattern: Some(pattern),
            spans: None,
            speakers: None,
        }
    }

    /// Passages that match `inner` and quote someone (`--quoted` with no words; with
    /// [`InQuotes::said_by`], someone it allows).
    pub fn any_quote(inner: Box<dyn Query>, spans: &str) -> InQuotes {
        InQuotes {
            inner,
            pattern: None,
            spans: Some(spans.to_string()),
            speakers: None,
        }
    }
}

impl Clone for InQuotes {
    fn clone(&self) -> Self {
        InQuotes {
            inner: self.inner.box_clone(),
            pattern: self.pattern.clone(),
            spans: self.spans.clone(),
            speakers: self.speakers.clone(),
        }
    }
}

impl fmt::Debug for InQuotes {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "InQuotes({:?}, {:?})", self.inner, self.pattern)
    }
}

impl Query for InQuotes {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(InQuotesWeight {
            inner: self.inner.weight(enable_scoring)?,
            pattern: self.pattern.clone(),
            spans: self.spans.clone(),
            speakers: self.speakers.clone(),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct InQuotesWeight {
    inner: Box<dyn Weight>,
    pattern: Option<Pattern>,
    spans: Option<String>,
    speakers: Option<Arc<SaidBy>>,
}

impl Weight for InQuotesWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let spans = match &self.spans {
            None => None,
            Some(name) => match reader.fast_fields().u64(name) {
                Ok(column) => Some(column),
                // a segment where no passage quotes anyone has no such column
                Err(_) => return Ok(Box::new(EmptyScorer)),
            },
        };
        let speakers = match &self.speakers {
            None => None,
            Some(said_by) => {
                let allowed = said_by.of(reader.segment_id());
                match QuoteSpeakers::open(reader.fast_fields()) {
                    Some(columns) if !allowed.is_empty() => Some((columns, allowed.to_vec())),
                    // nobody asked for said anything in this segment
                    _ => return Ok(Box::new(EmptyScorer)),
                }
            }
        };
        let words = match &self.pattern {
            None => None,
            Some(pattern) => match PatternPositions::open(pattern, reader)? {
                Some(words) => Some(words),
                None => return Ok(Box::new(EmptyScorer)),
            },
        };
        let mut scorer = InQuotesScorer {
            inner: self.inner.scorer(reader, boost)?,
            spans,
            speakers,
            words,
            ranges: Vec::new(),
        };
        scorer.settle();
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.doc() > doc || scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document #{doc} does not match inside a quote"
            )));
        }
        self.inner.explain(reader, doc)
    }
}

struct InQuotesScorer {
    inner: Box<dyn Scorer>,
    /// Quote ranges per document; `None`: the whole text counts.
    spans: Option<Column<u64>>,
    /// Who said each quote range, and whose quotes count (`speaker_raw`
    /// ordinals, sorted).
    speakers: Option<(QuoteSpeakers, Vec<u64>)>,
    /// `None`: any quote holds.
    words: Option<PatternPositions>,
    ranges: Vec<Range<u32>>,
}

impl InQuotesScorer {
    /// Moves to the first document at or after the current one where the
    /// pattern occurs inside a quote.
    fn settle(&mut self) -> DocId {
        let mut doc = self.inner.doc();
        while doc != TERMINATED && !self.holds(doc) {
            doc = self.inner.advance();
        }
        doc
    }

    fn holds(&mut self, doc: DocId) -> bool {
        self.ranges.clear();
        match &self.spans {
            Some(spans) => {
                let ranges = quote_spans_of(spans.values_for_doc(doc));
                match &self.speakers {
                    None => self.ranges.extend(ranges),
                    Some((columns, allowed)) => {
                        columns.keep(doc, ranges, allowed, &mut self.ranges);
                    }
                }
                if self.ranges.is_empty() {
                    return false;
                }
            }
            None => self.ranges.push(0..u32::MAX),
        }
        match &mut self.words {
            Some(words) => words.read(doc) && words.within(&self.ranges),
            None => !self.ranges.is_empty(),
        }
    }
}

/// Where the words of a [`Pattern`] are in the passages of one segment,
/// read passage by passage in document order: what [`InQuotes`] checks
/// against quote ranges, and `speakers --quoted` against each speaker's.
pub struct PatternPositions {
    /// Per slot, the postings of each of its terms.
    slots: Vec<SlotPostings>,
    offsets: Vec<u32>,
    slop: u32,
    /// Per slot, the positions of its terms in the last document read
    /// (buffers reused from document to document).
    positions: Vec<Vec<u32>>,
}

impl PatternPositions {
    /// The postings (with positions) of each slot's terms in `reader`;
    /// `None` when some slot has no term there (nothing can match).
    pub fn open(pattern: &Pattern, reader: &SegmentReader) -> tantivy::Result<Option<Self>> {
        let field = pattern.field;
        let index = reader.inverted_index(field)?;
        let mut slots = Vec::with_capacity(pattern.slots.len());
        for slot in &pattern.slots {
            let mut postings = Vec::new();
            if slot.prefix {
                let prefix = slot.terms.first().map_or("", String::as_str);
                let upper = format!("{prefix}\u{10FFFF}");
                let mut stream = index
                    .terms()
                    .range()
                    .ge(prefix.as_bytes())
                    .lt(upper.as_bytes())
                    .into_stream()?;
                while stream.advance() {
                    postings.push(index.read_postings_from_terminfo(
                        stream.value(),
                        IndexRecordOption::WithFreqsAndPositions,
                    )?);
                }
            } else {
                for term in &slot.terms {
                    let term = Term::from_field_text(field, term);
                    if let Some(p) =
                        index.read_postings(&term, IndexRecordOption::WithFreqsAndPositions)?
                    {
                        postings.push(p);
                    }
                }
            }
            if postings.is_empty() {
                return Ok(None);
            }
            slots.push(SlotPostings::new(postings));
        }
        Ok(Some(PatternPositions {
            slots,
            offsets: pattern.slots.iter().map(|s| s.offset).collect(),
            slop: pattern.slop,
            positions: vec![Vec::new(); pattern.slots.len()],
        }))
    }

    /// Reads the positions of every word in `doc` (never less than the
    /// document read before); false when some word is not there.
    pub fn read(&mut self, doc: DocId) -> bool {
        for (slot, out) in self.slots.iter_mut().zip(&mut self.positions) {
            out.clear();
            if slot.positions_at(doc, out) > 1 {
                out.sort_unstable();
                out.dedup();
            }
            if out.is_empty() {
                return false;
            }
        }
        true
    }

    /// Whether the pattern occurs wholly inside one of `ranges`, at the
    /// positions read last.
    pub fn within(&self, ranges: &[Range<u32>]) -> bool {
        occurs_within(&self.positions, &self.offsets, self.slop, ranges)
    }
}

/// The postings of one slot's terms, visited in document order. A prefix
/// may expand to thousands of terms, of which a document holds a few: the
/// postings wait in a heap by their current document, and only those at or
/// before the document asked for are moved.
struct SlotPostings {
    postings: Vec<SegmentPostings>,
    /// (current document, index) of each postings not exhausted, smallest
    /// first.
    heap: BinaryHeap<Reverse<(DocId, usize)>>,
    /// The postings found at the last document asked for.
    at: Vec<usize>,
}

impl SlotPostings {
    fn new(postings: Vec<SegmentPostings>) -> SlotPostings {
        let heap = postings
            .iter()
            .enumerate()
            .filter(|(_, p)| p.doc() != TERMINATED)
            .map(|(i, p)| Reverse((p.doc(), i)))
            .collect();
        SlotPostings {
            postings,
            heap,
            at: Vec::new(),
        }
    }

    /// Appends the positions of the slot's terms in `doc` to `out`; returns
    /// how many terms are there. `doc` never decreases from call to call.
    fn positions_at(&mut self, doc: DocId, out: &mut Vec<u32>) -> usize {
        while let Some(&Reverse((current, i))) = self.heap.peek() {
            if current > doc {
                break;
            }
            self.heap.pop();
            let p = &mut self.postings[i];
            let current = if current < doc { p.seek(doc) } else { current };
            if current == doc {
                p.append_positions_with_offset(0, out);
                self.at.push(i);
            } else if current != TERMINATED {
                self.heap.push(Reverse((current, i)));
            }
        }
        let found = self.at.len();
        // still at `doc`: a later call moves them on
        for i in self.at.drain(..) {
            self.heap.push(Reverse((doc, i)));
        }
        found
    }
}

impl DocSet for InQuotesScorer {
    fn advance(&mut self) -> DocId {
        if self.inner.doc() == TERMINATED {
            return TERMINATED;
        }
        self.inner.advance();
        self.settle()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if target > self.inner.doc() {
            self.inner.seek(target);
        }
        self.settle()
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }
}

impl Scorer for InQuotesScorer {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}

/// Whether the pattern occurs wholly inside one of `ranges`, given the sorted
/// positions of each slot's terms. A phrase is matched the way the
/// highlighter matches it: from each position of its first word, each next
/// word is the nearest after the previous one, within `slop` of where it
/// belongs (exactly there when `slop` is 0), and the whole spread stays
/// within the phrase's length plus `slop`.
fn occurs_within(
    positions: &[Vec<u32>],
    offsets: &[u32],
    slop: u32,
    ranges: &[Range<u32>],
) -> bool {
    let inside = |first: u32, last: u32| ranges.iter().any(|r| r.start <= first && last < r.end);
    let Some((first_slot, rest)) = positions.split_first() else {
        return false;
    };
    let base = offsets.first().copied().unwrap_or(0);
    'start: for &start in first_slot {
        let mut at = start;
        for (slot, &offset) in rest.iter().zip(&offsets[1..]) {
            let expected = start + (offset - base);
            let limit = expected + slop;
            let next = slot
                .iter()
                .copied()
                .find(|&p| p > at && (slop > 0 || p == expected) && p <= limit);
            match next {
                Some(p) => at = p,
                None => continue 'start,
            }
        }
        let needed = offsets.last().map_or(0, |&o| o - base);
        if at - start <= needed + slop && inside(start, at) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_counts_only_at_a_quoted_position() {
        let quotes = [10..15, 40..41];
        assert!(occurs_within(&[vec![3, 12]], &[0], 0, &quotes));
        assert!(occurs_within(&[vec![40]], &[0], 0, &quotes));
        assert!(!occurs_within(&[vec![3, 15, 39, 41]], &[0], 0, &quotes));
    }

    #[test]
    fn a_phrase_must_lie_wholly_inside_one_quote() {
        let quotes = [10..15, 15..20];
        // "borders closed" at 12-13: inside
        assert!(occurs_within(&[vec![12], vec![13]], &[0, 1], 0, &quotes));
        // at 14-15: straddles two quotes
        assert!(!occurs_within(&[vec![14], vec![15]], &[0, 1], 0, &quotes));
        // words not side by side
        assert!(!occurs_within(&[vec![11], vec![13]], &[0, 1], 0, &quotes));
        // ... unless the slop allows it
        assert!(occurs_within(&[vec![11], vec![13]], &[0, 1], 1, &quotes));
        // a later start may succeed where an earlier one fails
        assert!(occurs_within(
            &[vec![2, 16], vec![3, 17]],
            &[0, 1],
            0,
            &quotes
        ));
    }

    #[test]
    fn offsets_keep_the_gaps_of_the_typed_phrase() {
        // a phrase whose words sit at offsets 0 and 2 (one word skipped)
        let quotes = vec![Range { start: 0, end: 100 }];
        assert!(occurs_within(&[vec![5], vec![7]], &[0, 2], 0, &quotes));
        assert!(!occurs_within(&[vec![5], vec![6]], &[0, 2], 0, &quotes));
    }
}
