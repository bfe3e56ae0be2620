//! The command line: clap's types, and their conversion into the library's
//! plain request structs. Nothing below this module knows about clap.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};

use dateline::date::{self, Side};
use dateline::ingest::IngestRequest;
use dateline::render::{Format, Style};
use dateline::search::{SearchRequest, Sort};

const EXAMPLES: &str = "\
Examples:
  dateline ingest sample/                       read a folder of articles into ./index
  dateline search '\"borders closed\"' --from 2024-01
  dateline search 'ceasefire OR truce' --source reuters --json | jq .title
  dateline stats";

/// Full-text search for news archives: who said what, and when.
#[derive(Debug, Parser)]
#[command(name = "dateline", version, after_help = EXAMPLES)]
pub struct Cli {
    /// Index directory [default: ./index]
    #[arg(long, global = true, env = "DATELINE_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,

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
    /// Show what the index holds
    Stats(StatsArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files (.txt .json .ndjson .jsonl, optionally .gz), directories, or - for NDJSON on stdin
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Commit nothing if any record is rejected or has an unreadable date
    #[arg(long)]
    pub strict: bool,

    /// No progress bar and no summary (problems are still reported)
    #[arg(long, short)]
    pub quiet: bool,

    /// Seconds between intermediate commits of a long ingest
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub commit_every: u64,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words, "phrases", OR, NOT, fields (title: source: speaker: ...), prefix*, date:[A TO B]
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,

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

    /// JSON Lines: one object per passage hit
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,

    /// CSV: one row per passage hit
    #[arg(long)]
    pub csv: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    Relevance,
    Newest,
    Oldest,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// One JSON object
    #[arg(long)]
    pub json: bool,
}

impl Cli {
    /// The index directory: --index, else $DATELINE_INDEX, else ./index.
    pub fn index_dir(&self) -> PathBuf {
        self.index.clone().unwrap_or_else(|| PathBuf::from("index"))
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
        }
    }
}

impl SearchArgs {
    pub fn format(&self) -> Format {
        if self.json {
            Format::Json
        } else if self.csv {
            Format::Csv
        } else {
            Format::Human
        }
    }

    pub fn request(&self) -> anyhow::Result<SearchRequest> {
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
        if self.limit == 0 && !self.count {
            bail!("--limit must be at least 1");
        }
        Ok(SearchRequest {
            query: self.query.join(" "),
            from,
            to,
            sources: self.source.clone(),
            speakers: self.speaker.clone(),
            quoted: self.quoted,
            sort: match self.sort {
                SortArg::Relevance => Sort::Relevance,
                SortArg::Newest => Sort::Newest,
                SortArg::Oldest => Sort::Oldest,
            },
            limit: self.limit,
            offset: self.offset,
            per_article: self.per_article.max(1),
            // The totals line is for a person at a terminal; counting costs a
            // pass over every match, so it is done only then.
            with_counts: self.format() == Format::Human && std::io::stderr().is_terminal(),
        })
    }
}
