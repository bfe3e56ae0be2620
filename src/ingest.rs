//! Ingest: the pipeline from paths to committed passages; and `delete`, which
//! removes articles by id.
//!
//! ```text
//! reader thread:    paths -> read::discover -> read::read -> Outcome ──channel──┐
//! worker threads:   Article -> prepare (passages, speakers, fingerprints) ──────┤
//! this thread:      in input order -> Indexer::add -> commit (tantivy threads index)
//! ```
//!
//! Bad records are reported to the [`Observer`] and skipped; the run goes on.
//! The index is committed every `commit_every` (so a killed ingest loses at
//! most that much work) and at the end. With `strict`, nothing is committed if
//! any record was rejected or warned about.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::article::Article;
use crate::error::Result;
use crate::index::{self, ArchiveIndex, Indexer};
use crate::prepare::{Options, Prepared, prepare_with};
use crate::read::{self, Input, Outcome, Problem, Record};
use crate::stats;

/// Largest index merged into one segment at the end of a bulk ingest. The
/// merge maps every segment it reads, and those pages count in the ingest's
/// memory: this keeps its peak RSS under 1 GiB (larger indexes keep the
/// segments of the bounded background merges, see `index::BoundedMerges`).
pub const MERGE_LIMIT: u64 = 512 << 20;
/// Fewest segments merged into one at the end of a bulk ingest. Every segment
/// costs a search its own term lookups and column tables: on scaled-10, the
/// 27 bench queries take 5.67 ms (median, whole process) on the four
/// segments an ingest left and 4.85 ms once merged, for a merge of about 5 s
/// on an ingest of 17 s. The two segments a small ingest leaves (one per
/// indexing thread) cost less (shared corpora: 2.84 against 2.56 ms) than
/// their merge would add to it (0.5 s on 1.8 s), and are left as they are.
pub const MERGE_MIN_SEGMENTS: usize = 3;

/// Default interval between commits of a long ingest.
pub const COMMIT_EVERY: Duration = Duration::from_secs(30);

/// What to ingest, and how.
#[derive(Debug, Clone)]
pub struct IngestRequest {
    pub paths: Vec<PathBuf>,
    pub index_dir: PathBuf,
    /// Commit nothing if any record is rejected or has a warning.
    pub strict: bool,
    /// Interval between intermediate commits (ignored with `strict`).
    pub commit_every: Duration,
    /// How articles are read (speaker attribution on or off).
    pub prepare: Options,
    /// Merge the index into one segment after a bulk ingest.
    pub merge: bool,
    /// The index writer's buffer budget in bytes.
    pub writer_memory: usize,
}

/// How bad a reported problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The record (or file) was not indexed.
    Rejected,
    /// The record was indexed, but part of it was not understood.
    Warning,
    /// A file met while walking a directory was not read (unsupported type).
    Skipped,
}

/// Where an ingest stands, for progress displays.
#[derive(Debug, Clone, Copy, Default)]
pub struct Progress {
    /// Input bytes read so far (compressed bytes for `.gz`).
    pub bytes_done: u64,
    /// Total input size in bytes; 0 when unknown (standard input).
    pub bytes_total: u64,
    pub articles: u64,
}

/// Receives what happens during an ingest. The library prints nothing itself.
pub trait Observer {
    fn problem(&mut self, problem: &Problem, severity: Severity);
    fn progress(&mut self, _progress: &Progress) {}
}

/// What an ingest did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct IngestSummary {
    /// Articles indexed (new or replaced).
    pub articles: u64,
    pub passages: u64,
    /// Articles indexed without a date.
    pub undated: u64,
    /// Articles that replaced an earlier version with the same id.
    pub replaced: u64,
    /// Articles whose text is already in the index under another id.
    pub duplicates: u64,
    /// Records (or files) rejected.
    pub rejected: u64,
    /// Records indexed with a warning.
    pub warnings: u64,
    /// Files skipped while walking directories.
    pub skipped_files: u64,
    /// Number of commits made, and the interval between them.
    pub commits: u64,
    pub commit_every_secs: u64,
    /// Whether the run's articles were committed (false after a strict failure).
    pub committed: bool,
    /// Segments merged into one at the end (0 when none were).
    pub merged: usize,
    /// Segments of an index over the merge limit merged in groups at the
    /// end (see [`crate::index::Indexer::consolidate`]).
    pub consolidated: usize,
    /// No index was there and this run indexed nothing (every input refused,
    /// or `strict` rolled back), so it left none behind.
    pub no_index: bool,
    pub elapsed_secs: f64,
}

