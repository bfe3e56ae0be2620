//! The index schema: one tantivy document per passage, and how an article's
//! passages become documents.
//!
//! Text is indexed once with both forms of every word (see
//! [`crate::analysis`]): exact forms with positions for phrases, marked stems
//! for bare words. The article title is searchable through the article's
//! first passage only (`title`), so that a title match finds the story's lead
//! rather than every one of its passages. Metadata is stored once, on the
//! first passage; what filters, counts and grouping need is in fast fields,
//! and a value of the article (its id, source, date for display) is in a
//! column of first passages only.

use std::ops::Range;

use tantivy::TantivyDocument;
use tantivy::schema::{
    FAST, Field, IndexRecordOption, NumericOptions, STORED, Schema, TextFieldIndexing, TextOptions,
};

use crate::analysis;
use crate::article::Article;
use crate::prepare::{Prepared, PreparedPassage, Quote};

/// Bumped whenever the schema or the analysis changes in a way that makes an
/// older index give wrong results; an index of another version must be rebuilt.
pub const SCHEMA_VERSION: u32 = 11;

/// Separator between the values of a multi-valued text field: a blank line,
/// which the tokenizer turns into a position gap so that a phrase never spans
/// two speakers or two authors.
pub const VALUE_SEPARATOR: &str = "\n\n";

/// Handles to every field of the schema.
///
/// What each passage stores is only what showing it needs: its text, its
/// place in the body, its speakers and its evidence. The article's metadata
/// is stored once, as [`Meta`] on its first passage; everything filters and
/// counts need is in fast fields.
///
/// A column holding an article's value on every passage costs a search a
/// table of 512-passage blocks read at open (tantivy stores such columns
/// block-wise linear), whether it reads one value or thousands: the
/// article's own columns (`id_raw`, `source_raw`, `dateline_raw`,
/// `author_raw`, `article_date`) hold a value on first passages only, read
/// at the passage's lead.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The article's identity (raw, indexed for upserts and lookups).
    pub article_id: Field,
    /// The article's identity, for display (first passage only, fast).
    pub id_raw: Field,
    /// On first passages only: indexed (one term, see [`first_passages`])
    /// and fast, whose column's index of the documents with a value tells
    /// each passage's first passage (`columns::Leads`), and so its article
    /// and its place in it.
    pub lead: Field,
    /// Byte offset of the passage in the article body (stored: only shown
    /// passages need it, and they are read from the store anyway; the
    /// passage ends where its stored text does).
    pub start: Field,
    /// Passage text: exact forms and marked stems, with positions; stored.
    pub text: Field,
    /// Searchable title (first passage only).
    pub title: Field,
    /// The article's metadata as JSON (first passage only, stored).
    pub meta: Field,
    /// The article's date on every passage, for filters and sorting.
    pub date: Field,
    /// The article's date, for display and ties (first passage only).
    pub article_date: Field,
    /// Searchable source; `source_raw` holds the exact value for facets
    /// (first passage only, as `dateline_raw` and `author_raw`).
    pub source: Field,
    pub source_raw: Field,
    pub dateline: Field,
    pub dateline_raw: Field,
    pub author: Field,
    pub author_raw: Field,
    /// Searchable speaker names; `speaker_raw` holds each full name.
    pub speaker: Field,
    pub speaker_raw: Field,
    /// Where the passage quotes someone, for `quote:`/`--quoted`: the
    /// position ranges of the text's words inside direct quotes, as pairs of
    /// values `start, end` (end exclusive; see [`quote_spans_of`]). The quoted
    /// words are indexed once, in `text`; `quote:` matches them there and
    /// keeps the matches that fall inside these ranges.
    pub quote_spans: Field,
    /// Who said each quote of `quote_spans`, in the same order, as a
    /// [`speaker_slot`]: which of the passage's `speaker_raw` values. What
    /// `--quoted --speaker` needs: the words inside that speaker's quotes.
    pub quote_speakers: Field,
    /// The attributions of the passage, as JSON (stored only): who, how, and
    /// the words of the text that say so.
    pub evidence: Field,
    /// Exact-copy fingerprint of the article body (first passage only).
    pub content_hash: Field,
    /// Near-copy fingerprint of the article body (first passage only), as
    /// eight values of one 64-bit column: read directly, unlike a bytes
    /// column, which is dictionary-encoded.
    pub minhash: Field,
    /// SimHash of the passage.
    pub simhash: Field,
}

