//! An article prepared for the index: its passages, each with the speakers
//! quoted or reported in it and its fingerprint, and the article's own
//! fingerprints. Ingest and `analyze` both read articles through [`prepare`],
//! so what `analyze` shows is what the index holds.

use crate::article::Article;
use crate::fingerprint::{self, MinHash, Words};
use crate::passage::{self, Passage};

/// One passage, ready to become a document.
#[derive(Debug, Clone)]
pub struct PreparedPassage {
    pub passage: Passage,
    /// Full names of the people quoted or reported in the passage.
    pub speakers: Vec<String>,
    /// SimHash of the passage text (`None` for very short passages).
    pub simhash: Option<u64>,
}

/// An article ready for the index.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub passages: Vec<PreparedPassage>,
    /// Exact-copy fingerprint of the body (`None` for very short bodies).
    pub content_hash: Option<u64>,
    /// Near-copy fingerprint of the body (`None` for very short bodies).
    pub minhash: Option<MinHash>,
}

/// Splits an article into passages and computes what each needs.
pub fn prepare(article: &Article) -> Prepared {
    // The body's words are hashed once, for all three fingerprints.
    let words = Words::of(&article.body);
    let passages = passage::split(&article.body)
        .into_iter()
        .map(|passage| PreparedPassage {
            simhash: fingerprint::simhash_of(words.within(passage.range.clone())),
            speakers: article.speakers.clone(),
            passage,
        })
        .collect();
    Prepared {
        passages,
        content_hash: fingerprint::content_hash_of(words.all()),
        minhash: MinHash::of_words(words.all()),
    }
}
