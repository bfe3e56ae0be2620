//! The index on disk: opening or creating it (with its schema-version check),
//! and [`Indexer`], which writes articles into it as whole units.
//!
//! Safety comes from tantivy's design, used carefully: a commit is atomic, an
//! article's passages always go into the writer as one batch between commits
//! (so an article is never half-committed), a re-ingested article first
//! deletes every passage of its previous version (upsert), and only one writer
//! can hold the index lock at a time (searches never need it).
//!
//! **Invariant**: an article's passages are consecutive documents of one
//! segment, in passage order. A batch goes to one indexing thread, which adds
//! it to its segment in order; merges concatenate segments without reordering.
//! Counting articles ([`crate::search::ArticleCounter`], [`crate::facets`])
//! relies on it, and so does every look-up of a passage's article: it starts
//! at the last first passage at or before it ([`crate::columns::Leads`]).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use std::sync::Arc;
use std::time::{Duration, Instant};
use tantivy::collector::Count;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};
use tantivy::index::SegmentId;
use tantivy::indexer::{IndexWriterOptions, UserOperation};
use tantivy::merge_policy::{LogMergePolicy, MergeCandidate, MergePolicy, NoMergePolicy};
use tantivy::query::{BooleanQuery, Occur, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{
    Index, IndexReader, IndexSettings, IndexWriter, ReloadPolicy, Searcher, SegmentMeta,
    TantivyDocument, Term,
};

use crate::analysis;
use crate::article::Article;
use crate::error::{Error, Result};
use crate::mapped::TailMapped;
use crate::prepare::Prepared;
use crate::schema::{self, Fields, SCHEMA_VERSION};

/// The file that marks a directory as a dateline index and records its
/// schema version.
pub const MARKER: &str = "dateline.json";

/// Memory the writer may use for buffering, all threads together (bytes).
/// An ingest's heap peaks at about three times this (tantivy's segment
/// serialisation, the preparing workers, the allocator's caches).
pub const WRITER_MEMORY: usize = 256 << 20;

/// An open dateline index.
#[derive(Clone)]
pub struct ArchiveIndex {
    pub index: Index,
    pub fields: Fields,
    pub dir: PathBuf,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Marker {
    schema_version: u32,
    created_by: String,
}

/// The largest buffer one indexing thread can have (tantivy addresses it
/// with 32-bit offsets and refuses more).
pub const MAX_MEMORY_PER_THREAD: usize = 4000 << 20;

/// What an id given by a user names.
#[derive(Debug)]
pub enum Named<T> {
    One(T),
    Nothing,
    /// Several articles: their ids.
    Several(Vec<String>),
}

/// How far [`find_ids`] looks for the article a user names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// The id as given, or a file's path made absolute from here.
    Exact,
    /// Also the file articles whose full path ends with the path given,
    /// when no file is there (`sample/a.txt` as search shows it, from any
    /// directory, also once the file has moved): for reading, not deleting.
    PathEnd,
}

/// The ids of the articles of `searcher` that `given` names (as the user
/// copied it from a hit): the id itself; else, for a file's article, whose
/// id is the file's full path, that path made absolute from here; else, with
/// [`Reach::PathEnd`], the ids of file articles ending with it as a path.
/// Several ids: `given` is ambiguous. Deleted articles do not count.
pub fn find_ids(
    searcher: &Searcher,
    fields: &Fields,
    given: &str,
    reach: Reach,
) -> tantivy::Result<Vec<String>> {
    let alive = |id: &str| -> tantivy::Result<bool> {
        let term = Term::from_field_text(fields.article_id, id);
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        Ok(searcher.search(&query, &Count)? > 0)
    };
    if alive(given)? {
        return Ok(vec![given.to_string()]);
    }
    let full = crate::read::id_base(given);
    if full != given && alive(&full)? {
        return Ok(vec![full]);
    }
    let tail = given.trim_start_matches("./");
    // a path to a file that is there names that file, indexed or not
    let on_disk = std::fs::symlink_metadata(given).is_ok();
    if reach == Reach::Exact || on_disk || tail.is_empty() || tail.contains("://") {
        return Ok(Vec::new());
    }
    let ending = format!("/{tail}");
    let mut found = Vec::new();
    for segment in searcher.segment_readers() {
        let index = segment.inverted_index(fields.article_id)?;
        let mut terms = index.terms().stream()?;
        while terms.advance() {
            // file articles only: their ids are full paths
            if let Ok(id) = std::str::from_utf8(terms.key())
                && id.starts_with('/')
                && id.ends_with(&ending)
                && !found.iter().any(|f: &String| f == id)
                && alive(id)?
            {
                found.push(id.to_string());
            }
        }
    }
    Ok(found)
}

/// The directories `dir` needs made, deepest first (none when it exists).
pub fn missing_dirs(dir: &Path) -> Vec<PathBuf> {
    dir.ancestors()
        .take_while(|d| !d.as_os_str().is_empty() && std::fs::symlink_metadata(d).is_err())
        .map(Path::to_path_buf)
        .collect()
}

/// Removes a new index that holds nothing (an ingest under `--strict` that
/// rolled back the run that made it): its own files only, never anything
/// else, then the directories `made` for it, deepest first, as long as they
/// are empty.
pub fn remove_new(dir: &Path, made: &[PathBuf]) {
    let tantivy = [
        "meta.json",
        ".managed.json",
        ".tantivy-meta.lock",
        ".tantivy-writer.lock",
    ];
    for name in std::iter::once(MARKER).chain(tantivy) {
        let _ = std::fs::remove_file(dir.join(name));
    }
    for d in made {
        if std::fs::remove_dir(d).is_err() {
            break;
        }
    }
}

impl ArchiveIndex {
    /// Opens an existing index for reading.
    pub fn open(dir: &Path) -> Result<ArchiveIndex> {
        if !dir.join("meta.json").exists() {
            return Err(Error::NoIndex {
                path: dir.to_path_buf(),
            });
        }
        check_marker(dir)?;
        let mmap = MmapDirectory::open(dir).map_err(|e| {
            Error::io(
                format!("opening {}", dir.display()),
                std::io::Error::other(e.to_string()),
            )
        })?;
        let index = Index::open(ReadableDirectory {
            files: mmap,
            // absolute, as the memory-mapped directory's own root is
            root: std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf()),
        })
        .map_err(|e| Error::storage(e, dir))?;
        Self::wrap(index, dir)
    }

    /// Opens the index at `dir`, creating it (and the directory) when absent.
    pub fn open_or_create(dir: &Path) -> Result<ArchiveIndex> {
        if dir.join("meta.json").exists() {
            return Self::open(dir);
        }
        // a dateline.json that is not an unfinished index of ours is someone
        // else's file: never overwrite it
        if let Ok(text) = std::fs::read_to_string(dir.join(MARKER))
            && serde_json::from_str::<Marker>(&text).is_err()
        {
            return Err(Error::NotOurs {
                path: dir.to_path_buf(),
            });
        }
        // a folder of someone's own files is no place for an index's files
        // (`--index ~/Documents`): only a new, empty or unfinished index
        // directory of ours is written into. A README and hidden files (the
        // repository's own `index/` keeps a README.md; `.gitkeep`) are not
        // someone's files in that sense.
        let own_files = |entries: std::fs::ReadDir| {
            entries.filter_map(|e| e.ok()).any(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                !name.starts_with('.') && name != "README.md"
            })
        };
        if !dir.join(MARKER).exists() && std::fs::read_dir(dir).is_ok_and(own_files) {
            return Err(Error::NotEmpty {
                path: dir.to_path_buf(),
            });
        }
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io(format!("creating index directory {}", dir.display()), e))?;
        let marker = serde_json::to_string_pretty(&Marker {
            schema_version: SCHEMA_VERSION,
            created_by: format!("dateline {}", env!("CARGO_PKG_VERSION")),
        })
        .unwrap_or_default();
        std::fs::write(dir.join(MARKER), marker + "\n").map_err(|e| match e.kind() {
            std::io::ErrorKind::StorageFull => Error::DiskFull {
                path: dir.to_path_buf(),
            },
            _ => Error::io(format!("writing {}", dir.join(MARKER).display()), e),
        })?;
        let index = Index::builder()
            .schema(schema::build())
            .settings(settings())
            .create_in_dir(dir)
            .map_err(|e| Error::storage(e, dir))?;
        Self::wrap(index, dir)
    }

    fn wrap(index: Index, dir: &Path) -> Result<ArchiveIndex> {
        analysis::register(index.tokenizers());
        let fields = Fields::of(&index.schema()).map_err(|_| Error::Incompatible {
            path: dir.to_path_buf(),
        })?;
        Ok(ArchiveIndex {
            index,
            fields,
            dir: dir.to_path_buf(),
        })
    }

    /// How many threads a search of `searcher`'s segments runs on: one per
    /// core (at most one per segment) for a large index that has several.
    /// A single segment, or a small index, is searched on the calling
    /// thread: starting the threads costs a search about 0.4 ms, more than
    /// two segments of the shared corpora's 117 K passages gain from them
    /// (27 bench queries: sum 92.4 ms on two threads, 87.2 ms on one), where
    /// scaled-10's four segments (1.17 M) gain 9% (141 against 156 ms) and
    /// scaled-40's twenty (4.7 M) a third.
    pub fn search_threads(searcher: &Searcher) -> usize {
        let segments = searcher.segment_readers().len();
        if segments < 2 || searcher.num_docs() < PARALLEL_MIN_PASSAGES {
            return 1;
        }
        // asked only here: the answer reads files of /proc and /sys
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        segments.min(cores)
    }

    /// A reader on the last commit (searches see only committed articles).
    pub fn reader(&self) -> Result<IndexReader> {
        Ok(self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .doc_store_cache_num_blocks(STORE_CACHE_BLOCKS)
            .try_into()?)
    }

    /// Takes the index's write lock and returns a writer that buffers at most
    /// [`WRITER_MEMORY`] bytes before writing a segment.
    pub fn indexer(&self) -> Result<Indexer> {
        self.indexer_with_memory(WRITER_MEMORY)
    }

    /// [`ArchiveIndex::indexer`] with another buffer budget (bytes, all
    /// indexing threads together; at least 30 MB and at most
    /// [`MAX_MEMORY_PER_THREAD`] per thread).
    pub fn indexer_with_memory(&self, memory: usize) -> Result<Indexer> {
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .clamp(1, 8);
        let options = IndexWriterOptions::builder()
            .num_worker_threads(threads)
            .memory_budget_per_thread(
                (memory.max(threads * (30 << 20)) / threads).min(MAX_MEMORY_PER_THREAD),
            )
            .num_merge_threads(1)
            .build();
        let writer: IndexWriter<TantivyDocument> = self
            .index
            .writer_with_options(options)
            .map_err(|err| match err {
                tantivy::TantivyError::LockFailure(LockError::IoError(e), _) => {
                    Error::NotWritable {
                        path: self.dir.clone(),
                        reason: crate::read::io_reason(&e),
                    }
                }
                tantivy::TantivyError::LockFailure(..) => Error::Locked {
                    path: self.dir.clone(),
                },
                other => Error::storage(other, &self.dir),
            })?;
        writer.set_merge_policy(Box::new(BoundedMerges::new()));
        let reader = self.reader()?;
        Ok(Indexer {
            writer,
            dir: self.dir.clone(),
            fields: self.fields,
            committed: reader.searcher(),
            reloaded: Instant::now(),
            reader,
            pending: HashSet::new(),
            pending_content: HashMap::new(),
        })
    }
}

