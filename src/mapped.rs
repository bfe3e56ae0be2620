//! Index files read from their tail, and mapped only when something reads their body.
//!
//! Opening a segment reads the footer at the end of each of its six files (tantivy's
//! version check, then the per-field table of contents); a search then reads the body of
//! only the few it needs (a word that is nowhere needs no postings, positions or stored
//! passages). Mapping every file at open cost each one a mapping, a page fault on its last
//! page and a page table of its own, on every segment: most of the start-up of a
//! many-segment index. A [`TailMapped`] file reads its last [`TAIL`] bytes with one `pread`
//! at open, serves the footers from them, and maps the whole file the first time a read
//! reaches before them, for the rest of the process. A file waiting to be mapped keeps
//! its descriptor open; past [`MAX_HELD`] such files (a platform may allow a process as
//! few as 256 descriptors) a file is mapped at open instead, as tantivy's directory does.

use std::fs::File;
use std::io;
use std::ops::{Deref, Range};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use tantivy::HasLen;
use tantivy::directory::{FileHandle, OwnedBytes};

/// How many bytes at the end of a file are read at open: every footer of a
/// segment's files (tantivy's and the per-field table before it; under 200 bytes in
/// this schema) fits several times over.
pub const TAIL: usize = 1024;

/// How many files may wait to be mapped, each holding a descriptor open.
pub const MAX_HELD: usize = 128;

/// The descriptors this process's waiting files hold.
static DESCRIPTORS: Descriptors = Descriptors::new(MAX_HELD);

/// A budget of open descriptors: files that wait to be mapped take a place and
/// give it back when dropped.
pub struct Descriptors {
    held: AtomicUsize,
    max: usize,
}

impl Descriptors {
    /// A budget of `max` places.
    pub const fn new(max: usize) -> Descriptors {
        Descriptors {
            held: AtomicUsize::new(0),
            max,
        }
    }

    /// Takes a place, if one is free.
    fn hold(&self) -> bool {
        self.held
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |held| {
                (held < self.max).then_some(held + 1)
            })
            .is_ok()
    }

    fn release(&self) {
        self.held.fetch_sub(1, Ordering::AcqRel);
    }
}

/// One read-only index file: its tail in memory, its body mapped on demand.
pub struct TailMapped {
    /// The open file while its body may still need mapping: `None` when the tail
    /// is the whole file or the body was mapped at open.
    file: Option<File>,
    /// The budget the open `file` holds a place in.
    descriptors: &'static Descriptors,
    len: usize,
    /// Where the tail starts in the file.
    tail_start: usize,
    tail: OwnedBytes,
    body: OnceLock<Result<OwnedBytes, String>>,
}

impl TailMapped {
    /// Opens `path` and reads its tail.
    pub fn open(path: &Path) -> io::Result<TailMapped> {
        TailMapped::open_in(path, &DESCRIPTORS)
    }

    /// Opens `path` and reads its tail; keeps the file open for a later mapping
    /// if `descriptors` has a place for it, else maps it now.
    pub fn open_in(path: &Path, descriptors: &'static Descriptors) -> io::Result<TailMapped> {
        let file = File::open(path)?;
        let len = usize::try_from(file.metadata()?.len()).map_err(io::Error::other)?;
        let tail_start = len.saturating_sub(TAIL);
        let mut tail = vec![0u8; len - tail_start];
        read_at(&file, &mut tail, tail_start as u64)?;
        let (file, body) = if tail_start == 0 {
            (None, OnceLock::new()) // the tail is the whole file
        } else if descriptors.hold() {
            (Some(file), OnceLock::new())
        } else {
            (None, OnceLock::from(Ok(map(&file, len)?)))
        };
        Ok(TailMapped {
            file,
            descriptors,
            len,
            tail_start,
            tail: OwnedBytes::new(tail),
            body,
        })
    }

    /// The whole file, mapped at the first call.
    fn body(&self) -> io::Result<&OwnedBytes> {
        self.body
            .get_or_init(|| match &self.file {
                Some(file) => map(file, self.len).map_err(|e| e.to_string()),
                None => Err("the file was closed before it was mapped".to_string()),
            })
            .as_ref()
            .map_err(|e| io::Error::other(e.clone()))
    }
}

impl Drop for TailMapped {
    fn drop(&mut self) {
        if self.file.is_some() {
            self.descriptors.release();
        }
    }
}

/// Maps the first `len` bytes of `file`, its whole length as measured at open
/// (which spares the mapping a second `stat`).
fn map(file: &File, len: usize) -> io::Result<OwnedBytes> {
    // SAFETY: index files are written once and never changed in place (a segment's
    // files are replaced by new files, never rewritten), which is what tantivy's own
    // memory-mapped directory relies on as well.
    let map = unsafe { memmap2::MmapOptions::new().len(len).map(file) }?;
    Ok(OwnedBytes::new(Mapping(Arc::new(map))))
}

