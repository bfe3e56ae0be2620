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

    #[error("{0}")]
    Range(String),

    #[error("{context}: {reason}")]
    Io { context: String, reason: String },

    #[error("index error: {}", describe(.0))]
    Index(tantivy::TantivyError),
}

// by hand rather than `#[from]`: tantivy's message is rewritten above, and a
// source would print it again, in its debug form
impl From<tantivy::TantivyError> for Error {
    fn from(err: tantivy::TantivyError) -> Error {
        Error::Index(err)
    }
}

/// What to do about an index that cannot be read.
const DAMAGED: &str = "the index is damaged: remove it and ingest again";

/// tantivy's error in one plain line: what failed, on which file, and what to do (its own
/// messages hold Rust debug dumps).
fn describe(err: &tantivy::TantivyError) -> String {
    use tantivy::TantivyError as T;
    use tantivy::directory::error::{OpenReadError, OpenWriteError};
    let reason = |e: &std::io::Error| {
        if e.kind() == std::io::ErrorKind::InvalidData {
            format!("the file is corrupt: {DAMAGED}")
        } else {
            crate::read::io_reason(e)
        }
    };
    match err {
        T::OpenReadError(OpenReadError::FileDoesNotExist(path)) => {
            format!("{} is missing: {DAMAGED}", path.display())
        }
        T::OpenReadError(OpenReadError::IoError { io_error, filepath }) => {
            format!("cannot read {}: {}", filepath.display(), reason(io_error))
        }
        T::OpenWriteError(OpenWriteError::IoError { io_error, filepath }) => {
            format!("cannot write {}: {}", filepath.display(), reason(io_error))
        }
        T::IoError(e) => reason(e),
        // its fields are private; its Debug reads "Data corruption (in file `"…"`): …"
        T::DataCorruption(d) => {
            let debug = format!("{d:?}");
            match debug
                .split_once("(in file `\"")
                .and_then(|(_, rest)| rest.split_once("\"`)"))
            {
                Some((file, _)) => format!("{file} is corrupt: {DAMAGED}"),
                None => format!("a file of it is corrupt: {DAMAGED}"),
            }
        }
        T::ErrorInThread(_) => "an indexing thread failed (a full disk, most often): check the \
             free space and permissions of the index folder and ingest again (nothing \
             uncommitted was kept)"
            .to_string(),
        other => one_line(&other.to_string()),
    }
}

/// `text` on one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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

    #[test]
    fn a_damaged_index_is_described_in_one_plain_line() {
        use tantivy::directory::error::OpenReadError;
        let missing = tantivy::TantivyError::OpenReadError(OpenReadError::FileDoesNotExist(
            "/data/index/abc.store".into(),
        ));
        assert_eq!(
            Error::from(missing).to_string(),
            "index error: /data/index/abc.store is missing: the index is damaged: remove it \
             and ingest again"
        );
        let bad = std::io::Error::new(std::io::ErrorKind::InvalidData, "Footer magic mismatch");
        let bad = tantivy::TantivyError::OpenReadError(OpenReadError::wrap_io_error(
            bad,
            "/data/index/abc.idx".into(),
        ));
        let text = Error::from(bad).to_string();
        assert!(!text.contains("IoError") && !text.contains('{'), "{text}");
        assert!(
            text.contains("abc.idx: the file is corrupt: the index is damaged"),
            "{text}"
        );
    }
}
