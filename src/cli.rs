//! The command line: clap's types, and their conversion into the library's
//! plain request structs. Nothing below this module knows about clap.

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, bail};
use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

use dateline::date::{self, Side};
use dateline::facets::FacetField;
use dateline::ingest::IngestRequest;
use dateline::render::{Format, Style};
use dateline::search::{SearchRequest, Sort};
use dateline::timeline::Interval;

const EXAMPLES: &str = "\
Examples:
  dateline ingest sample/                       read a folder of articles into ./index
  dateline search '\"borders closed\"' --from 2024-01
  dateline search 'ceasefire OR truce' --source reuters --json | jq .title
  dateline timeline '\"borders closed\"' ceasefire --by month --svg coverage.svg
  dateline show reuters-1987-0412 --query '\"borders closed\"'   a whole article, matches marked
  dateline speakers '\"borders closed\"'
  dateline facets strike --field source
  dateline search strike --index a/ --index b/  two indexes (shards) searched as one
  dateline stats";

/// Full-text search for news archives: who said what, and when.
#[derive(Debug, Parser)]
#[command(name = "dateline", version, after_help = EXAMPLES)]
pub struct Cli {
    /// Index directory [default: ./index]; given again, the indexes are
    /// searched as the shards of one archive
    #[arg(long, global = true, env = "DATELINE_INDEX", value_name = "DIR", action = ArgAction::Append)]
    pub index: Vec<PathBuf>,

    /// When to colour human output
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles into the index (upsert: re-ingesting replaces, never duplicates)
    Ingest(IngestArgs),
    /// Search: ranked passages with the matches highlighted
    Search(SearchArgs),
    /// Show whole articles by id (as search prints it), every passage in order
    Show(ShowArgs),
    /// Coverage over time: matching articles per day, week, month or year
    Timeline(TimelineArgs),
    /// The most frequent sources, speakers, places or authors among the matches
    Facets(FacetsArgs),
    /// Show how articles are read (passages, speakers, quotes), without indexing
    Analyze(AnalyzeArgs),
    /// The people most quoted on a subject
    Speakers(SpeakersArgs),
    /// Show what the index holds
    Stats(StatsArgs),
    /// Remove articles from the index by id (as search and show print it)
    Delete(DeleteArgs),
    /// Merge the index into one segment, for faster searches
    Compact,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files (.txt .json .ndjson .jsonl .csv .tsv .html, optionally .gz), directories, or - for NDJSON on stdin
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Commit nothing if any record is rejected or comes with a warning (an unreadable date, ...)
    #[arg(long)]
    pub strict: bool,

    /// No progress bar and no summary (problems are still reported)
    #[arg(long, short)]
    pub quiet: bool,

    /// Seconds between intermediate commits of a long ingest
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub commit_every: u64,

    /// Do not look for who is quoted in the text (faster; speakers named in
    /// the records' metadata are still indexed)
    #[arg(long)]
    pub no_speakers: bool,

    /// Do not merge the index into one segment after a bulk ingest (faster
    /// ingest, slower searches; `dateline compact` merges later)
    #[arg(long)]
    pub no_merge: bool,

    /// Index writer buffer in MB (the heap peaks at about three times this)
    #[arg(long, value_name = "MB", default_value_t = (dateline::index::WRITER_MEMORY >> 20) as u32,
          value_parser = clap::value_parser!(u32).range(30..=32_000))]
    pub memory: u32,
}

/// Filters shared by every command that reads the index.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Only articles dated on or after this (2025, 2025-06, 2025-06-23 or RFC 3339)
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,

    /// Only articles dated on or before this (inclusive: --to 2025-06 is through June 30)
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,

    /// Only this source (repeat for several)
    #[arg(long, value_name = "NAME")]
    pub source: Vec<String>,

    /// Only passages where this person is quoted or reported (repeat for several)
    #[arg(long, value_name = "NAME")]
    pub speaker: Vec<String>,

    /// Match the query's words only inside quoted speech
    #[arg(long)]
    pub quoted: bool,
}

/// Machine-readable output formats.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// JSON Lines: one object per line
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,

    /// CSV with a header row
    #[arg(long)]
    pub csv: bool,
}

