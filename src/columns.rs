//! Per-segment fast-field readers for the hits a search shows: reading a
//! passage's ordinal, article, date or fingerprints from columns costs no
//! document-store access. Each column is opened on first use (opening one
//! reads its tables, which a search that never lists a copy does not need),
//! and the article's own values are read at its first passage, the only one
//! that holds them (see `schema::Fields`).

use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;

use chrono::{DateTime, Utc};
use tantivy::columnar::{Column, StrColumn};
use tantivy::fastfield::FastFieldReaders;
use tantivy::{DocAddress, DocId, Searcher, SegmentReader};

use crate::collapse::CopyRef;
use crate::fingerprint::{MINHASH_BYTES, MinHash};
use crate::query::quoted::{QuoteSpeakers, SaidBy};
use crate::schema::{QUOTE_SPANS, quote_spans_of};

/// The columns of one segment, each opened when first asked for.
struct Columns<'a> {
    fast: &'a FastFieldReaders,
    ordinal: OnceCell<Option<Column<u64>>>,
    content: OnceCell<Option<Column<u64>>>,
    simhash: OnceCell<Option<Column<u64>>>,
    minhash: OnceCell<Option<Column<u64>>>,
    quote_spans: OnceCell<Option<Column<u64>>>,
    quote_speakers: OnceCell<Option<QuoteSpeakers>>,
    id: OnceCell<Option<StrColumn>>,
    source: OnceCell<Option<StrColumn>>,
    date: OnceCell<Option<Column<i64>>>,
}

impl<'a> Columns<'a> {
    fn new(fast: &'a FastFieldReaders) -> Columns<'a> {
        Columns {
            fast,
            ordinal: OnceCell::new(),
            content: OnceCell::new(),
            simhash: OnceCell::new(),
            minhash: OnceCell::new(),
            quote_spans: OnceCell::new(),
            quote_speakers: OnceCell::new(),
            id: OnceCell::new(),
            source: OnceCell::new(),
            date: OnceCell::new(),
        }
    }

    fn u64(&self, cell: &OnceCell<Option<Column<u64>>>, name: &str, doc: u32) -> Option<u64> {
        cell.get_or_init(|| self.fast.u64(name).ok())
            .as_ref()
            .and_then(|c| c.first(doc))
    }

    fn str_column(&self, cell: &'a OnceCell<Option<StrColumn>>, name: &str) -> Option<&StrColumn>
    where
        Self: 'a,
    {
        cell.get_or_init(|| self.fast.str(name).ok().flatten())
            .as_ref()
    }
}

/// The article of each passage of one segment, as its first passage
/// (`doc - ordinal`): what counts and groups articles. Two passages belong to
/// the same article exactly when they have the same lead, since an article's
/// passages are consecutive documents of one segment (see [`crate::index`]).
pub struct Leads(Option<Column<u64>>);

impl Leads {
    pub fn of(reader: &SegmentReader) -> Leads {
        Leads(reader.fast_fields().u64("ordinal").ok())
    }

    /// The first passage of `doc`'s article; `None` without an ordinal.
    pub fn lead(&self, doc: DocId) -> Option<DocId> {
        let ordinal = self.0.as_ref()?.first(doc)?;
        doc.checked_sub(u32::try_from(ordinal).ok()?)
    }
}

/// Column handles per segment.
pub struct FastFields<'a> {
    searcher: &'a Searcher,
    segments: HashMap<u32, Columns<'a>>,
}

impl<'a> FastFields<'a> {
    pub fn new(searcher: &'a Searcher) -> FastFields<'a> {
        FastFields {
            searcher,
            segments: HashMap::new(),
        }
    }

    fn columns(&mut self, segment: u32) -> &Columns<'a> {
        let searcher = self.searcher;
        self.segments
            .entry(segment)
            .or_insert_with(|| Columns::new(searcher.segment_reader(segment).fast_fields()))
    }

    /// The passage's ordinal in its article.
    pub fn ordinal(&mut self, doc: DocAddress) -> u32 {
        let c = self.columns(doc.segment_ord);
        c.u64(&c.ordinal, "ordinal", doc.doc_id).unwrap_or(0) as u32
    }

    /// The article's first passage: `doc - ordinal`, since an article's
    /// passages are consecutive (see [`crate::index`]). The invariant is
    /// checked, not trusted: `None` if the document there is not a first
    /// passage.
    pub fn lead(&mut self, doc: DocAddress) -> Option<DocAddress> {
        let c = self.columns(doc.segment_ord);
        let ordinal = c.u64(&c.ordinal, "ordinal", doc.doc_id)? as u32;
        let lead = doc.doc_id.checked_sub(ordinal)?;
        let first = c.u64(&c.ordinal, "ordinal", lead) == Some(0);
        first.then_some(DocAddress::new(doc.segment_ord, lead))
    }

