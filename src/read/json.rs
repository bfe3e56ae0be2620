//! JSON (`.json`: one object or an array of objects) and NDJSON (`.ndjson`,
//! `.jsonl`: one object per line) records, with the field names real crawlers
//! and datasets use accepted as aliases (news-please, RSS-to-JSON, the corpora).

use std::cell::Cell;
use std::fmt;
use std::io::{self, BufRead, Read};
use std::rc::Rc;

use serde::Deserializer as _;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::{MAX_RECORD_BYTES, Outcome, Problem, Record, broken_stream, read_line_limited};
use crate::article::Article;
use crate::date;

/// The article fields and the JSON keys that fill them, best first: when a
/// record has several keys of one field, the earliest in the list wins.
const ALIASES: &[(Field, &[&str])] = &[
    (
        Field::Body,
        &[
            "body",
            "text",
            "maintext",
            "content",
            "article",
            "full_text",
            "fulltext",
            "body_text",
            "article_text",
            "story",
            // JSON Feed, the Guardian API
            "content_text",
            "bodytext",
            // summaries, for records that carry no full text (the New York
            // Times API's docs): last, so any full text wins (FIRST_SUMMARY)
            "lead_paragraph",
            "abstract",
            "description",
            "summary",
            "trailtext",
        ],
    ),
    (
        Field::Title,
        &["title", "headline", "title_page", "webtitle"],
    ),
    (
        Field::Date,
        &[
            "date",
            "date_publish",
            "published",
            "publish_date",
            "pubdate",
            "published_at",
            "publishedat",
            "datepublished",
            "date_published",
            "published_date",
            "publication_date",
            "pub_date",
            "datetime",
            "timestamp",
            "webpublicationdate",
        ],
    ),
    (
        Field::Url,
        &[
            "url",
            "link",
            "web_url",
            "canonical_url",
            "article_url",
            "weburl",
        ],
    ),
    (
        Field::Source,
        &[
            "source",
            "source_domain",
            "publisher",
            "outlet",
            "publication",
            "source_name",
            "site_name",
            "newspaper",
            "site",
            "domain",
        ],
    ),
    (
        Field::Author,
        &["author", "authors", "byline", "creator", "writer"],
    ),
    (Field::Speakers, &["speaker", "speakers"]),
    (
        Field::Id,
        &["id", "_id", "guid", "uuid", "article_id", "doc_id"],
    ),
    (Field::Dateline, &["dateline"]),
];

/// The first of the body keys that hold a summary rather than the text.
const FIRST_SUMMARY: &str = "lead_paragraph";

/// The rank of [`FIRST_SUMMARY`] among the body keys.
fn first_summary_rank() -> usize {
    keys_of(Field::Body)
        .iter()
        .position(|k| *k == FIRST_SUMMARY)
        .unwrap_or(usize::MAX)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    Body,
    Title,
    Date,
    Url,
    Source,
    Author,
    Speakers,
    Id,
    Dateline,
}

const FIELDS: usize = 9;

impl Field {
    fn index(self) -> usize {
        self as usize
    }
}

/// The keys that fill `field`, best first.
pub(super) fn keys_of(field: Field) -> &'static [&'static str] {
    ALIASES
        .iter()
        .find(|(f, _)| *f == field)
        .map_or(&[], |(_, keys)| keys)
}

/// Finds the field a JSON key fills, and the key's rank among its aliases.
pub(super) fn lookup(key: &str) -> Option<(Field, usize)> {
    // every key of every record comes through here: the key, lower-cased on
    // the stack, is compared only with the aliases of its length and first
    // letter (hashing it costs more than that comparison)
    type Buckets = Vec<Vec<(&'static [u8], Field, usize)>>;
    static BUCKETS: std::sync::OnceLock<Buckets> = std::sync::OnceLock::new();
    fn bucket(key: &[u8]) -> usize {
        let letter = key.first().map_or(26, |&b| match b {
            b'a'..=b'z' => usize::from(b - b'a'),
            _ => 26,
        });
        key.len() * 27 + letter
    }
    let buckets = BUCKETS.get_or_init(|| {
        let mut table: Buckets = vec![Vec::new(); 33 * 27];
        for (field, keys) in ALIASES {
            for (rank, k) in keys.iter().enumerate() {
                table[bucket(k.as_bytes())].push((k.as_bytes(), *field, rank));
            }
        }
        table
    });
    let mut buf = [0u8; 32];
    let lower = buf.get_mut(..key.len())?;
    lower.copy_from_slice(key.as_bytes());
    lower.make_ascii_lowercase();
    buckets[bucket(lower)]
        .iter()
        .find(|(alias, _, _)| *alias == &*lower)
        .map(|&(_, field, rank)| (field, rank))
}

/// One JSON record with only the fields dateline uses (other keys are skipped
/// without being parsed into values).
#[derive(Debug, Default, Clone)]
pub struct RawRecord {
    values: [Option<(usize, Value)>; FIELDS],
    /// The record was not a JSON object.
    not_object: bool,
    /// Line where the record starts, when lines are counted.
    start_line: Option<usize>,
    /// One of its keys is an envelope key ([`ENVELOPE_KEYS`]) holding an
    /// array or an object.
    envelope_keys: bool,
    /// Objects in its envelope keys' arrays with no title and no text (it
    /// is an envelope of records of an unknown kind).
    unread_items: usize,
    /// An article handed on after the records found in it had to be
    /// streamed (see [`Found`]).
    after_its_records: bool,
}

impl RawRecord {
    /// The record has a title or a text: it may be an article.
    fn has_title_or_text(&self) -> bool {
        self.get(Field::Title).is_some() || self.get(Field::Body).is_some()
    }

    /// The record has a full text (not only a summary: see [`FIRST_SUMMARY`]).
    fn has_full_text(&self) -> bool {
        self.values[Field::Body.index()]
            .as_ref()
            .is_some_and(|(rank, _)| *rank < first_summary_rank())
    }

    /// Bytes of text the record holds, about.
    fn size(&self) -> usize {
        fn bytes(value: &Value) -> usize {
            match value {
                Value::String(s) => s.len(),
                Value::Array(items) => items.iter().map(bytes).sum(),
                Value::Object(map) => map.iter().map(|(k, v)| k.len() + bytes(v)).sum(),
                _ => 8,
            }
        }
        // what holding a record costs beyond its text
        let record = std::mem::size_of::<RawRecord>() + 64 * FIELDS;
        record
            + self
                .values
                .iter()
                .flatten()
                .map(|(_, v)| bytes(v))
                .sum::<usize>()
    }

    fn get(&self, field: Field) -> Option<&Value> {
        self.values[field.index()].as_ref().map(|(_, v)| v)
    }

    /// Fills `field` with `value` from the key of `rank` among its aliases,
    /// unless a better-ranked key filled it already. A null or empty value
    /// is absent: the next key of the field counts.
    pub(super) fn set(&mut self, field: Field, rank: usize, value: Value) {
        if is_blank(&value) {
            return;
        }
        // a summary key stands in for a missing text only when it holds
        // text: anything else under it is left alone, as before it was an alias
        let summary = field == Field::Body && rank >= first_summary_rank();
        if summary && !matches!(value, Value::String(_) | Value::Array(_) | Value::Null) {
            return;
        }
        let slot = &mut self.values[field.index()];
        if slot.as_ref().is_none_or(|(r, _)| rank < *r) {
            *slot = Some((rank, value));
        }
    }

    /// Turns the record, read at `line` of `path` where known, into an article;
    /// a problem or warning names that line. `fallback_id` is used when the
    /// record has neither an id nor a URL.
    pub fn into_article(self, path: &str, line: Option<usize>, fallback_id: String) -> Outcome {
        let mut record = self
            .article(path, fallback_id)
            .map_err(|reason| Problem::new(path, line, reason))?;
        if let Some(w) = record.warning.as_mut() {
            w.at.line = line;
        }
        Ok(record)
    }

    /// The article of the record, or why there is none.
    fn article(self, path: &str, fallback_id: String) -> Result<Record, String> {
        if self.not_object {
            return Err("not a JSON object".to_string());
        }
        let body = text_value(self.get(Field::Body), "body", "\n\n")?;
        // Metadata of an unexpected shape is left out with a warning; the
        // article is kept.
        let mut warnings = Vec::new();
        let mut meta = |field: Field, name: &str, sep: &str| {
            text_value(self.get(field), name, sep)
                .unwrap_or_else(|reason| {
                    warnings.push(format!("{reason}: left out"));
                    String::new()
                })
                .trim()
                .to_string()
        };
        let title = meta(Field::Title, "title", " ");
        let url = meta(Field::Url, "url", " ");
        let source = meta(Field::Source, "source", ", ");
        let dateline = meta(Field::Dateline, "dateline", ", ");
        let mut list = |field: Field, name: &str| {
            list_value(self.get(field), name).unwrap_or_else(|reason| {
                warnings.push(format!("{reason}: left out"));
                Vec::new()
            })
        };
        let authors = list(Field::Author, "author");
        let speakers = list(Field::Speakers, "speaker");
        let id = id_value(self.get(Field::Id))?
            .or_else(|| (!url.is_empty()).then(|| url.clone()))
            .unwrap_or(fallback_id);
        let (date, date_warning) = date_value(self.get(Field::Date));
        warnings.extend(date_warning);
        let mut article = Article {
            id,
            title,
            body,
            date,
            source,
            dateline,
            url,
            authors,
            speakers,
            path: path.to_string(),
        };
        if article.is_empty() && self.unread_items > 0 {
            return Err(format!(
                "none of the {} records it holds has a title or a text \
                 (body, text, content, title, ...)",
                self.unread_items
            ));
        }
        if article.is_empty() {
            return Err(
                "no title and no text (no body, text, content or other text key, and no title)"
                    .to_string(),
            );
        }
        crate::read::finish(&mut article);
        let warning = (!warnings.is_empty()).then(|| Problem::new(path, None, warnings.join("; ")));
        Ok(Record { article, warning })
    }
}

/// A text field: a string, a number, an object with a `name` (NewsAPI's
/// `"source": {"id": .., "name": ..}`), or an array of these (joined with
/// `sep`; nulls in it are skipped).
fn text_value(value: Option<&Value>, name: &str, sep: &str) -> Result<String, String> {
    let wrong = |other: &Value| format!("field `{name}` must be a string, not {}", kind(other));
    match value {
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::Array(items)) => {
            let mut parts = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Value::Null => {}
                    Value::Array(_) => return Err(wrong(item)),
                    _ => parts.push(one_text(item).ok_or_else(|| wrong(item))?),
                }
            }
            Ok(parts.join(sep))
        }
        Some(other) => one_text(other).ok_or_else(|| wrong(other)),
    }
}

