//! Facets: the most frequent values of a field (source, speaker, dateline,
//! author) among the passages that match a search, with passage and article
//! counts. `dateline speakers` is the speaker case of this.
//!
//! Counting reads fast fields only. Article counts rely on an invariant of
//! the index (see [`crate::index`]): an article's passages are consecutive
//! documents of one segment, so a passage's article starts at its lead
//! ([`crate::columns::Leads`]) and a new article starts wherever that changes
//! between matching documents:
//! no set of seen articles is needed.
//!
//! With `--quoted` (or `quote:`), a speaker counts for a passage only when
//! the query's quoted words are in their own quotes, as for `search
//! --quoted --speaker` ([`Whose`]): a passage quoting two people matches if
//! either said the words, but credits only the one who did.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentReader};

use crate::analysis;
use crate::columns::Leads;
use crate::error::Result;
use crate::query::whose::{SegmentWhose, Whose};
use crate::search::{Counts, SearchRequest, Searching, Tally};

/// The fields facets can count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacetField {
    Source,
    Speaker,
    Dateline,
    Author,
}

impl FacetField {
    /// Names accepted on the command line, for error messages.
    pub const NAMES: &'static str = "source, speaker, dateline, author";

    pub fn parse(name: &str) -> Option<FacetField> {
        Some(match name {
            "source" => FacetField::Source,
            "speaker" | "speakers" => FacetField::Speaker,
            "dateline" | "place" => FacetField::Dateline,
            "author" | "authors" => FacetField::Author,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            FacetField::Source => "source",
            FacetField::Speaker => "speaker",
            FacetField::Dateline => "dateline",
            FacetField::Author => "author",
        }
    }

    /// Whether the value belongs to the article, and so is held by its first
    /// passage only (see `schema::Fields`); a speaker belongs to a passage.
    fn of_article(self) -> bool {
        !matches!(self, FacetField::Speaker)
    }

    /// The fast field holding the exact values.
    fn column(self) -> &'static str {
        match self {
            FacetField::Source => "source_raw",
            FacetField::Speaker => "speaker_raw",
            FacetField::Dateline => "dateline_raw",
            FacetField::Author => "author_raw",
        }
    }
}

/// One value of a facet.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FacetRow {
    pub value: String,
    /// Matching passages carrying the value.
    pub passages: u64,
    /// Articles with at least one such passage.
    pub articles: u64,
    /// `articles` over all matching articles.
    pub share: f64,
}

/// The top values of a facet, and the totals they are shares of.
#[derive(Debug, Clone, Default)]
pub struct Facets {
    pub rows: Vec<FacetRow>,
    /// Distinct values among the matches (rows holds the top ones).
    pub values: usize,
    pub total: Counts,
}

/// Counts the values of `field` among the passages matching `request`
/// (every passage when its query is empty) and keeps the `top` most frequent.
pub fn facets(
    searching: &Searching,
    request: &SearchRequest,
    field: FacetField,
    top: usize,
) -> Result<Facets> {
    Ok(count(searching, request, field)?.top(top))
}

/// Every value of a facet among the matching passages, with its counts: what
/// the shards of an archive add up before the top values are kept.
#[derive(Debug, Clone, Default)]
pub struct FacetCounts {
    pub by_value: HashMap<String, Counts>,
    pub total: Counts,
}

impl FacetCounts {
    /// Adds the counts of another shard (its articles are not this one's).
    pub fn add(&mut self, other: FacetCounts) {
        for (value, counts) in other.by_value {
            *self.by_value.entry(value).or_default() += counts;
        }
        self.total += other.total;
    }

    /// The `top` most frequent values, most articles first; spellings of
    /// one value are one row (see `merge_spellings`).
    pub fn top(self, top: usize) -> Facets {
        let FacetCounts { by_value, total } = self;
        let by_value = merge_spellings(by_value);
        let values = by_value.len();
        let mut rows: Vec<FacetRow> = by_value
            .into_iter()
            .map(|(value, counts)| FacetRow {
                value,
                passages: counts.passages,
                articles: counts.articles,
                share: if total.articles == 0 {
                    0.0
                } else {
                    counts.articles as f64 / total.articles as f64
                },
            })
            .collect();
        rows.sort_by(|a, b| {
            (b.articles, b.passages)
                .cmp(&(a.articles, a.passages))
                .then_with(|| a.value.cmp(&b.value))
        });
        rows.truncate(top);
        Facets {
            rows,
            values,
            total,
        }
    }
}

