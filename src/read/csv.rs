//! CSV and TSV tables (`.csv`, `.tsv`): a header row naming the columns, then
//! one article per row. Columns are matched by the names JSON records use
//! (`title`, `body`/`text`/`content`, `date`, `source`/`publication`, ...), so
//! dataset and spreadsheet exports ingest without conversion; other columns
//! are ignored. A cell of `author` or `speaker` may list several names
//! separated by `;`. A table in UTF-16 (with its byte order mark) is read as
//! such; a cell that is not UTF-8 is read as windows-1252.

use std::cell::Cell;
use std::fmt;
use std::io::{self, BufRead, Read};
use std::rc::Rc;

use serde_json::Value;

use super::json::{self, Field, RawRecord};
use super::{MAX_RECORD_BYTES, Outcome, Problem, broken_stream};

/// Reads a table whose cells are separated by `delimiter` (`,` or tab).
pub(super) fn read(
    mut stream: Box<dyn BufRead>,
    path: &str,
    delimiter: u8,
    sink: &mut dyn FnMut(Outcome),
) {
    super::skip_bom(&mut *stream);
    let stream = super::utf8_stream(stream);
    let since = Rc::new(Cell::new(0));
    let quoting = Rc::new(Cell::new(Quoting::new(delimiter)));
    let bounded = Bounded {
        inner: stream,
        since: Rc::clone(&since),
        quoting: (delimiter != b'\t').then(|| Rc::clone(&quoting)),
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        // a row shorter than the header leaves its last columns empty
        .flexible(true)
        // rows end at \n: a \r before it is trimmed with the cell, and a blank \r\n line
        // stays a (blank) row, so that line numbers count as an editor does
        .terminator(csv::Terminator::Any(b'\n'))
        // a TSV cell holds no tab and no line break, and a quote mark is text
        .quoting(delimiter != b'\t')
        .from_reader(bounded);
    let columns: Vec<Option<(Field, usize)>> = match reader.byte_headers() {
        // a column name holds no line break: a quote opened in the header and
        // never closed took in the rows after it
        Ok(names) if names.iter().any(|name| name.contains(&b'\n')) => {
            let reason = "the header row runs over several lines (a quote opened in it is never \
                          closed?): no row is read";
            return sink(Err(Problem::new(path, Some(1), reason)));
        }
        Ok(names) => names
            .iter()
            .map(|name| json::lookup(super::utf8_or_1252(name).trim()))
            .collect(),
        Err(err) => return sink(Err(problem(path, &err))),
    };
    if columns.is_empty() {
        // no header row: the file holds nothing but blank lines
        return sink(Err(Problem::new(path, None, super::EMPTY_FILE)));
    }
    if !columns
        .iter()
        .flatten()
        .any(|(field, _)| matches!(field, Field::Body | Field::Title))
    {
        let names = json::keys_of(Field::Body).join(", ");
        let reason = format!("no column holds the text: the header row must name one of {names}");
        return sink(Err(Problem::new(path, Some(1), reason)));
    }
    let id_base = super::id_base(path);
    let mut row = csv::ByteRecord::new();
    // text that is not UTF-8 is read as windows-1252, and said once per file
    let mut warned = false;
    // each row's outcome waits for the next read: a quote the file never
    // closes makes the last row swallow every line after it, which only the
    // end of the file tells
    let mut last: Option<Held> = None;
    loop {
        since.set(0);
        // where the next row starts, for errors that do not say
        let start = usize::try_from(reader.position().line()).ok();
        let read = reader.read_byte_record(&mut row);
        if let Some(held) = last.take() {
            match (&read, quoting.get().open_at()) {
                (Ok(false), Some(opened)) => sink(unclosed(held, opened, path)),
                _ => sink(held.outcome),
            }
        }
        match read {
            Ok(false) => return,
            Ok(true)
                if row
                    .iter()
                    .all(|cell| super::utf8_or_1252(cell).trim().is_empty()) => {}
            Ok(true) => {
                let line = row_line(&row, reader.position().line());
                let mut outcome = article(&row, line, &columns, path, &id_base);
                if let Ok(record) = &mut outcome {
                    if !warned && row.iter().any(|cell| std::str::from_utf8(cell).is_err()) {
                        warned = true;
                        super::not_utf8(
                            record,
                            path,
                            line,
                            " (this row, and any others so written)",
                        );
                    }
                    extra_cells(record, &row, columns.len(), path, line);
                }
                last = Some(Held {
                    outcome,
                    line,
                    tail: tail_lines(&row),
                });
            }
            Err(err) => {
                let stop = matches!(err.kind(), csv::ErrorKind::Io(_));
                let mut problem = problem(path, &err);
                problem.at.line = problem.at.line.or(start);
                sink(Err(problem));
                if stop {
                    return;
                }
            }
        }
    }
}

/// A row read, waiting for the next read to tell whether the file ended
/// inside one of its quotes.
struct Held {
    outcome: Outcome,
    /// The line the row starts on.
    line: Option<usize>,
    /// Lines holding text after the first line of its last cell.
    tail: usize,
}

/// Lines holding something after the first line of the last cell of `row`:
/// what a quote opened in that cell and never closed took in.
fn tail_lines(row: &csv::ByteRecord) -> usize {
    let Some(cell) = row.iter().next_back() else {
        return 0;
    };
    if memchr::memchr(b'\n', cell).is_none() {
        return 0;
    }
    cell.split(|&b| b == b'\n')
        .skip(1)
        .filter(|line| !line.trim_ascii().is_empty())
        .count()
}

/// The outcome of a row the file ends inside of, its quote opened on line
/// `opened`: skipped when the quote took in lines with text (rows, most
/// likely), else kept with a warning.
fn unclosed(held: Held, opened: u64, path: &str) -> Outcome {
    let place = if held.line.and_then(|r| u64::try_from(r).ok()) == Some(opened) {
        "a quote opened on this line".to_string()
    } else {
        format!("the quote opened on line {opened}")
    };
    if held.tail == 0 {
        let mut record = held.outcome?;
        record.warn(
            path,
            held.line,
            format!("{place} is never closed (the file ends inside it)"),
        );
        return Ok(record);
    }
    let after = held.tail;
    let s = if after == 1 { "" } else { "s" };
    let reason = format!(
        "{place} is never closed: the row runs to the end of the file ({after} more line{s} \
         of text, not read as rows) and is skipped; close the quote, or double a quote mark \
         inside a quoted cell"
    );
    Err(Problem::new(path, held.line, reason))
}

/// Warns when a row has cells past the header's last column that are not
/// empty: they are not read, and a delimiter in a cell that should have been
/// quoted is the usual cause (the text then ends early).
fn extra_cells(
    record: &mut super::Record,
    row: &csv::ByteRecord,
    columns: usize,
    path: &str,
    line: Option<usize>,
) {
    let extra = row
        .iter()
        .skip(columns)
        .filter(|cell| !cell.trim_ascii().is_empty())
        .count();
    if extra == 0 {
        return;
    }
    let reason = format!(
        "{} cells where the header names {columns}: the last {} are not read (a delimiter \
         inside a cell that is not quoted?)",
        row.len(),
        row.len() - columns
    );
    record.warn(path, line, reason);
}

/// The line a row starts on. The reader stamps a row with where it stood before
/// it, ahead of any blank lines it passed over; where it stands after the row
/// (on the line past its end, unless the file ends without a line break) counts
/// back over the row's lines.
fn row_line(row: &csv::ByteRecord, after: u64) -> Option<usize> {
    let breaks: usize = row
        .iter()
        .map(|cell| cell.iter().filter(|&&b| b == b'\n').count())
        .sum();
    let from_end = after.saturating_sub(breaks as u64 + 1);
    let from_start = row.position().map_or(0, csv::Position::line);
    usize::try_from(from_start.max(from_end)).ok()
}

/// The article of one row, which starts on `line`.
fn article(
    row: &csv::ByteRecord,
    line: Option<usize>,
    columns: &[Option<(Field, usize)>],
    path: &str,
    id_base: &str,
) -> Outcome {
    let at = |reason: String| Problem::new(path, line, reason);
    if row.as_slice().len() > MAX_RECORD_BYTES {
        let reason = format!("record longer than {} MiB: skipped", MAX_RECORD_BYTES >> 20);
        return Err(at(reason));
    }
    let mut raw = RawRecord::default();
    for (cell, column) in row.iter().zip(columns) {
        let Some((field, rank)) = *column else {
            continue;
        };
        let cell = super::utf8_or_1252(cell);
        let cell = cell.trim();
        if cell.is_empty() {
            continue;
        }
        let value = match field {
            Field::Author | Field::Speakers => Value::Array(
                cell.split(';')
                    .map(|name| Value::String(name.trim().to_string()))
                    .collect(),
            ),
            _ => Value::String(cell.to_string()),
        };
        raw.set(field, rank, value);
    }
    let fallback = format!("{id_base}:{}", line.unwrap_or(0));
    raw.into_article(path, line, fallback)
}

/// A read error as a problem at its line.
fn problem(path: &str, err: &csv::Error) -> Problem {
    let line = err.position().and_then(|p| usize::try_from(p.line()).ok());
    let reason = match err.kind() {
        csv::ErrorKind::Io(io) if io.get_ref().is_some_and(|e| e.is::<TooLong>()) => format!(
            "record longer than {} MiB (an unclosed quote?): the rest of the file is skipped",
            MAX_RECORD_BYTES >> 20
        ),
        csv::ErrorKind::Io(io) => broken_stream(io),
        _ => "unreadable row: skipped".to_string(),
    };
    Problem::new(path, line, reason)
}

/// The input, failing once a record has taken more than [`MAX_RECORD_BYTES`]
/// (plus the reader's buffer) since the reader last reset `since`: a quoted
/// cell never closed would otherwise be read whole into memory.
struct Bounded<R> {
    inner: R,
    since: Rc<Cell<usize>>,
    /// Follows the quotes of every byte read (none for TSV, which has none).
    quoting: Option<Rc<Cell<Quoting>>>,
}

/// Where the bytes read so far leave the CSV reader's quoting: inside a
/// quoted cell or not, and on which line the quote opened. It follows the
/// reader's rules: a quote opens a cell only as its first byte, `""` inside
/// one is a quote mark, and rows end at `\n`.
#[derive(Debug, Clone, Copy)]
struct Quoting {
    delimiter: u8,
    state: QuoteState,
    /// The line being read, from 1.
    line: u64,
    /// The line of the last quote that opened a cell.
    opened: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum QuoteState {
    /// At the start of a cell.
    CellStart,
    /// In a cell that did not open with a quote.
    Plain,
    /// In a quoted cell.
    Quoted,
    /// Right after a quote mark inside a quoted cell: it closed the cell, or
    /// doubles with the next byte.
    QuoteInQuoted,
}

impl Quoting {
    fn new(delimiter: u8) -> Quoting {
        Quoting {
            delimiter,
            state: QuoteState::CellStart,
            line: 1,
            opened: 0,
        }
    }

    fn feed(&mut self, bytes: &[u8]) {
        use QuoteState::*;
        let mut rest = bytes;
        while !rest.is_empty() {
            if self.state == Quoted {
                // jump to the next quote mark, counting the line breaks passed
                let end = memchr::memchr(b'"', rest).unwrap_or(rest.len());
                self.line += memchr::memchr_iter(b'\n', &rest[..end]).count() as u64;
                rest = &rest[end..];
                if let Some((_, tail)) = rest.split_first() {
                    self.state = QuoteInQuoted;
                    rest = tail;
                }
                continue;
            }
            let (&b, tail) = rest.split_first().expect("not empty");
            rest = tail;
            if b == b'\n' {
                self.line += 1;
            }
            self.state = match (self.state, b) {
                (CellStart, b'"') => {
                    self.opened = self.line;
                    Quoted
                }
                (QuoteInQuoted, b'"') => Quoted,
                (_, b'\n') => CellStart,
                (_, b) if b == self.delimiter => CellStart,
                _ => Plain,
            };
        }
    }

    /// The line of the quote left open, if one is.
    fn open_at(&self) -> Option<u64> {
        (self.state == QuoteState::Quoted).then_some(self.opened)
    }
}

/// The error [`Bounded`] fails with.
#[derive(Debug)]
struct TooLong;

impl fmt::Display for TooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("record too long")
    }
}