impl std::fmt::Debug for TailMapped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TailMapped")
            .field("len", &self.len)
            .field("mapped", &self.body.get().is_some())
            .finish()
    }
}

impl HasLen for TailMapped {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for TailMapped {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        if range.start >= self.tail_start && range.end <= self.len {
            return Ok(self
                .tail
                .slice(range.start - self.tail_start..range.end - self.tail_start));
        }
        if range.start == range.end {
            return Ok(OwnedBytes::empty());
        }
        Ok(self.body()?.slice(range))
    }
}

/// Fills `buf` from `file` at `offset`: one `pread` where there is one.
#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(not(unix))]
fn read_at(mut file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    file.seek(SeekFrom::Start(offset))?;
    file.read_exact(buf)
}

/// A mapped file, shared by the bytes sliced from it.
struct Mapping(Arc<memmap2::Mmap>);

impl Deref for Mapping {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

// SAFETY: the bytes live in the mapping, which the `Arc` keeps at one address
// however the `Mapping` itself moves.
unsafe impl stable_deref_trait::StableDeref for Mapping {}

#[cfg(test)]
mod tests {
    use super::*;

    /// A budget no other test shares, so that none takes its places.
    fn own_budget(max: usize) -> &'static Descriptors {
        Box::leak(Box::new(Descriptors::new(max)))
    }

    fn file_of(bytes: &[u8]) -> (tempfile::TempDir, TailMapped) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, bytes).unwrap();
        let file = TailMapped::open_in(&path, own_budget(1)).unwrap();
        (dir, file)
    }

    #[test]
    fn past_the_budget_files_are_mapped_at_open_and_a_drop_frees_a_place() {
        let bytes: Vec<u8> = (0..2 * TAIL).map(|i| (i % 13) as u8).collect();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, &bytes).unwrap();
        let budget = own_budget(2);
        let open = || TailMapped::open_in(&path, budget).unwrap();
        let (first, second, third) = (open(), open(), open());
        assert!(first.file.is_some() && second.file.is_some());
        assert!(third.file.is_none() && third.body.get().is_some());
        for file in [&first, &second, &third] {
            assert_eq!(
                file.read_bytes(5..2 * TAIL).unwrap().as_slice(),
                &bytes[5..]
            );
        }
        drop(second);
        let again = open();
        assert!(
            again.file.is_some(),
            "the dropped file's place is taken again"
        );
        drop(third); // it held no place, so it gives none back
        assert!(open().file.is_none(), "first and again hold both places");
        drop(first);
        assert!(open().file.is_some());
    }

    #[test]
    fn reads_from_the_tail_without_mapping_the_file() {
        let bytes: Vec<u8> = (0..3 * TAIL).map(|i| (i % 251) as u8).collect();
        let (_dir, file) = file_of(&bytes);
        let end = bytes.len();
        let got = file.read_bytes(end - 100..end - 4).unwrap();
        assert_eq!(got.as_slice(), &bytes[end - 100..end - 4]);
        assert!(file.body.get().is_none(), "a tail read maps nothing");
    }

    #[test]
    fn reads_before_the_tail_or_across_it_map_the_file() {
        let bytes: Vec<u8> = (0..3 * TAIL).map(|i| (i % 253) as u8).collect();
        let (_dir, file) = file_of(&bytes);
        let across = 2 * TAIL - 10..2 * TAIL + 10;
        assert_eq!(
            file.read_bytes(across.clone()).unwrap().as_slice(),
            &bytes[across]
        );
        assert!(file.body.get().is_some());
        assert_eq!(file.read_bytes(0..5).unwrap().as_slice(), &bytes[0..5]);
        assert_eq!(
            file.read_bytes(0..bytes.len()).unwrap().as_slice(),
            &bytes[..]
        );
    }

    #[test]
    fn a_file_shorter_than_the_tail_is_all_tail_and_an_empty_one_reads_empty() {
        let (_dir, file) = file_of(b"footer");
        assert_eq!(file.len(), 6);
        assert_eq!(file.read_bytes(2..6).unwrap().as_slice(), b"oter");
        assert!(
            file.body.get().is_none() && file.file.is_none(),
            "nothing to map"
        );
        let (_dir, empty) = file_of(b"");
        assert_eq!(empty.len(), 0);
        assert!(empty.read_bytes(0..0).unwrap().is_empty());
    }

    #[test]
    fn bytes_outlive_the_handle() {
        let bytes: Vec<u8> = (0..2 * TAIL).map(|i| (i % 7) as u8).collect();
        let (_dir, file) = file_of(&bytes);
        let body = file.read_bytes(10..20).unwrap();
        let tail = file.read_bytes(2 * TAIL - 3..2 * TAIL).unwrap();
        drop(file);
        assert_eq!(body.as_slice(), &bytes[10..20]);
        assert_eq!(tail.as_slice(), &bytes[2 * TAIL - 3..]);
    }
}
