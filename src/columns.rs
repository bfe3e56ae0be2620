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
    speakers: Option<StrColumn>,
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
                speakers: fast.str("speaker_raw").ok().flatten(),
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

    /// The speakers of a passage, in the order they were indexed.
    pub fn speakers(&mut self, doc: DocAddress) -> Vec<String> {
        let cols = self.columns(doc.segment_ord);
        let Some(column) = &cols.speakers else {
            return Vec::new();
        };
        column
            .term_ords(doc.doc_id)
            .filter_map(|ord| {
                let mut name = String::new();
                column.ord_to_str(ord, &mut name).ok()?.then_some(name)
            })
            .collect()
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

    /// Id, source, date and ordinal of a passage, for listing it as a copy.
    pub fn copy_ref(&mut self, doc: DocAddress, passage: bool) -> CopyRef {
        let ordinal = self.ordinal(doc);
        let date = self.date(doc);
        let cols = self.columns(doc.segment_ord);
        CopyRef {
            article_id: first_str(&cols.id, doc.doc_id),
            source: first_str(&cols.source, doc.doc_id),
            date,
            passage: passage.then_some(ordinal),
        }
    }
}
