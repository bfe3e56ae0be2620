//! The `dateline` binary: parse the command line, run, map the outcome to an
//! exit status (0 results, 1 none, 2 error), print errors as one chain.

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(&cli) {
        Ok(outcome) => outcome.into(),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("dateline: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// Output piped into `head` and closed early is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// mimalloc instead of the system allocator: ingest allocates many small
/// strings on several threads at once, where glibc's malloc spends more (17%
/// less CPU for an ingest of the shared corpora, measured). The `sysalloc`
/// feature keeps the system allocator, for heap profilers such as heaptrack.
#[cfg(not(feature = "sysalloc"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
