//! Collapsing duplicates in ranked results: a wire story reprinted by ten
//! outlets is one hit that lists its copies, not ten hits.
//!
//! Two articles collapse when their bodies have the same content hash (an
//! exact copy under another id) or when their MinHash fingerprints estimate a
//! Jaccard similarity of at least the threshold (a reprint with small edits);
//! see [`crate::fingerprint`]. Of two articles that are not copies, a passage
//! that repeats one already shown (same SimHash within a few bits: a quote
//! used word for word by two stories) is folded into it. The best-ranked
//! article or passage of a set stays; the others become its copies. Only
//! fast fields are read.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use tantivy::columnar::{BytesColumn, Column, StrColumn};
use tantivy::{DocAddress, Searcher};

use crate::fingerprint::{MinHash, same_passage};

/// An article's or a passage's place in the ranking while grouping.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    /// The article's best passage.
    pub key_doc: DocAddress,
    pub score: f32,
    /// Its matching passages, best first.
    pub docs: Vec<(f32, DocAddress)>,
    /// Best passages of the articles that are copies of this one.
    pub copies: Vec<DocAddress>,
    /// For a passage of this article: passages of other articles that repeat it.
    pub passage_copies: HashMap<DocAddress, Vec<DocAddress>>,
}

impl Group {
    pub fn new(key_doc: DocAddress, score: f32) -> Group {
        Group {
            key_doc,
            score,
            docs: Vec::new(),
            copies: Vec::new(),
            passage_copies: HashMap::new(),
        }
    }
}

/// A copy of a shown article or passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyRef {
    pub article_id: String,
    pub source: String,
    pub date: Option<DateTime<Utc>>,
    /// The repeating passage's ordinal, for a passage copy.
    pub passage: Option<u32>,
}

/// The fast fields collapsing reads, per segment.
struct Columns {
    ordinal: Option<Column<u64>>,
    key: Option<Column<u64>>,
    content: Option<Column<u64>>,
    simhash: Option<Column<u64>>,
    minhash: Option<BytesColumn>,
    id: Option<StrColumn>,
    source: Option<StrColumn>,
    date: Option<Column<i64>>,
}

/// Per-segment column handles, opened on first use.
pub(crate) struct FastFields<'a> {
    searcher: &'a Searcher,
    segments: HashMap<u32, Columns>,
}

impl<'a> FastFields<'a> {
    pub fn new(searcher: &'a Searcher) -> FastFields<'a> {
        FastFields {
            searcher,
            segments: HashMap::new(),
        }
    }

    fn columns(&mut self, segment: u32) -> &Columns {
        let searcher = self.searcher;
        self.segments.entry(segment).or_insert_with(|| {
            let fast = searcher.segment_reader(segment).fast_fields();
            Columns {
                ordinal: fast.u64("ordinal").ok(),
                key: fast.u64("article_key").ok(),
                content: fast.u64("content_hash").ok(),
                simhash: fast.u64("simhash").ok(),
                minhash: fast.bytes("minhash").ok().flatten(),
                id: fast.str("article_id").ok().flatten(),
                source: fast.str("source_raw").ok().flatten(),
                date: fast.i64("date").ok(),
            }
        })
    }

    fn u64_of(column: &Option<Column<u64>>, doc: u32) -> Option<u64> {
        column.as_ref().and_then(|c| c.first(doc))
    }

    /// The article's fingerprints, read from the passage `doc` and its
    /// article's first passage (`doc - ordinal`: passages are consecutive).
    fn article_prints(&mut self, doc: DocAddress) -> (Option<u64>, Option<MinHash>) {
        let cols = self.columns(doc.segment_ord);
        let content = Self::u64_of(&cols.content, doc.doc_id);
        let key = Self::u64_of(&cols.key, doc.doc_id);
        let ordinal = Self::u64_of(&cols.ordinal, doc.doc_id).unwrap_or(0) as u32;
        let Some(lead) = doc.doc_id.checked_sub(ordinal) else {
            return (content, None);
        };
        // Check the invariant rather than trust it.
        if Self::u64_of(&cols.key, lead) != key || Self::u64_of(&cols.ordinal, lead) != Some(0) {
            return (content, None);
        }
        let minhash = cols.minhash.as_ref().and_then(|column| {
            let ord = column.ords().first(lead)?;
            let mut bytes = Vec::new();
            column.ord_to_bytes(ord, &mut bytes).ok()?;
            MinHash::from_bytes(&bytes)
        });
        (content, minhash)
    }

    fn simhash(&mut self, doc: DocAddress) -> Option<u64> {
        let cols = self.columns(doc.segment_ord);
        Self::u64_of(&cols.simhash, doc.doc_id)
    }

    /// Id, source, date and ordinal of a passage, for listing it as a copy.
    pub fn copy_ref(&mut self, doc: DocAddress, passage: bool) -> CopyRef {
        let cols = self.columns(doc.segment_ord);
        let text = |column: &Option<StrColumn>| {
            let mut out = String::new();
            if let Some(column) = column
                && let Some(ord) = column.ords().first(doc.doc_id)
            {
                let _ = column.ord_to_str(ord, &mut out);
            }
            out
        };
        CopyRef {
            article_id: text(&cols.id),
            source: text(&cols.source),
            date: cols
                .date
                .as_ref()
                .and_then(|c| c.first(doc.doc_id))
                .and_then(|secs| DateTime::from_timestamp(secs, 0)),
            passage: passage
                .then(|| Self::u64_of(&cols.ordinal, doc.doc_id).map(|o| o as u32))
                .flatten(),
        }
    }
}

/// Folds copies into the best-ranked article or passage of each set.
/// `threshold` is the Jaccard similarity from which articles are copies.
pub(crate) fn collapse(
    fast: &mut FastFields<'_>,
    groups: Vec<Group>,
    threshold: f64,
) -> Vec<Group> {
    let mut kept: Vec<(Group, Option<u64>, Option<MinHash>)> = Vec::new();
    for mut group in groups {
        let (content, minhash) = fast.article_prints(group.key_doc);
        let copy_of = kept.iter().position(|(_, c, m)| {
            (content.is_some() && *c == content)
                || matches!((m, &minhash), (Some(a), Some(b)) if a.similarity(b) >= threshold)
        });
        if let Some(i) = copy_of {
            kept[i].0.copies.push(group.key_doc);
            continue;
        }
        // Passages that repeat a passage already shown are folded into it; an
        // article with nothing of its own left to show is not shown at all.
        let mut remaining = Vec::with_capacity(group.docs.len());
        for (score, doc) in std::mem::take(&mut group.docs) {
            let home = fast
                .simhash(doc)
                .and_then(|hash| find_passage(fast, &kept, hash));
            match home {
                Some((i, shown)) => kept[i].0.passage_copies.entry(shown).or_default().push(doc),
                None => remaining.push((score, doc)),
            }
        }
        if remaining.is_empty() {
            continue;
        }
        group.docs = remaining;
        kept.push((group, content, minhash));
    }
    kept.into_iter().map(|(g, _, _)| g).collect()
}

/// The kept group and passage that `hash` repeats, if any.
fn find_passage(
    fast: &mut FastFields<'_>,
    kept: &[(Group, Option<u64>, Option<MinHash>)],
    hash: u64,
) -> Option<(usize, DocAddress)> {
    for (i, (group, _, _)) in kept.iter().enumerate() {
        for &(_, doc) in &group.docs {
            if fast.simhash(doc).is_some_and(|h| same_passage(h, hash)) {
                return Some((i, doc));
            }
        }
    }
    None
}
