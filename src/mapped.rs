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
//! A mapping that fails is an error naming the file, and is tried again at the next read.

use std::fs::File;
use std::io;
use std::ops::{Deref, Range};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

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

/// A budget of open descriptors: a file waiting to be mapped takes a place and
/// gives it back once mapped or dropped.
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

    #[cfg(test)]
    fn held(&self) -> usize {
        self.held.load(Ordering::Acquire)
    }
}

/// One read-only index file: its tail in memory, its body mapped on demand.
pub struct TailMapped {
    path: PathBuf,
    len: usize,
    /// Where the tail starts in the file.
    tail_start: usize,
    tail: OwnedBytes,
    /// The whole file, once mapped.
    body: OnceLock<OwnedBytes>,
    /// The open file while the body is not mapped (`None` when the tail is the
    /// whole file); it holds a place in `descriptors` while open.
    file: Mutex<Option<File>>,
    descriptors: &'static Descriptors,
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
        let body = OnceLock::new();
        let file = if tail_start == 0 {
            None // the tail is the whole file
        } else if descriptors.hold() {
            Some(file)
        } else {
            let _ = body.set(map(&file, len).map_err(|e| named(path, e))?);
            None
        };
        Ok(TailMapped {
            path: path.to_path_buf(),
            len,
            tail_start,
            tail: OwnedBytes::new(tail),
            body,
            file: Mutex::new(file),
            descriptors,
        })
    }

    /// `range` of the body, from the mapping made at the first call.
    fn read_body(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        if let Some(body) = self.body.get() {
            return Ok(body.slice(range));
        }
        let mut file = self.file.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(body) = self.body.get() {
            return Ok(body.slice(range));
        }
        let Some(open) = file.as_ref() else {
            return Err(self.error(io::Error::other("the file was closed before it was read")));
        };
        let bytes = map(open, self.len).map_err(|e| self.error(e))?;
        let body = self.body.get_or_init(|| bytes);
        *file = None;
        self.descriptors.release();
        Ok(body.slice(range))
    }

    /// `e`, naming the file.
    fn error(&self, e: io::Error) -> io::Error {
        named(&self.path, e)
    }
}