/// Runs an ingest.
pub fn ingest(request: &IngestRequest, observer: &mut dyn Observer) -> Result<IngestSummary> {
    let started = Instant::now();
    let mut summary = IngestSummary {
        commit_every_secs: request.commit_every.as_secs(),
        ..IngestSummary::default()
    };
    let found = read::discover(&request.paths);
    for problem in &found.errors {
        summary.rejected += 1;
        observer.problem(problem, Severity::Rejected);
    }
    for problem in &found.skipped {
        summary.skipped_files += 1;
        observer.problem(problem, Severity::Skipped);
    }
    for problem in &found.warnings {
        summary.warnings += 1;
        observer.problem(problem, Severity::Warning);
    }
    let mut target = Target::open(&request.index_dir, request.writer_memory)?;

    let bytes_total = found.inputs.iter().map(|i| i.bytes).sum();
    let bytes_done = Arc::new(AtomicU64::new(0));
    let (reader, outcomes) = spawn_reader(found.inputs, Arc::clone(&bytes_done));
    let (preparers, prepared) = spawn_preparers(outcomes, request.prepare);

    let mut last_commit = Instant::now();
    let mut records = 0u64;
    // Workers finish out of order; articles are added in input order, so that
    // the last of two records with one id is the one kept.
    let mut waiting: BTreeMap<u64, Item> = BTreeMap::new();
    let mut next = 0u64;
    // articles added since the last commit: a stream that pauses (a slow feed on standard
    // input) is committed on time while it waits, not at its next record
    let mut uncommitted = false;
    loop {
        // with nothing to commit (or under --strict), wait for records only
        let wait = if uncommitted && !request.strict {
            request
                .commit_every
                .saturating_sub(last_commit.elapsed())
                .max(Duration::from_millis(10))
        } else {
            Duration::from_secs(3600)
        };
        let batch = match prepared.recv_timeout(wait) {
            Ok(batch) => batch,
            Err(RecvTimeoutError::Timeout) => {
                if let Some(indexer) = target.indexer.as_mut()
                    && uncommitted
                    && !request.strict
                    && last_commit.elapsed() >= request.commit_every
                {
                    commit(indexer, &mut summary, &mut last_commit, &mut uncommitted)?;
                }
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => break,
        };
        for (seq, item) in batch {
            waiting.insert(seq, item);
        }
        while let Some(item) = waiting.remove(&next) {
            next += 1;
            records += 1;
            match item {
                Item::Article(article) => {
                    let (record, prepared) = *article;
                    if let Some(warning) = &record.warning {
                        summary.warnings += 1;
                        observer.problem(warning, Severity::Warning);
                    }
                    let indexer = target.indexer()?;
                    add_article(indexer, &record.article, &prepared, &mut summary)?;
                    uncommitted = true;
                }
                Item::Rejected(problem) => {
                    summary.rejected += 1;
                    observer.problem(&problem, Severity::Rejected);
                }
            }
            if let Some(indexer) = target.indexer.as_mut()
                && !request.strict
                && last_commit.elapsed() >= request.commit_every
            {
                commit(indexer, &mut summary, &mut last_commit, &mut uncommitted)?;
            }
            if records.is_multiple_of(256) {
                observer.progress(&Progress {
                    bytes_done: bytes_done.load(Ordering::Relaxed),
                    bytes_total,
                    articles: summary.articles,
                });
            }
        }
    }
    for worker in preparers {
        let _ = worker.join();
    }
    // The reader only ends by running out of input; a panic there is a bug.
    let _ = reader.join();

    let Some(mut indexer) = target.indexer.take() else {
        // not one article: no index was there, and none was made
        summary.committed = !(request.strict && (summary.rejected > 0 || summary.warnings > 0));
        summary.no_index = true;
        summary.elapsed_secs = started.elapsed().as_secs_f64();
        return Ok(summary);
    };
    if request.strict && (summary.rejected > 0 || summary.warnings > 0) {
        indexer.rollback()?;
    } else {
        // a run that added at least what was committed before its last batch
        // is a bulk ingest, merged below: its last commit starts no
        // background merge of the segments those merges take
        if request.merge && summary.passages >= indexer.passages()? {
            indexer.stop_background_merges();
        }
        indexer.commit()?;
        summary.commits += 1;
        summary.committed = true;
        // After a bulk ingest (this run wrote most of the index) that left
        // many segments, merge them into one: searches open and look up every
        // segment. A few segments are left as they are (see
        // MERGE_MIN_SEGMENTS). Small additions to a large index are
        // left to tantivy's merge policy, which does not rewrite it all; so
        // are indexes over MERGE_LIMIT, whose merge would map (and count in
        // the process's memory) more than the ingest's budget
        // (`dateline compact` merges them on demand): those are merged in
        // groups of a bounded size.
        let total = indexer.passages()?;
        let bulk = summary.passages * 2 >= total;
        if request.merge && bulk {
            if stats::dir_size(&request.index_dir) <= MERGE_LIMIT {
                summary.merged = indexer.merge_all(MERGE_MIN_SEGMENTS)?;
            } else {
                summary.consolidated = indexer.consolidate()?;
            }
        }
    }
    indexer.finish()?;
    // --strict rolled back the run that made the index: take it away again
    if let Some(made) = target.made.take().filter(|_| !summary.committed) {
        index::remove_new(&request.index_dir, &made);
        summary.no_index = true;
    }
    summary.elapsed_secs = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// The index a run writes: opened at the start when it exists (a lock held
/// by another ingest, or an index of another version, stops the run before
/// any input is read), made with the run's first article when it does not,
/// so that a run that indexes nothing leaves nothing behind.
struct Target {
    dir: PathBuf,
    memory: usize,
    indexer: Option<Indexer>,
    /// The directories made for a new index, deepest first.
    made: Option<Vec<PathBuf>>,
}

impl Target {
    fn open(dir: &Path, memory: usize) -> Result<Target> {
        let indexer = match dir.join("meta.json").exists() {
            true => Some(ArchiveIndex::open(dir)?.indexer_with_memory(memory)?),
            false => None,
        };
        Ok(Target {
            dir: dir.to_path_buf(),
            memory,
            indexer,
            made: None,
        })
    }

    /// The index's writer, making the index first if there is none yet.
    fn indexer(&mut self) -> Result<&mut Indexer> {
        let indexer = match self.indexer.take() {
            Some(indexer) => indexer,
            None => {
                let made = index::missing_dirs(&self.dir);
                let opened = ArchiveIndex::open_or_create(&self.dir)
                    .and_then(|archive| archive.indexer_with_memory(self.memory));
                match opened {
                    Ok(indexer) => {
                        self.made = Some(made);
                        indexer
                    }
                    Err(e) => {
                        // a disk that filled (or a write refused) while the
                        // index was being made leaves no half-made index
                        // behind; any other failure (another ingest that made
                        // the index meanwhile and holds it) leaves it be
                        use crate::error::Error;
                        if matches!(e, Error::DiskFull { .. } | Error::NotWritable { .. }) {
                            index::remove_new(&self.dir, &made);
                        }
                        return Err(e);
                    }
                }
            }
        };
        Ok(self.indexer.insert(indexer))
    }
}

/// An ingest that stops on an error (a full disk, most often) has written the segments of
/// what it had not committed yet; tantivy keeps them, and the next run would find the disk
/// still full. The failed writer goes first (it holds the lock), then a collection by a fresh
/// one removes every file the last commit does not name. A run that ends well has taken
/// its writer before this runs.
impl Drop for Target {
    fn drop(&mut self) {
        let Some(failed) = self.indexer.take() else {
            return;
        };
        drop(failed);
        if let Ok(archive) = ArchiveIndex::open(&self.dir)
            && let Ok(indexer) = archive.indexer_with_memory(self.memory)
        {
            let _ = indexer.finish();
        }
    }
}

/// What a [`delete`] did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Deleted {
    pub articles: u64,
    pub passages: u64,
    /// The ids of the articles deleted.
    pub ids: Vec<String>,
    /// The ids asked for that the index does not have.
    pub missing: Vec<String>,
}

/// Removes the articles with these ids from the index at `dir`, in one
/// commit. A file's article is also found by its path from here (see
/// [`index::find_ids`], with no guess by the path's end: what is deleted is
/// what was named).
pub fn delete(dir: &Path, ids: &[String]) -> Result<Deleted> {
    let archive = ArchiveIndex::open(dir)?;
    let mut indexer = archive.indexer()?;
    let mut deleted = Deleted::default();
    for given in ids {
        match indexer.find_ids(given)?.as_slice() {
            [id] if deleted.ids.contains(id) => {}
            [id] => {
                deleted.articles += 1;
                deleted.passages += indexer.delete(id)?;
                deleted.ids.push(id.clone());
            }
            _ => deleted.missing.push(given.clone()),
        }
    }
    if deleted.articles > 0 {
        indexer.commit()?;
    }
    indexer.finish()?;
    Ok(deleted)
}

/// What a preparing worker hands on: an article ready for the index, or
/// the problem with a record.
enum Item {
    Article(Box<(Record, Prepared)>),
    Rejected(Problem),
}

/// Records handed from thread to thread at once. Handing them one by one
/// woke a sleeping thread for most records (futex calls and context switches:
/// about 6% of an ingest's CPU on two cores).
const BATCH: usize = 16;

/// Numbered records read, and numbered records prepared, a batch at a time.
type Outcomes = Receiver<Vec<(u64, Outcome)>>;
type Items = Receiver<Vec<(u64, Item)>>;

/// Reads every input on a thread of its own, numbering the outcomes and
/// passing them on in batches (each input's last batch as soon as it ends).
fn spawn_reader(inputs: Vec<Input>, bytes_done: Arc<AtomicU64>) -> (JoinHandle<()>, Outcomes) {
    let (sender, receiver) = sync_channel(32);
    let handle = std::thread::spawn(move || {
        let mut seq = 0;
        let mut batch = Vec::with_capacity(BATCH);
        for input in &inputs {
            // standard input may be a feed that comes slowly: each record is passed on as it
            // comes, not held back until more arrive
            let size = if input.path.as_os_str() == "-" {
                1
            } else {
                BATCH
            };
            read::read(input, &bytes_done, &mut |outcome| {
                batch.push((seq, outcome));
                seq += 1;
                if batch.len() >= size {
                    // A closed channel means the ingest stopped on an error.
                    let _ = sender.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)));
                }
            });
            if !batch.is_empty() {
                let _ = sender.send(std::mem::take(&mut batch));
            }
        }
    });
    (handle, receiver)
}