/// The text of a string, a number, or an object's `name` (NewsAPI's
/// `"source": {"id": .., "name": ..}`), `main` (the New York Times API's
/// `"headline": {"main": ..}`) or `original` (its `"byline": {"original":
/// "By .."}`).
fn one_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(map) => ["name", "main", "original"]
            .iter()
            .find_map(|key| map.get(*key).and_then(Value::as_str))
            .map(str::to_string),
        _ => None,
    }
}

fn id_value(value: Option<&Value>) -> Result<Option<String>, String> {
    Ok(match value {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        // an integer beyond 64 bits is read as a float and rounded ("1e+20"): two ids
        // would become one. A float below 2^53 ("12.0", as pandas writes ids) is exact.
        Some(Value::Number(n))
            if n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.abs() < 9.007e15) =>
        {
            Some(n.to_string())
        }
        Some(Value::Number(n)) => {
            return Err(format!(
                "field `id` is the number {n}, which cannot be kept exactly: write it as a string"
            ));
        }
        // MongoDB exports: {"_id": {"$oid": "..."}}
        Some(Value::Object(map)) => match map.get("$oid") {
            Some(Value::String(s)) => Some(s.clone()),
            _ => return Err("field `id` must be a string or a number".to_string()),
        },
        Some(other) => return Err(format!("field `id` must be a string, not {}", kind(other))),
    })
}

/// A date field: the date (or none) and a warning when it could not be read.
/// An unreadable date never rejects the article: it is kept, undated.
fn date_value(value: Option<&Value>) -> (Option<chrono::DateTime<chrono::Utc>>, Option<String>) {
    let unreadable = |shown: String| {
        (
            None,
            Some(format!(
                "unrecognised date {shown}: article kept as undated \
                 (use RFC 3339, e.g. 2025-06-23T10:00:00Z, in the years 1000 to 9999)"
            )),
        )
    };
    match value {
        None | Some(Value::Null) => (None, None),
        Some(Value::String(s)) if s.trim().is_empty() => (None, None),
        Some(Value::String(s)) => match date::parse(s) {
            Some(d) => (Some(d), None),
            None => unreadable(format!("{:?}", truncate(s, 40))),
        },
        Some(Value::Number(n)) => {
            let read = match n.as_i64() {
                Some(i) => date::from_unix(i),
                None => n.as_f64().and_then(date::from_unix_f64),
            };
            match read {
                Some(d) => (Some(d), None),
                None => unreadable(n.to_string()),
            }
        }
        // MongoDB extended JSON: {"$date": "2025-06-23T..."} or
        // {"$date": {"$numberLong": "1750636800000"}} (milliseconds)
        Some(Value::Object(map)) if map.contains_key("$date") => match map.get("$date") {
            Some(Value::Object(inner)) => {
                let millis = inner.get("$numberLong").and_then(Value::as_str);
                match millis.and_then(|m| m.parse::<i64>().ok()) {
                    Some(ms) => match date::from_unix_millis(ms) {
                        Some(d) => (Some(d), None),
                        None => unreadable(ms.to_string()),
                    },
                    None => unreadable("(an object)".to_string()),
                }
            }
            inner => date_value(inner),
        },
        Some(other) => unreadable(format!("({})", kind(other))),
    }
}

fn truncate(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((cut, _)) => &s[..cut],
        None => s,
    }
}

/// A list field: a string, an object with a `name` (`"authors": [{"name":
/// ..}]`), or an array of these.
fn list_value(value: Option<&Value>, name: &str) -> Result<Vec<String>, String> {
    let wrong = |other: &Value| {
        format!(
            "field `{name}` must be a string or an array of strings, not {}",
            kind(other)
        )
    };
    let items: Vec<String> = match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .filter(|item| !item.is_null())
            .map(|item| match item {
                Value::Number(_) => Err(wrong(item)),
                _ => one_text(item).ok_or_else(|| wrong(item)),
            })
            .collect::<Result<_, _>>()?,
        Some(other @ Value::Number(_)) => return Err(wrong(other)),
        Some(other) => vec![one_text(other).ok_or_else(|| wrong(other))?],
    };
    Ok(items
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect())
}

