//! One module per subcommand: each turns its arguments into a library request,
//! runs it, renders the result and says how the process should exit.

mod analyze;
mod delete;
mod facets;
mod ingest;
mod search;
mod show;
mod stats;
mod timeline;

use std::io::{self, BufWriter, Write};
use std::mem::ManuallyDrop;
use std::process::ExitCode;

use dateline::shards::Shards;

use crate::cli::{Cli, Command};

/// How a command ended, as the process exit status: 0 results, 1 none, 2 error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Results,
    NoResults,
    /// The command ran but some input was bad (exit 2).
    Problems,
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> ExitCode {
        match outcome {
            Outcome::Results => ExitCode::SUCCESS,
            Outcome::NoResults => ExitCode::from(1),
            Outcome::Problems => ExitCode::from(2),
        }
    }
}

/// Runs the parsed command line.
pub fn run(cli: &Cli) -> anyhow::Result<Outcome> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let outcome = match &cli.command {
        Command::Ingest(args) => ingest::run(cli, args)?,
        Command::Search(args) => search::run(cli, args, &mut out)?,
        Command::Show(args) => show::run(cli, args, &mut out)?,
        Command::Timeline(args) => timeline::run(cli, args, &mut out)?,
        Command::Facets(args) => facets::run(cli, args, &mut out)?,
        Command::Speakers(args) => facets::speakers(cli, args, &mut out)?,
        Command::Analyze(args) => analyze::run(args, &mut out)?,
        Command::Stats(args) => stats::run(cli, args, &mut out)?,
        Command::Delete(args) => delete::run(cli, args)?,
        Command::Compact => stats::compact(cli)?,
    };
    out.flush()?;
    Ok(outcome)
}

/// Opens the index (or shards) of a command that reads it and then exits,
/// and leaves it to the operating system instead of closing it: unmapping
/// every index file one by one (and dropping every reader) costs a search
/// more than a millisecond on a large index (four on scaled-40's fourteen
/// segments, where the search threads make every unmapping interrupt the
/// other core), while exiting releases it all at once. Whichever way the
/// command ends (results, none, an error) the index is not closed.
pub fn open_until_exit(cli: &Cli) -> anyhow::Result<ManuallyDrop<Shards>> {
    Ok(ManuallyDrop::new(Shards::open(&cli.index_dirs())?))
}

/// Thousands separators for counts shown to people.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A count with its noun: "1 article", "2,000 articles".
pub fn plural(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{} {noun}s", thousands(n))
    }
}

/// Writes to `out`, for commands that print through a generic writer.
pub type Out<'a> = &'a mut dyn Write;