impl std::error::Error for TooLong {}

/// Slack for what the CSV reader has buffered beyond the current record.
const READ_AHEAD: usize = 1 << 20;

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.since.get() > MAX_RECORD_BYTES + READ_AHEAD {
            return Err(io::Error::other(TooLong));
        }
        let n = self.inner.read(buf)?;
        self.since.set(self.since.get() + n);
        if let Some(quoting) = &self.quoting {
            let mut q = quoting.get();
            q.feed(&buf[..n]);
            quoting.set(q);
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use crate::read::{Format, Outcome, read_bytes};

    fn read(data: &str) -> Vec<Outcome> {
        read_bytes(Format::Csv, data.as_bytes(), "t.csv")
    }

    /// The warning of the `i`th outcome, which must be a record kept with one.
    fn warning(out: &[Outcome], i: usize) -> String {
        let record = out[i].as_ref().expect("kept");
        record.warning.as_ref().expect("warned").to_string()
    }

    #[test]
    fn columns_are_matched_by_the_json_field_names() {
        let data = "\u{feff}Id,Headline,publication,author,date,content,year\n\
            k-1,Ferry fares rise,Harbour Herald,Ann Lee; Bo Berg,2024-03-02,\"The ferry board \
            raised fares.\n\nCommuters protested.\",2024\n";
        let out = read(data);
        assert_eq!(out.len(), 1);
        let a = &out[0].as_ref().expect("a record").article;
        assert_eq!(a.id, "k-1");
        assert_eq!(a.title, "Ferry fares rise");
        assert_eq!(a.source, "Harbour Herald");
        assert_eq!(a.authors, ["Ann Lee", "Bo Berg"]);
        assert_eq!(
            a.date.map(|d| d.to_rfc3339()).as_deref(),
            Some("2024-03-02T00:00:00+00:00")
        );
        assert_eq!(
            a.body,
            "The ferry board raised fares.\n\nCommuters protested."
        );
    }

    #[test]
    fn a_bad_row_is_named_by_its_line_and_the_others_are_kept() {
        // the second article spans lines 3 and 4; the row on line 5 has no text
        let data = "title,text,source\nOne,First text.,\nTwo,\"Second\ntext.\",\n,,Herald\n\
            Four,Fourth text.,\n";
        let out = read(data);
        let titles: Vec<String> = out
            .iter()
            .filter_map(|o| o.as_ref().ok())
            .map(|r| r.article.title.clone())
            .collect();
        assert_eq!(titles, ["One", "Two", "Four"]);
        let problem = out[2].as_ref().expect_err("no text");
        assert_eq!(
            problem.to_string(),
            "t.csv:5: no title and no text (no body, text, content or other text key, and no title)"
        );
        let out = read("title,text\n,\nTwo,Fine text.\n");
        assert_eq!(out.len(), 1, "a blank row is no record");
        let out = read("title,text,date\nOne,Text.,someday\n");
        let warning = out[0]
            .as_ref()
            .expect("kept")
            .warning
            .as_ref()
            .expect("warned");
        assert_eq!(warning.at.line, Some(2));
    }

    #[test]
    fn a_quote_never_closed_skips_its_row_and_says_so() {
        // the quote opened on line 3 takes in lines 4 and 5: without the check,
        // two articles would vanish into the text of the second
        let data = "title,text\nOne,First text.\nTwo,\"Second text\nThree,Third text.\n\
                    Four,Fourth text.\n";
        let out = read(data);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].as_ref().expect("kept").article.title, "One");
        let problem = out[1].as_ref().expect_err("skipped");
        assert_eq!(
            problem.to_string(),
            "t.csv:3: a quote opened on this line is never closed: the row runs to the end of \
             the file (2 more lines of text, not read as rows) and is skipped; close the quote, \
             or double a quote mark inside a quoted cell"
        );
        // a quote left open on the last line took in nothing: the row is kept, with a warning
        for data in [
            "title,text\nOne,First.\nTwo,\"Second\n",
            "title,text\nOne,First.\nTwo,\"Second",
            "title,text\nOne,First.\nTwo,\"Second\n\n  \n",
        ] {
            let out = read(data);
            assert_eq!(out.len(), 2, "{data:?}");
            let kept = out[1].as_ref().expect("kept");
            assert_eq!(kept.article.body.trim(), "Second");
            assert_eq!(
                warning(&out, 1),
                "t.csv:3: a quote opened on this line is never closed (the file ends inside it)"
            );
        }
        // nor is a header whose quote runs to the end of the file
        let out = read("id,title,\"text\nk1,One,First.\nk2,Two,Second.\n");
        assert_eq!(out.len(), 1);
        let problem = out[0].as_ref().expect_err("refused").to_string();
        assert!(
            problem.starts_with("t.csv:1: the header row runs over several lines"),
            "{problem}"
        );
        // a row over two lines whose second line opens the quote
        let out = read("title,text,source\nTwo,\"Second\ntext.\",\"Herald\nThree,Third.,\n");
        let problem = out[0].as_ref().expect_err("skipped");
        assert!(
            problem
                .to_string()
                .starts_with("t.csv:2: the quote opened on line 3 is never closed"),
            "{problem}"
        );
    }

    #[test]
    fn quotes_that_close_or_sit_inside_a_cell_are_no_error() {
        for data in [
            // a quoted cell at the very end, no line break after it
            "title,text\nOne,\"First \"\"text\"\"\nover lines.\"",
            // a quote mark inside a cell that did not open with one is text
            "title,text\nOne,A 6\" wall.\nTwo,Second.\n",
            // text after a closing quote joins the cell
            "title,text\nOne,\"Quoted\" and more.\nTwo,Second.\n",
        ] {
            let out = read(data);
            assert!(out.iter().all(Result::is_ok), "{data:?}: {out:?}");
        }
        // a tab-separated table has no quoting at all
        let out = read_bytes(Format::Tsv, b"title\ttext\nOne\t\"Open quote.\n", "t.tsv");
        assert_eq!(out.len(), 1);
        assert!(out[0].is_ok());
    }

    #[test]
    fn quoting_is_followed_across_reads() {
        let data = b"a,\"b\nc\"\"d\",e\n\"f,g\nh";
        let mut whole = super::Quoting::new(b',');
        whole.feed(data);
        let mut bytewise = super::Quoting::new(b',');
        for b in data {
            bytewise.feed(std::slice::from_ref(b));
        }
        assert_eq!(whole.open_at(), Some(3));
        assert_eq!(bytewise.open_at(), Some(3));
        let mut closed = super::Quoting::new(b',');
        closed.feed(b"a,\"b\"\"\"\n");
        assert_eq!(closed.open_at(), None);
    }

    #[test]
    fn cells_past_the_header_are_warned_of() {
        let out = read("title,text\nOne,Text with, a comma.\nTwo,Fine text.,,\n");
        assert_eq!(
            warning(&out, 0),
            "t.csv:2: 3 cells where the header names 2: the last 1 are not read (a delimiter \
             inside a cell that is not quoted?)"
        );
        // empty cells after the last column say nothing
        assert!(out[1].as_ref().expect("kept").warning.is_none());
    }

    #[test]
    fn lines_count_as_an_editor_counts_them() {
        // CRLF line ends, blank lines, a cell over two lines, no line break at the end
        let data = "title,text,source\r\nOne,A.,\r\n\r\n,,Herald\r\n\n\nTwo,\"B\r\nb\",\r\n,,Post";
        let out = read(data);
        let lines: Vec<Option<usize>> = out
            .iter()
            .map(|o| match o {
                Ok(r) => r.article.id.rsplit(':').next().and_then(|l| l.parse().ok()),
                Err(p) => p.at.line,
            })
            .collect();
        assert_eq!(lines, [Some(2), Some(4), Some(7), Some(9)]);
        assert_eq!(out[0].as_ref().expect("kept").article.body, "A.");
        assert_eq!(out[2].as_ref().expect("kept").article.body, "B\r\nb");
    }

    fn bodies_of(out: &[Outcome]) -> Vec<String> {
        out.iter()
            .map(|o| o.as_ref().expect("kept").article.body.clone())
            .collect()
    }

    #[test]
    fn latin1_cells_are_read_with_one_warning_per_file() {
        let bytes = b"title,text\nPlain,Fine text.\nOne,caf\xe9 cr\xe8me\nTwo,na\xefve\n";
        let out = read_bytes(Format::Csv, bytes, "t.csv");
        let records: Vec<_> = out.iter().map(|o| o.as_ref().expect("kept")).collect();
        let bodies: Vec<_> = records.iter().map(|r| r.article.body.as_str()).collect();
        assert_eq!(bodies, ["Fine text.", "caf\u{e9} cr\u{e8}me", "na\u{ef}ve"]);
        let warnings: Vec<_> = records
            .iter()
            .map(|r| r.warning.as_ref().map(|w| w.to_string()))
            .collect();
        assert_eq!(
            warnings,
            [
                None,
                Some("t.csv:3: not UTF-8: read as windows-1252 (Latin-1) (this row, and any others so written)".to_string()),
                None
            ]
        );
        // a row of non-breaking spaces is blank, as before
        let out = read_bytes(
            Format::Csv,
            b"title,text\nOne,A.\n\xc2\xa0,\xc2\xa0\nTwo,B.\n",
            "t.csv",
        );
        assert_eq!(bodies_of(&out), ["A.", "B."]);
        // a header naming its columns in Latin-1 still names them
        let out = read_bytes(Format::Csv, b"title,t\xe9xt,body\nOne,A.,B.\n", "t.csv");
        assert_eq!(out[0].as_ref().expect("kept").article.body, "B.");
    }

    #[test]
    fn a_utf16_table_reads_as_its_byte_order_mark_says() {
        let text = "title\ttext\r\nCaf\u{e9}\tThe caf\u{e9} reopened.\r\nTwo\tSecond.\r\n";
        for (bom, unit) in [
            ([0xFF, 0xFE], u16::to_le_bytes as fn(u16) -> [u8; 2]),
            ([0xFE, 0xFF], u16::to_be_bytes),
        ] {
            let mut bytes = bom.to_vec();
            bytes.extend(text.encode_utf16().flat_map(unit));
            // half a character at the end is read as a replacement character
            let mut cut = bytes.clone();
            cut.push(0x41);
            assert_eq!(read_bytes(Format::Tsv, &cut, "t.tsv").len(), 3);
            let out = read_bytes(Format::Tsv, &bytes, "t.tsv");
            assert_eq!(bodies_of(&out), ["The caf\u{e9} reopened.", "Second."]);
            assert!(out.iter().all(|o| o.as_ref().unwrap().warning.is_none()));
            let ids: Vec<_> = out
                .iter()
                .map(|o| o.as_ref().unwrap().article.id.clone())
                .collect();
            assert!(ids[0].ends_with(":2") && ids[1].ends_with(":3"), "{ids:?}");
        }
    }

    #[test]
    fn a_table_without_a_text_column_is_refused_once() {
        let out = read("name,age\nAnn,40\nBo,50\n");
        assert_eq!(out.len(), 1);
        let problem = out[0].as_ref().expect_err("refused");
        assert!(
            problem.to_string().starts_with(
                "t.csv:1: no column holds the text: the header row must name one of body, text"
            ),
            "{problem}"
        );
    }

    #[test]
    fn an_endless_cell_stops_the_file_without_reading_it_all() {
        let mut data = b"title,text\nOne,Fine text.\nTwo,\"".to_vec();
        data.resize(data.len() + (40 << 20), b'x');
        let out = read_bytes(Format::Csv, &data, "t.csv");
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].as_ref().expect("kept").article.title, "One");
        let problem = out[1].as_ref().expect_err("too long");
        assert!(
            problem
                .to_string()
                .starts_with("t.csv:3: record longer than 16 MiB"),
            "{problem}"
        );
        // a long record that closes is skipped alone
        let mut data = b"title,text\nOne,\"".to_vec();
        data.resize(data.len() + (17 << 20), b'x');
        data.extend_from_slice(b"\"\nTwo,Fine text.\n");
        let out = read_bytes(Format::Csv, &data, "t.csv");
        assert!(out[0].is_err());
        assert_eq!(out[1].as_ref().expect("kept").article.title, "Two");
    }

    #[test]
    fn tabs_separate_the_cells_of_a_tsv() {
        let out = read_bytes(
            Format::Tsv,
            b"title\tbody\nOne\tA text, with a comma.\n",
            "t.tsv",
        );
        let a = &out[0].as_ref().expect("a record").article;
        assert_eq!(
            (a.title.as_str(), a.body.as_str()),
            ("One", "A text, with a comma.")
        );
        assert_eq!(a.id.rsplit(':').next(), Some("2"), "{}", a.id);
        // quote marks are text: an odd one does not swallow the rows after it
        let data = "title\tbody\nOne\t\"We will not yield,\" he said.\nTwo\t\"Hello, she said.\nThree\tThird.\n";
        let bodies: Vec<String> = read_bytes(Format::Tsv, data.as_bytes(), "t.tsv")
            .into_iter()
            .map(|o| o.expect("a record").article.body)
            .collect();
        assert_eq!(
            bodies,
            [
                "\"We will not yield,\" he said.",
                "\"Hello, she said.",
                "Third."
            ]
        );
    }
}
