//! Per-segment fast-field readers for the hits a search shows: reading a
//! passage's ordinal, article, date or fingerprints from columns costs no
//! document-store access. Each column is opened on first use (opening one
//! reads its tables, which a search that never lists a copy does not need),
//! and the article's own values are read at its first passage, the only one
//! that holds them (see `schema::Fields`).

use std::cell::{Cell, OnceCell};
use std::collections::HashMap;
use std::ops::Range;

use chrono::{DateTime, Utc};
use tantivy::columnar::column_index::{OptionalIndex, Set};
use tantivy::columnar::{Column, ColumnIndex, StrColumn};
use tantivy::fastfield::FastFieldReaders;
use tantivy::{DocAddress, DocId, Searcher, SegmentReader};

use crate::collapse::CopyRef;
use crate::fingerprint::{MINHASH_BYTES, MinHash};
use crate::query::quoted::{QuoteSpeakers, SaidBy};
use crate::schema::{QUOTE_SPANS, quote_spans_of};

/// The columns of one segment, each opened when first asked for.
struct Columns<'a> {
    fast: &'a FastFieldReaders,
    leads: Leads,
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
    fn new(reader: &'a SegmentReader) -> Columns<'a> {
        let fast = reader.fast_fields();
        Columns {
            fast,
            leads: Leads::of(reader),
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

/// The article of each passage of one segment, as its first passage: what
/// counts and groups articles. An article's passages are consecutive
/// documents of one segment (see [`crate::index`]), and its first passage is
/// the only one with a value in the `lead` column, so a passage's lead is the
/// last such document at or before it. The column's index of the documents
/// that have a value answers that by looking back a few documents, without
/// reading a table proportional to the segment at open.
pub struct Leads {
    firsts: Firsts,
    /// The article found last, as its first passage and the end of the
    /// documents known to be its passages: lookups come mostly in document
    /// order, and most share the article of the one before.
    last: Cell<(DocId, DocId)>,
}

/// Which documents of a segment are first passages.
enum Firsts {
    /// All of them (every article has one passage).
    All,
    Some(OptionalIndex),
    /// None are known (no `lead` column).
    Unknown,
}

/// Documents looked back at one at a time before counting by rank (whose
/// select scans a block's index linearly): more than most articles have.
const LOOK_BACK: DocId = 256;

impl Leads {
    pub fn of(reader: &SegmentReader) -> Leads {
        let firsts = match reader.fast_fields().u64("lead").map(|c| c.index) {
            Ok(ColumnIndex::Full) => Firsts::All,
            Ok(ColumnIndex::Optional(index)) => Firsts::Some(index),
            _ => Firsts::Unknown,
        };
        Leads {
            firsts,
            last: Cell::new((0, 0)),
        }
    }

    /// The number of `doc`'s article in the segment: how many articles start
    /// before it (one rank, no look back: what marking many passages' articles
    /// needs). `None` before the first article. Without a `lead` column every
    /// passage is its own article, as in [`Leads::lead`].
    pub fn article(&self, doc: DocId) -> Option<u32> {
        match &self.firsts {
            Firsts::All | Firsts::Unknown => Some(doc),
            Firsts::Some(firsts) => firsts.rank(doc.checked_add(1)?).checked_sub(1),
        }
    }

    /// How many article numbers the segment has (all are below it).
    pub fn articles(&self, max_doc: u32) -> u32 {
        match &self.firsts {
            Firsts::All | Firsts::Unknown => max_doc,
            Firsts::Some(firsts) => firsts.num_non_nulls(),
        }
    }

    /// The first passages of articles by number, given in ascending order
    /// (each found from the last, not from the start of the segment).
    pub fn firsts_of(&self, articles: impl Iterator<Item = u32>) -> Vec<DocId> {
        match &self.firsts {
            Firsts::All | Firsts::Unknown => articles.collect(),
            Firsts::Some(firsts) => {
                let count = firsts.num_non_nulls();
                let mut last = None;
                // a batch select takes ranks in ascending order, below the count
                let mut ranks: Vec<u32> = articles
                    .filter(|&k| {
                        let ok = k < count && last.is_none_or(|l| k > l);
                        if ok {
                            last = Some(k);
                        }
                        ok
                    })
                    .collect();
                firsts.select_batch(&mut ranks);
                ranks
            }
        }
    }

    /// The first passage of `doc`'s article; `None` if none is known.
    pub fn lead(&self, doc: DocId) -> Option<DocId> {
        let firsts = match &self.firsts {
            Firsts::All => return Some(doc),
            Firsts::Unknown => return None,
            Firsts::Some(firsts) => firsts,
        };
        let (start, known_end) = self.last.get();
        if start <= doc && doc < known_end {
            return Some(start);
        }
        // past the known passages of the last article, a first passage in
        // between starts another; none means the same article
        let floor = if start < known_end && doc >= known_end {
            known_end
        } else {
            0
        };
        let lowest = floor.max(doc.saturating_sub(LOOK_BACK));
        let found = (lowest..=doc).rev().find(|&d| firsts.contains(d));
        let lead = match found {
            Some(lead) => lead,
            None if lowest == floor && floor > 0 => start,
            None if lowest == 0 => return None,
            None => {
                let before = firsts.rank(doc.checked_add(1)?);
                firsts.select(before.checked_sub(1)?)
            }
        };
        self.last.set((lead, doc + 1));
        Some(lead)
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
            .or_insert_with(|| Columns::new(searcher.segment_reader(segment)))
    }

    /// The passage's ordinal in its article: how far after its lead it is.
    pub fn ordinal(&mut self, doc: DocAddress) -> u32 {
        self.lead(doc).map_or(0, |lead| doc.doc_id - lead.doc_id)
    }

    /// The article's first passage (see [`Leads`]).
    pub fn lead(&mut self, doc: DocAddress) -> Option<DocAddress> {
        let c = self.columns(doc.segment_ord);
        let lead = c.leads.lead(doc.doc_id)?;
        Some(DocAddress::new(doc.segment_ord, lead))
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

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{FAST, Schema};
    use tantivy::{Index, IndexWriter, TantivyDocument};

    /// A one-segment index of articles of the given passage counts, where
    /// only first passages have a `lead` value.
    fn segment(passages: &[u32]) -> Index {
        let mut schema = Schema::builder();
        let lead = schema.add_u64_field("lead", FAST);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index
            .writer_with_num_threads(1, 15_000_000)
            .unwrap_or_else(|e| panic!("{e}"));
        for &n in passages {
            for ordinal in 0..n {
                let mut doc = TantivyDocument::new();
                if ordinal == 0 {
                    doc.add_u64(lead, 1);
                }
                writer.add_document(doc).unwrap_or_else(|e| panic!("{e}"));
            }
        }
        writer.commit().unwrap_or_else(|e| panic!("{e}"));
        index
    }

    fn expected(passages: &[u32]) -> Vec<DocId> {
        let mut out = Vec::new();
        let mut start = 0;
        for &n in passages {
            out.extend(std::iter::repeat_n(start, n as usize));
            start += n;
        }
        out
    }

    #[test]
    fn every_passage_finds_its_first_in_any_order() {
        // long and short articles (one longer than LOOK_BACK), across the
        // 65,536-document blocks of the column's index
        let mut passages = vec![1, 3, 1, 1, 7, 2, 700, 1];
        passages.extend((0..22_000).map(|i| 1 + i % 5));
        passages.push(1);
        let index = segment(&passages);
        let searcher = index.reader().unwrap_or_else(|e| panic!("{e}")).searcher();
        let reader = searcher.segment_reader(0);
        let want = expected(&passages);
        let leads = Leads::of(reader);
        for (doc, &lead) in want.iter().enumerate() {
            assert_eq!(leads.lead(doc as DocId), Some(lead), "forward {doc}");
        }
        let leads = Leads::of(reader);
        for (doc, &lead) in want.iter().enumerate().rev() {
            assert_eq!(leads.lead(doc as DocId), Some(lead), "backward {doc}");
        }
        let mut x = 7u64;
        for _ in 0..10_000 {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let doc = (x >> 33) as usize % want.len();
            assert_eq!(leads.lead(doc as DocId), Some(want[doc]), "random {doc}");
        }
        let mut fast = FastFields::new(&searcher);
        assert_eq!(fast.ordinal(DocAddress::new(0, 3)), 2);
        assert_eq!(fast.ordinal(DocAddress::new(0, 4)), 0);
    }

    #[test]
    fn articles_by_number_and_their_first_passages_agree_with_leads() {
        let mut passages = vec![2, 1, 700];
        passages.extend((0..22_000).map(|i| 1 + i % 4));
        let index = segment(&passages);
        let searcher = index.reader().unwrap_or_else(|e| panic!("{e}")).searcher();
        let reader = searcher.segment_reader(0);
        let leads = Leads::of(reader);
        let want = expected(&passages);
        assert_eq!(leads.articles(reader.max_doc()), passages.len() as u32);
        let mut numbers = Vec::new();
        for (doc, &lead) in want.iter().enumerate() {
            let article = leads
                .article(doc as DocId)
                .unwrap_or_else(|| panic!("{doc}"));
            numbers.push(article);
            // one number per article, counting up from 0
            assert_eq!(leads.lead(doc as DocId), Some(lead));
        }
        numbers.dedup();
        assert_eq!(numbers, (0..passages.len() as u32).collect::<Vec<_>>());
        let firsts: Vec<DocId> = {
            let mut f = want.clone();
            f.dedup();
            f
        };
        let every_third = (0..passages.len() as u32).step_by(3);
        let got = leads.firsts_of(every_third.clone());
        let expect: Vec<DocId> = every_third.map(|k| firsts[k as usize]).collect();
        assert_eq!(got, expect);
        // out of range or out of order numbers are left out, never a panic
        assert_eq!(leads.firsts_of([5, 3, u32::MAX].into_iter()), [firsts[5]]);
    }

    #[test]
    fn single_passage_articles_lead_themselves() {
        let index = segment(&[1, 1, 1]);
        let searcher = index.reader().unwrap_or_else(|e| panic!("{e}")).searcher();
        let leads = Leads::of(searcher.segment_reader(0));
        for doc in [2, 0, 1] {
            assert_eq!(leads.lead(doc), Some(doc));
        }
    }
}
