//! `dateline stats`: what the index holds; `dateline compact`: merge it into
//! one segment.

use dateline::index::ArchiveIndex;
use dateline::render;
use dateline::stats::Stats;

use super::{Out, Outcome, plural, thousands};
use crate::cli::{Cli, StatsArgs};

/// What each index holds: one block (or JSON object) per shard.
pub fn run(cli: &Cli, args: &StatsArgs, out: Out<'_>) -> anyhow::Result<Outcome> {
    let mut articles = 0;
    for (k, dir) in cli.index_dirs().iter().enumerate() {
        let archive = ArchiveIndex::open(dir)?;
        let stats = dateline::stats::stats(&archive)?;
        articles += stats.articles;
        if args.json {
            render::json::lines(out, [&stats])?;
            continue;
        }
        if k > 0 {
            writeln!(out)?;
        }
        human(out, &archive, &stats)?;
    }
    Ok(if articles > 0 {
        Outcome::Results
    } else {
        Outcome::NoResults
    })
}

fn human(out: Out<'_>, archive: &ArchiveIndex, stats: &Stats) -> std::io::Result<()> {
    writeln!(out, "index       {}", archive.dir.display())?;
    writeln!(out, "articles    {}", thousands(stats.articles))?;
    writeln!(out, "passages    {}", thousands(stats.passages))?;
    writeln!(out, "undated     {}", thousands(stats.undated))?;
    let day = |d: &Option<String>| {
        d.as_deref()
            .map_or("-", |d| &d[..10.min(d.len())])
            .to_string()
    };
    writeln!(
        out,
        "dates       {} … {}",
        day(&stats.first_date),
        day(&stats.last_date)
    )?;
    writeln!(
        out,
        "size        {:.1} MB in {}",
        stats.index_bytes as f64 / 1e6,
        plural(stats.segments as u64, "segment")
    )?;
    if !stats.top_sources.is_empty() {
        writeln!(out, "top sources")?;
        for s in &stats.top_sources {
            writeln!(
                out,
                "  {:>9}  {}",
                thousands(s.articles),
                dateline::sanitize::for_terminal(&s.source)
            )?;
        }
    }
    Ok(())
}

pub fn compact(cli: &Cli) -> anyhow::Result<Outcome> {
    let started = std::time::Instant::now();
    let archive = ArchiveIndex::open(&cli.index_dir()?)?;
    let mut indexer = archive.indexer()?;
    let merged = indexer.merge_all(2)?;
    indexer.finish()?;
    let stats = dateline::stats::stats(&archive)?;
    if merged == 0 {
        eprintln!("{} is already one segment", archive.dir.display());
    } else {
        eprintln!(
            "merged {merged} segments of {} into one ({:.1} MB) in {:.1}s",
            archive.dir.display(),
            stats.index_bytes as f64 / 1e6,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(Outcome::Results)
}