fn text_options(tokenizer: &str, record: IndexRecordOption, stored: bool) -> TextOptions {
    let options = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(record),
    );
    if stored {
        options.set_stored()
    } else {
        options
    }
}

/// A text field that only filters (its matches score zero) or looks up: no
/// field norms, which only BM25 needs (one byte per passage and field).
fn filter_options(tokenizer: &str, record: IndexRecordOption) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(record)
            .set_fieldnorms(false),
    )
}

/// An integer field for lookups and ranges, without field norms.
fn indexed_fast() -> NumericOptions {
    NumericOptions::default().set_indexed().set_fast()
}

/// Builds the schema.
pub fn build() -> Schema {
    use IndexRecordOption::WithFreqsAndPositions;
    let text = |stored| text_options(analysis::TEXT, WithFreqsAndPositions, stored);
    let filter = || filter_options(analysis::EXACT, WithFreqsAndPositions);
    // exact values for facets and display, in a column only: no query looks
    // them up in an inverted index
    let keyword = || TextOptions::default().set_fast("raw");
    let mut b = Schema::builder();
    b.add_text_field(
        "article_id",
        filter_options("raw", IndexRecordOption::Basic),
    );
    b.add_text_field("id_raw", keyword());
    b.add_u64_field("lead", indexed_fast());
    b.add_u64_field("start", STORED);
    b.add_text_field("text", text(true));
    b.add_text_field("title", text(false));
    b.add_text_field("meta", STORED);
    // Seconds since 1970 (UTC) as a plain integer: tantivy's own date type
    // counts nanoseconds and cannot hold dates outside 1677–2262, and
    // archives reach further back than that.
    // fast only: a range query on a fast field reads the column (tantivy
    // never consults a numeric field's inverted index for a range)
    b.add_i64_field("date", FAST);
    b.add_i64_field("article_date", FAST);
    b.add_text_field("source", filter());
    b.add_text_field("source_raw", keyword());
    b.add_text_field("dateline", filter());
    b.add_text_field("dateline_raw", keyword());
    b.add_text_field("author", filter());
    b.add_text_field("author_raw", keyword());
    b.add_text_field("speaker", filter());
    b.add_text_field("speaker_raw", keyword().set_stored());
    b.add_u64_field(QUOTE_SPANS, FAST);
    b.add_u64_field(QUOTE_SPEAKERS, FAST);
    b.add_text_field("evidence", STORED);
    b.add_u64_field("content_hash", indexed_fast());
    b.add_u64_field("minhash", FAST);
    b.add_u64_field("simhash", FAST);
    b.build()
}

impl Fields {
    /// Resolves the field handles of a schema built by [`build`].
    pub fn of(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            article_id: f("article_id")?,
            id_raw: f("id_raw")?,
            lead: f("lead")?,
            start: f("start")?,
            text: f("text")?,
            title: f("title")?,
            meta: f("meta")?,
            date: f("date")?,
            article_date: f("article_date")?,
            source: f("source")?,
            source_raw: f("source_raw")?,
            dateline: f("dateline")?,
            dateline_raw: f("dateline_raw")?,
            author: f("author")?,
            author_raw: f("author_raw")?,
            speaker: f("speaker")?,
            speaker_raw: f("speaker_raw")?,
            quote_spans: f(QUOTE_SPANS)?,
            quote_speakers: f(QUOTE_SPEAKERS)?,
            evidence: f("evidence")?,
            content_hash: f("content_hash")?,
            minhash: f("minhash")?,
            simhash: f("simhash")?,
        })
    }
}

/// An article's metadata, stored once on its first passage.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Meta {
    #[serde(default)]
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// The first words, for an article with no title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lead: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub dateline: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub path: String,
}

impl Meta {
    pub fn of(article: &Article) -> Meta {
        Meta {
            id: article.id.clone(),
            title: article.title.clone(),
            lead: if article.title.is_empty() {
                lead_of(&article.body)
            } else {
                String::new()
            },
            source: article.source.clone(),
            dateline: article.dateline.clone(),
            url: article.url.clone(),
            authors: article.authors.clone(),
            path: article.path.clone(),
        }
    }
}

