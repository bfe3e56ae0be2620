//! Per-segment fast-field readers for the hits a search shows: reading a
//! passage's ordinal, article, date, speakers or fingerprints from columns
//! costs no document-store access.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use tantivy::columnar::{BytesColumn, Column, StrColumn};
use tantivy::{DocAddress, Searcher};

use crate::collapse::CopyRef;
use crate::fingerprint::MinHash;

/// The columns of one segment.
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

/// Column handles per segment, opened on first use.
pub struct FastFields<'a> {
    searcher: &'a Searcher,
    segments: HashMap<u32, Columns>,
}

fn u64_of(column: &Option<Column<u64>>, doc: u32) -> Option<u64> {
    column.as_ref().and_then(|c| c.first(doc))
}

fn first_str(column: &Option<StrColumn>, doc: u32) -> String {
    let mut out = String::new();
    if let Some(column) = column
        && let Some(ord) = column.ords().first(doc)
    {
        let _ = column.ord_to_str(ord, &mut out);
    }
    out
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

    /// The passage's ordinal in its article.
    pub fn ordinal(&mut self, doc: DocAddress) -> u32 {
        u64_of(&self.columns(doc.segment_ord).ordinal, doc.doc_id).unwrap_or(0) as u32
    }

    /// The article's first passage: `doc - ordinal`, since an article's
    /// passages are consecutive (see [`crate::index`]). The invariant is
    /// checked, not trusted: `None` if the document there is not it.
    pub fn lead(&mut self, doc: DocAddress) -> Option<DocAddress> {
        let cols = self.columns(doc.segment_ord);
        let ordinal = u64_of(&cols.ordinal, doc.doc_id)? as u32;
        let lead = doc.doc_id.checked_sub(ordinal)?;
        let same = u64_of(&cols.key, lead) == u64_of(&cols.key, doc.doc_id)
            && u64_of(&cols.ordinal, lead) == Some(0);
        same.then_some(DocAddress::new(doc.segment_ord, lead))
    }

    /// The article id (one dictionary search: for one value only).
    pub fn article_id(&mut self, doc: DocAddress) -> String {
        first_str(&self.columns(doc.segment_ord).id, doc.doc_id)
    }

    pub fn date(&mut self, doc: DocAddress) -> Option<DateTime<Utc>> {
        let cols = self.columns(doc.segment_ord);
        cols.date
            .as_ref()
            .and_then(|c| c.first(doc.doc_id))
            .and_then(|secs| DateTime::from_timestamp(secs, 0))
    }

    /// The article's exact-copy fingerprint (held by its first passage).
    pub fn content_hash(&mut self, lead: DocAddress) -> Option<u64> {
        u64_of(&self.columns(lead.segment_ord).content, lead.doc_id)
    }

    /// The article's near-copy fingerprint (held by its first passage).
    pub fn minhash(&mut self, lead: DocAddress) -> Option<MinHash> {
        let cols = self.columns(lead.segment_ord);
        let column = cols.minhash.as_ref()?;
        let ord = column.ords().first(lead.doc_id)?;
        let mut bytes = Vec::new();
        column.ord_to_bytes(ord, &mut bytes).ok()?;
        MinHash::from_bytes(&bytes)
    }

    pub fn simhash(&mut self, doc: DocAddress) -> Option<u64> {
        u64_of(&self.columns(doc.segment_ord).simhash, doc.doc_id)
    }

    /// Id, source, date (and ordinal, for `passage` copies) of passages, for
    /// listing them as copies. Strings come from the columns' dictionaries,
    /// looked up once per segment in ordinal order: one pass over the
    /// dictionary instead of one search per value.
    pub fn copy_refs(&mut self, docs: &[DocAddress], passage: bool) -> Vec<CopyRef> {
        let mut out: Vec<CopyRef> = docs
            .iter()
            .map(|&doc| CopyRef {
                article_id: String::new(),
                source: String::new(),
                date: self.date(doc),
                passage: passage.then(|| self.ordinal(doc)),
            })
            .collect();
        let mut by_segment: HashMap<u32, Vec<usize>> = HashMap::new();
        for (i, doc) in docs.iter().enumerate() {
            by_segment.entry(doc.segment_ord).or_default().push(i);
        }
        for (segment, items) in by_segment {
            let cols = self.columns(segment);
            let ids = names(&cols.id, items.iter().map(|&i| docs[i].doc_id));
            let sources = names(&cols.source, items.iter().map(|&i| docs[i].doc_id));
            for (k, &i) in items.iter().enumerate() {
                out[i].article_id.clone_from(&ids[k]);
                out[i].source.clone_from(&sources[k]);
            }
        }
        out
    }
}

/// The first value of `column` for each of `docs`, in order ("" when none),
/// decoded in one ordered pass over the column's dictionary.
fn names(column: &Option<StrColumn>, docs: impl Iterator<Item = u32>) -> Vec<String> {
    let Some(column) = column else {
        return docs.map(|_| String::new()).collect();
    };
    let ords: Vec<Option<u64>> = docs.map(|d| column.ords().first(d)).collect();
    let mut sorted: Vec<u64> = ords.iter().flatten().copied().collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut decoded: HashMap<u64, String> = HashMap::with_capacity(sorted.len());
    let mut next = sorted.iter();
    let _ = column
        .dictionary()
        .sorted_ords_to_term_cb(&sorted, |bytes| {
            if let Some(&ord) = next.next() {
                decoded.insert(ord, String::from_utf8_lossy(bytes).into_owned());
            }
        });
    ords.into_iter()
        .map(|o| o.and_then(|o| decoded.get(&o).cloned()).unwrap_or_default())
        .collect()
}
