//! `Article`: one input record (a news story), as every reader produces it.
//!
//! An article is what the archive holds: a body of text and its metadata. It is
//! split into [`Passage`](crate::passage::Passage)s for indexing; the article id
//! ties them together and makes re-ingesting an article replace it (upsert).

use chrono::{DateTime, Utc};

/// One news story read from the archive.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    /// Identity: the record's id, else its URL, else where it was read from
    /// (`path`, plus `:line` for NDJSON). Ingesting the same id again replaces it.
    pub id: String,
    pub title: String,
    /// The text, exactly as given (passage offsets are byte offsets into it).
    pub body: String,
    /// Publication instant (UTC); `None` when the record gives no date.
    pub date: Option<DateTime<Utc>>,
    /// Publisher or outlet ("Reuters", "bbc.co.uk").
    pub source: String,
    /// The place of the dateline ("BAKU, Azerbaijan"), given or found in the text.
    pub dateline: String,
    pub url: String,
    pub authors: Vec<String>,
    /// People named as speakers in the record's metadata.
    pub speakers: Vec<String>,
    /// Where the article was read from, for display (`sample/wire/a.txt`).
    pub path: String,
}

impl Article {
    /// True when there is nothing to index: no title and no body text.
    pub fn is_empty(&self) -> bool {
        self.title.trim().is_empty() && self.body.trim().is_empty()
    }
}