/// The first passage of every article (one per article): one term, held by
/// first passages alone. (An inverted index of every ordinal would cost a
/// posting per passage; a range over the ordinal column reads every
/// passage's ordinal: 14 ms more for a timeline of scaled-40.)
pub fn first_passages(fields: &Fields) -> Box<dyn tantivy::query::Query> {
    Box::new(tantivy::query::TermQuery::new(
        tantivy::Term::from_field_u64(fields.lead, LEAD),
        IndexRecordOption::Basic,
    ))
}

/// The value of `lead` on first passages.
const LEAD: u64 = 1;

/// A stable 64-bit key for an article id (FNV-1a): the same on every run and
/// every machine. Ingest remembers the articles added since its last commit
/// by it.
pub fn article_key(id: &str) -> u64 {
    crate::fingerprint::stable_hash(id.as_bytes())
}

/// How an article date is stored: seconds since 1970-01-01 UTC.
pub fn date_secs(date: chrono::DateTime<chrono::Utc>) -> i64 {
    date.timestamp()
}

/// The document of the prepared article's passage number `i`.
pub fn document(
    fields: &Fields,
    article: &Article,
    prepared: &Prepared,
    i: usize,
) -> TantivyDocument {
    let item = &prepared.passages[i];
    let passage = &item.passage;
    let first = passage.ordinal == 0;
    let mut doc = TantivyDocument::new();
    doc.add_text(fields.article_id, &article.id);
    if first {
        doc.add_u64(fields.lead, LEAD);
    }
    doc.add_u64(fields.start, passage.range.start as u64);
    let text = passage.text(&article.body);
    doc.add_text(fields.text, text);
    if first {
        if !article.title.is_empty() {
            doc.add_text(fields.title, &article.title);
        }
        let meta = serde_json::to_string(&Meta::of(article)).unwrap_or_default();
        doc.add_text(fields.meta, meta);
        doc.add_text(fields.id_raw, &article.id);
        if let Some(date) = article.date {
            doc.add_i64(fields.article_date, date_secs(date));
        }
        if let Some(hash) = prepared.content_hash {
            doc.add_u64(fields.content_hash, hash);
        }
        if let Some(minhash) = &prepared.minhash {
            // eight values, kept in order (tantivy sorts only text values)
            for chunk in minhash.0.chunks(8) {
                let mut word = [0u8; 8];
                word.copy_from_slice(chunk);
                doc.add_u64(fields.minhash, u64::from_le_bytes(word));
            }
        }
    }
    if let Some(date) = article.date {
        doc.add_i64(fields.date, date_secs(date));
    }
    let article_raw = |raw: Field| first.then_some(raw);
    add_keyword(
        &mut doc,
        fields.source,
        article_raw(fields.source_raw),
        &article.source,
    );
    add_keyword(
        &mut doc,
        fields.dateline,
        article_raw(fields.dateline_raw),
        &article.dateline,
    );
    add_names(
        &mut doc,
        fields.author,
        article_raw(fields.author_raw),
        &article.authors,
    );
    add_names(
        &mut doc,
        fields.speaker,
        Some(fields.speaker_raw),
        &item.speakers,
    );
    if !item.quotes.is_empty() {
        let at = passage.range.start;
        let mut quotes: Vec<Range<usize>> = Vec::with_capacity(item.quotes.len());
        let mut speakers: Vec<u64> = Vec::with_capacity(item.quotes.len());
        let mut names: Vec<&str> = item.speakers.iter().map(String::as_str).collect();
        names.sort_unstable();
        names.dedup();
        // in order, a quote nested in another merged into it (the words are
        // the outer speaker's: she quotes the inner one)
        let mut sorted: Vec<&Quote> = item.quotes.iter().collect();
        sorted.sort_by_key(|q| q.range.start);
        for q in sorted {
            let (start, end) = (q.range.start - at, q.range.end - at);
            match quotes.last_mut() {
                Some(last) if start < last.end => last.end = last.end.max(end),
                _ => {
                    quotes.push(start..end);
                    speakers.push(speaker_slot(&names, q.speaker.as_deref()));
                }
            }
        }
        let spans = analysis::position_ranges(text, &quotes);
        for (span, speaker) in spans.into_iter().zip(speakers) {
            let Some(span) = span else { continue };
            // two small values bitpack tighter than one `start << 32 | end`
            doc.add_u64(fields.quote_spans, u64::from(span.start));
            doc.add_u64(fields.quote_spans, u64::from(span.end));
            doc.add_u64(fields.quote_speakers, speaker);
        }
    }
    if !item.attributions.is_empty() {
        doc.add_text(fields.evidence, evidence_json(article, prepared, item));
    }
    if let Some(hash) = item.simhash {
        doc.add_u64(fields.simhash, hash);
    }
    doc
}

