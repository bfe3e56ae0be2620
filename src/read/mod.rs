//! Reading the archive: paths → input files → [`Article`]s.
//!
//! A path is a file, a directory (walked recursively in byte order of the
//! names, hidden entries skipped) or `-` for NDJSON on standard input. The
//! format is chosen by extension, optionally followed by `.gz`. Readers never
//! stop at a bad record: each one becomes a [`Problem`] naming the file, the line
//! and the reason, and reading carries on.

mod csv;
mod html;
mod json;
mod text;

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::article::Article;

pub use json::RawRecord;

/// Largest record (one NDJSON line, one `.txt` article) read, in bytes. Real
/// articles are far smaller; anything larger is a broken or hostile file.
pub const MAX_RECORD_BYTES: usize = 16 << 20;

/// The formats dateline reads, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.txt`: one plain-text article.
    Text,
    /// `.json`: one object or an array of objects.
    Json,
    /// `.ndjson`, `.jsonl`: one object per line.
    Ndjson,
    /// `.csv`: a header row, then one article per row.
    Csv,
    /// `.tsv`: as `.csv`, with tabs between the cells.
    Tsv,
    /// `.html`, `.htm`: one article per page.
    Html,
}

/// Extensions listed in error messages.
pub const SUPPORTED: &str =
    ".txt, .json, .ndjson, .jsonl, .csv, .tsv, .html, .htm (each optionally .gz)";

impl Format {
    /// The format for a file name, and whether it is gzip-compressed.
    pub fn of(path: &Path) -> Option<(Format, bool)> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let (name, gz) = match name.strip_suffix(".gz") {
            Some(inner) => (inner.to_string(), true),
            None => (name, false),
        };
        let ext = name.rsplit_once('.')?.1;
        let format = match ext {
            "txt" => Format::Text,
            "json" => Format::Json,
            "ndjson" | "jsonl" => Format::Ndjson,
            "csv" => Format::Csv,
            "tsv" => Format::Tsv,
            "html" | "htm" => Format::Html,
            _ => return None,
        };
        Some((format, gz))
    }
}

/// Where a record or a problem comes from: a file and, where known, a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: String,
    pub line: Option<usize>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}", self.path, line),
            None => write!(f, "{}", self.path),
        }
    }
}

/// Something wrong with the input, reported as one line: `file:line: reason`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub at: Location,
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.reason)
    }
}

impl Problem {
    pub fn new(path: &str, line: Option<usize>, reason: impl Into<String>) -> Problem {
        Problem {
            at: Location {
                path: path.to_string(),
                line,
            },
            reason: reason.into(),
        }
    }
}

/// A readable article, possibly with a warning about part of it (an
/// unparseable date: the article is kept, undated).
#[derive(Debug, Clone)]
pub struct Record {
    pub article: Article,
    pub warning: Option<Problem>,
}

impl Record {
    /// Adds a warning at `line` of `path`, after any the record has (one line, `; `-joined).
    pub(crate) fn warn(&mut self, path: &str, line: Option<usize>, reason: String) {
        let reason = match self.warning.take() {
            Some(other) => format!("{}; {reason}", other.reason),
            None => reason,
        };
        self.warning = Some(Problem::new(path, line, reason));
    }
}

/// What a reader hands on for each record it reads.
pub type Outcome = Result<Record, Problem>;

/// One input to read: a file or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The path as the user wrote it (or found by walking), for messages.
    pub path: PathBuf,
    pub format: Format,
    pub gzip: bool,
    /// File size in bytes (0 for standard input), for progress.
    pub bytes: u64,
}

impl Input {
    pub fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }

    /// The name used in messages and stored as the article's path.
    pub fn display(&self) -> String {
        if self.is_stdin() {
            STDIN.to_string()
        } else {
            self.path.display().to_string()
        }
    }
}

/// Why a file of no bytes (or, read as text, NDJSON or CSV, of nothing but white
/// space) holds no article.
pub(crate) const EMPTY_FILE: &str = "empty file";

/// How standard input is named in messages and stored paths.
pub const STDIN: &str = "<stdin>";