/// Null, an empty or blank string, or an empty array.
fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(items) => items.is_empty(),
        _ => false,
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Keys under which API responses and exports hold their records: NewsAPI's
/// `articles`, the New York Times API's `response.docs`, the Guardian API's
/// `response.results`, Elasticsearch's `hits.hits`, JSON Feed's and
/// RSS-to-JSON's `items`, OData's `value`. A record that has no text of its
/// own and holds records under such keys is an envelope: its records are
/// read, the envelope itself is not.
const ENVELOPE_KEYS: &[&str] = &[
    "articles",
    "docs",
    "response",
    "results",
    "items",
    "data",
    "hits",
    "documents",
    "stories",
    "records",
    "entries",
    "news",
    "posts",
    "value",
];

/// Keys whose object holds more of the record's own fields: Elasticsearch's
/// `_source`, the Guardian API's `fields`.
const MORE_FIELDS_KEYS: &[&str] = &["_source", "fields"];

fn is_one_of(key: &str, keys: &[&str]) -> bool {
    keys.iter().any(|k| k.eq_ignore_ascii_case(key))
}

/// Counts the lines of a stream as it is read, so that records can name the
/// line they start on.
#[derive(Debug, Default)]
struct Starts {
    /// Newlines read so far.
    newlines: Cell<usize>,
}

impl Starts {
    /// Counts lines from `line` (NDJSON: every record of the line starts on it).
    fn at_line(line: usize) -> Starts {
        Starts {
            newlines: Cell::new(line.saturating_sub(1)),
        }
    }

    fn line(&self) -> usize {
        self.newlines.get() + 1
    }
}

/// Names the records of a file that have neither an id nor a URL, in the
/// order they are handed on: `BASE:LINE` for the first starting on a line,
/// `BASE:LINE#K` for the K-th (a minified array has them all on line 1), so
/// that no two are taken for one. Only records handed on count: the objects
/// of an article's own arrays, which are not records, take no number, and
/// editing them changes no other record's id.
struct Numbering {
    last: (usize, usize),
}

impl Numbering {
    fn new() -> Self {
        Numbering { last: (0, 0) }
    }

    /// The record's place among those handed on that start on its line.
    fn place(&mut self, raw: &RawRecord) -> usize {
        let line = raw.start_line.unwrap_or(0);
        if raw.not_object {
            // an error, named by its line: it has no id to keep, and takes no place
            return 1;
        }
        if raw.after_its_records {
            // handed on after records that start after it (see `Found::settle`): a place
            // of its own
            return 0;
        }
        let k = if self.last.0 == line {
            self.last.1 + 1
        } else {
            1
        };
        self.last = (line, k);
        k
    }
}

/// `base` for the first record of a line, `base#K` for the K-th.
fn numbered(base: String, k: usize) -> String {
    match k {
        1 => base,
        k => format!("{base}#{k}"),
    }
}

/// Receives records as they are read.
type Sink<'s> = &'s mut dyn FnMut(RawRecord);

/// The records found inside a record under its envelope keys, held until the
/// record ends: only then is it known whether the record is an envelope (an
/// API response, whose records are the articles) or an article whose arrays
/// hold something else (related links, a chart's data), whose text may come
/// after them.
struct Found<'s> {
    held: Vec<RawRecord>,
    /// Objects found with none of the keys of an article field.
    unread: usize,
    bytes: usize,
    /// More than [`MAX_RECORD_BYTES`] of records found: no article is that
    /// large, so the record is an envelope, and its records go to `out` as
    /// they are read rather than filling memory.
    streaming: bool,
    out: Sink<'s>,
}

impl<'s> Found<'s> {
    fn new(out: Sink<'s>) -> Self {
        Found {
            held: Vec::new(),
            unread: 0,
            bytes: 0,
            streaming: false,
            out,
        }
    }

    fn push(&mut self, raw: RawRecord) {
        if self.streaming {
            return (self.out)(raw);
        }
        self.bytes += raw.size();
        self.held.push(raw);
        if self.bytes > MAX_RECORD_BYTES {
            self.streaming = true;
            for raw in self.held.drain(..) {
                (self.out)(raw);
            }
        }
    }

    /// What the record `raw`, read with these finds, gives: itself, or the
    /// records it holds. It is an envelope when it has envelope keys and no
    /// full text of its own, and either nothing of its own (no title, no
    /// summary) or records with a full text: a feed has a title and a
    /// description and items with text; an article with a summary and
    /// related stories, or a titled gallery of described photos, is one
    /// article.
    fn settle(self, mut raw: RawRecord) -> Vec<RawRecord> {
        let full_text = raw.has_full_text();
        if self.streaming {
            // its records are out already; an article is handed on after them
            raw.after_its_records = true;
            return if full_text { vec![raw] } else { Vec::new() };
        }
        let envelope = raw.envelope_keys
            && !full_text
            && (!raw.has_title_or_text() || self.held.iter().any(RawRecord::has_full_text));
        if !envelope {
            return vec![raw];
        }
        if self.held.is_empty() && self.unread > 0 {
            // records of a kind dateline cannot read: said once, as the envelope's problem
            raw.unread_items = self.unread;
            return vec![raw];
        }
        // an empty page of results holds nothing, and is no error
        self.held
    }
}

/// Deserialises a record, noting where it starts when `starts` counts lines,
/// and keeping the records it holds under envelope keys in `found`.
struct RecordSeed<'a, 'f, 's> {
    starts: Option<&'a Starts>,
    found: Option<&'f mut Found<'s>>,
}

impl<'de> DeserializeSeed<'de> for RecordSeed<'_, '_, '_> {
    type Value = RawRecord;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<RawRecord, D::Error> {
        d.deserialize_any(RecordVisitor {
            starts: self.starts,
            found: self.found,
        })
    }
}

impl<'de> de::Deserialize<'de> for RawRecord {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<RawRecord, D::Error> {
        RecordSeed {
            starts: None,
            found: None,
        }
        .deserialize(d)
    }
}

struct RecordVisitor<'a, 'f, 's> {
    starts: Option<&'a Starts>,
    found: Option<&'f mut Found<'s>>,
}

impl RecordVisitor<'_, '_, '_> {
    fn other<E>(self) -> Result<RawRecord, E> {
        // named by its line only: it takes no place among the records there
        Ok(RawRecord {
            not_object: true,
            start_line: self.starts.map(Starts::line),
            ..RawRecord::default()
        })
    }
}

/// Visitor methods for values other than the ones a visitor reads: they
/// are skipped, and the visit gives `$value`.
macro_rules! skip_other_values {
    ($value:expr) => {
        fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok($value)
        }
    };
}

impl<'de> Visitor<'de> for RecordVisitor<'_, '_, '_> {
    type Value = RawRecord;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<RawRecord, A::Error> {
        let mut record = RawRecord {
            start_line: self.starts.map(Starts::line),
            ..RawRecord::default()
        };
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if let Some((field, rank)) = lookup(&key) {
                record.set(field, rank, map.next_value::<Value>()?);
            } else if is_one_of(&key, MORE_FIELDS_KEYS) {
                map.next_value_seed(MoreFields {
                    record: &mut record,
                })?;
            } else if let Some(found) = self.found.as_deref_mut()
                && is_one_of(&key, ENVELOPE_KEYS)
            {
                record.envelope_keys |= map.next_value_seed(Envelope {
                    starts: self.starts,
                    found,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(record)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawRecord, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        self.other()
    }

    fn visit_bool<E>(self, _: bool) -> Result<RawRecord, E> {
        self.other()
    }
    fn visit_i64<E>(self, _: i64) -> Result<RawRecord, E> {
        self.other()
    }
    fn visit_u64<E>(self, _: u64) -> Result<RawRecord, E> {
        self.other()
    }
    fn visit_f64<E>(self, _: f64) -> Result<RawRecord, E> {
        self.other()
    }
    fn visit_str<E>(self, _: &str) -> Result<RawRecord, E> {
        self.other()
    }
    fn visit_unit<E>(self) -> Result<RawRecord, E> {
        self.other()
    }
}

/// An object whose keys are more of a record's fields (`_source`, `fields`).
struct MoreFields<'r> {
    record: &'r mut RawRecord,
}

impl<'de> DeserializeSeed<'de> for MoreFields<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for MoreFields<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of record fields")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match lookup(&key) {
                Some((field, rank)) => self.record.set(field, rank, map.next_value::<Value>()?),
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }

    skip_other_values!(());
}