/// Name of the fast field of quote position ranges.
pub const QUOTE_SPANS: &str = "quote_spans";
/// Name of the column of a passage's speakers' full names.
pub const SPEAKER_NAMES: &str = "speaker_raw";
/// Name of the fast field of who said each quote of `quote_spans`.
pub const QUOTE_SPEAKERS: &str = "quote_speakers";

/// The value `quote_speakers` holds for a quote of `speaker`: 1 + the place
/// of the name among the passage's speaker names in byte order (the order
/// of the passage's values in the `speaker_raw` column, whose dictionary is
/// sorted), 0 when the speaker is not known. A few bits a quote, where a
/// hash of the name would take 64.
pub fn speaker_slot(sorted_names: &[&str], speaker: Option<&str>) -> u64 {
    speaker
        .and_then(|name| sorted_names.binary_search(&name).ok())
        .map_or(0, |i| i as u64 + 1)
}

/// The position ranges held by a passage's values of `quote_spans`: pairs,
/// in order (ranges are added in order and do not overlap, so their values
/// ascend, whether or not a column keeps the order they were added in).
pub fn quote_spans_of(values: impl Iterator<Item = u64>) -> impl Iterator<Item = Range<u32>> {
    let mut values = values.map(|v| u32::try_from(v).unwrap_or(u32::MAX));
    std::iter::from_fn(move || Some(values.next()?..values.next()?))
}

/// One attribution as stored with a passage.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Evidence {
    /// Full name, or null when the text does not say who it is.
    pub speaker: Option<String>,
    pub role: Option<String>,
    /// `direct` or `reported`.
    pub kind: String,
    /// Byte range of the quote or reported clause in the article body.
    pub content: [usize; 2],
    /// The cue ("said", "according to") and the words naming the speaker
    /// ("he", "the analyst", "Garayev"), as written.
    pub cue: Option<String>,
    pub mention: Option<String>,
    /// How the mention became the name: name, surname, pronoun, description,
    /// metadata; none when the text does not say who it is.
    pub resolved_by: Option<String>,
}

/// How an attribution is stored: a JSON array in [`Evidence`]'s field order.
/// Keys repeated on every passage would make the stored evidence twice as
/// large as its content.
type StoredEvidence = (
    Option<String>,
    Option<String>,
    String,
    usize,
    usize,
    Option<String>,
    Option<String>,
    String,
);

/// [`StoredEvidence`] as written: the same JSON, borrowed from the article.
type StoredEvidenceRef<'a> = (
    Option<&'a str>,
    Option<&'a str>,
    &'a str,
    usize,
    usize,
    Option<&'a str>,
    Option<&'a str>,
    &'a str,
);

fn evidence_json(article: &Article, prepared: &Prepared, item: &PreparedPassage) -> String {
    let text =
        |r: &Option<std::ops::Range<usize>>| r.as_ref().and_then(|r| article.body.get(r.clone()));
    // borrowed, in the order and shape of `StoredEvidence`: nothing is copied to be written
    let list: Vec<StoredEvidenceRef> = item
        .attributions
        .iter()
        .map(|&i| {
            let a = &prepared.attributions[i];
            (
                a.speaker.as_ref().map(|s| s.name.as_str()),
                a.speaker.as_ref().and_then(|s| s.role.as_deref()),
                a.kind.as_str(),
                a.content.start,
                a.content.end,
                text(&a.cue),
                text(&a.mention),
                a.resolved_by.as_str(),
            )
        })
        .collect();
    serde_json::to_string(&list).unwrap_or_default()
}