/// The inputs found under `paths`, and what was skipped or unreadable.
#[derive(Debug, Default)]
pub struct Discovery {
    pub inputs: Vec<Input>,
    /// Paths that cannot be read at all (missing, unsupported extension given
    /// explicitly, unreadable directory).
    pub errors: Vec<Problem>,
    /// Files met while walking a directory whose extension is not supported.
    pub skipped: Vec<Problem>,
    /// Entries met while walking that were passed over for another reason (a
    /// broken symbolic link, a link back to a directory already read).
    pub warnings: Vec<Problem>,
}

/// Expands `paths` into inputs: files as given, directories walked in a
/// stable order, `-` as NDJSON on standard input.
pub fn discover(paths: &[PathBuf]) -> Discovery {
    let mut found = Discovery::default();
    // directories and files read so far, by their real path: a symbolic link
    // to one of them (or to a parent: a loop), or a file named twice, is not
    // read again
    let mut seen = std::collections::HashSet::new();
    for path in paths {
        if path.as_os_str() == "-" {
            found.inputs.push(Input {
                path: path.clone(),
                format: Format::Ndjson,
                gzip: false,
                bytes: 0,
            });
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() && is_index(path) => found.errors.push(Problem::new(
                &path.display().to_string(),
                None,
                "a dateline index, not articles: give the folders of the articles".to_string(),
            )),
            Ok(meta) if meta.is_dir() => walk(path, &mut found, &mut seen),
            Ok(meta) => match Format::of(path) {
                Some(_) if read_before(path, &mut found, &mut seen) => {}
                Some((format, gzip)) => found.inputs.push(Input {
                    path: path.clone(),
                    format,
                    gzip,
                    bytes: meta.len(),
                }),
                None => found.errors.push(unsupported(path)),
            },
            Err(err) => found.errors.push(Problem::new(
                &path.display().to_string(),
                None,
                io_reason(&err),
            )),
        }
    }
    found
}

/// Whether the file at `path` was already taken as an input (by its real
/// path: `a.txt`, `./a.txt` and a symbolic link to it are one file); if so,
/// a warning says so, since reading it again would count its records twice.
fn read_before(
    path: &Path,
    found: &mut Discovery,
    seen: &mut std::collections::HashSet<PathBuf>,
) -> bool {
    let Ok(real) = std::fs::canonicalize(path) else {
        return false;
    };
    if seen.contains(&real) {
        let reason = format!("already read as {}: skipped", real.display());
        found
            .warnings
            .push(Problem::new(&path.display().to_string(), None, reason));
        return true;
    }
    seen.insert(real);
    false
}

fn unsupported(path: &Path) -> Problem {
    Problem::new(
        &path.display().to_string(),
        None,
        format!("unsupported file type (supported: {SUPPORTED})"),
    )
}

fn walk(dir: &Path, found: &mut Discovery, seen: &mut std::collections::HashSet<PathBuf>) {
    if let Ok(real) = std::fs::canonicalize(dir)
        && !seen.insert(real.clone())
    {
        let reason = format!(
            "directory already read as {} (a symbolic link): skipped",
            real.display()
        );
        found
            .warnings
            .push(Problem::new(&dir.display().to_string(), None, reason));
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            let at = dir.display().to_string();
            found.errors.push(Problem::new(&at, None, io_reason(&err)));
            return;
        }
    };
    let mut children: Vec<_> = entries.filter_map(Result::ok).collect();
    children.sort_by_key(|e| e.file_name());
    for entry in children {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let meta = match std::fs::metadata(&path) {
            Ok(meta) => meta,
            Err(err) => {
                let at = path.display().to_string();
                let broken = entry.file_type().is_ok_and(|t| t.is_symlink())
                    && err.kind() == io::ErrorKind::NotFound;
                let reason = if broken {
                    "broken symbolic link: skipped".to_string()
                } else {
                    format!("{}: skipped", io_reason(&err))
                };
                found.warnings.push(Problem::new(&at, None, reason));
                continue;
            }
        };
        if meta.is_dir() {
            // an index inside the archive (`dateline ingest .` with ./index) holds no articles
            if !is_index(&path) {
                walk(&path, found, seen);
            }
        } else if !meta.is_file() {
            // a named pipe or a device met while walking would block or never end (named
            // on the command line, one is read: `<(zcat feed.gz)` is a pipe)
            let at = path.display().to_string();
            let reason = "not a regular file (a pipe, socket or device): skipped";
            found.warnings.push(Problem::new(&at, None, reason));
        } else if let Some((format, gzip)) = Format::of(&path) {
            // a file reached again (a symbolic link, or named twice) is read once
            if read_before(&path, found, seen) {
                continue;
            }
            found.inputs.push(Input {
                path,
                format,
                gzip,
                bytes: meta.len(),
            });
        } else {
            found.skipped.push(unsupported(&path));
        }
    }
}

