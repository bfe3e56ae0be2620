//! Links the `dateline` binary for a fast start on Linux (glibc).
//!
//! A search is a whole process, so start-up counts:
//! - `-no-pie`: a PIE binary of this size carries ~30,000 dynamic relocations
//!   that the loader applies on every start (about 0.4 ms and 190 page faults
//!   measured here); linked position-dependent, the linker resolves them once.
//! - libgcc linked statically (what `gcc -static-libgcc` does): rustc asks for
//!   `-lgcc_s`, and loading that shared library costs a search about 0.1 ms
//!   (mapping it, and its start-up code probing the CPU with `cpuid`, slow on
//!   a virtual machine). A `libgcc_s.a` in a directory searched first, naming
//!   the compiler's `libgcc_eh.a` (the same unwinder, as a static archive),
//!   takes its place. Without that archive the shared library is used.
//! - the functions a search runs placed together (`scripts/link-order.txt`,
//!   made by `scripts/link-order`), so that the kernel maps fewer 64 KiB
//!   windows of code into each search: 86 page faults in the binary down to
//!   about 40. Only LLD reads that list, the linker Rust uses by default for this
//!   target since 1.90; with another linker configured it is left out.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os != "linux" || env != "gnu" {
        return;
    }
    println!("cargo:rustc-link-arg-bins=-no-pie");
    if links_with_lld() {
        let order = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/link-order.txt");
        println!("cargo:rerun-if-changed={}", order.display());
        if order.is_file() {
            // Names the build does not have (renamed, or another compiler's)
            // are skipped without a warning.
            println!(
                "cargo:rustc-link-arg-bins=-Wl,--symbol-ordering-file={}",
                order.display()
            );
            println!("cargo:rustc-link-arg-bins=-Wl,--no-warn-symbol-ordering");
        }
    }
    if let (Some(eh), Some(out)) = (libgcc_eh(), std::env::var_os("OUT_DIR")) {
        let out = PathBuf::from(out);
        let link = out.join("libgcc_s.a");
        let _ = std::fs::remove_file(&link);
        if std::os::unix::fs::symlink(&eh, &link).is_ok() {
            println!("cargo:rustc-link-search=native={}", out.display());
        }
    }
}

/// Whether rustc links with its own LLD: its default for x86_64 Linux since
/// Rust 1.90, unless a linker or linker flavour is chosen in the build's
/// configuration or flags.
fn links_with_lld() -> bool {
    println!("cargo:rerun-if-env-changed=RUSTC_LINKER");
    if std::env::var("TARGET").as_deref() != Ok("x86_64-unknown-linux-gnu")
        || std::env::var_os("RUSTC_LINKER").is_some()
    {
        return false;
    }
    let flags = std::env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default();
    if ["linker", "fuse-ld", "link-self-contained"]
        .iter()
        .any(|f| flags.contains(f))
    {
        return false;
    }
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    let Ok(out) = Command::new(rustc).arg("--version").output() else {
        return false;
    };
    // "rustc 1.95.0 (59807616e 2026-04-14)"
    let version = String::from_utf8_lossy(&out.stdout);
    let minor = version
        .split_whitespace()
        .nth(1)
        .and_then(|v| v.split('.').nth(1))
        .and_then(|m| m.parse::<u32>().ok());
    version.starts_with("rustc 1.") && minor.is_some_and(|m| m >= 90)
}

/// The C compiler's static unwinder archive, if it has one.
fn libgcc_eh() -> Option<PathBuf> {
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".to_string());
    let out = Command::new(cc)
        .arg("-print-file-name=libgcc_eh.a")
        .output()
        .ok()?;
    let path = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim());
    (out.status.success() && path.is_absolute() && Path::new(&path).is_file()).then_some(path)
}