/// Values a search cannot tell apart (case, accents: "Zoë Marchetti" and "Zoe
/// Marchetti") as one, under the spelling of the most passages (the first in
/// byte order on a tie). Their counts add up exactly: no article holds two
/// spellings of one value (prepare gives a speaker one spelling an article, the
/// reader keeps one of an author's, and source and dateline are one each).
fn merge_spellings(by_value: HashMap<String, Counts>) -> Vec<(String, Counts)> {
    /// A value and the spellings merged into it.
    struct Group {
        shown: String,
        /// Passages of the spelling shown.
        own: u64,
        counts: Counts,
        /// The next group whose key has the same hash.
        next: Option<usize>,
    }
    // Keyed by the hash of the key, checked against the key on a hit: a table
    // of every speaker keys thousands of names, and most have no other spelling.
    let mut groups: Vec<Group> = Vec::with_capacity(by_value.len());
    let mut heads: HashMap<u64, usize> = HashMap::with_capacity(by_value.len());
    let (mut key, mut other) = (String::new(), String::new());
    let key_of = |value: &str, key: &mut String| {
        analysis::fold_key_into(value, key);
        // a value of no words (punctuation) is only itself
        if key.is_empty() {
            key.push_str(value);
        }
    };
    for (value, counts) in by_value {
        key_of(&value, &mut key);
        let hash = {
            let mut h = std::hash::DefaultHasher::new();
            key.hash(&mut h);
            h.finish()
        };
        let mut at = heads.get(&hash).copied();
        while let Some(i) = at {
            key_of(&groups[i].shown, &mut other);
            if other == key {
                break;
            }
            at = groups[i].next;
        }
        match at {
            Some(i) => {
                let g = &mut groups[i];
                let more = counts.passages > g.own;
                if more || (counts.passages == g.own && value < g.shown) {
                    g.shown = value;
                    g.own = counts.passages;
                }
                g.counts += counts;
            }
            None => {
                let next = heads.insert(hash, groups.len());
                groups.push(Group {
                    shown: value,
                    own: counts.passages,
                    counts,
                    next,
                });
            }
        }
    }
    groups.into_iter().map(|g| (g.shown, g.counts)).collect()
}

/// The counts of every value of `field` among the passages matching `request`.
pub fn count(
    searching: &Searching,
    request: &SearchRequest,
    field: FacetField,
) -> Result<FacetCounts> {
    let (query, whose) = searching.query_and_whose(request)?;
    let collector = FacetCollector {
        column: field.column(),
        of_article: field.of_article(),
        whose: whose.filter(|_| field == FacetField::Speaker),
    };
    let (by_value, total) = searching.run(&*query, &collector)?;
    Ok(FacetCounts { by_value, total })
}

struct FacetCollector {
    column: &'static str,
    /// The values are read at each passage's lead.
    of_article: bool,
    /// Speakers: only those who said the quoted words.
    whose: Option<Whose>,
}

type FacetFruit = (HashMap<String, Counts>, Counts);

/// Per segment: tallies by term ordinal, and of all matches.
struct FacetSegment {
    values: Option<StrColumn>,
    of_article: bool,
    whose: Option<SegmentWhose>,
    leads: Leads,
    by_ord: Vec<Tally>,
    total: Tally,
}

impl Collector for FacetCollector {
    type Fruit = FacetFruit;
    type Child = FacetSegment;