/// Whether the directory `dir` is a dateline index.
fn is_index(dir: &Path) -> bool {
    dir.join(crate::index::MARKER).is_file()
}

/// A short reason for an I/O error, without Rust's debug noise.
pub fn io_reason(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let text = err.to_string();
            match text.find(" (os error") {
                Some(cut) => text[..cut].to_string(),
                None => text,
            }
        }
    }
}

/// The identity of records that have neither an id nor a URL: the file's
/// absolute path (so that re-ingesting from another directory finds them).
pub(crate) fn id_base(path: &str) -> String {
    std::fs::canonicalize(path)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| path.to_string())
}

/// Words that name no one: metadata "speakers" such as `he` or `the campaign`.
const NOT_SPEAKERS: &[&str] = &[
    "he", "she", "they", "it", "we", "i", "you", "who", "him", "her", "them", "his", "one",
];

/// Tidies what every reader produced: finds the dateline (and the agency, as
/// the source) in the text when the record gave none, drops "By " from bylines
/// and a byline repeated in another spelling, keeps only real names as speakers.
pub(crate) fn finish(article: &mut Article) {
    if let Some(found) = crate::place::detect(&article.body) {
        if article.dateline.is_empty() {
            article.dateline = found.place;
        }
        if article.source.is_empty()
            && let Some(agency) = found.agency
        {
            article.source = agency;
        }
    }
    for author in &mut article.authors {
        let stripped = ["By ", "by ", "BY "]
            .iter()
            .find_map(|p| author.strip_prefix(p));
        if let Some(rest) = stripped {
            *author = rest.trim().to_string();
        }
    }
    // one name under two spellings ("Ann Lee", "ANN LEE") is one author, one speaker
    let key = |name: &str| {
        let key = crate::analysis::fold_key(name);
        // a name of no words (punctuation) is only itself, as facets count it
        if key.is_empty() {
            name.to_string()
        } else {
            key
        }
    };
    let mut keys = std::collections::HashSet::new();
    article.authors.retain(|a| keys.insert(key(a)));
    let mut seen = std::collections::HashSet::new();
    article.speakers.retain(|s| {
        let s = s.trim();
        s.chars().any(char::is_uppercase)
            && !NOT_SPEAKERS.contains(&s.to_lowercase().as_str())
            && seen.insert(key(s))
    });
}

/// Counts the bytes read from the underlying file, for progress.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Opens an input as a buffered byte stream (decompressing `.gz`).
fn open(input: &Input, progress: &Arc<AtomicU64>) -> io::Result<Box<dyn BufRead>> {
    let raw: Box<dyn Read> = if input.is_stdin() {
        Box::new(io::stdin())
    } else {
        Box::new(File::open(&input.path)?)
    };
    let counted = Counting {
        inner: raw,
        count: Arc::clone(progress),
    };
    Ok(if input.gzip {
        Box::new(BufReader::with_capacity(
            1 << 16,
            Sticky::new(flate2::read::MultiGzDecoder::new(BufReader::new(counted))),
        ))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, counted))
    })
}

/// A reader that, once a read fails, fails every later read the same way. A
/// gzip decoder reports a bad header once and then reads as empty, so a peek
/// at the first bytes (for a byte order mark) would swallow the error and the
/// file would read as empty, with no word of why.
struct Sticky<R> {
    inner: R,
    failed: Option<(io::ErrorKind, String)>,
}

impl<R> Sticky<R> {
    fn new(inner: R) -> Self {
        Sticky {
            inner,
            failed: None,
        }
    }
}

impl<R: Read> Read for Sticky<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some((kind, message)) = &self.failed {
            return Err(io::Error::new(*kind, message.clone()));
        }
        match self.inner.read(buf) {
            Err(err) if err.kind() != io::ErrorKind::Interrupted => {
                self.failed = Some((err.kind(), err.to_string()));
                Err(err)
            }
            other => other,
        }
    }
}

