//! `dateline ingest`: progress and problems on stderr, a closing summary.

use std::collections::BTreeMap;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use dateline::ingest::{self, IngestSummary, Observer, Progress, Severity};
use dateline::read::Problem;

use super::{Outcome, plural, thousands};
use crate::cli::{Cli, IngestArgs};

/// Prints problems as they come, draws the progress bar, and groups skipped
/// files by extension.
struct Console {
    bar: ProgressBar,
    skipped: BTreeMap<String, Vec<String>>,
}

impl Console {
    fn new(quiet: bool) -> Console {
        let target = if quiet {
            ProgressDrawTarget::hidden()
        } else {
            ProgressDrawTarget::stderr()
        };
        let bar = ProgressBar::with_draw_target(None, target);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} {msg} {wide_bar} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        Console {
            bar,
            skipped: BTreeMap::new(),
        }
    }

    fn print(&self, line: &str) {
        self.bar.suspend(|| eprintln!("{line}"));
    }

    /// One line per unsupported extension met while walking directories.
    fn report_skipped(&self) {
        for (ext, paths) in &self.skipped {
            let n = paths.len();
            let shown: Vec<_> = paths.iter().take(3).map(String::as_str).collect();
            let more = if n > 3 {
                format!(", and {} more", n - 3)
            } else {
                String::new()
            };
            self.print(&format!(
                "skipped {} of unsupported type {ext} ({}{more}); dateline reads {}",
                plural(n as u64, "file"),
                shown.join(", "),
                dateline::read::SUPPORTED
            ));
        }
    }
}

fn extension(path: &str) -> String {
    std::path::Path::new(path)
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_else(|| "(no extension)".to_string())
}

impl Observer for Console {
    fn problem(&mut self, problem: &Problem, severity: Severity) {
        match severity {
            Severity::Rejected => self.print(&problem.to_string()),
            Severity::Warning => {
                self.print(&format!("{}: warning: {}", problem.at, problem.reason))
            }
            Severity::Skipped => {
                let path = problem.at.path.clone();
                self.skipped.entry(extension(&path)).or_default().push(path);
            }
        }
    }

    fn progress(&mut self, progress: &Progress) {
        if progress.bytes_total > 0 {
            self.bar.set_length(progress.bytes_total);
        } else if self.bar.length().is_none() {
            // Standard input: the size is unknown, so no bar and no ETA.
            self.bar.set_length(0);
            self.bar.set_style(
                ProgressStyle::with_template("{spinner} {msg} {bytes} read {bytes_per_sec}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
        }
        self.bar.set_position(progress.bytes_done);
        self.bar
            .set_message(format!("{} articles", thousands(progress.articles)));
    }
}

pub fn run(cli: &Cli, args: &IngestArgs) -> anyhow::Result<Outcome> {
    let mut console = Console::new(args.quiet);
    let request = args.request(cli.index_dir()?);
    let result = ingest::ingest(&request, &mut console);
    console.bar.finish_and_clear();
    let summary = result?;
    console.report_skipped();
    if !args.quiet || !summary.committed {
        eprintln!(
            "{}",
            describe(&summary, &request.index_dir.display().to_string())
        );
    }
    Ok(if summary.rejected > 0 || !summary.committed {
        Outcome::Problems
    } else {
        Outcome::Results
    })
}

/// The closing summary line.
fn describe(s: &IngestSummary, index: &str) -> String {
    let mut parts = vec![
        plural(s.passages, "passage"),
        format!("{} undated", thousands(s.undated)),
        format!("{} replaced", thousands(s.replaced)),
        format!("{} rejected", thousands(s.rejected)),
    ];
    if s.duplicates > 0 {
        parts.push(format!(
            "{} exact {} of other articles",
            thousands(s.duplicates),
            if s.duplicates == 1 { "copy" } else { "copies" }
        ));
    }
    if s.warnings > 0 {
        parts.push(format!("{} with warnings", thousands(s.warnings)));
    }
    if s.skipped_files > 0 {
        parts.push(format!("{} skipped", plural(s.skipped_files, "file")));
    }
    let verb = if s.committed && s.no_index {
        format!("indexed 0 articles; no index created at {index}")
    } else if s.committed {
        format!("indexed {} into {index}", plural(s.articles, "article"))
    } else if s.no_index {
        format!(
            "--strict: nothing committed ({} read); no index created at {index}",
            plural(s.articles, "article")
        )
    } else {
        format!(
            "--strict: nothing committed ({} read); {index} is unchanged",
            plural(s.articles, "article")
        )
    };
    let mut line = format!("{verb} ({}) in {:.1}s", parts.join(", "), s.elapsed_secs);
    if s.consolidated > 1 {
        line.push_str(&format!("; merged {} segments in groups", s.consolidated));
    }
    if s.merged > 1 {
        line.push_str(&format!("; merged {} segments into one", s.merged));
    }
    if s.commits > 1 {
        // A kill loses at most one interval of work: say how it was saved.
        line.push_str(&format!(
            "; committed {} times, every {}s",
            s.commits, s.commit_every_secs
        ));
    }
    line
}
