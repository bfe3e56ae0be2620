//! The library's errors: each variant carries what the user needs to act on it
//! (the index path, the query position), and reads as one line.

use std::path::{Path, PathBuf};

use crate::query::QueryError;

/// Everything that can go wrong in the library, apart from bad input records
/// (those are [`Problem`](crate::read::Problem)s, reported and skipped).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "no index at {path}: run `dateline ingest PATH...` first, or point --index / DATELINE_INDEX at one"
    )]
    NoIndex { path: PathBuf },

    #[error(
        "{path} is not a dateline index (no readable dateline.json): choose another --index directory"
    )]
    NotOurs { path: PathBuf },

    #[error(
        "{path} holds other files and no dateline index: choose an empty or new --index directory"
    )]
    NotEmpty { path: PathBuf },

    #[error(
        "the index at {path} was built with schema version {found}; this dateline reads version {expected}: re-ingest needed (remove {path} and run `dateline ingest` again)"
    )]
    SchemaVersion {
        path: PathBuf,
        found: u32,
        expected: u32,
    },

    #[error(
        "the index at {path} was built by an incompatible build of dateline (its fields differ): re-ingest needed (remove {path} and run `dateline ingest` again)"
    )]
    Incompatible { path: PathBuf },

    #[error(
        "index is locked by another process: {path}/.tantivy-writer.lock is held (is another `dateline ingest` running?); wait for it to finish"
    )]
    Locked { path: PathBuf },

    #[error(
        "no space left on the device holding {path}: free some space and run the ingest again (the index is as of its last commit)"
    )]
    DiskFull { path: PathBuf },

    #[error(
        "cannot write to {path} ({reason}): ingest into a writable --index directory (searching this one still works)"
    )]
    NotWritable { path: PathBuf, reason: String },

    #[error(transparent)]
    Query(#[from] QueryError),

    #[error(transparent)]
    TooBroad(#[from] crate::query::prefix::TooBroad),

    #[error("{0}")]
    Range(String),

    #[error("{context}: {reason}")]
    Io { context: String, reason: String },

    #[error("index error")]
    Index(#[from] tantivy::TantivyError),
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An I/O error with what was being done, as one readable phrase.
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Error {
        Error::Io {
            context: context.into(),
            reason: crate::read::io_reason(&source),
        }
    }

    /// Turns tantivy's storage failures on the index at `path` into errors
    /// that say what happened and what to do.
    pub fn storage(err: tantivy::TantivyError, path: &Path) -> Error {
        let text = err.to_string();
        let path = path.to_path_buf();
        if text.contains("os error 28") || text.contains("No space left") {
            Error::DiskFull { path }
        } else if text.contains("os error 30") || text.contains("Read-only file system") {
            Error::NotWritable {
                path,
                reason: "read-only file system".to_string(),
            }
        } else if text.contains("os error 13") || text.contains("Permission denied") {
            Error::NotWritable {
                path,
                reason: "permission denied".to_string(),
            }
        } else {
            Error::Index(err)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_failures_say_what_to_do() {
        let full = tantivy::TantivyError::InternalError(
            "'No space left on device (os error 28)'".to_string(),
        );
        let err = Error::storage(full, Path::new("/data/index"));
        assert!(
            err.to_string()
                .starts_with("no space left on the device holding /data/index")
        );
        let ro = tantivy::TantivyError::InternalError("Read-only file system (os error 30)".into());
        assert!(matches!(
            Error::storage(ro, Path::new("x")),
            Error::NotWritable { .. }
        ));
        let other = tantivy::TantivyError::InternalError("something else".into());
        assert!(matches!(
            Error::storage(other, Path::new("x")),
            Error::Index(_)
        ));
    }
}