/// The evidence stored with a passage (empty if there is none or it cannot
/// be read).
pub fn evidence_of(stored: &str) -> Vec<Evidence> {
    let list: Vec<StoredEvidence> = serde_json::from_str(stored).unwrap_or_default();
    list.into_iter()
        .map(
            |(speaker, role, kind, start, end, cue, mention, resolved_by)| Evidence {
                role,
                kind,
                content: [start, end],
                cue,
                mention,
                resolved_by: speaker.is_some().then_some(resolved_by),
                speaker,
            },
        )
        .collect()
}

/// Words of an untitled article shown in place of its title.
const LEAD_WORDS: usize = 12;
/// At most this many characters of them.
const LEAD_CHARS: usize = 90;

/// The first words of a body, for articles without a title.
pub fn lead_of(body: &str) -> String {
    let mut words = body.split_whitespace();
    let mut lead: Vec<&str> = words.by_ref().take(LEAD_WORDS).collect();
    let more = words.next().is_some();
    if more {
        lead.push("…");
    }
    let lead = lead.join(" ");
    // a long "word" (a URL, text without spaces) is cut too
    match lead.char_indices().nth(LEAD_CHARS) {
        Some((cut, _)) => format!("{} …", lead[..cut].trim_end()),
        None => lead,
    }
}

/// A value searchable on every passage, and exact in `raw` where given.
fn add_keyword(doc: &mut TantivyDocument, searchable: Field, raw: Option<Field>, value: &str) {
    if !value.is_empty() {
        doc.add_text(searchable, value);
        if let Some(raw) = raw {
            doc.add_text(raw, value);
        }
    }
}