impl OutputArgs {
    pub fn format(&self) -> Format {
        if self.json {
            Format::Json
        } else if self.csv {
            Format::Csv
        } else {
            Format::Human
        }
    }
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words, "phrases", OR, NOT, fields (title: source: speaker: ...), prefix*, fuzzy~, date:[A TO B]
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Order of results
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,

    /// Number of articles to show
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N")]
    pub limit: usize,

    /// Number of articles to skip (for paging)
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: usize,

    /// Passages shown per article
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub per_article: usize,

    /// Print only the numbers of matching passages and articles
    #[arg(long)]
    pub count: bool,

    /// Show copies and near-copies of a story as separate hits
    #[arg(long)]
    pub no_collapse: bool,

    /// Similarity (Jaccard of word triples, 0 to 1) from which two articles are copies
    #[arg(long, value_name = "J", default_value_t = dateline::fingerprint::NEAR_DUPLICATE)]
    pub collapse_threshold: f64,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// Bucket sizes of a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// One or more queries, each its own column (quote each: '"borders closed"' ceasefire)
    #[arg(required = true, value_name = "QUERY")]
    pub queries: Vec<String>,

    /// Bucket size (ISO weeks start on Monday; UTC) [default: by the length of the range]
    #[arg(long, value_enum)]
    pub by: Option<ByArg>,

    /// Chart the share of all articles in each bucket instead of the count
    #[arg(long)]
    pub share: bool,

    /// Also write an SVG line chart to this file
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,

    #[command(flatten)]
    pub filters: FilterArgs,

    #[command(flatten)]
    pub output: OutputArgs,
}

impl ByArg {
    pub fn interval(self) -> Interval {
        match self {
            ByArg::Day => Interval::Day,
            ByArg::Week => Interval::Week,
            ByArg::Month => Interval::Month,
            ByArg::Year => Interval::Year,
        }
    }
}

/// The fields `facets` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FieldArg {
    Source,
    Speaker,
    Dateline,
    Author,
}

#[derive(Debug, Args)]
pub struct FacetsArgs {
    /// The query (optional: every passage when absent)
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// The field whose values are counted
    #[arg(long, value_enum, default_value_t = FieldArg::Source)]
    pub field: FieldArg,

    /// Number of values to show
    #[arg(short = 'n', long, visible_alias = "limit", default_value_t = 20, value_name = "N", value_parser = at_least_one)]
    pub top: usize,

    #[command(flatten)]
    pub filters: FilterArgs,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct SpeakersArgs {
    /// The subject (optional: everyone quoted in the archive when absent)
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// Number of people to show
    #[arg(short = 'n', long, visible_alias = "limit", default_value_t = 20, value_name = "N", value_parser = at_least_one)]
    pub top: usize,

    #[command(flatten)]
    pub filters: FilterArgs,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    Relevance,
    Newest,
    Oldest,
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Files, directories, or - for NDJSON on stdin
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// One JSON object per article per line (byte offsets into the body)
    #[arg(long)]
    pub json: bool,

    /// Ignore speakers named in the records' metadata (to measure what the text alone gives)
    #[arg(long)]
    pub no_metadata_speakers: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Article ids as a hit's last line gives them (after `id`, else its URL or file)
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,

    /// Highlight the matches of this query (any search query)
    #[arg(long, short, value_name = "QUERY")]
    pub query: Option<String>,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// Article ids as a hit's last line gives them (after `id`, else its URL or file)
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// One JSON object
    #[arg(long)]
    pub json: bool,
}

impl Cli {
    /// Parses the process's command line. Of `--index` given both before and
    /// after the subcommand, clap keeps only the values after it; every one
    /// is kept here (each names a shard to search).
    pub fn from_command_line() -> Result<Cli, clap::Error> {
        let args: Vec<OsString> = std::env::args_os().collect();
        let mut cli = Cli::try_parse_from(&args)?;
        let all = index_flags(&args);
        if all.len() > cli.index.len() {
            cli.index = all;
        }
        Ok(cli)
    }

    /// The index directories: every --index, else $DATELINE_INDEX, else
    /// ./index.
    pub fn index_dirs(&self) -> Vec<PathBuf> {
        if self.index.is_empty() {
            vec![PathBuf::from("index")]
        } else {
            dateline::shards::distinct(&self.index)
        }
    }

