//! `dateline analyze`: how articles are read — metadata, passages, speakers and
//! every attribution with its evidence — without touching the index.

use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use dateline::prepare::{self, Options};
use dateline::read;
use dateline::render;

use super::{Out, Outcome};
use crate::cli::AnalyzeArgs;

pub fn run(args: &AnalyzeArgs, out: Out<'_>) -> anyhow::Result<Outcome> {
    let found = read::discover(&args.paths);
    let mut rejected = found.errors.len();
    for problem in &found.errors {
        eprintln!("{problem}");
    }
    for problem in &found.skipped {
        eprintln!("{}: skipped: {}", problem.at, problem.reason);
    }
    let options = Options {
        metadata_speakers: !args.no_metadata_speakers,
        ..Options::default()
    };
    let progress = Arc::new(AtomicU64::new(0));
    let mut articles = 0;
    let mut failure: Option<std::io::Error> = None;
    for input in &found.inputs {
        read::read(input, &progress, &mut |outcome| {
            if failure.is_some() {
                return;
            }
            match outcome {
                Ok(record) => {
                    if let Some(w) = &record.warning {
                        eprintln!("{}: warning: {}", w.at, w.reason);
                    }
                    let prepared = prepare::prepare_with(&record.article, options);
                    let written = if args.json {
                        render::json::analysis(out, &record.article, &prepared)
                    } else {
                        render::human::analysis(out, &record.article, &prepared)
                    };
                    if let Err(e) = written {
                        failure = Some(e);
                    }
                    articles += 1;
                }
                Err(problem) => {
                    rejected += 1;
                    eprintln!("{problem}");
                }
            }
        });
    }
    if let Some(e) = failure {
        return Err(e.into());
    }
    Ok(if rejected > 0 {
        Outcome::Problems
    } else if articles == 0 {
        Outcome::NoResults
    } else {
        Outcome::Results
    })
}
