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
//! fast fields are read (see [`crate::columns`]).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use chrono::{DateTime, Utc};
use tantivy::DocAddress;

use crate::columns::FastFields;
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

/// Folds copies into the best-ranked article or passage of each set.
/// `threshold` is the Jaccard similarity from which articles are copies.
///
/// Only the first `wanted` distinct articles can be shown: once that many are
/// kept, the groups below them are only looked at for being copies of a kept
/// article or passage (so that it lists them), which keeps the work linear in
/// the number of groups rather than quadratic.
///
/// With `by_score` (results ranked by relevance), an article whose best
/// passage was folded into another story's ranks by the best passage it has
/// left: it goes back into the queue at that score, so that the ranking, and
/// what the first results are, does not depend on how many are asked for.
pub(crate) fn collapse(
    fast: &mut FastFields<'_>,
    groups: Vec<Group>,
    threshold: f64,
    wanted: usize,
    by_score: bool,
) -> Vec<Group> {
    let mut kept: Vec<Kept> = Vec::new();
    // The SimHash of every passage kept so far, with where it is shown.
    let mut shown: Vec<(u64, usize, DocAddress)> = Vec::new();
    // groups in the order they are decided: by score (ties in the order
    // given), or as given
    let count = groups.len();
    let mut slots: Vec<Option<Group>> = Vec::with_capacity(count);
    let mut queue: BinaryHeap<(u32, Reverse<usize>)> = BinaryHeap::with_capacity(count);
    for (i, group) in groups.into_iter().enumerate() {
        let key = if by_score {
            score_key(group.score)
        } else {
            u32::try_from(count - i).unwrap_or(u32::MAX)
        };
        queue.push((key, Reverse(i)));
        slots.push(Some(group));
    }
    while let Some((_, Reverse(i))) = queue.pop() {
        let Some(mut group) = slots[i].take() else {
            continue;
        };
        let lead = fast.lead(group.key_doc);
        let content = lead.and_then(|lead| fast.content_hash(lead));
        // An exact copy needs no MinHash: most copies in an archive of
        // reprints are exact, and the MinHash column (64 bytes an article)
        // is what a search would otherwise read all over.
        let exact = content.and_then(|c| kept.iter().position(|k| k.content == Some(c)));
        let (copy_of, minhash) = match exact {
            Some(at) => (Some(at), None),
            None => {
                let minhash = lead.and_then(|lead| fast.minhash(lead));
                let near = kept.iter().position(|k| {
                    matches!((&k.minhash, &minhash), (Some(a), Some(b)) if a.similarity(b) >= threshold)
                });
                (near, minhash)
            }
        };
        if let Some(at) = copy_of {
            kept[at].group.copies.push(group.key_doc);
            continue;
        }
        // Passages that repeat a passage already shown are folded into it; an
        // article with nothing of its own left to show is not shown at all.
        let mut remaining = Vec::with_capacity(group.docs.len());
        let mut hashes = Vec::with_capacity(group.docs.len());
        for (score, doc) in std::mem::take(&mut group.docs) {
            let hash = fast.simhash(doc);
            let home = hash.and_then(|h| {
                shown
                    .iter()
                    .find(|(other, _, _)| same_passage(*other, h))
                    .map(|&(_, i, at)| (i, at))
            });
            match home {
                Some((i, at)) => kept[i]
                    .group
                    .passage_copies
                    .entry(at)
                    .or_default()
                    .push(doc),
                None => {
                    remaining.push((score, doc));
                    hashes.extend(hash.map(|h| (h, doc)));
                }
            }
        }
        if remaining.is_empty() || kept.len() >= wanted {
            continue;
        }
        if by_score && remaining[0].0 < group.score {
            // its best passage is shown elsewhere: it ranks by what is left
            group.score = remaining[0].0;
            group.key_doc = remaining[0].1;
            group.docs = remaining;
            queue.push((score_key(group.score), Reverse(i)));
            slots[i] = Some(group);
            continue;
        }
        let index = kept.len();
        shown.extend(hashes.into_iter().map(|(h, doc)| (h, index, doc)));
        group.docs = remaining;
        kept.push(Kept {
            group,
            content,
            minhash,
        });
    }
    kept.into_iter().map(|k| k.group).collect()
}

/// A queue key that orders non-negative scores as the scores do (the bits of
/// a non-negative float ascend with its value).
fn score_key(score: f32) -> u32 {
    if score.is_nan() {
        0
    } else {
        score.max(0.0).to_bits()
    }
}

/// A group kept as a result, with its article's fingerprints.
struct Kept {
    group: Group,
    content: Option<u64>,
    minhash: Option<MinHash>,
}
