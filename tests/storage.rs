//! The index on a full disk and on a read-only file system: a clear error,
//! and the index stays as of its last commit (and searchable).
//!
//! These tests mount a small tmpfs, so they need root; elsewhere they say so
//! and do nothing.

mod util;

use std::path::{Path, PathBuf};
use std::process::Command;

use util::{Env, run};

/// A tmpfs of `size` mounted under the test's temporary directory, unmounted
/// when dropped.
struct SmallDisk {
    at: PathBuf,
}

impl SmallDisk {
    fn mount(env: &Env, size: &str) -> Option<SmallDisk> {
        let at = env.dir.path().join("disk");
        std::fs::create_dir_all(&at).ok()?;
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&at)
            .output()
            .ok()?;
        if !out.status.success() {
            eprintln!(
                "SKIPPED: cannot mount a small file system here (needs root): {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
            return None;
        }
        Some(SmallDisk { at })
    }

    fn remount_read_only(&self) {
        let ok = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.at)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "remount read-only");
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.at).status();
    }
}

fn dateline(index: &Path, args: &[&str]) -> util::Run {
    run(Command::new(env!("CARGO_BIN_EXE_dateline"))
        .current_dir(util::repo())
        .arg("--index")
        .arg(index)
        .args(args))
}

fn articles(index: &Path) -> u64 {
    let out = dateline(index, &["stats", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let stats: util::Stats = out.json();
    stats.articles
}

/// Many invented articles, enough to fill a small disk.
fn big_ndjson(env: &Env) -> PathBuf {
    let mut text = String::new();
    for i in 0..15_000 {
        let body = format!(
            "Article {i} about the harbour, number {i}, with words {} and more words to fill the page.",
            (0..40)
                .map(|w| format!("w{}x{}", i * 7 + w, w))
                .collect::<Vec<_>>()
                .join(" ")
        );
        text.push_str(&serde_json::json!({"id": format!("fill-{i}"), "title": format!("Filler {i}"), "date": "2024-01-01", "body": body}).to_string());
        text.push('\n');
    }
    env.write("big.ndjson", &text)
}

#[test]
fn a_full_disk_is_a_clear_error_and_the_last_commit_survives() {
    let env = Env::new();
    let Some(disk) = SmallDisk::mount(&env, "2m") else {
        return;
    };
    let index = disk.at.join("index");
    let first = dateline(&index, &["ingest", "--quiet", "sample/"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_eq!(articles(&index), 30);
    let big = big_ndjson(&env);
    let full = dateline(&index, &["ingest", "--quiet", util::path_str(&big)]);
    assert_eq!(full.code, 2);
    assert!(
        full.stderr.contains("no space left on the device"),
        "{}",
        full.stderr
    );
    assert_eq!(full.err_lines().len(), 1, "{}", full.stderr);
    assert!(!full.stderr.contains("panicked"));
    // As of the last commit, and still searchable.
    assert_eq!(articles(&index), 30);
    assert_eq!(dateline(&index, &["search", "\"borders closed\""]).code, 0);
}

#[test]
fn a_read_only_index_refuses_ingest_clearly_and_still_answers_searches() {
    let env = Env::new();
    let Some(disk) = SmallDisk::mount(&env, "4m") else {
        return;
    };
    let index = disk.at.join("index");
    assert_eq!(dateline(&index, &["ingest", "--quiet", "sample/"]).code, 0);
    disk.remount_read_only();
    let refused = dateline(&index, &["ingest", "--quiet", "sample/wire"]);
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains("cannot write to"),
        "{}",
        refused.stderr
    );
    assert_eq!(refused.err_lines().len(), 1, "{}", refused.stderr);
    let search = dateline(
        &index,
        &["search", "\"borders closed\"", "--count", "--json"],
    );
    assert_eq!(search.code, 0, "{}", search.stderr);
    assert_eq!(articles(&index), 30);
}