/// The index directory. tantivy takes a lock file while it reads the list
/// of segments, so that a writer's clean-up cannot delete a segment being
/// opened. On a read-only file system (an archive on read-only media) that
/// file cannot be created — and no writer can be at work either — so reading
/// goes on without it. A file is read from its tail and mapped when its body
/// is read ([`TailMapped`]), except the fast-field columns, mapped at open.
/// Every other operation is the memory-mapped directory's.
#[derive(Clone, Debug)]
struct ReadableDirectory {
    files: MmapDirectory,
    root: PathBuf,
}

impl Directory for ReadableDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        if path.extension().is_some_and(|e| e == "fast") {
            // Mapped at open: dateline reads a column it cannot open as a
            // column the segment lacks, so a failure must come here, not later.
            return self.files.get_file_handle(path);
        }
        let full = self.root.join(path);
        match TailMapped::open(&full) {
            Ok(file) => Ok(Arc::new(file)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(OpenReadError::FileDoesNotExist(full))
            }
            Err(e) => Err(OpenReadError::wrap_io_error(e, full)),
        }
    }
    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.files.delete(path)
    }
    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.files.exists(path)
    }
    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.files.open_write(path)
    }
    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.files.atomic_read(path)
    }
    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.files.atomic_write(path, data)
    }
    fn sync_directory(&self) -> std::io::Result<()> {
        self.files.sync_directory()
    }
    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.files.watch(callback)
    }
    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.files.acquire_lock(lock) {
            Err(LockError::IoError(e))
                if lock.is_blocking
                    && matches!(
                        e.kind(),
                        std::io::ErrorKind::ReadOnlyFilesystem
                            | std::io::ErrorKind::PermissionDenied
                    ) =>
            {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }
}