    fn for_segment(&self, _: u32, reader: &SegmentReader) -> tantivy::Result<FacetSegment> {
        let fast = reader.fast_fields();
        let values = fast.str(self.column)?;
        let terms = values.as_ref().map_or(0, |v| v.num_terms());
        Ok(FacetSegment {
            values,
            of_article: self.of_article,
            whose: self.whose.as_ref().map(|w| w.segment(reader)).transpose()?,
            leads: Leads::of(reader),
            by_ord: vec![Tally::default(); terms],
            total: Tally::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<FacetFruit>) -> tantivy::Result<FacetFruit> {
        let mut by_value: HashMap<String, Counts> = HashMap::new();
        let mut total = Counts::default();
        for (values, t) in fruits {
            total += t;
            for (value, c) in values {
                *by_value.entry(value).or_default() += c;
            }
        }
        Ok((by_value, total))
    }
}

impl SegmentCollector for FacetSegment {
    type Fruit = FacetFruit;

    fn collect(&mut self, doc: DocId, _: Score) {
        let key = self.leads.lead(doc);
        self.total.add(key);
        let Some(values) = &self.values else { return };
        let holder = if self.of_article { key } else { Some(doc) };
        let Some(holder) = holder else { return };
        if let Some(whose) = &mut self.whose {
            whose.at(doc);
        }
        for ord in values.term_ords(holder) {
            if self.whose.as_ref().is_none_or(|w| w.said(ord)) {
                self.by_ord[ord as usize].add(key);
            }
        }
    }

    fn harvest(self) -> FacetFruit {
        let mut out = HashMap::new();
        if let Some(values) = &self.values {
            // Only the values seen, decoded in one ordered pass over the
            // dictionary (its blocks are compressed: one lookup per value
            // would decompress a block each time).
            let seen: Vec<u64> = (0..self.by_ord.len() as u64)
                .filter(|&ord| self.by_ord[ord as usize].counts.passages > 0)
                .collect();
            let mut next = seen.iter();
            let _ = values.dictionary().sorted_ords_to_term_cb(&seen, |bytes| {
                if let Some(&ord) = next.next() {
                    let name = String::from_utf8_lossy(bytes).into_owned();
                    out.insert(name, self.by_ord[ord as usize].counts);
                }
            });
        }
        (out, self.total.counts)
    }
}

#[cfg(test)]
mod tests {
    use super::{Counts, FacetCounts, FacetField};

    #[test]
    fn spellings_of_one_value_are_one_row_under_the_commonest() {
        let counts = |passages, articles| Counts { passages, articles };
        let by_value = [
            ("Zoe Marchetti", counts(1, 1)),
            ("Zoë Marchetti", counts(3, 2)),
            ("ZOE MARCHETTI", counts(1, 1)),
            ("Ann Lee", counts(2, 2)),
            ("—", counts(1, 1)),
            ("–", counts(1, 1)),
        ];
        let facets = FacetCounts {
            by_value: by_value.iter().map(|(v, c)| (v.to_string(), *c)).collect(),
            total: counts(9, 6),
        }
        .top(10);
        let rows: Vec<_> = facets
            .rows
            .iter()
            .map(|r| (r.value.as_str(), r.passages, r.articles))
            .collect();
        assert_eq!(
            rows,
            [
                ("Zoë Marchetti", 5, 4),
                ("Ann Lee", 2, 2),
                ("–", 1, 1),
                ("—", 1, 1)
            ]
        );
        assert_eq!(facets.values, 4);
        // a tie goes to the first spelling in byte order, whatever the map's order
        let tie = FacetCounts {
            by_value: [("b c", counts(1, 1)), ("B C", counts(1, 1))]
                .iter()
                .map(|(v, c)| (v.to_string(), *c))
                .collect(),
            total: counts(2, 2),
        };
        assert_eq!(tie.top(1).rows[0].value, "B C");
    }

    #[test]
    fn field_names_parse_with_their_plurals() {
        assert_eq!(FacetField::parse("speakers"), Some(FacetField::Speaker));
        assert_eq!(FacetField::parse("source"), Some(FacetField::Source));
        assert_eq!(FacetField::parse("topic"), None);
        for name in FacetField::NAMES.split(", ") {
            assert_eq!(FacetField::parse(name).map(|f| f.name()), Some(name));
        }
    }
}
