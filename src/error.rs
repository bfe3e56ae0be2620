//! The library's errors: each variant carries what the user needs to act on it
//! (the index path, the query position), and reads as one line.

use std::path::PathBuf;

use crate::query::QueryError;

/// Everything that can go wrong in the library, apart from bad input records
/// (those are [`Problem`](crate::read::Problem)s, reported and skipped).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "no index at {path}: run `dateline ingest PATH...` first, or point --index / DATELINE_INDEX at one"
    )]
    NoIndex { path: PathBuf },

    #[error("{path} is not a dateline index (no dateline.json): choose another --index directory")]
    NotOurs { path: PathBuf },

    #[error(
        "the index at {path} was built with schema version {found}; this dateline reads version {expected}: re-ingest needed (remove {path} and run `dateline ingest` again)"
    )]
    SchemaVersion {
        path: PathBuf,
        found: u32,
        expected: u32,
    },

    #[error(
        "index is locked by another process: {path}/.tantivy-writer.lock is held (is another `dateline ingest` running?); wait for it to finish"
    )]
    Locked { path: PathBuf },

    #[error("{0}")]
    Query(#[from] QueryError),

    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },

    #[error("index error: {0}")]
    Index(#[from] tantivy::TantivyError),
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An I/O error with what was being done.
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Error {
        Error::Io {
            context: context.into(),
            source,
        }
    }
}