/// tantivy's log merge policy, bounded: segments of more than
/// [`MERGE_MAX_DOCS`] passages are left alone, and a level of many small
/// segments is merged in groups of at most [`MERGE_INPUT_DOCS`] passages
/// rather than all at once. A merge maps the segments it reads and their
/// pages count in the process's memory, so with one merge at a time (the
/// writer has one merge thread) this bounds an ingest's memory whatever the
/// archive's size.
#[derive(Debug)]
struct BoundedMerges(LogMergePolicy);

impl BoundedMerges {
    fn new() -> Self {
        let mut policy = LogMergePolicy::default();
        policy.set_max_docs_before_merge(MERGE_MAX_DOCS);
        BoundedMerges(policy)
    }
}

impl MergePolicy for BoundedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let docs = |id: &SegmentId| {
            segments
                .iter()
                .find(|s| s.id() == *id)
                .map_or(0, |s| s.num_docs() as usize)
        };
        let mut out = Vec::new();
        for MergeCandidate(ids) in self.0.compute_merge_candidates(segments) {
            out.extend(bounded_groups(&ids, docs, MERGE_INPUT_DOCS).map(MergeCandidate));
        }
        out
    }
}

/// `ids` cut in order into groups of at least two whose `docs` add up to at
/// most `max` (a group of two may exceed it).
fn bounded_groups<T: Clone>(
    ids: &[T],
    docs: impl Fn(&T) -> usize,
    max: usize,
) -> impl Iterator<Item = Vec<T>> {
    let mut groups: Vec<Vec<T>> = Vec::new();
    let mut group = Vec::new();
    let mut total = 0;
    for id in ids {
        let n = docs(id);
        if group.len() >= 2 && total + n > max {
            groups.push(std::mem::take(&mut group));
            total = 0;
        }
        group.push(id.clone());
        total += n;
    }
    if group.len() >= 2 {
        groups.push(group);
    }
    groups.into_iter()
}