fn add_names(doc: &mut TantivyDocument, searchable: Field, raw: Option<Field>, names: &[String]) {
    if names.is_empty() {
        return;
    }
    doc.add_text(searchable, names.join(VALUE_SEPARATOR));
    if let Some(raw) = raw {
        for name in names {
            doc.add_text(raw, name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::Value;

    #[test]
    fn article_keys_are_stable_and_distinct() {
        assert_eq!(article_key(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(article_key("reuters-1"), article_key("reuters-1"));
        assert_ne!(article_key("reuters-1"), article_key("reuters-2"));
    }

    #[test]
    fn a_quote_speaker_is_a_place_among_the_sorted_names() {
        let names = ["Anna Berg", "Tomas Vik"];
        assert_eq!(speaker_slot(&names, Some("Anna Berg")), 1);
        assert_eq!(speaker_slot(&names, Some("Tomas Vik")), 2);
        assert_eq!(speaker_slot(&names, Some("Nobody")), 0);
        assert_eq!(speaker_slot(&names, None), 0);
    }

    #[test]
    fn a_lead_without_spaces_is_cut_too() {
        let url = format!("https://example.com/{}", "a".repeat(3000));
        let lead = lead_of(&url);
        assert_eq!(lead.chars().count(), LEAD_CHARS + 2);
        assert!(lead.ends_with(" …"));
        let cjk = "今日は晴れです。".repeat(300);
        assert_eq!(lead_of(&cjk).chars().count(), LEAD_CHARS + 2);
    }

    #[test]
    fn the_lead_is_the_first_words() {
        assert_eq!(lead_of("  One two\n\nthree. "), "One two three.");
        let long = "w ".repeat(20);
        assert_eq!(lead_of(&long), format!("{} …", ["w"; LEAD_WORDS].join(" ")));
    }

    #[test]
    fn every_field_of_the_schema_resolves() {
        assert!(Fields::of(&build()).is_ok());
    }

    /// The documents of a first and a second passage of `article` (whose
    /// short body is one passage: the second is its copy at `second`).
    fn two_documents(
        fields: &Fields,
        article: &Article,
        second: Range<usize>,
    ) -> (TantivyDocument, TantivyDocument) {
        let mut prepared = crate::prepare::prepare(article);
        assert_eq!(prepared.passages.len(), 1, "short paragraphs merge");
        let mut next = prepared.passages[0].clone();
        next.passage.ordinal = 1;
        next.passage.range = second;
        prepared.passages.push(next);
        (
            document(fields, article, &prepared, 0),
            document(fields, article, &prepared, 1),
        )
    }

    #[test]
    fn only_the_first_passage_carries_the_title_and_the_metadata() {
        let fields = Fields::of(&build()).unwrap();
        let article = Article {
            id: "a".into(),
            title: "Port strike".into(),
            body: "One.\n\nTwo.".into(),
            ..Article::default()
        };
        let (d0, d1) = two_documents(&fields, &article, 0..10);
        assert!(d0.get_first(fields.title).is_some());
        assert!(d1.get_first(fields.title).is_none());
        assert!(d0.get_first(fields.meta).is_some());
        assert!(d1.get_first(fields.meta).is_none());
        let meta: Meta =
            serde_json::from_str(d0.get_first(fields.meta).unwrap().as_str().unwrap()).unwrap();
        assert_eq!(meta.title, "Port strike");
    }

    #[test]
    fn the_article_columns_are_on_the_first_passage_and_its_search_fields_on_all() {
        let fields = Fields::of(&build()).unwrap();
        let article = Article {
            id: "a".into(),
            body: "One.\n\nTwo.".into(),
            source: "Wire".into(),
            dateline: "OSLO".into(),
            authors: vec!["Ann Lee".into()],
            date: chrono::DateTime::from_timestamp(1_700_000_000, 0),
            ..Article::default()
        };
        let (d0, d1) = two_documents(&fields, &article, 5..9);
        let article_only = [
            fields.id_raw,
            fields.source_raw,
            fields.dateline_raw,
            fields.author_raw,
            fields.article_date,
        ];
        for field in article_only {
            assert!(d0.get_first(field).is_some(), "{field:?} on the lead");
            assert!(d1.get_first(field).is_none(), "{field:?} not repeated");
        }
        let every = [
            fields.article_id,
            fields.source,
            fields.dateline,
            fields.author,
            fields.date,
        ];
        for field in every {
            assert!(d1.get_first(field).is_some(), "{field:?} on every passage");
        }
        let start = |d: &TantivyDocument| d.get_first(fields.start).and_then(|v| v.as_u64());
        assert_eq!((start(&d0), start(&d1)), (Some(0), Some(5)));
    }

    #[test]
    fn stored_evidence_reads_back_as_it_was_found() {
        let fields = Fields::of(&build()).unwrap();
        let article = Article {
            id: "e".into(),
            body: "\"The port stays shut until the inspectors leave,\" Mayor Rosa Delgado told \
                   reporters on the quay on Tuesday morning."
                .into(),
            ..Article::default()
        };
        let prepared = crate::prepare::prepare(&article);
        let found = &prepared.attributions;
        assert!(!found.is_empty(), "the quote is attributed");
        let doc = document(&fields, &article, &prepared, 0);
        let stored = doc.get_first(fields.evidence).unwrap().as_str().unwrap();
        let evidence = evidence_of(stored);
        assert_eq!(evidence.len(), found.len());
        let (first, a) = (&evidence[0], &found[0]);
        assert_eq!(first.speaker.as_deref(), Some("Rosa Delgado"));
        assert_eq!(first.kind, "direct");
        assert_eq!(first.content, [a.content.start, a.content.end]);
        assert_eq!(first.cue.as_deref(), Some("told"));
        assert_eq!(first.mention.as_deref(), Some("Mayor Rosa Delgado"));
        assert_eq!(first.resolved_by.as_deref(), Some("name"));

        // words no one is named for: no speaker, so nothing resolved
        let unnamed = Article {
            id: "u".into(),
            body: "The ferry will run again on Monday, port officials said.".into(),
            ..Article::default()
        };
        let prepared = crate::prepare::prepare(&unnamed);
        assert_eq!(prepared.attributions.len(), 1, "the statement is found");
        let doc = document(&fields, &unnamed, &prepared, 0);
        let stored = doc.get_first(fields.evidence).unwrap().as_str().unwrap();
        let evidence = evidence_of(stored);
        assert_eq!(evidence[0].speaker, None);
        assert_eq!(evidence[0].resolved_by, None);
    }

    #[test]
    fn unreadable_stored_evidence_is_empty_not_an_error() {
        assert!(evidence_of("").is_empty());
        assert!(evidence_of("{\"speaker\": \"x\"}").is_empty());
    }
}