/// Reads every record of `input`, handing each to `sink` as it is read.
/// `progress` counts the (compressed) bytes consumed.
pub fn read(input: &Input, progress: &Arc<AtomicU64>, sink: &mut dyn FnMut(Outcome)) {
    let name = input.display();
    let stream = match open(input, progress) {
        Ok(stream) => stream,
        Err(err) => return sink(Err(Problem::new(&name, None, io_reason(&err)))),
    };
    dispatch(input.format, stream, &name, sink);
}

fn dispatch(
    format: Format,
    mut stream: Box<dyn BufRead>,
    name: &str,
    sink: &mut dyn FnMut(Outcome),
) {
    // a file of no bytes is reported alike in every format (a read error is
    // left for the reader to report)
    if stream.fill_buf().is_ok_and(|buf| buf.is_empty()) {
        return sink(Err(Problem::new(name, None, EMPTY_FILE)));
    }
    match format {
        Format::Text => text::read(stream, name, sink),
        Format::Json => json::read_json(stream, name, sink),
        Format::Ndjson => json::read_ndjson(stream, name, sink),
        Format::Csv => csv::read(stream, name, b',', sink),
        Format::Tsv => csv::read(stream, name, b'\t', sink),
        Format::Html => html::read(stream, name, sink),
    }
}

/// Reads records from bytes in memory, as if they were a file of `format`
/// named `name` (for tests and for callers that already hold the data).
pub fn read_bytes(format: Format, bytes: &[u8], name: &str) -> Vec<Outcome> {
    let stream: Box<dyn BufRead> = Box::new(io::Cursor::new(bytes.to_vec()));
    let mut out = Vec::new();
    dispatch(format, stream, name, &mut |outcome| out.push(outcome));
    out
}

/// Skips a UTF-8 byte order mark at the start of a stream (files saved by
/// Windows tools begin with one; JSON parsers reject it). A read error is
/// left for the reader to report.
fn skip_bom(stream: &mut dyn BufRead) {
    if let Ok(buf) = stream.fill_buf()
        && buf.starts_with(b"\xEF\xBB\xBF")
    {
        stream.consume(3);
    }
}

/// Reads at most `limit` bytes of a line (without its `\n`) into `buf`.
/// Returns `Ok(None)` at the end of input, `Ok(Some(true))` when the line was
/// longer than `limit` (the rest of it is skipped).
pub(crate) fn read_line_limited(
    stream: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    limit: usize,
) -> io::Result<Option<bool>> {
    buf.clear();
    let mut too_long = false;
    let mut any = false;
    loop {
        let chunk = match stream.fill_buf() {
            Ok(chunk) => chunk,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if chunk.is_empty() {
            return Ok(any.then_some(too_long));
        }
        any = true;
        let (piece, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (&chunk[..i], Some(i + 1)),
            None => (chunk, None),
        };
        if !too_long {
            if buf.len() + piece.len() > limit {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(piece);
            }
        }
        let used = done.unwrap_or(chunk.len());
        stream.consume(used);
        if done.is_some() {
            return Ok(Some(too_long));
        }
    }
}

/// The reason given when a stream breaks off part-way (truncated gzip, I/O).
pub(crate) fn broken_stream(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::UnexpectedEof => "truncated file (unexpected end of data)".to_string(),
        io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData => {
            format!("corrupt compressed data ({})", io_reason(err))
        }
        _ => format!("read error: {}", io_reason(err)),
    }
}

/// Text in what is most likely its encoding: UTF-8 when it is valid UTF-8;
/// UTF-16 when a byte order mark says so; otherwise windows-1252, the
/// encoding of most older English-language text that is not UTF-8 (it reads
/// ISO 8859-1 too), with the byte where UTF-8 failed, for a warning: that
/// last reading is a guess.
pub(crate) fn decode_text(bytes: &[u8]) -> (std::borrow::Cow<'_, str>, Option<usize>) {
    let mut skipped = 0;
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = bytes.get(bom..).unwrap_or_default();
        if encoding != encoding_rs::UTF_8 {
            return (encoding.decode_without_bom_handling(body).0, None);
        }
        // a UTF-8 mark is no part of the text, whatever the rest turns out to be
        skipped = bom;
    }
    let body = bytes.get(skipped..).unwrap_or_default();
    match std::str::from_utf8(body) {
        Ok(text) => (std::borrow::Cow::Borrowed(text), None),
        Err(err) => (utf8_or_1252(body), Some(skipped + err.valid_up_to())),
    }
}