/// Passages from which an index of several segments is searched on several
/// threads (see [`ArchiveIndex::search_threads`]).
pub const PARALLEL_MIN_PASSAGES: u64 = 500_000;

/// How often a long ingest lets go of the segments merged away since (see
/// [`Indexer::reload`]).
const RELOAD_EVERY: Duration = Duration::from_secs(5);

/// Passages above which a segment is no longer merged during an ingest.
pub const MERGE_MAX_DOCS: usize = 300_000;
/// Passages one merge reads at most (about 250 MB of index).
pub const MERGE_INPUT_DOCS: usize = 600_000;
/// Passages one merge at the end of a bulk ingest reads at most (about 500 MB
/// of index, which the merge maps; see [`Indexer::consolidate`]). Scaled-40
/// (4.7 million passages) ends in five segments instead of fourteen.
pub const FINAL_MERGE_DOCS: usize = 1_200_000;
/// How long [`Indexer::consolidate`] waits before it forms its groups again
/// after a refused merge (the background merge that took a segment
/// publishes its result).
const MERGE_POLL: Duration = Duration::from_millis(100);

/// Stored passages are compressed with zstd in 16 KiB blocks: news text
/// compresses about twice as well as with LZ4, and a search decompresses only
/// the few blocks holding the hits it shows.
fn settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(DOCSTORE_ZSTD_LEVEL),
        }),
        docstore_blocksize: DOCSTORE_BLOCK,
        ..IndexSettings::default()
    }
}

