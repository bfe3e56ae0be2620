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
//! relies on it: a new article starts where the article key changes.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use tantivy::collector::Count;
use tantivy::directory::MmapDirectory;
use tantivy::indexer::UserOperation;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{
    Index, IndexReader, IndexSettings, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term,
};

use crate::analysis;
use crate::article::Article;
use crate::error::{Error, Result};
use crate::passage::Passage;
use crate::schema::{self, Fields, SCHEMA_VERSION};

/// The file that marks a directory as a dateline index and records its
/// schema version.
pub const MARKER: &str = "dateline.json";

/// Memory the writer may use for buffering, all threads together (bytes).
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
        let index = Index::open(mmap)?;
        Self::wrap(index, dir)
    }

    /// Opens the index at `dir`, creating it (and the directory) when absent.
    pub fn open_or_create(dir: &Path) -> Result<ArchiveIndex> {
        if dir.join("meta.json").exists() {
            return Self::open(dir);
        }
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io(format!("creating index directory {}", dir.display()), e))?;
        let marker = serde_json::to_string_pretty(&Marker {
            schema_version: SCHEMA_VERSION,
            created_by: format!("dateline {}", env!("CARGO_PKG_VERSION")),
        })
        .unwrap_or_default();
        std::fs::write(dir.join(MARKER), marker + "\n")
            .map_err(|e| Error::io(format!("writing {}", dir.join(MARKER).display()), e))?;
        let index = Index::builder()
            .schema(schema::build())
            .settings(settings())
            .create_in_dir(dir)?;
        Self::wrap(index, dir)
    }

    fn wrap(index: Index, dir: &Path) -> Result<ArchiveIndex> {
        analysis::register(index.tokenizers());
        let fields = Fields::of(&index.schema()).map_err(|_| Error::SchemaVersion {
            path: dir.to_path_buf(),
            found: 0,
            expected: SCHEMA_VERSION,
        })?;
        Ok(ArchiveIndex {
            index,
            fields,
            dir: dir.to_path_buf(),
        })
    }

    /// A reader on the last commit (searches see only committed articles).
    pub fn reader(&self) -> Result<IndexReader> {
        Ok(self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?)
    }

    /// Takes the index's write lock and returns a writer.
    pub fn indexer(&self) -> Result<Indexer> {
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .clamp(1, 8);
        let writer: IndexWriter<TantivyDocument> = self
            .index
            .writer_with_num_threads(threads, WRITER_MEMORY)
            .map_err(|err| match err {
                tantivy::TantivyError::LockFailure(..) => Error::Locked {
                    path: self.dir.clone(),
                },
                other => Error::Index(other),
            })?;
        let searcher = self.reader()?.searcher();
        Ok(Indexer {
            writer,
            fields: self.fields,
            before: searcher,
            seen: HashSet::new(),
        })
    }
}

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

/// zstd level of the document store.
const DOCSTORE_ZSTD_LEVEL: i32 = 3;
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
pub struct Indexer {
    writer: IndexWriter<TantivyDocument>,
    fields: Fields,
    /// The index as it was when the indexer started, to tell new articles
    /// from replaced ones.
    before: Searcher,
    /// Keys of the articles added in this run (8 bytes each, to bound memory).
    seen: HashSet<u64>,
}

impl Indexer {
    /// Adds (or replaces) one article: its passages and the speakers of each.
    /// Returns whether an article with the same id already existed.
    pub fn add(
        &mut self,
        article: &Article,
        passages: &[Passage],
        speakers: &[Vec<String>],
    ) -> Result<bool> {
        let id_term = Term::from_field_text(self.fields.article_id, &article.id);
        let replaced =
            !self.seen.insert(schema::article_key(&article.id)) || self.existed(&id_term)?;
        let mut batch = Vec::with_capacity(passages.len() + 1);
        batch.push(UserOperation::Delete(id_term));
        for (i, passage) in passages.iter().enumerate() {
            let names = speakers.get(i).map(Vec::as_slice).unwrap_or(&[]);
            batch.push(UserOperation::Add(schema::document(
                &self.fields,
                article,
                passage,
                names,
            )));
        }
        self.writer.run(batch)?;
        Ok(replaced)
    }

    fn existed(&self, id_term: &Term) -> Result<bool> {
        let query = TermQuery::new(id_term.clone(), IndexRecordOption::Basic);
        Ok(self.before.search(&query, &Count)? > 0)
    }

    /// Makes everything added so far durable and visible, atomically.
    pub fn commit(&mut self) -> Result<()> {
        self.writer.commit()?;
        Ok(())
    }

    /// Discards everything added since the last commit.
    pub fn rollback(&mut self) -> Result<()> {
        self.writer.rollback()?;
        Ok(())
    }

    /// Waits for background segment merges to finish and releases the lock.
    pub fn finish(self) -> Result<()> {
        self.writer.wait_merging_threads()?;
        Ok(())
    }
}
