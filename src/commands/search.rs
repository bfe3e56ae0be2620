//! `dateline search`: query → ranked, highlighted passages on stdout.

use std::io::IsTerminal;

use dateline::render::{self, Format};

use super::{Out, Outcome};
use crate::cli::{Cli, SearchArgs};

pub fn run(cli: &Cli, args: &SearchArgs, out: Out<'_>) -> anyhow::Result<Outcome> {
    let request = args.request()?;
    let searching = super::open_until_exit(cli)?;
    if args.count {
        let counts = searching.count(&request)?;
        match args.format() {
            Format::Json => render::json::counts(out, &counts)?,
            Format::Csv => render::csv::counts(out, &counts)?,
            Format::Human => render::human::counts(out, &counts)?,
        }
        return Ok(if counts.passages > 0 {
            Outcome::Results
        } else {
            Outcome::NoResults
        });
    }
    let results = searching.search(&request)?;
    match args.format() {
        Format::Human => render::human::search(out, &results, cli.style())?,
        Format::Json => render::json::search(out, &results)?,
        Format::Csv => render::csv::search(out, &results)?,
    }
    out.flush()?;
    if results.articles.is_empty() {
        eprintln!(
            "{}",
            render::human::totals(&results, request.offset, request.collapse.is_some())
        );
        return Ok(Outcome::NoResults);
    }
    if args.format() == Format::Human && std::io::stderr().is_terminal() {
        eprintln!(
            "{}",
            render::human::totals(&results, request.offset, request.collapse.is_some())
        );
    }
    Ok(Outcome::Results)
}