    /// The one index a command writes (`ingest`, `delete`, `compact`).
    pub fn index_dir(&self) -> anyhow::Result<PathBuf> {
        match self.index_dirs().as_slice() {
            [one] => Ok(one.clone()),
            _ => bail!(
                "this command writes one index: give --index once (several --index are shards to search together)"
            ),
        }
    }

    /// How human output is styled on stdout.
    pub fn style(&self) -> Style {
        let terminal = std::io::stdout().is_terminal();
        let color = match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                terminal
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var("TERM").map_or(true, |t| t != "dumb")
            }
        };
        let width = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .or_else(|| terminal.then(terminal_width).flatten())
            .unwrap_or(100)
            .clamp(40, 120);
        Style { color, width }
    }
}

fn terminal_width() -> Option<usize> {
    console::Term::stdout()
        .size_checked()
        .map(|(_, w)| w as usize)
}

impl IngestArgs {
    pub fn request(&self, index_dir: PathBuf) -> IngestRequest {
        IngestRequest {
            paths: self.paths.clone(),
            index_dir,
            strict: self.strict,
            commit_every: Duration::from_secs(self.commit_every.max(1)),
            prepare: dateline::prepare::Options {
                attribution: !self.no_speakers,
                ..Default::default()
            },
            merge: !self.no_merge,
            writer_memory: (self.memory as usize) << 20,
        }
    }
}

impl FilterArgs {
    /// A request with these filters and `query`; the rest at its defaults.
    pub fn request(&self, query: &[String]) -> anyhow::Result<SearchRequest> {
        let bound = |flag: &str, value: &Option<String>, side: Side| -> anyhow::Result<_> {
            value
                .as_deref()
                .map(|v| {
                    date::parse_bound(v, side).with_context(|| {
                        format!("invalid {flag} date {v:?}: use 2025, 2025-06, 2025-06-23 or an RFC 3339 instant")
                    })
                })
                .transpose()
        };
        let from = bound("--from", &self.from, Side::Start)?;
        let to = bound("--to", &self.to, Side::End)?;
        if let (Some(f), Some(t)) = (from, to)
            && f >= t
        {
            bail!("--from is after --to: nothing can match");
        }
        for (flag, values, example) in [
            ("--source", &self.source, "reuters"),
            ("--speaker", &self.speaker, "aliyev"),
        ] {
            if let Some(bad) = values
                .iter()
                .find(|v| !v.chars().any(char::is_alphanumeric))
            {
                bail!("{flag} {bad:?} names no one: give a name, e.g. {flag} {example}");
            }
        }
        // after `--`, `--json` is a query word: say so rather than search for it
        if let Some(flag) = query.iter().find(|w| looks_like_an_option(w)) {
            bail!(
                "{flag:?} after `--` is read as a query word, not an option: put options before `--`"
            );
        }
        Ok(SearchRequest {
            query: query.join(" "),
            from,
            to,
            sources: self.source.clone(),
            speakers: self.speaker.clone(),
            quoted: self.quoted,
            ..SearchRequest::default()
        })
    }
}

impl SearchArgs {
    pub fn format(&self) -> Format {
        self.output.format()
    }

    pub fn request(&self) -> anyhow::Result<SearchRequest> {
        if self.limit == 0 && !self.count {
            bail!("--limit must be at least 1");
        }
        if self.per_article == 0 {
            bail!("--per-article must be at least 1");
        }
        if !(0.0..=1.0).contains(&self.collapse_threshold) {
            bail!("--collapse-threshold must be between 0 and 1");
        }
        Ok(SearchRequest {
            sort: match self.sort {
                SortArg::Relevance => Sort::Relevance,
                SortArg::Newest => Sort::Newest,
                SortArg::Oldest => Sort::Oldest,
            },
            limit: self.limit,
            offset: self.offset,
            per_article: self.per_article,
            // The totals line is for a person at a terminal; counting costs a
            // pass over every match, so it is done only then.
            with_counts: self.format() == Format::Human && std::io::stderr().is_terminal(),
            collapse: (!self.no_collapse).then_some(self.collapse_threshold),
            // a person reads the first few copies of a story; programs get all
            named_copies: match self.format() {
                Format::Human => dateline::render::human::COPIES_SHOWN,
                _ => usize::MAX,
            },
            ..self.filters.request(&self.query)?
        })
    }
}

