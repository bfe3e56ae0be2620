//! The `dateline` binary: parse the command line, run, map the outcome to an
//! exit status (0 results, 1 none, 2 error), print errors as one chain.

#[cfg(not(feature = "sysalloc"))]
mod allocator;
mod cli;
mod commands;

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match cli::Cli::from_command_line() {
        Ok(cli) => cli,
        Err(err) => return usage_error(&err),
    };
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

/// A command line clap cannot read, as one line on stderr (clap's own
/// message runs to several, with the usage): what is wrong, and clap's tip
/// when it has one (`-- -word` for a query that starts with a minus).
/// `--help` and `--version` print as clap prints them.
fn usage_error(err: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        err.exit();
    }
    match query_taken_for_flags(err) {
        // the value of an option (`show ID -q '-economy'`): given with `=`
        Some((query, Some(option))) => eprintln!(
            "dateline: '{query}' was read as options: a value that starts with '-' is given \
             with '=' ({option}='{query}')"
        ),
        Some((query, None)) => {
            let command = std::env::args()
                .skip(1)
                .find(|a| COMMANDS.contains(&a.as_str()))
                .unwrap_or_else(|| "search".to_string());
            eprintln!(
                "dateline: '{query}' was read as options: a query, id or path that starts \
                 with '-' goes after '--' (dateline {command} [OPTIONS] -- '{query}')"
            )
        }
        None => eprintln!("dateline: {}", one_line(&err.render().to_string())),
    }
    ExitCode::from(2)
}

/// The subcommands (the tip names the one given).
const COMMANDS: &[&str] = &[
    "search", "timeline", "facets", "speakers", "show", "analyze", "ingest", "delete",
];

/// The argument clap read as a cluster of short flags (`-inflation rates`
/// is `-i` and more), when it looks like a query: longer than the flag, or
/// holding a space; with the option before it when it is that option's
/// value (`-q '-economy'`).
fn query_taken_for_flags(err: &clap::Error) -> Option<(String, Option<String>)> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if err.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(flag)) = err.get(ContextKind::InvalidArg) else {
        return None;
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let at = args.iter().position(|arg| {
        !arg.starts_with("--")
            && arg.starts_with(flag.as_str())
            && (arg.len() > flag.len() + 1 || arg.contains(' '))
    })?;
    let option = at
        .checked_sub(1)
        .map(|p| args[p].as_str())
        // `-q` is show's query (ingest's is --quiet)
        .filter(|p| matches!(*p, "-q" | "--query") && args.iter().any(|a| a == "show"))
        .map(str::to_string);
    Some((args[at].clone(), option))
}

/// Clap's message without its usage and help pointer, on one line.
fn one_line(message: &str) -> String {
    let mut said = Vec::new();
    let mut tips = Vec::new();
    for line in message.lines().map(str::trim) {
        if line.starts_with("Usage:") || line.starts_with("For more information") {
            break;
        }
        if let Some(tip) = line.strip_prefix("tip: ") {
            tips.push(tip);
        } else if !line.is_empty() {
            said.push(line.strip_prefix("error: ").unwrap_or(line));
        }
    }
    let mut out = said.join(" ");
    for tip in tips {
        out.push_str(&format!(" ({tip})"));
    }
    out.push_str("; see --help");
    out
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

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn clap_messages_become_one_line_without_the_usage() {
        let message = "error: unexpected argument '--bogus' found\n\n  \
                       tip: to pass '--bogus' as a value, use '-- --bogus'\n\n\
                       Usage: dateline search <QUERY>...\n\nFor more information, try '--help'.\n";
        assert_eq!(
            one_line(message),
            "unexpected argument '--bogus' found (to pass '--bogus' as a value, \
             use '-- --bogus'); see --help"
        );
        let missing = "error: the following required arguments were not provided:\n  \
                       <QUERY>...\n\nUsage: dateline search <QUERY>...\n";
        assert_eq!(
            one_line(missing),
            "the following required arguments were not provided: <QUERY>...; see --help"
        );
    }
}
