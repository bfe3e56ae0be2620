//! The `dateline` binary: parse the command line, run, map the outcome to an
//! exit status (0 results, 1 none, 2 error), print errors as one chain.

#[cfg(not(feature = "sysalloc"))]
mod allocator;
mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    #[cfg(not(feature = "sysalloc"))]
    if matches!(
        cli.command,
        cli::Command::Ingest(_) | cli::Command::Analyze(_) | cli::Command::Compact
    ) {
        allocator::use_mimalloc();
    } else {
        allocator::keep_freed_memory();
    }
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

#[cfg(not(feature = "sysalloc"))]
#[global_allocator]
static ALLOCATOR: allocator::Switchable = allocator::Switchable;
