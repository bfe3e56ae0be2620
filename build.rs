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
    if let (Some(eh), Some(out)) = (libgcc_eh(), std::env::var_os("OUT_DIR")) {
        let out = PathBuf::from(out);
        let link = out.join("libgcc_s.a");
        let _ = std::fs::remove_file(&link);
        if std::os::unix::fs::symlink(&eh, &link).is_ok() {
            println!("cargo:rustc-link-search=native={}", out.display());
        }
    }
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
