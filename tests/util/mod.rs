//! The test environment: a temporary index, the real `dateline` binary, and
//! typed views of its JSON output.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::Deserialize;

/// The repository root (for `sample/` and `tests/fixtures/`).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary directory holding an index, and a way to run the binary on it.
pub struct Env {
    pub dir: tempfile::TempDir,
    pub index: PathBuf,
}

/// What a run printed and how it exited.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }

    pub fn err_lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }

    /// Parses `search --json` output.
    pub fn hits(&self) -> Vec<Hit> {
        self.json_lines()
    }

    /// Parses JSON Lines output, a `T` per line.
    pub fn json_lines<T: for<'de> Deserialize<'de>>(&self) -> Vec<T> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
            .collect()
    }

    pub fn json<T: for<'de> Deserialize<'de>>(&self) -> T {
        serde_json::from_str(self.stdout.trim())
            .unwrap_or_else(|e| panic!("bad JSON {:?}: {e}", self.stdout))
    }
}

/// One line of `search --json`.
#[derive(Debug, Clone, Deserialize)]
pub struct Hit {
    pub rank: usize,
    pub article_id: String,
    pub passage: u32,
    pub score: f32,
    pub date: Option<String>,
    pub title: String,
    pub source: String,
    pub dateline: String,
    pub url: String,
    pub authors: Vec<String>,
    pub speakers: Vec<String>,
    pub text: String,
    pub highlights: Vec<[usize; 2]>,
    pub title_highlights: Vec<[usize; 2]>,
    pub start: u64,
    pub end: u64,
    pub path: String,
}

impl Hit {
    /// The highlighted pieces of the passage text.
    pub fn marked(&self) -> Vec<&str> {
        self.highlights
            .iter()
            .map(|[s, e]| &self.text[*s..*e])
            .collect()
    }
}

/// `search --count --json`.
#[derive(Debug, Deserialize, PartialEq, Eq)]
pub struct Counts {
    pub passages: u64,
    pub articles: u64,
}

/// `stats --json`.
#[derive(Debug, Deserialize)]
pub struct Stats {
    pub articles: u64,
    pub passages: u64,
    pub undated: u64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub index_bytes: u64,
}

impl Env {
    pub fn new() -> Env {
        let dir = tempfile::tempdir().expect("temp dir");
        let index = dir.path().join("index");
        Env { dir, index }
    }

    /// The binary with a clean environment, pointed at this index.
    pub fn command(&self) -> Command {
        let mut cmd = bare();
        cmd.arg("--index").arg(&self.index);
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run(self.command().args(args))
    }

    /// Runs with `input` on standard input.
    pub fn run_stdin(&self, args: &[&str], input: &str) -> Run {
        use std::io::Write;
        let mut child = self
            .command()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn dateline");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("write stdin");
        let out = child.wait_with_output().expect("wait");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Ingests and insists that it worked.
    pub fn ingest(&self, paths: &[&str]) -> Run {
        let mut args = vec!["ingest", "--quiet"];
        args.extend_from_slice(paths);
        let run = self.run(&args);
        assert_eq!(run.code, 0, "ingest failed: {}", run.stderr);
        run
    }

    /// Writes a file under the temp dir and returns its path.
    pub fn write(&self, name: &str, content: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, content).expect("write fixture");
        path
    }

    pub fn stats(&self) -> Stats {
        let run = self.run(&["stats", "--json"]);
        run.json()
    }

    pub fn count(&self, query: &str, extra: &[&str]) -> Counts {
        let mut args = vec!["search", query, "--count", "--json"];
        args.extend_from_slice(extra);
        self.run(&args).json()
    }

    pub fn search(&self, query: &str, extra: &[&str]) -> Vec<Hit> {
        let mut args = vec!["search", query, "--json"];
        args.extend_from_slice(extra);
        let run = self.run(&args);
        assert!(
            run.code == 0 || run.code == 1,
            "search failed: {}",
            run.stderr
        );
        run.hits()
    }
}

/// The binary with a clean environment, run from the repository, pointed at
/// no index: the caller says which.
pub fn bare() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dateline"));
    cmd.env_remove("DATELINE_INDEX")
        .env_remove("NO_COLOR")
        .env("COLUMNS", "100")
        .current_dir(repo());
    cmd
}

pub fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("run dateline");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn path_str(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}