/// The value of an envelope key: an array of records, or an object with
/// more envelope keys (`"response": {"docs": [...]}`), whose records go to
/// `found`. Gives whether it was an array or an object.
struct Envelope<'a, 'f, 's> {
    starts: Option<&'a Starts>,
    found: &'f mut Found<'s>,
}

impl<'de> DeserializeSeed<'de> for Envelope<'_, '_, '_> {
    type Value = bool;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Envelope<'_, '_, '_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while seq
            .next_element_seed(Item {
                starts: self.starts,
                found: &mut *self.found,
            })?
            .is_some()
        {}
        Ok(true)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        // an object is an envelope's only when it holds one in turn ("response":
        // {"docs": [...]}); any other ("data": {"views": 12}) is not
        let mut holds = false;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if is_one_of(&key, ENVELOPE_KEYS) {
                holds |= map.next_value_seed(Envelope {
                    starts: self.starts,
                    found: &mut *self.found,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(holds)
    }

    skip_other_values!(false);
}

/// One item of an envelope's array: a record when it is an object with a
/// title or a text (the points of a chart, `{"date": .., "value": ..}`, are
/// not); anything else is skipped. An item that is an envelope in turn (a
/// page of an export) gives its records.
struct Item<'a, 'f, 's> {
    starts: Option<&'a Starts>,
    found: &'f mut Found<'s>,
}

impl<'de> DeserializeSeed<'de> for Item<'_, '_, '_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Item<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a record")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let parent = self.found;
        let mut unread = 0;
        let settled = {
            let mut to_parent = |raw| parent.push(raw);
            let mut found = Found::new(&mut to_parent);
            let raw = RecordVisitor {
                starts: self.starts,
                found: Some(&mut found),
            }
            .visit_map(map)?;
            unread += found.unread;
            found.settle(raw)
        };
        parent.unread += unread;
        for raw in settled {
            if raw.has_title_or_text() {
                parent.push(raw);
            } else {
                parent.unread += 1;
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }

    skip_other_values!(());
}

/// A JSON syntax error as one readable phrase, with its line when known.
fn json_error(err: &serde_json::Error) -> (Option<usize>, String) {
    let text = err.to_string();
    let text = match text.rfind(" at line ") {
        Some(cut) => &text[..cut],
        None => &text,
    };
    let line = (err.line() > 0).then_some(err.line());
    let reason = if err.is_eof() {
        "invalid JSON: unexpected end of input".to_string()
    } else if err.is_io() {
        let kind = err.io_error_kind().unwrap_or(io::ErrorKind::Other);
        return (line, broken_stream(&io::Error::new(kind, text.to_string())));
    } else if text == "invalid unicode code point" {
        // what serde_json says of a byte that is not UTF-8 (a Latin-1 file)
        format!(
            "not UTF-8 (column {}): save the file as UTF-8",
            err.column()
        )
    } else {
        format!("invalid JSON (column {}): {text}", err.column())
    };
    (line, reason)
}

/// NDJSON: one record per line; blank lines are skipped. UTF-16 with its byte
/// order mark is decoded; a line that is not UTF-8 is read as windows-1252,
/// with a warning.
pub(super) fn read_ndjson(stream: Box<dyn BufRead>, path: &str, sink: &mut dyn FnMut(Outcome)) {
    let mut stream = super::utf8_stream(stream);
    super::skip_bom(&mut *stream);
    let id_base = super::id_base(path);
    let mut buf = Vec::new();
    let mut line = 0;
    // a line that is not UTF-8 is read as windows-1252, with a warning on the first
    let mut warned = false;
    // a file of blank lines holds no record: said, as for any empty file
    let mut blank = true;
    loop {
        line += 1;
        let too_long = match read_line_limited(&mut *stream, &mut buf, MAX_RECORD_BYTES) {
            Ok(Some(too_long)) => too_long,
            Ok(None) if blank => return sink(Err(Problem::new(path, None, super::EMPTY_FILE))),
            Ok(None) => return,
            Err(err) => return sink(Err(Problem::new(path, Some(line), broken_stream(&err)))),
        };
        if too_long {
            blank = false;
            let reason = format!("record longer than {} MiB: skipped", MAX_RECORD_BYTES >> 20);
            sink(Err(Problem::new(path, Some(line), reason)));
            continue;
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        blank = false;
        let Err(problem) = parse_line(&buf, path, line, &id_base, sink) else {
            continue;
        };
        let not_utf8_at = match std::str::from_utf8(&buf) {
            Ok(_) => {
                sink(Err(with_encoding_hint(problem, &buf)));
                continue;
            }
            Err(err) => err.valid_up_to(),
        };
        let decoded = super::utf8_or_1252(&buf).into_owned();
        let mut first = !warned;
        let mut warn = |outcome: Outcome| {
            sink(outcome.map(|mut record| {
                if std::mem::take(&mut first) {
                    let more = " (this line, and any others so written)";
                    super::not_utf8(&mut record, path, Some(line), more);
                }
                record
            }))
        };
        if let Err(mut problem) = parse_line(decoded.as_bytes(), path, line, &id_base, &mut warn) {
            // the column is of the line as read, not as written: name the byte instead
            let what = problem
                .reason
                .split_once("): ")
                .map_or(problem.reason.as_str(), |(_, what)| what);
            problem.reason = format!(
                "invalid JSON ({what}) in a line that is not UTF-8 (byte {} of the line)",
                not_utf8_at + 1
            );
            warn(Err(problem));
        }
        warned |= !first;
    }
}

/// A line holding NUL bytes is most likely UTF-16 without its byte order mark.
fn with_encoding_hint(mut problem: Problem, line: &[u8]) -> Problem {
    if line.contains(&0) {
        problem
            .reason
            .push_str(" (NUL bytes: UTF-16 without a byte order mark? save the file as UTF-8)");
    }
    problem
}

/// One NDJSON line: its record, or the records of the envelope it is (an API
/// response saved as one line). A line that is not JSON is handed back.
fn parse_line(
    bytes: &[u8],
    path: &str,
    line: usize,
    id_base: &str,
    sink: &mut dyn FnMut(Outcome),
) -> Result<(), Problem> {
    let at = |reason: String| Problem::new(path, Some(line), reason);
    let starts = Starts::at_line(line);
    // (a line is at most MAX_RECORD_BYTES, so its records are all held)
    let mut early = Vec::new();
    let mut keep = |raw| early.push(raw);
    let mut found = Found::new(&mut keep);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let read = RecordSeed {
        starts: Some(&starts),
        found: Some(&mut found),
    }
    .deserialize(&mut de)
    .and_then(|raw| de.end().map(|()| raw));
    let records = match read {
        Ok(raw) => {
            let settled = found.settle(raw);
            early.into_iter().chain(settled).collect::<Vec<_>>()
        }
        Err(err) => return Err(at(json_error(&err).1)),
    };
    // Standard input has no path to tell two streams apart: its records
    // are known by their content, so that a second stream adds to the first
    // and the same stream again replaces it.
    let base = if path == super::STDIN {
        format!(
            "{}#{:016x}",
            super::STDIN,
            crate::fingerprint::stable_hash(bytes)
        )
    } else {
        format!("{id_base}:{line}")
    };
    let mut numbering = Numbering::new();
    for raw in records {
        let fallback = numbered(base.clone(), numbering.place(&raw));
        sink(raw.into_article(path, Some(line), fallback));
    }
    Ok(())
}

/// Counts newlines in what serde_json reads, so records can name their line.
struct LineCounter<R> {
    inner: R,
    starts: Rc<Starts>,
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let newlines = buf[..n].iter().filter(|&&b| b == b'\n').count();
        let count = &self.starts.newlines;
        count.set(count.get() + newlines);
        Ok(n)
    }
}