    /// The date of the article of a passage.
    pub fn date(&mut self, doc: DocAddress) -> Option<DateTime<Utc>> {
        let lead = self.lead(doc)?;
        let c = self.columns(lead.segment_ord);
        c.date
            .get_or_init(|| c.fast.i64("article_date").ok())
            .as_ref()
            .and_then(|col| col.first(lead.doc_id))
            .and_then(|secs| DateTime::from_timestamp(secs, 0))
    }

    /// The article's exact-copy fingerprint (held by its first passage).
    pub fn content_hash(&mut self, lead: DocAddress) -> Option<u64> {
        let c = self.columns(lead.segment_ord);
        c.u64(&c.content, "content_hash", lead.doc_id)
    }

    /// The article's near-copy fingerprint (held by its first passage, as
    /// the eight values of one column).
    pub fn minhash(&mut self, lead: DocAddress) -> Option<MinHash> {
        let c = self.columns(lead.segment_ord);
        let column = c
            .minhash
            .get_or_init(|| c.fast.u64("minhash").ok())
            .as_ref()?;
        let mut bytes = [0u8; MINHASH_BYTES];
        let mut n = 0;
        for (chunk, value) in bytes.chunks_mut(8).zip(column.values_for_doc(lead.doc_id)) {
            chunk.copy_from_slice(&value.to_le_bytes());
            n += 1;
        }
        (n * 8 == MINHASH_BYTES).then_some(MinHash(bytes))
    }

    /// Position ranges of the passage's direct quotes (see `schema`); with
    /// `said_by`, only those of the speakers it allows.
    pub fn quote_spans(&mut self, doc: DocAddress, said_by: Option<&SaidBy>) -> Vec<Range<u32>> {
        let segment = self.searcher.segment_reader(doc.segment_ord).segment_id();
        let c = self.columns(doc.segment_ord);
        let Some(spans) = c
            .quote_spans
            .get_or_init(|| c.fast.u64(QUOTE_SPANS).ok())
            .as_ref()
        else {
            return Vec::new();
        };
        let ranges = quote_spans_of(spans.values_for_doc(doc.doc_id));
        let Some(said_by) = said_by else {
            return ranges.collect();
        };
        let mut out = Vec::new();
        if let Some(speakers) = c
            .quote_speakers
            .get_or_init(|| QuoteSpeakers::open(c.fast))
            .as_ref()
        {
            speakers.keep(doc.doc_id, ranges, said_by.of(segment), &mut out);
        }
        out
    }

    pub fn simhash(&mut self, doc: DocAddress) -> Option<u64> {
        let c = self.columns(doc.segment_ord);
        c.u64(&c.simhash, "simhash", doc.doc_id)
    }

    /// Id, source, date (and ordinal, for `passage` copies) of passages, for
    /// listing them as copies. Strings come from the columns' dictionaries,
    /// looked up once per segment in ordinal order: one pass over the
    /// dictionary instead of one search per value.
    pub fn copy_refs(&mut self, docs: &[DocAddress], passage: bool) -> Vec<CopyRef> {
        // the article's values are held by its first passage
        let leads: Vec<Option<DocAddress>> = docs.iter().map(|&doc| self.lead(doc)).collect();
        let mut out: Vec<CopyRef> = docs
            .iter()
            .map(|&doc| CopyRef {
                article_id: String::new(),
                source: String::new(),
                date: self.date(doc),
                passage: passage.then(|| self.ordinal(doc)),
            })
            .collect();
        let mut by_segment: HashMap<u32, Vec<(usize, DocId)>> = HashMap::new();
        for (i, lead) in leads.iter().enumerate() {
            if let Some(lead) = lead {
                by_segment
                    .entry(lead.segment_ord)
                    .or_default()
                    .push((i, lead.doc_id));
            }
        }
        for (segment, items) in by_segment {
            let c = self.columns(segment);
            let ids = names(
                c.str_column(&c.id, "id_raw"),
                items.iter().map(|&(_, doc)| doc),
            );
            let sources = names(
                c.str_column(&c.source, "source_raw"),
                items.iter().map(|&(_, doc)| doc),
            );
            for (k, &(i, _)) in items.iter().enumerate() {
                out[i].article_id.clone_from(&ids[k]);
                out[i].source.clone_from(&sources[k]);
            }
        }
        out
    }
}

/// The first value of `column` for each of `docs`, in order ("" when none),
/// decoded in one ordered pass over the column's dictionary.
fn names(column: Option<&StrColumn>, docs: impl Iterator<Item = u32>) -> Vec<String> {
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