/// Bytes as UTF-8 where they are, and as windows-1252 where they are not: a
/// file that mixes the two (lines pasted from two sources, an archive of
/// both) keeps its UTF-8 text as it is.
pub(crate) fn utf8_or_1252(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(chunk.invalid());
        out.push_str(&text);
    }
    std::borrow::Cow::Owned(out)
}

/// The warning for text read as windows-1252 (see [`decode_text`]), at
/// `line`, with `more` said after it, and in front of the record's own
/// warning: the guess may be why the rest (a date) reads oddly.
pub(crate) fn not_utf8(record: &mut Record, path: &str, line: Option<usize>, more: &str) {
    let mut reason = format!("not UTF-8: read as windows-1252 (Latin-1){more}");
    if let Some(other) = record.warning.take() {
        reason = format!("{reason}; {}", other.reason);
    }
    record.warning = Some(Problem::new(path, line, reason));
}

/// A UTF-16 stream (one that starts with its byte order mark), as UTF-8;
/// any other stream as it is. Tables saved by spreadsheets as "Unicode
/// text" are UTF-16.
pub(crate) fn utf8_stream(mut stream: Box<dyn BufRead>) -> Box<dyn BufRead> {
    // a pipe may hand over its first bytes one at a time: a mark needs up to three
    if stream
        .fill_buf()
        .is_ok_and(|head| !head.is_empty() && head.len() < 3)
    {
        let mut head = Vec::with_capacity(3);
        while head.len() < 3 {
            let Ok(buf) = stream.fill_buf() else { break };
            let take = buf.len().min(3 - head.len());
            if take == 0 {
                break;
            }
            head.extend_from_slice(&buf[..take]);
            stream.consume(take);
        }
        // the first read of the chain gives the head whole, mark and all
        stream = Box::new(BufReader::with_capacity(
            1 << 16,
            io::Cursor::new(head).chain(stream),
        ));
    }
    let bom = match stream.fill_buf() {
        Ok(head) => encoding_rs::Encoding::for_bom(head),
        Err(_) => None,
    };
    match bom {
        Some((encoding, len)) if encoding != encoding_rs::UTF_8 => {
            stream.consume(len);
            Box::new(BufReader::new(Transcoded {
                inner: stream,
                decoder: encoding.new_decoder_without_bom_handling(),
                out: Vec::new(),
                at: 0,
                done: false,
            }))
        }
        _ => stream,
    }
}

/// Reads a stream of another encoding as UTF-8 (see [`utf8_stream`]).
struct Transcoded {
    inner: Box<dyn BufRead>,
    decoder: encoding_rs::Decoder,
    out: Vec<u8>,
    at: usize,
    /// The input has ended and the decoder has given its last output.
    done: bool,
}

impl Read for Transcoded {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at == self.out.len() {
            if self.done {
                return Ok(0);
            }
            let input = self.inner.fill_buf()?;
            let last = input.is_empty();
            let room = self
                .decoder
                .max_utf8_buffer_length(input.len())
                .unwrap_or(4 * input.len() + 16);
            self.out.resize(room.max(16), 0);
            // with room for all of it, the decoder takes the whole input
            let (_, read, written, _) = self.decoder.decode_to_utf8(input, &mut self.out, last);
            self.inner.consume(read);
            self.out.truncate(written);
            self.at = 0;
            self.done = last;
        }
        let n = buf.len().min(self.out.len() - self.at);
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stream that hands over one byte per read, as a slow pipe may.
    struct OneByte(Vec<u8>, usize);