impl FieldArg {
    pub fn field(self) -> FacetField {
        match self {
            FieldArg::Source => FacetField::Source,
            FieldArg::Speaker => FacetField::Speaker,
            FieldArg::Dateline => FacetField::Dateline,
            FieldArg::Author => FacetField::Author,
        }
    }
}

/// `--json`, `--limit=5`: a long option, never a word anyone searches for.
fn looks_like_an_option(word: &str) -> bool {
    word.strip_prefix("--").is_some_and(|rest| {
        rest.split('=').next().is_some_and(|name| {
            name.len() >= 2
                && name.starts_with(|c: char| c.is_ascii_lowercase())
                && name.chars().all(|c| c.is_ascii_lowercase() || c == '-')
        })
    })
}

/// A count flag that must be at least 1.
fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("must be at least 1".to_string()),
        Ok(n) => Ok(n),
        Err(err) => Err(err.to_string()),
    }
}

/// Every `--index` value of a command line, in order, up to a `--` (after
/// which a query may hold anything).
fn index_flags(args: &[OsString]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut args = args.iter().skip(1);
    while let Some(arg) = args.next() {
        let bytes = arg.as_encoded_bytes();
        if bytes == b"--" {
            break;
        }
        if bytes == b"--index" {
            out.extend(args.next().map(PathBuf::from));
        } else if let Some(value) = bytes.strip_prefix(b"--index=") {
            // SAFETY: split right after an ASCII character of bytes that
            // `as_encoded_bytes` gave, as `from_encoded_bytes_unchecked` asks
            // (a path need not be UTF-8)
            let value = unsafe { std::ffi::OsStr::from_encoded_bytes_unchecked(value) };
            out.push(PathBuf::from(value));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(line: &[&str]) -> Vec<PathBuf> {
        let args: Vec<OsString> = line.iter().map(OsString::from).collect();
        index_flags(&args)
    }

    #[test]
    fn every_index_flag_counts_on_either_side_of_the_subcommand() {
        assert_eq!(
            flags(&[
                "dateline",
                "--index",
                "a",
                "search",
                "x",
                "--index=b",
                "--index",
                "c"
            ]),
            [PathBuf::from("a"), PathBuf::from("b"), PathBuf::from("c")]
        );
        // after `--`, words belong to the query
        assert_eq!(
            flags(&["dateline", "search", "--index", "a", "--", "--index", "b"]),
            [PathBuf::from("a")]
        );
        assert!(flags(&["dateline", "search", "x"]).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn an_index_path_need_not_be_utf8() {
        use std::os::unix::ffi::OsStrExt;
        let odd = std::ffi::OsStr::from_bytes(b"--index=/tmp/\xff");
        let args = [
            OsString::from("dateline"),
            OsString::from("stats"),
            odd.to_os_string(),
        ];
        assert_eq!(
            index_flags(&args),
            [PathBuf::from(std::ffi::OsStr::from_bytes(b"/tmp/\xff"))]
        );
    }

    #[test]
    fn an_option_after_the_double_dash_is_refused_not_searched() {
        let line = ["dateline", "search", "--", "-strike border", "--json"];
        let parsed = Cli::try_parse_from(line).expect("parses");
        let Command::Search(args) = &parsed.command else {
            panic!("a search");
        };
        let err = args.request().expect_err("refused").to_string();
        assert!(err.contains("\"--json\" after `--`"), "{err}");
        assert!(looks_like_an_option("--per-article=2"));
        assert!(!looks_like_an_option("--") && !looks_like_an_option("-strike"));
    }

    #[test]
    fn indexes_before_and_after_the_subcommand_are_all_kept() {
        let line = ["dateline", "--index", "a", "search", "x", "--index", "b"];
        let args: Vec<OsString> = line.iter().map(OsString::from).collect();
        // what clap alone makes of it: the values after the subcommand
        let parsed = Cli::try_parse_from(&args).expect("parses");
        assert_eq!(parsed.index, [PathBuf::from("b")]);
        assert_eq!(index_flags(&args).len(), 2);
    }
}