/// Decompressed document-store blocks a reader keeps. A search reads an
/// article's first passage and then its shown passages, which are in the same
/// block or the next: two blocks serve it, and a freed block's memory is
/// reused by the next one instead of touching fresh pages (tantivy keeps 100).
const STORE_CACHE_BLOCKS: usize = 2;

/// zstd level of the document store.
const DOCSTORE_ZSTD_LEVEL: i32 = 4;
/// Bytes per compressed block of the document store.
const DOCSTORE_BLOCK: usize = 16 << 10;

fn check_marker(dir: &Path) -> Result<()> {
    let path = dir.join(MARKER);
    let text = std::fs::read_to_string(&path).map_err(|_| Error::NotOurs {
        path: dir.to_path_buf(),
    })?;
    let marker: Marker = serde_json::from_str(&text).map_err(|_| Error::NotOurs {
        path: dir.to_path_buf(),
    })?;
    if marker.schema_version != SCHEMA_VERSION {
        return Err(Error::SchemaVersion {
            path: dir.to_path_buf(),
            found: marker.schema_version,
            expected: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// Writes articles into the index. Nothing is visible to searches until
/// [`Indexer::commit`]; dropping an indexer without committing discards
/// everything added since the last commit.
///
/// Memory stays bounded whatever the archive's size: what was added before
/// the last commit is looked up in the index itself, and only the articles
/// added since are remembered.
pub struct Indexer {
    writer: IndexWriter<TantivyDocument>,
    dir: PathBuf,
    fields: Fields,
    reader: IndexReader,
    /// The index as of the last commit.
    committed: Searcher,
    /// When `committed` was last reloaded.
    reloaded: Instant,
    /// Keys of the articles added since the last commit.
    pending: HashSet<u64>,
    /// Content hashes added since the last commit, with their article keys.
    pending_content: HashMap<u64, u64>,
}

/// What adding an article did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Added {
    /// An article with the same id was there before: it was replaced.
    pub replaced: bool,
    /// The same text is already in the index under another id.
    pub duplicate: bool,
}

impl Indexer {
    /// Adds (or replaces) one prepared article, as one batch.
    pub fn add(&mut self, article: &Article, prepared: &Prepared) -> Result<Added> {
        if self.reloaded.elapsed() >= RELOAD_EVERY {
            self.reload()?;
        }
        let key = schema::article_key(&article.id);
        let id_term = Term::from_field_text(self.fields.article_id, &article.id);
        let replaced = !self.pending.insert(key) || self.committed_has(&id_term, None)?;
        let duplicate = match prepared.content_hash {
            None => false,
            Some(hash) => match self.pending_content.insert(hash, key) {
                Some(other) if other != key => true,
                _ => {
                    let hash_term = Term::from_field_u64(self.fields.content_hash, hash);
                    self.committed_has(&hash_term, Some(&id_term))?
                }
            },
        };
        let mut batch = Vec::with_capacity(prepared.passages.len() + 1);
        // Only an article that is there can be replaced. tantivy keeps every
        // delete (a query weight of about 1 KiB) until the next commit and
        // runs it against each new segment, so a new article deletes nothing.
        if replaced {
            batch.push(UserOperation::Delete(id_term));
        }
        for i in 0..prepared.passages.len() {
            batch.push(UserOperation::Add(schema::document(
                &self.fields,
                article,
                prepared,
                i,
            )));
        }
        self.writer
            .run(batch)
            .map_err(|e| Error::storage(e, &self.dir))?;
        Ok(Added {
            replaced,
            duplicate,
        })
    }

    /// The ids of the committed articles `given` names exactly (see
    /// [`find_ids`]): deleting takes no guesses.
    pub fn find_ids(&self, given: &str) -> Result<Vec<String>> {
        Ok(find_ids(
            &self.committed,
            &self.fields,
            given,
            Reach::Exact,
        )?)
    }

    /// Removes the committed article with this id (every passage of it) at
    /// the next commit; the number of its passages (0: no such article).
    pub fn delete(&mut self, id: &str) -> Result<u64> {
        let id_term = Term::from_field_text(self.fields.article_id, id);
        let query = TermQuery::new(id_term.clone(), IndexRecordOption::Basic);
        let passages = self.committed.search(&query, &Count)? as u64;
        if passages > 0 {
            self.writer.delete_term(id_term);
        }
        Ok(passages)
    }

    /// Whether the committed index has a document with `term` (and, when
    /// `except` is given, without that term).
    fn committed_has(&self, term: &Term, except: Option<&Term>) -> Result<bool> {
        let query = TermQuery::new(term.clone(), IndexRecordOption::Basic);
        let count = match except {
            None => self.committed.search(&query, &Count)?,
            Some(except) => {
                let not = TermQuery::new(except.clone(), IndexRecordOption::Basic);
                let both = BooleanQuery::new(vec![
                    (
                        Occur::Must,
                        Box::new(query) as Box<dyn tantivy::query::Query>,
                    ),
                    (Occur::MustNot, Box::new(not)),
                ]);
                self.committed.search(&both, &Count)?
            }
        };
        Ok(count > 0)
    }

    /// Makes everything added so far durable and visible, atomically.
    pub fn commit(&mut self) -> Result<()> {
        self.writer
            .commit()
            .map_err(|e| Error::storage(e, &self.dir))?;
        self.reload()?;
        self.pending.clear();
        self.pending_content.clear();
        Ok(())
    }

    /// Takes the latest published state of the last commit: the same
    /// articles, in the segments the background merges have left. The
    /// segments they merged away are unmapped once no searcher holds them,
    /// which keeps their pages out of the process's memory.
    fn reload(&mut self) -> Result<()> {
        self.reader.reload()?;
        self.committed = self.reader.searcher();
        self.reloaded = Instant::now();
        Ok(())
    }

    /// Discards everything added since the last commit.
    pub fn rollback(&mut self) -> Result<()> {
        self.writer.rollback()?;
        Ok(())
    }

    /// Passages in the committed index.
    pub fn passages(&self) -> Result<u64> {
        Ok(self.committed.num_docs())
    }

    /// Merges every segment into one (and waits for it) when there are at
    /// least `min` of them. A search opens and looks up every segment, so
    /// one large segment answers faster than many. Returns the number of
    /// segments merged (0 when none were).
    pub fn merge_all(&mut self, min: usize) -> Result<usize> {
        let ids = self.reader.searcher().index().searchable_segment_ids()?;
        if ids.len() < min.max(2) {
            return Ok(0);
        }
        Ok(if self.merge(&ids)? { ids.len() } else { 0 })
    }

    /// Merges `ids` into one segment and waits for it; `false` when a
    /// background merge took some of them first (tantivy keeps that one's
    /// result, and these stay as it left them).
    fn merge(&mut self, ids: &[SegmentId]) -> Result<bool> {
        match self.writer.merge(ids).wait() {
            Ok(_) => Ok(true),
            Err(tantivy::TantivyError::InvalidArgument(_)) => Ok(false),
            Err(e) => Err(Error::storage(e, &self.dir)),
        }
    }

    /// Stops the background merges: before the last commit of a bulk ingest,
    /// whose segments [`Self::merge_all`] or [`Self::consolidate`] merge next
    /// (a background merge the commit started would hold some of them, and
    /// theirs would run in full only to be refused).
    pub fn stop_background_merges(&mut self) {
        self.writer.set_merge_policy(Box::new(NoMergePolicy));
    }

    /// Merges the segments under [`FINAL_MERGE_DOCS`] passages together, the
    /// smallest first, in groups of at most that many: what a bulk ingest of
    /// an index over the merge limit does at the end instead of merging it
    /// all. Its merges during the run stop at [`MERGE_MAX_DOCS`] to bound
    /// their memory while the writer's buffers are full; at the end, with the
    /// writer idle, a merge may read more. Every segment is one more that
    /// each search opens, so fewer of them is a faster start.
    ///
    /// The background merges stop first. One still running (or queued by
    /// the last commit) holds its segments: a group that holds one runs after
    /// it on the writer's one merge thread and is refused at its end, when
    /// its segments are gone; the next group is formed from the segments as
    /// they are then. The same group refused twice in a row is a refusal
    /// that waiting cannot cure (the index's list of segments out of step
    /// with the writer's), and ends the consolidation. A merge's result is
    /// not merged again (groups of two may exceed the bound, and merging
    /// results again would end in one segment). The committed view is
    /// reloaded after each merge, which lets go of the segments it merged
    /// away: the merge read every page of them, and those pages would stay in
    /// memory while a searcher held the segments. Returns how many segments
    /// were merged.
    pub fn consolidate(&mut self) -> Result<usize> {
        self.consolidate_under(FINAL_MERGE_DOCS)
    }

    /// [`Self::consolidate`] with groups of at most `max` passages.
    fn consolidate_under(&mut self, max: usize) -> Result<usize> {
        self.stop_background_merges();
        let mut made: HashSet<SegmentId> = HashSet::new();
        let mut merged = 0;
        let mut refused: Option<Vec<SegmentId>> = None;
        loop {
            self.reload()?;
            let metas = self.reader.searcher().index().searchable_segment_metas()?;
            let mut sizes: Vec<(SegmentId, usize)> = metas
                .iter()
                .map(|m| (m.id(), m.num_docs() as usize))
                .filter(|&(id, docs)| docs < max && !made.contains(&id))
                .collect();
            sizes.sort_by_key(|&(_, docs)| docs);
            let Some(group) = bounded_groups(&sizes, |&(_, docs)| docs, max).next() else {
                return Ok(merged);
            };
            let ids: Vec<SegmentId> = group.iter().map(|&(id, _)| id).collect();
            match self.writer.merge(&ids).wait() {
                Ok(result) => {
                    merged += ids.len();
                    made.extend(result.map(|meta| meta.id()));
                    refused = None;
                }
                // a background merge took one of them first
                Err(tantivy::TantivyError::InvalidArgument(_))
                    if refused.as_ref() != Some(&ids) =>
                {
                    refused = Some(ids);
                    std::thread::sleep(MERGE_POLL);
                }
                Err(tantivy::TantivyError::InvalidArgument(_)) => return Ok(merged),
                Err(e) => return Err(Error::storage(e, &self.dir)),
            }
        }
    }

    /// Waits for background segment merges to finish and releases the lock.
    pub fn finish(self) -> Result<()> {
        let dir = self.dir.clone();
        // Let go of the committed view first: the merges still running read
        // their segments through the same shared mappings, and every page
        // they read would stay in this process's memory for as long as a
        // searcher holds the segment (a scaled-40 ingest ended at 900 MB of
        // mapped index pages, read by its last merges).
        drop(self.committed);
        drop(self.reader);
        // Files of the segments merged away while those held them were kept
        // (a scaled-40 ingest left 359 MB of them after its last merges);
        // now nothing does. A failed collection loses nothing: the files stay
        // until the next one.
        let _ = self.writer.garbage_collect_files().wait();
        self.writer
            .wait_merging_threads()
            .map_err(|e| Error::storage(e, &dir))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_are_cut_into_groups_under_the_cap() {
        let sizes = [400, 300, 300, 200, 100, 50];
        let groups: Vec<Vec<usize>> = bounded_groups(&sizes, |&n| n, 700).collect();
        assert_eq!(groups, [vec![400, 300], vec![300, 200, 100, 50]]);
    }

    /// `batches` commits of four articles each, article `k` of batch `b`
    /// with the id `a{b}-{k}` and the body `body("{b}{k}")`.
    fn commit_batches(indexer: &mut Indexer, batches: usize, body: impl Fn(&str) -> String) {
        for batch in 0..batches {
            for n in 0..4 {
                let article = Article {
                    id: format!("a{batch}-{n}"),
                    body: body(&format!("{batch}{n}")),
                    ..Article::default()
                };
                let prepared = crate::prepare::prepare(&article);
                indexer
                    .add(&article, &prepared)
                    .unwrap_or_else(|e| panic!("{e}"));
            }
            indexer.commit().unwrap_or_else(|e| panic!("{e}"));
        }
    }

    #[test]
    fn consolidation_merges_in_bounded_groups_and_never_its_own_results() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("index");
        let archive = ArchiveIndex::open_or_create(&path).unwrap_or_else(|e| panic!("{e}"));
        let mut indexer = archive
            .indexer_with_memory(WRITER_MEMORY)
            .unwrap_or_else(|e| panic!("{e}"));
        // six commits of four one-passage articles, with no background merges:
        // six to twelve small segments (one per indexing thread with work)
        indexer.writer.set_merge_policy(Box::new(NoMergePolicy));
        commit_batches(&mut indexer, 6, |k| {
            format!("Ferry number {k} sailed at dawn.")
        });
        let before = indexer.passages().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(before, 24);
        // what one pass of bounded groups over the segments as they are makes
        let mut sizes: Vec<u32> = indexer
            .reader
            .searcher()
            .index()
            .searchable_segment_metas()
            .unwrap_or_else(|e| panic!("{e}"))
            .iter()
            .map(|m| m.num_docs())
            .collect();
        sizes.sort_unstable();
        let (small, large): (Vec<u32>, Vec<u32>) = sizes.iter().partition(|&&d| d < 10);
        let groups: Vec<Vec<u32>> = bounded_groups(&small, |&d| d as usize, 10).collect();
        let grouped: usize = groups.iter().map(Vec::len).sum();
        let mut expected: Vec<u32> = groups.iter().map(|g| g.iter().sum()).collect();
        expected.extend(large);
        expected.extend(&small[grouped..]);
        expected.sort_unstable();
        assert!(groups.len() >= 2, "{sizes:?}");
        // groups of at most 10 passages (two segments may make more)
        let merged = indexer
            .consolidate_under(10)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(merged, grouped);
        indexer.finish().unwrap_or_else(|e| panic!("{e}"));
        let archive = ArchiveIndex::open(&path).unwrap_or_else(|e| panic!("{e}"));
        let metas = archive
            .index
            .searchable_segment_metas()
            .unwrap_or_else(|e| panic!("{e}"));
        let mut docs: Vec<u32> = metas.iter().map(|m| m.num_docs()).collect();
        docs.sort_unstable();
        assert_eq!(docs.iter().sum::<u32>(), 24, "{docs:?}");
        // merging the results again would have left fewer, larger segments
        assert_eq!(docs, expected, "from {sizes:?}");
    }

    #[test]
    fn small_segments_merge_together_and_leave_no_files_behind() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("index");
        let archive = ArchiveIndex::open_or_create(&path).unwrap_or_else(|e| panic!("{e}"));
        let mut indexer = archive
            .indexer_with_memory(WRITER_MEMORY)
            .unwrap_or_else(|e| panic!("{e}"));
        // three commits, three segments
        commit_batches(&mut indexer, 3, |k| {
            format!("Ferry number {k} sailed at dawn.\n\nIt came back at dusk.")
        });
        let before = indexer.passages().unwrap_or_else(|e| panic!("{e}"));
        // (each commit leaves a segment per indexing thread that had work)
        assert!(indexer.consolidate().unwrap_or_else(|e| panic!("{e}")) >= 3);
        indexer.finish().unwrap_or_else(|e| panic!("{e}"));
        let archive = ArchiveIndex::open(&path).unwrap_or_else(|e| panic!("{e}"));
        let metas = archive
            .index
            .searchable_segment_metas()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(metas.len(), 1);
        assert_eq!(u64::from(metas[0].num_docs()), before);
        // only the live segment's files remain
        let live = metas[0].id().uuid_string();
        for entry in std::fs::read_dir(&path).unwrap_or_else(|e| panic!("{e}")) {
            let name = entry.unwrap_or_else(|e| panic!("{e}")).file_name();
            let name = name.to_string_lossy();
            let segment_file = name.len() > 32 && name.as_bytes()[32] == b'.';
            assert!(
                !segment_file || name.starts_with(&live),
                "{name} left behind"
            );
        }
    }

    #[test]
    fn a_lone_segment_left_over_is_not_a_merge() {
        let groups: Vec<Vec<usize>> = bounded_groups(&[500, 500, 500], |&n| n, 600).collect();
        assert_eq!(groups, [vec![500, 500]]);
    }
}
