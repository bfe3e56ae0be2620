//! `dateline delete ID...`: remove articles from the index, in one commit.

use dateline::ingest;

use super::{Outcome, plural};
use crate::cli::{Cli, DeleteArgs};

pub fn run(cli: &Cli, args: &DeleteArgs) -> anyhow::Result<Outcome> {
    let dir = cli.index_dir()?;
    let deleted = ingest::delete(&dir, &args.ids)?;
    for id in &deleted.ids {
        eprintln!("deleted {id}");
    }
    for id in &deleted.missing {
        eprintln!("dateline: no article with id {id:?} in {}", dir.display());
    }
    eprintln!(
        "deleted {} ({}) from {}",
        plural(deleted.articles, "article"),
        plural(deleted.passages, "passage"),
        dir.display()
    );
    Ok(if deleted.missing.is_empty() {
        Outcome::Results
    } else {
        Outcome::NoResults
    })
}