    impl Read for OneByte {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            match (self.0.get(self.1), buf.first_mut()) {
                (Some(&b), Some(slot)) => {
                    *slot = b;
                    self.1 += 1;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    #[test]
    fn a_mark_that_arrives_a_byte_at_a_time_is_still_read() {
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("Öl, 1".encode_utf16().flat_map(u16::to_le_bytes));
        let stream: Box<dyn BufRead> = Box::new(BufReader::new(OneByte(utf16, 0)));
        let mut text = String::new();
        utf8_stream(stream).read_to_string(&mut text).unwrap();
        assert_eq!(text, "Öl, 1");
        // anything else passes through untouched
        let stream: Box<dyn BufRead> = Box::new(BufReader::new(OneByte(b"ab".to_vec(), 0)));
        let mut text = String::new();
        utf8_stream(stream).read_to_string(&mut text).unwrap();
        assert_eq!(text, "ab");
    }

    #[test]
    fn mixed_utf8_and_windows_1252_keeps_the_utf8() {
        assert_eq!(utf8_or_1252(b"Z\xc3\xbcrich \x93deal\x94"), "Zürich “deal”");
        assert_eq!(utf8_or_1252(b"caf\xe9"), "café");
        assert_eq!(decode_text(b"Z\xc3\xbcrich caf\xe9").0, "Zürich café");
    }

    #[test]
    fn formats_follow_the_extension() {
        let of = |p: &str| Format::of(Path::new(p));
        assert_eq!(of("a/b.txt"), Some((Format::Text, false)));
        assert_eq!(of("b.JSON"), Some((Format::Json, false)));
        assert_eq!(of("b.jsonl"), Some((Format::Ndjson, false)));
        assert_eq!(of("b.ndjson.gz"), Some((Format::Ndjson, true)));
        assert_eq!(of("b.txt.gz"), Some((Format::Text, true)));
        assert_eq!(of("b.csv"), Some((Format::Csv, false)));
        assert_eq!(of("b.TSV.gz"), Some((Format::Tsv, true)));
        assert_eq!(of("b.xml"), None);
        assert_eq!(of("page.HTM"), Some((Format::Html, false)));
        assert_eq!(of("b.gz"), None);
        assert_eq!(of("README"), None);
    }

    #[test]
    fn long_lines_are_cut_and_flagged_but_the_next_line_is_intact() {
        let data = b"short\nxxxxxxxxxxxxxxxxxxxx\nnext";
        let mut stream: &[u8] = data;
        let mut buf = Vec::new();
        assert_eq!(
            read_line_limited(&mut stream, &mut buf, 10).unwrap(),
            Some(false)
        );
        assert_eq!(buf, b"short");
        assert_eq!(
            read_line_limited(&mut stream, &mut buf, 10).unwrap(),
            Some(true)
        );
        assert_eq!(
            read_line_limited(&mut stream, &mut buf, 10).unwrap(),
            Some(false)
        );
        assert_eq!(buf, b"next");
        assert_eq!(read_line_limited(&mut stream, &mut buf, 10).unwrap(), None);
    }

    #[test]
    fn an_empty_file_is_one_problem_in_every_format() {
        let formats = [
            Format::Text,
            Format::Json,
            Format::Ndjson,
            Format::Csv,
            Format::Tsv,
            Format::Html,
        ];
        for format in formats {
            let out = read_bytes(format, b"", "e");
            assert_eq!(out.len(), 1, "{format:?}");
            let problem = out[0].as_ref().expect_err("refused");
            assert_eq!(problem.to_string(), "e: empty file", "{format:?}");
        }
        // blank lines hold no record either
        let blank: [(Format, &[u8]); 3] = [
            (Format::Text, b"\n  \n\n"),
            (Format::Ndjson, b"\n  \n\n"),
            (Format::Csv, b"\n\n"),
        ];
        for (format, bytes) in blank {
            let out = read_bytes(format, bytes, "b");
            let problem = out[0].as_ref().expect_err("refused");
            assert_eq!(problem.to_string(), "b: empty file", "{format:?}");
        }
        // but a response holding no articles, or a table of no rows, is no problem
        assert!(read_bytes(Format::Ndjson, b"\n{\"articles\": []}\n", "r").is_empty());
        assert!(read_bytes(Format::Json, b"[]", "r").is_empty());
        assert!(read_bytes(Format::Csv, b"title,body\n", "r").is_empty());
    }

    #[test]
    fn problems_read_as_file_line_reason() {
        let p = Problem::new("a.ndjson", Some(12), "invalid JSON");
        assert_eq!(p.to_string(), "a.ndjson:12: invalid JSON");
        let p = Problem::new("a.txt", None, "empty file");
        assert_eq!(p.to_string(), "a.txt: empty file");
    }
}