/// `e`, naming `path`.
fn named(path: &Path, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

impl Drop for TailMapped {
    fn drop(&mut self) {
        let file = self.file.get_mut().unwrap_or_else(PoisonError::into_inner);
        if file.take().is_some() {
            self.descriptors.release();
        }
    }
}

/// Maps the first `len` bytes of `file`, its whole length as measured at open
/// (which spares the mapping a second `stat`).
fn map(file: &File, len: usize) -> io::Result<OwnedBytes> {
    #[cfg(test)]
    if tests::FAIL_MAP.with(std::cell::Cell::get) {
        return Err(io::Error::from(io::ErrorKind::OutOfMemory));
    }
    // SAFETY: index files are written once and never changed in place (a segment's
    // files are replaced by new files, never rewritten), which is what tantivy's own
    // memory-mapped directory relies on as well.
    let map = unsafe { memmap2::MmapOptions::new().len(len).map(file) }?;
    Ok(OwnedBytes::new(Mapping(Arc::new(map))))
}

impl std::fmt::Debug for TailMapped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TailMapped")
            .field("path", &self.path)
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
        if range.start > range.end || range.end > self.len {
            return Err(self.error(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("read of bytes {range:?} of a file of {} bytes", self.len),
            )));
        }
        if range.start >= self.tail_start {
            return Ok(self
                .tail
                .slice(range.start - self.tail_start..range.end - self.tail_start));
        }
        if range.is_empty() {
            return Ok(OwnedBytes::empty());
        }
        self.read_body(range)
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

    thread_local! {
        /// Makes [`map`] fail on this test's thread.
        pub(super) static FAIL_MAP: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }

    /// A budget no other test shares, so that none takes its places.
    fn own_budget(max: usize) -> &'static Descriptors {
        Box::leak(Box::new(Descriptors::new(max)))
    }

    fn write(bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, bytes).unwrap();
        (dir, path)
    }

    fn file_of(bytes: &[u8]) -> (tempfile::TempDir, TailMapped) {
        let (dir, path) = write(bytes);
        let file = TailMapped::open_in(&path, own_budget(1)).unwrap();
        (dir, file)
    }

    fn bytes(n: usize, modulo: usize) -> Vec<u8> {
        (0..n).map(|i| (i % modulo) as u8).collect()
    }

    impl TailMapped {
        fn is_open(&self) -> bool {
            self.file.lock().unwrap().is_some()
        }
        fn is_mapped(&self) -> bool {
            self.body.get().is_some()
        }
    }

    #[test]
    fn reads_from_the_tail_without_mapping_the_file() {
        let bytes = bytes(3 * TAIL, 251);
        let (_dir, file) = file_of(&bytes);
        let end = bytes.len();
        let got = file.read_bytes(end - 100..end - 4).unwrap();
        assert_eq!(got.as_slice(), &bytes[end - 100..end - 4]);
        assert!(!file.is_mapped(), "a tail read maps nothing");
        assert!(file.is_open());
    }

    #[test]
    fn reads_before_the_tail_or_across_it_map_the_file_and_close_it() {
        let bytes = bytes(3 * TAIL, 253);
        let (_dir, path) = write(&bytes);
        let budget = own_budget(1);
        let file = TailMapped::open_in(&path, budget).unwrap();
        assert_eq!(budget.held(), 1);
        let across = 2 * TAIL - 10..2 * TAIL + 10;
        assert_eq!(
            file.read_bytes(across.clone()).unwrap().as_slice(),
            &bytes[across]
        );
        assert!(file.is_mapped() && !file.is_open());
        assert_eq!(budget.held(), 0, "a mapped file gives its place back");
        assert_eq!(file.read_bytes(0..5).unwrap().as_slice(), &bytes[0..5]);
        assert_eq!(
            file.read_bytes(0..bytes.len()).unwrap().as_slice(),
            &bytes[..]
        );
        drop(file);
        assert_eq!(budget.held(), 0, "and gives none back twice");
    }

    #[test]
    fn a_file_shorter_than_the_tail_is_all_tail_and_an_empty_one_reads_empty() {
        let (_dir, file) = file_of(b"footer");
        assert_eq!(file.len(), 6);
        assert_eq!(file.read_bytes(2..6).unwrap().as_slice(), b"oter");
        assert!(!file.is_mapped() && !file.is_open(), "nothing to map");
        let (_dir, empty) = file_of(b"");
        assert_eq!(empty.len(), 0);
        assert!(empty.read_bytes(0..0).unwrap().is_empty());
    }

    #[test]
    fn a_read_out_of_the_file_is_an_error_that_names_it() {
        for n in [10, 3 * TAIL] {
            let (_dir, file) = file_of(&bytes(n, 5));
            for range in [n - 2..n + 1, n + 1..n + 2] {
                let e = file.read_bytes(range).unwrap_err();
                assert_eq!(e.kind(), io::ErrorKind::InvalidInput);
                assert!(e.to_string().contains("f: read of bytes"), "{e}");
            }
            #[allow(clippy::reversed_empty_ranges)]
            let backwards = file.read_bytes(n - 1..1);
            assert!(backwards.is_err());
        }
    }

    #[test]
    fn past_the_budget_files_are_mapped_at_open_and_a_drop_frees_a_place() {
        let bytes = bytes(2 * TAIL, 13);
        let (_dir, path) = write(&bytes);
        let budget = own_budget(2);
        let open = || TailMapped::open_in(&path, budget).unwrap();
        let (first, second, third) = (open(), open(), open());
        assert!(first.is_open() && second.is_open());
        assert!(!third.is_open() && third.is_mapped());
        assert_eq!(
            third.read_bytes(5..2 * TAIL).unwrap().as_slice(),
            &bytes[5..]
        );
        drop(second);
        let again = open();
        assert!(again.is_open(), "the dropped file's place is taken again");
        drop(third); // it held no place, so it gives none back
        assert!(!open().is_open(), "first and again hold both places");
        assert_eq!(
            first.read_bytes(5..2 * TAIL).unwrap().as_slice(),
            &bytes[5..]
        );
        assert!(open().is_open(), "first, mapped, gave its place back");
    }

    #[test]
    fn bytes_outlive_the_handle() {
        let bytes = bytes(2 * TAIL, 7);
        let (_dir, file) = file_of(&bytes);
        let body = file.read_bytes(10..20).unwrap();
        let tail = file.read_bytes(2 * TAIL - 3..2 * TAIL).unwrap();
        drop(file);
        assert_eq!(body.as_slice(), &bytes[10..20]);
        assert_eq!(tail.as_slice(), &bytes[2 * TAIL - 3..]);
    }

    #[test]
    fn a_mapping_that_fails_is_an_error_naming_the_file_and_is_tried_again() {
        let bytes = bytes(3 * TAIL, 11);
        let (_dir, path) = write(&bytes);
        let budget = own_budget(1);
        FAIL_MAP.with(|fail| fail.set(true));
        let file = TailMapped::open_in(&path, budget).unwrap();
        let e = file.read_bytes(7..2000).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::OutOfMemory);
        assert!(
            e.to_string().starts_with(&path.display().to_string()),
            "{e}"
        );
        assert!(file.is_open() && budget.held() == 1, "still waiting");
        let past_budget = TailMapped::open_in(&path, budget).unwrap_err();
        assert!(past_budget.to_string().contains(&*path.to_string_lossy()));
        assert_eq!(
            budget.held(),
            1,
            "a file that failed to open holds no place"
        );
        FAIL_MAP.with(|fail| fail.set(false));
        assert_eq!(
            file.read_bytes(7..2000).unwrap().as_slice(),
            &bytes[7..2000]
        );
        assert!(file.is_mapped() && !file.is_open() && budget.held() == 0);
    }
}
