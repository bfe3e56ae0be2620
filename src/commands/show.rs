//! `dateline show ID...`: whole articles, every passage in reading order.

use dateline::index::Named;
use dateline::render::{self, Format};
use dateline::search::SearchResults;

use super::{Out, Outcome};
use crate::cli::{Cli, ShowArgs};

pub fn run(cli: &Cli, args: &ShowArgs, out: Out<'_>) -> anyhow::Result<Outcome> {
    let shards = super::open_until_exit(cli)?;
    let mut results = SearchResults::default();
    let mut missing = 0;
    for id in &args.ids {
        match shards.find_article(id, args.query.as_deref().unwrap_or(""))? {
            Named::One(mut article) => {
                article.rank = results.articles.len() + 1;
                results.articles.push(article);
            }
            Named::Nothing => {
                missing += 1;
                eprintln!("dateline: no article with id {id:?} in the index");
            }
            Named::Several(ids) => {
                missing += 1;
                eprintln!(
                    "dateline: {id:?} names {} articles ({}): give the whole id",
                    ids.len(),
                    ids.join(", ")
                );
            }
        }
    }
    match args.output.format() {
        Format::Human => render::human::articles(out, &results, cli.style())?,
        Format::Json => render::json::search(out, &results)?,
        Format::Csv => render::csv::search(out, &results)?,
    }
    out.flush()?;
    Ok(if missing == 0 {
        Outcome::Results
    } else {
        Outcome::NoResults
    })
}