/// JSON: one object, or an array of objects read one at a time; an object or
/// item that is an envelope (an API response) gives the records it holds.
/// UTF-16 with its byte order mark is decoded.
pub(super) fn read_json(stream: Box<dyn BufRead>, path: &str, sink: &mut dyn FnMut(Outcome)) {
    let mut stream = super::utf8_stream(stream);
    super::skip_bom(&mut *stream);
    let starts = Rc::new(Starts::default());
    let reader = LineCounter {
        inner: stream,
        starts: Rc::clone(&starts),
    };
    let mut de = serde_json::Deserializer::from_reader(reader);
    let id_base = super::id_base(path);
    let mut top = TopLevel {
        path,
        id_base: &id_base,
        starts: &starts,
        numbering: Numbering::new(),
        sink,
    };
    let result = (&mut de).deserialize_any(&mut top).and_then(|()| de.end());
    if let Err(err) = result {
        let (line, reason) = json_error(&err);
        (top.sink)(Err(Problem::new(path, line, reason)));
    }
}

struct TopLevel<'a> {
    path: &'a str,
    id_base: &'a str,
    starts: &'a Starts,
    numbering: Numbering,
    sink: &'a mut dyn FnMut(Outcome),
}

impl TopLevel<'_> {
    fn emit(&mut self, raw: RawRecord) {
        let line = raw.start_line.unwrap_or(0);
        // as for a line of NDJSON or a text file: no article is that large
        if raw.size() > MAX_RECORD_BYTES {
            let reason = format!("record longer than {} MiB: skipped", MAX_RECORD_BYTES >> 20);
            return (self.sink)(Err(Problem::new(self.path, Some(line), reason)));
        }
        let place = self.numbering.place(&raw);
        let fallback = numbered(format!("{}:{line}", self.id_base), place);
        (self.sink)(raw.into_article(self.path, Some(line), fallback));
    }

    /// Reads one record (or the records of an envelope) from `d`.
    fn record<'de, D: de::Deserializer<'de>>(&mut self, d: D) -> Result<(), D::Error> {
        let starts = self.starts;
        let mut emit = |raw| self.emit(raw);
        let mut found = Found::new(&mut emit);
        let raw = RecordSeed {
            starts: Some(starts),
            found: Some(&mut found),
        }
        .deserialize(d)?;
        for raw in found.settle(raw) {
            self.emit(raw);
        }
        Ok(())
    }
}

impl<'de> Visitor<'de> for &mut TopLevel<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object or an array of objects")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        self.record(de::value::MapAccessDeserializer::new(map))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(OneRecord(&mut *self))?.is_some() {}
        Ok(())
    }
}

/// An item of a top-level array, read by [`TopLevel::record`].
struct OneRecord<'t, 'a>(&'t mut TopLevel<'a>);