/// Prepares records (passages, speakers, fingerprints) on one worker per
/// core: attribution is the costliest part of an ingest, and runs beside
/// tantivy's indexing threads.
fn spawn_preparers(outcomes: Outcomes, options: Options) -> (Vec<JoinHandle<()>>, Items) {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().clamp(1, 8));
    let outcomes = Arc::new(Mutex::new(outcomes));
    let (sender, receiver) = sync_channel(32);
    let handles = (0..workers)
        .map(|_| {
            let outcomes = Arc::clone(&outcomes);
            let sender = sender.clone();
            std::thread::spawn(move || {
                loop {
                    let next = outcomes.lock().map(|r| r.recv());
                    let Ok(Ok(batch)) = next else { return };
                    let items = batch
                        .into_iter()
                        .map(|(seq, outcome)| {
                            let item = match outcome {
                                Ok(record) => {
                                    let prepared = prepare_with(&record.article, options);
                                    Item::Article(Box::new((record, prepared)))
                                }
                                Err(problem) => Item::Rejected(problem),
                            };
                            (seq, item)
                        })
                        .collect();
                    if sender.send(items).is_err() {
                        return;
                    }
                }
            })
        })
        .collect();
    (handles, receiver)
}

/// A periodic commit (`--commit-every`): counted, and the clock restarted.
fn commit(
    indexer: &mut Indexer,
    summary: &mut IngestSummary,
    last: &mut Instant,
    uncommitted: &mut bool,
) -> Result<()> {
    indexer.commit()?;
    summary.commits += 1;
    *last = Instant::now();
    *uncommitted = false;
    Ok(())
}

/// Hands a prepared article to the indexer and counts it.
fn add_article(
    indexer: &mut Indexer,
    article: &Article,
    prepared: &Prepared,
    summary: &mut IngestSummary,
) -> Result<()> {
    let added = indexer.add(article, prepared)?;
    summary.replaced += u64::from(added.replaced);
    summary.duplicates += u64::from(added.duplicate);
    summary.articles += 1;
    summary.passages += prepared.passages.len() as u64;
    if article.date.is_none() {
        summary.undated += 1;
    }
    Ok(())
}
