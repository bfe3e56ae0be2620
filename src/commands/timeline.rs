//! `dateline timeline`: coverage per calendar bucket, as a table with bars,
//! JSON Lines or CSV, and optionally an SVG chart.

use dateline::render::{self, Format};
use dateline::timeline;

use super::{Out, Outcome, plural};
use crate::cli::{Cli, TimelineArgs};

pub fn run(cli: &Cli, args: &TimelineArgs, out: Out<'_>) -> anyhow::Result<Outcome> {
    let base = args.filters.request(&[])?;
    let shards = super::open_until_exit(cli)?;
    let interval = args.by.map(|b| b.interval());
    let t = shards.timeline(&base, &args.queries, interval)?;
    if t.is_empty() {
        eprintln!(
            "no results: no dated passage matches {}",
            args.queries.join(" or ")
        );
        return Ok(Outcome::NoResults);
    }
    // the chart first: a path that cannot be written stops the run before
    // any table is printed
    if let Some(path) = &args.svg {
        std::fs::write(path, render::svg::timeline(&t, args.share)).map_err(|err| {
            anyhow::anyhow!(
                "writing {}: {}",
                path.display(),
                dateline::read::io_reason(&err)
            )
        })?;
    }
    match args.output.format() {
        Format::Human => {
            render::human::timeline(out, &t, args.share, cli.style())?;
            out.flush()?;
            for (q, total) in t.queries.iter().zip(&t.totals) {
                // a timeline has no place for undated articles: say how many were left out
                let undated = if base.from.is_none() && base.to.is_none() {
                    let all = shards.count(&args.filters.request(std::slice::from_ref(q))?)?;
                    all.articles.saturating_sub(total.articles)
                } else {
                    0
                };
                let left_out = if undated > 0 {
                    format!(" (and {} not shown)", plural(undated, "undated article"))
                } else {
                    String::new()
                };
                eprintln!(
                    "{}: {}, {}{left_out}",
                    timeline::label(q),
                    plural(total.articles, "article"),
                    plural(total.passages, "passage")
                );
            }
        }
        Format::Json => render::json::timeline(out, &t)?,
        Format::Csv => render::csv::timeline(out, &t)?,
    }
    if let Some(path) = &args.svg {
        eprintln!("chart written to {}", path.display());
    }
    Ok(Outcome::Results)
}
