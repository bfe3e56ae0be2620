//! `dateline facets` and `dateline speakers`: the top values of a field among
//! the passages matching a query.

use dateline::facets::FacetField;
use dateline::render::{self, Format};
use dateline::search::SearchRequest;

use super::{Out, Outcome, plural, thousands};
use crate::cli::{Cli, FacetsArgs, SpeakersArgs};

pub fn run(cli: &Cli, args: &FacetsArgs, out: Out<'_>) -> anyhow::Result<Outcome> {
    let request = args.filters.request(&args.query)?;
    table(
        cli,
        &request,
        args.field.field(),
        args.top,
        args.output.format(),
        out,
    )
}

/// `speakers` is the speaker facet.
pub fn speakers(cli: &Cli, args: &SpeakersArgs, out: Out<'_>) -> anyhow::Result<Outcome> {
    let request = args.filters.request(&args.query)?;
    table(
        cli,
        &request,
        FacetField::Speaker,
        args.top,
        args.output.format(),
        out,
    )
}

fn table(
    cli: &Cli,
    request: &SearchRequest,
    field: FacetField,
    top: usize,
    format: Format,
    out: Out<'_>,
) -> anyhow::Result<Outcome> {
    let shards = super::open_until_exit(cli)?;
    let result = shards.facets(request, field, top.max(1))?;
    if result.rows.is_empty() {
        let what = if result.total.passages == 0 {
            "no passages match".to_string()
        } else {
            format!(
                "{} matching, none with a {}",
                plural(result.total.passages, "passage"),
                field.name()
            )
        };
        eprintln!("no results: {what}");
        return Ok(Outcome::NoResults);
    }
    let name = field.name();
    match format {
        Format::Human => {
            render::human::facets(out, &result, name)?;
            out.flush()?;
            eprintln!(
                "top {} of {} {} values; {} matching, {}",
                result.rows.len(),
                thousands(result.values as u64),
                name,
                plural(result.total.articles, "article"),
                plural(result.total.passages, "passage")
            );
        }
        Format::Json => render::json::facets(out, &result, name)?,
        Format::Csv => render::csv::facets(out, &result, name)?,
    }
    Ok(Outcome::Results)
}