impl<'de> DeserializeSeed<'de> for OneRecord<'_, '_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.0.record(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<Record, String> {
        let raw: RawRecord = serde_json::from_str(json).map_err(|e| e.to_string())?;
        raw.article("t.ndjson", "t.ndjson:1".to_string())
    }

    #[test]
    fn news_please_records_read_without_conversion() {
        let record = parse(
            r#"{"title": "Port reopens", "title_page": "Port reopens | Herald",
                "maintext": "The port reopened.", "date_publish": "2025-01-17 08:15:00",
                "source_domain": "herald.example", "url": "https://herald.example/a",
                "authors": ["A. Writer", "B. Writer"], "language": "en"}"#,
        )
        .unwrap();
        let a = record.article;
        assert_eq!(a.title, "Port reopens");
        assert_eq!(a.body, "The port reopened.");
        assert_eq!(a.source, "herald.example");
        assert_eq!(a.id, "https://herald.example/a");
        assert_eq!(a.authors, ["A. Writer", "B. Writer"]);
        assert_eq!(a.date.unwrap().to_rfc3339(), "2025-01-17T08:15:00+00:00");
    }

    #[test]
    fn the_first_listed_alias_wins_whatever_the_key_order() {
        let a = parse(r#"{"headline": "raw head.", "title": "Clean", "text": "b"}"#)
            .unwrap()
            .article;
        assert_eq!(a.title, "Clean");
    }

    #[test]
    fn rss_style_aliases_and_numeric_ids() {
        let a = parse(
            r#"{"headline": "H", "text": "T", "pubDate": "Tue, 14 May 2024 10:00:00 +0000",
                "link": "https://x.example/1", "outlet": "X", "byline": "Z", "guid": 42}"#,
        )
        .unwrap()
        .article;
        assert_eq!(a.id, "42");
        assert_eq!(a.source, "X");
        assert_eq!(a.authors, ["Z"]);
        assert_eq!(a.date.unwrap().to_rfc3339(), "2024-05-14T10:00:00+00:00");
    }

    #[test]
    fn a_summary_key_that_holds_no_text_is_left_alone() {
        let a = parse(r#"{"id": "a1", "title": "T", "summary": {"en": "x"}}"#)
            .expect("kept by its title")
            .article;
        assert_eq!((a.title.as_str(), a.body.as_str()), ("T", ""));
        let a = parse(r#"{"id": "a2", "description": "Short.", "abstract": 3}"#)
            .expect("kept")
            .article;
        assert_eq!(a.body, "Short.");
    }

    #[test]
    fn keys_are_found_whatever_their_case_and_only_aliases_are() {
        assert_eq!(lookup("TITLE"), Some((Field::Title, 0)));
        assert_eq!(lookup("publishedAt").map(|(f, _)| f), Some(Field::Date));
        assert_eq!(lookup("Source_Domain"), Some((Field::Source, 1)));
        // every alias, as listed
        for (field, keys) in ALIASES {
            for (rank, key) in keys.iter().enumerate() {
                assert_eq!(lookup(key), Some((*field, rank)), "{key}");
            }
        }
        for other in ["", "titles", "tïtle", &"x".repeat(100), "date_precision"] {
            assert_eq!(lookup(other), None, "{other}");
        }
    }

    #[test]
    fn newsapi_and_new_york_times_api_records_read_as_they_come() {
        // NewsAPI: the source an object, the date `publishedAt`
        let a = parse(
            r#"{"source": {"id": null, "name": "Harbour Herald"}, "author": "Ana Ruiz",
                "title": "Ferries resume", "description": "Short.",
                "url": "https://herald.example/f", "publishedAt": "2024-03-02T09:30:00Z",
                "content": "Ferries resumed on Saturday."}"#,
        )
        .unwrap()
        .article;
        assert_eq!(a.source, "Harbour Herald");
        assert_eq!(a.body, "Ferries resumed on Saturday.");
        assert_eq!(a.date.unwrap().to_rfc3339(), "2024-03-02T09:30:00+00:00");
        // the New York Times archive API: headline and byline objects
        let a = parse(
            r#"{"_id": "nyt://article/1", "web_url": "https://nyt.example/1",
                "headline": {"main": "Strike ends", "kicker": null},
                "byline": {"original": "By Lee Park"}, "pub_date": "1987-04-02T05:00:00+0000",
                "abstract": "Short.", "snippet": "Short.",
                "lead_paragraph": "The strike ended."}"#,
        )
        .unwrap()
        .article;
        assert_eq!(a.title, "Strike ends");
        assert_eq!(a.authors, ["Lee Park"]);
        assert_eq!(a.url, "https://nyt.example/1");
        assert_eq!(a.body, "The strike ended.");
        assert_eq!(a.date.unwrap().to_rfc3339(), "1987-04-02T05:00:00+00:00");
    }

    #[test]
    fn unix_seconds_and_body_paragraph_arrays() {
        let a = parse(r#"{"id": "a", "body": ["One.", "Two."], "timestamp": 1750636800}"#)
            .unwrap()
            .article;
        assert_eq!(a.body, "One.\n\nTwo.");
        assert_eq!(a.date.unwrap().to_rfc3339(), "2025-06-23T00:00:00+00:00");
    }

    #[test]
    fn an_unreadable_date_keeps_the_article_undated_with_a_warning() {
        let record = parse(r#"{"id": "a", "body": "x", "date": "the day after"}"#).unwrap();
        assert_eq!(record.article.date, None);
        let warning = record.warning.unwrap();
        assert!(warning.reason.contains("unrecognised date"), "{warning}");
    }

    #[test]
    fn records_without_text_or_of_the_wrong_shape_are_rejected() {
        assert!(parse(r#"{"id": "a", "date": "2025-01-01"}"#).is_err());
        // an id beyond 64 bits would be rounded into another's: refused
        let err = parse(r#"{"id": 100000000000000000001, "body": "x"}"#).unwrap_err();
        assert!(err.contains("write it as a string"), "{err}");
        assert_eq!(
            parse(r#"{"id": 42, "body": "x"}"#).unwrap().article.id,
            "42"
        );
        let id = parse(r#"{"id": 12.0, "body": "x"}"#).unwrap().article.id;
        assert_eq!(id, "12.0");
        assert!(parse(r#"{"id": "a", "body": "   ", "title": ""}"#).is_err());
        assert!(
            parse(r#"[1, 2]"#)
                .unwrap_err()
                .contains("not a JSON object")
        );
        assert!(
            parse(r#"{"body": {"nested": true}}"#)
                .unwrap_err()
                .contains("field `body` must be a string")
        );
    }

    #[test]
    fn null_or_empty_values_leave_the_field_to_the_next_alias() {
        let a = parse(
            r#"{"body": null, "text": "The text.", "title": "", "headline": "Head",
                "date": null, "published": "2020-01-01", "url": null, "link": "https://x.example/1"}"#,
        )
        .unwrap()
        .article;
        assert_eq!(a.body, "The text.");
        assert_eq!(a.title, "Head");
        assert_eq!(a.id, "https://x.example/1");
        assert_eq!(a.date.unwrap().to_rfc3339(), "2020-01-01T00:00:00+00:00");
    }

    #[test]
    fn named_objects_and_extended_json_dates_are_read() {
        let a = parse(
            r#"{"body": "b", "source": {"id": "cnn", "name": "CNN"},
                "authors": [{"name": "Ann Lee"}, null, "Bo Chen"],
                "date": {"$date": {"$numberLong": "1750636800000"}}}"#,
        )
        .unwrap()
        .article;
        assert_eq!(a.source, "CNN");
        assert_eq!(a.authors, ["Ann Lee", "Bo Chen"]);
        assert_eq!(a.date.unwrap().to_rfc3339(), "2025-06-23T00:00:00+00:00");
        // a byline given twice, in two spellings, is one author
        let a = parse(r#"{"body": "b", "authors": ["Zoë Park", "By ZOE PARK", "Bo Chen"]}"#);
        assert_eq!(a.unwrap().article.authors, ["Zoë Park", "Bo Chen"]);
        let a = parse(r#"{"body": "b", "date": {"$date": "2025-06-23T00:00:00Z"}}"#).unwrap();
        assert!(a.article.date.is_some());
        let a = parse(r#"{"body": "b", "date": 1750636800.5}"#).unwrap();
        assert_eq!(a.article.date.unwrap().timestamp_subsec_millis(), 500);
    }

    #[test]
    fn metadata_of_the_wrong_shape_is_left_out_with_a_warning() {
        let record = parse(r#"{"id": "a", "body": "b", "author": 7, "date": true}"#).unwrap();
        assert!(record.article.authors.is_empty());
        assert_eq!(record.article.date, None);
        let warning = record.warning.unwrap();
        assert!(warning.reason.contains("`author`"), "{warning}");
        assert!(warning.reason.contains("unrecognised date"), "{warning}");
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let out = read_all(
            read_ndjson,
            "\u{feff}{\"body\": \"a\"}\n{\"body\": \"b\"}\n",
        );
        assert!(out.iter().all(Result::is_ok), "{out:?}");
        let out = read_all(read_json, "\u{feff}[{\"body\": \"a\"}]");
        assert!(out.iter().all(Result::is_ok), "{out:?}");
    }

    #[test]
    fn records_on_standard_input_are_known_by_their_content() {
        let id = |line: &str| {
            let mut ids = Vec::new();
            let stream: Box<dyn BufRead> = Box::new(io::Cursor::new(line.as_bytes().to_vec()));
            read_ndjson(stream, crate::read::STDIN, &mut |o| {
                ids.push(o.unwrap().article.id);
            });
            ids
        };
        let a = id("{\"body\": \"one\"}\n");
        let b = id("{\"body\": \"two\"}\n");
        assert_ne!(a, b);
        assert_eq!(a, id("{\"body\": \"one\"}\n"));
        assert!(a[0].starts_with("<stdin>#"), "{a:?}");
        // an id or URL still wins
        assert_eq!(id("{\"id\": \"x\", \"body\": \"one\"}\n"), ["x"]);
    }

    #[test]
    fn without_id_or_url_the_location_is_the_identity() {
        let a = parse(r#"{"body": "x"}"#).unwrap().article;
        assert_eq!(a.id, "t.ndjson:1");
    }

    type Reader = fn(Box<dyn BufRead>, &str, &mut dyn FnMut(Outcome));

    fn read_all(reader: Reader, data: &str) -> Vec<Outcome> {
        read_bytes(reader, data.as_bytes().to_vec())
    }

    #[test]
    fn a_json_array_gives_each_element_with_its_line() {
        let out = read_all(
            read_json,
            "[\n  {\"body\": \"one\"},\n  {\"nobody\": 1},\n  {\"body\": \"three\"}\n]",
        );
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].as_ref().unwrap().article.body, "one");
        let problem = out[1].as_ref().unwrap_err();
        assert_eq!(problem.at.line, Some(3));
        assert!(problem.reason.contains("no title and no text"));
        assert_eq!(out[2].as_ref().unwrap().article.body, "three");
    }

    /// What `reader` makes of `data`, read as a file named `mem.json`.
    fn read_bytes(reader: Reader, data: Vec<u8>) -> Vec<Outcome> {
        let mut out = Vec::new();
        reader(Box::new(io::Cursor::new(data)), "mem.json", &mut |o| {
            out.push(o)
        });
        out
    }

    fn utf16le(text: &str) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    }

    #[test]
    fn utf16_json_and_ndjson_with_their_mark_are_read() {
        // as PowerShell's `Out-File` writes them
        let lines = "{\"title\": \"Kaj\", \"body\": \"Öl und Fähre\"}\r\n{\"body\": \"two\"}\r\n";
        let out = read_bytes(read_ndjson, utf16le(lines));
        let bodies: Vec<&str> = out
            .iter()
            .map(|o| o.as_ref().unwrap().article.body.as_str())
            .collect();
        assert_eq!(bodies, ["Öl und Fähre", "two"]);
        assert!(out.iter().all(|o| o.as_ref().unwrap().warning.is_none()));
        assert_eq!(out[1].as_ref().unwrap().article.id, "mem.json:2");
        let out = read_bytes(
            read_json,
            utf16le("[{\"body\": \"Öl\"},\n{\"body\": \"b\"}]"),
        );
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].as_ref().unwrap().article.body, "Öl");
        // a JSON file in Latin-1 is named so
        let out = read_bytes(read_json, b"[{\"body\": \"caf\xe9\"}]".to_vec());
        let problem = out[0].as_ref().unwrap_err();
        assert!(
            problem.reason.starts_with("not UTF-8"),
            "{}",
            problem.reason
        );
    }

    #[test]
    fn ndjson_lines_in_latin1_are_read_with_one_warning() {
        let mut data = b"{\"body\": \"caf\xe9\"}\n{\"body\": \"fine\"}\n".to_vec();
        data.extend_from_slice(b"{\"body\": \"na\xefve\"}\n{\"body\": \xe9}\n");
        let out = read_bytes(read_ndjson, data);
        assert_eq!(out.len(), 4);
        let first = out[0].as_ref().unwrap();
        assert_eq!(first.article.body, "café");
        let warning = first.warning.as_ref().unwrap();
        assert_eq!(warning.at.line, Some(1));
        assert!(
            warning
                .reason
                .starts_with("not UTF-8: read as windows-1252")
        );
        let third = out[2].as_ref().unwrap();
        assert_eq!(third.article.body, "naïve");
        assert!(third.warning.is_none());
        // a line that is no JSON in any encoding is an error, as ever, naming the odd byte
        let bad = out[3].as_ref().unwrap_err();
        assert_eq!(bad.at.line, Some(4));
        assert!(bad.reason.starts_with("invalid JSON"), "{}", bad.reason);
        assert!(
            bad.reason.ends_with("not UTF-8 (byte 10 of the line)"),
            "{}",
            bad.reason
        );
        // UTF-8 beside a stray windows-1252 byte stays UTF-8
        let out = read_bytes(
            read_ndjson,
            b"{\"body\": \"Z\xc3\xbcrich \x93deal\x94\"}\n".to_vec(),
        );
        assert_eq!(out[0].as_ref().unwrap().article.body, "Zürich “deal”");
        // NUL bytes: UTF-16 without its mark, said so
        let out = read_bytes(
            read_ndjson,
            b"{\0\"\0b\0\"\0:\0 \0\"\0x\0\"\0}\0\n".to_vec(),
        );
        let bad = out[0].as_ref().unwrap_err();
        assert!(
            bad.reason.contains("UTF-16 without a byte order mark"),
            "{}",
            bad.reason
        );
    }

    #[test]
    fn a_single_json_object_is_one_article() {
        let out = read_all(read_json, r#"{"title": "T", "body": "B"}"#);
        assert_eq!(out.len(), 1);
        assert!(out[0].is_ok());
    }

    #[test]
    fn broken_json_reports_its_line_and_keeps_earlier_records() {
        let out = read_all(read_json, "[{\"body\": \"ok\"},\n{\"body\": \"x\",,}]");
        assert_eq!(out.len(), 2);
        assert!(out[0].is_ok());
        let p = out[1].as_ref().unwrap_err();
        assert_eq!(p.at.line, Some(2));
        assert!(p.reason.starts_with("invalid JSON"), "{p}");
    }

    #[test]
    fn ndjson_reports_bad_lines_and_keeps_the_rest() {
        let out = read_all(
            read_ndjson,
            "{\"body\": \"a\"}\n\n{\"body\": \"b\"\n{\"body\": \"c\"}\n",
        );
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].as_ref().unwrap().article.id, "mem.json:1");
        let p = out[1].as_ref().unwrap_err();
        assert_eq!(p.at.line, Some(3));
        assert_eq!(out[2].as_ref().unwrap().article.id, "mem.json:4");
    }

    #[test]
    fn deeply_nested_json_never_overflows_the_stack() {
        let nest = |n| format!("{}{}", "[".repeat(n), "]".repeat(n));
        // Inside a field dateline reads: an error.
        let deep_body = format!("{{\"body\": {}}}", nest(100_000));
        assert!(read_all(read_ndjson, &deep_body)[0].is_err());
        // Inside a field dateline skips: skipped without recursion.
        let deep_extra = format!("{{\"body\": \"x\", \"extra\": {}}}", nest(100_000));
        assert!(read_all(read_ndjson, &deep_extra)[0].is_ok());
    }

    #[test]
    fn records_on_one_line_each_keep_their_own_id() {
        // a minified array: every record starts on line 1
        let out = read_all(
            read_json,
            r#"[{"body": "one"}, {"body": "two"}, {"body": "three"}]"#,
        );
        let ids: Vec<_> = out
            .iter()
            .map(|o| o.as_ref().unwrap().article.id.clone())
            .collect();
        assert_eq!(ids, ["mem.json:1", "mem.json:1#2", "mem.json:1#3"]);
        // a pretty-printed array keeps the ids it always had
        let out = read_all(read_json, "[\n{\"body\": \"one\"},\n{\"body\": \"two\"}\n]");
        assert_eq!(out[1].as_ref().unwrap().article.id, "mem.json:3");
    }

    fn bodies(out: &[Outcome]) -> Vec<String> {
        out.iter()
            .map(|o| match o {
                Ok(r) => r.article.body.clone(),
                Err(p) => format!("error: {p}"),
            })
            .collect()
    }

    #[test]
    fn api_responses_give_the_articles_they_hold() {
        // NewsAPI: the envelope's own keys are not an article
        let newsapi = r#"{"status": "ok", "totalResults": 2, "articles": [
            {"source": {"name": "Herald"}, "title": "A", "content": "First."},
            {"source": {"name": "Post"}, "title": "B", "content": "Second."}]}"#;
        let out = read_all(read_json, newsapi);
        assert_eq!(bodies(&out), ["First.", "Second."]);
        assert_eq!(out[1].as_ref().unwrap().article.source, "Post");
        assert_eq!(out[1].as_ref().unwrap().article.id, "mem.json:3");
        // the New York Times API: response.docs; Elasticsearch: hits.hits[]._source
        let nyt = r#"{"status": "OK", "response": {"meta": {"hits": 1},
            "docs": [{"_id": "nyt://1", "headline": {"main": "H"}, "lead_paragraph": "Lead."}]}}"#;
        let es = r#"{"took": 3, "hits": {"total": {"value": 1},
            "hits": [{"_id": "e1", "_source": {"title": "T", "text": "Found."}}]}}"#;
        // the Guardian API: response.results[].fields; JSON Feed: items, its title the feed's
        let guardian = r#"{"response": {"status": "ok", "results": [{"id": "world/1",
            "webTitle": "W", "webPublicationDate": "2024-05-01T10:00:00Z",
            "fields": {"bodyText": "Body."}}]}}"#;
        let feed = r#"{"version": "1.1", "title": "My feed", "items": [
            {"id": "f1", "title": "I", "content_text": "Item."}]}"#;
        for (json, body, id) in [
            (nyt, "Lead.", "nyt://1"),
            (es, "Found.", "e1"),
            (guardian, "Body.", "world/1"),
            (feed, "Item.", "f1"),
        ] {
            let out = read_all(read_json, json);
            assert_eq!(bodies(&out), [body], "{json}");
            assert_eq!(out[0].as_ref().unwrap().article.id, id);
        }
        let guardian = read_all(read_json, guardian);
        let a = &guardian[0].as_ref().unwrap().article;
        assert_eq!(
            (a.title.as_str(), a.date.map(|d| d.to_rfc3339())),
            ("W", Some("2024-05-01T10:00:00+00:00".into()))
        );
    }

    #[test]
    fn an_api_response_saved_as_an_ndjson_line_gives_its_articles() {
        let data = "{\"body\": \"plain\"}\n{\"articles\": [{\"title\": \"A\", \"content\": \"x\"}, {\"title\": \"B\", \"content\": \"y\"}, {\"content\": true}]}\n";
        let out = read_all(read_ndjson, data);
        assert_eq!(bodies(&out)[..3], ["plain", "x", "y"]);
        let ids: Vec<_> = out[..3]
            .iter()
            .map(|o| o.as_ref().unwrap().article.id.clone())
            .collect();
        assert_eq!(ids, ["mem.json:1", "mem.json:2", "mem.json:2#2"]);
        // a bad article of the envelope is reported at the envelope's line
        let p = out[3].as_ref().unwrap_err();
        assert_eq!(p.at.line, Some(2));
        assert!(p.reason.contains("must be a string"), "{p}");
    }

    #[test]
    fn arrays_that_hold_no_articles_are_not_envelopes() {
        // an article's arrays of other things, before or after its text, are not read
        let related = r#"{"url": "u/a", "title": "Fares rise", "stories": [{"title": "Pier opens", "url": "u/b"}], "body": "The board raised fares."}"#;
        let data =
            r#"{"id": "a1", "data": [{"date": "2024-01", "value": 3.1}], "text": "Prices rose."}"#;
        // a title with an array of titled photos is one article, a gallery
        let gallery = r#"{"id": "g1", "title": "Storm damage", "items": [{"title": "Photo 1", "url": "p1.jpg"}]}"#;
        for (json, body) in [
            (related, "The board raised fares."),
            (data, "Prices rose."),
            (gallery, ""),
        ] {
            for reader in [read_json, read_ndjson] {
                let out = read_all(reader, json);
                assert_eq!(bodies(&out), [body], "{json}");
            }
        }
        // records of a kind dateline cannot read: one problem, naming that
        let out = read_all(
            read_ndjson,
            r#"{"results": [{"score": 1}, {"score": 2}], "id": "q"}"#,
        );
        assert_eq!(out.len(), 1);
        let reason = &out[0].as_ref().unwrap_err().reason;
        assert!(reason.contains("none of the 2 records"), "{reason}");
        // an empty page of results is no article and no error
        for empty in [
            r#"{"status": "ok", "totalResults": 0, "articles": []}"#,
            r#"{"response": {"total": 0, "results": []}}"#,
        ] {
            assert!(read_all(read_json, empty).is_empty(), "{empty}");
        }
        // envelopes nested without end are an error, never a crash
        let deep = format!("{}{}", "{\"data\": ".repeat(100_000), "}".repeat(100_000));
        assert!(read_all(read_ndjson, &deep)[0].is_err());
        assert!(read_all(read_json, &deep)[0].is_err());
    }

    #[test]
    fn a_feed_with_a_description_gives_its_items() {
        // JSON Feed's top level has a title and a description (a summary): its items are the articles
        let feed = r#"{"version": "1.1", "title": "Harbour Herald", "description": "News of the harbour.",
            "items": [{"id": "i1", "title": "A", "content_text": "One."}, {"id": "i2", "title": "B", "content_text": "Two."}]}"#;
        assert_eq!(bodies(&read_all(read_json, feed)), ["One.", "Two."]);
    }

    #[test]
    fn a_large_envelope_streams_its_records() {
        // past MAX_RECORD_BYTES of records, they are handed on as read, not held
        let item = format!(r#"{{"title": "T", "body": "{}"}}"#, "x".repeat(1000));
        let n = MAX_RECORD_BYTES / 1000 + 100;
        let json = format!(r#"{{"articles": [{}]}}"#, vec![item; n].join(",\n"));
        let out = read_all(read_json, &json);
        assert_eq!(out.len(), n);
        assert!(out.iter().all(Result::is_ok));
        let last = out.last().unwrap().as_ref().unwrap();
        assert_eq!(last.article.id, format!("mem.json:{n}"));
    }

    #[test]
    fn a_value_that_is_not_an_object_takes_no_place_on_its_line() {
        // ids of records in pretty-printed files stay what they were
        let out = read_all(
            read_json,
            "[\n{\"body\": \"a\"},\n null, {\"body\": \"b\"}\n]",
        );
        assert!(out[1].is_err());
        assert_eq!(out[2].as_ref().unwrap().article.id, "mem.json:3");
    }

    #[test]
    fn an_article_with_a_summary_and_related_stories_is_one_article() {
        // the related story must not become an article (it could replace a real one)
        let json = r#"{"url": "u/fares", "title": "Fares rise", "summary": "Fares rose.",
            "stories": [{"url": "u/pier", "title": "Pier opens", "summary": "Related."}]}"#;
        let out = read_all(read_json, json);
        assert_eq!(bodies(&out), ["Fares rose."]);
        assert_eq!(out[0].as_ref().unwrap().article.id, "u/fares");
        // a summary beside a key that holds no records (an object, an empty array)
        let data = "{\"url\": \"u/x1\", \"description\": \"Budget passed.\", \"data\": {\"views\": 12}}\n\
                    {\"url\": \"u/x2\", \"abstract\": \"Strike ends.\", \"items\": []}\n\
                    {\"id\": \"x9\", \"data\": {\"views\": 3}}\n";
        let out = read_all(read_ndjson, data);
        assert_eq!(bodies(&out)[..2], ["Budget passed.", "Strike ends."]);
        assert!(
            out[2]
                .as_ref()
                .unwrap_err()
                .reason
                .contains("no title and no text")
        );
    }

    #[test]
    fn an_articles_own_arrays_take_no_part_in_the_ids_of_others() {
        let ids = |json: &str| -> Vec<String> {
            read_all(read_json, json)
                .into_iter()
                .map(|o| o.unwrap().article.id)
                .collect()
        };
        let before =
            ids(r#"[{"body": "A.", "data": [{"title": "x", "body": "y"}]}, {"body": "B."}]"#);
        let after = ids(
            r#"[{"body": "A.", "data": [{"title": "x", "body": "y"}, {"title": "z", "body": "w"}]}, {"body": "B."}]"#,
        );
        assert_eq!(before, ["mem.json:1", "mem.json:1#2"]);
        assert_eq!(after, before);
    }

    #[test]
    fn pages_of_an_export_give_the_articles_of_every_page() {
        let json = r#"{"data": [{"page": 1, "articles": [{"title": "A", "content": "One."}, {"title": "B", "content": "Two."}]},
                                {"page": 2, "articles": [{"title": "C", "content": "Three."}]}]}"#;
        assert_eq!(
            bodies(&read_all(read_json, json)),
            ["One.", "Two.", "Three."]
        );
    }
}
