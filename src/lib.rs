//! dateline: a full-text search engine for news archives.
//!
//! The library holds the whole pipeline; the `dateline` binary only turns
//! command-line arguments into the requests defined here and prints results.
//!
//! ```text
//! ingest: paths -> read (formats) -> Article -> passage -> speakers
//!         -> schema documents -> index (writer, commit)
//! search: request -> query (parse, build) -> search (top passages)
//!         -> highlight -> render (human | JSON Lines | CSV)
//! around: facets, timeline, stats; shards (several indexes searched as one)
//! ```

pub mod analysis;
pub mod article;
pub mod collapse;
pub mod columns;
pub mod date;
pub mod error;
pub mod facets;
pub mod fingerprint;
pub mod highlight;
pub mod index;
pub mod ingest;
pub mod mapped;
pub mod passage;
pub mod place;
pub mod prepare;
pub mod query;
pub mod read;
pub mod render;
pub mod sanitize;
pub mod schema;
pub mod search;
pub mod shards;
pub mod speakers;
pub mod stats;
#[cfg(test)]
mod testing;
pub mod timeline;
pub mod top;

pub use error::{Error, Result};
