//! Links the `dateline` binary as a position-dependent executable on Linux.
//!
//! A search is a whole process, so start-up counts: a PIE binary of this size
//! carries ~30,000 dynamic relocations that the loader applies on every start
//! (about 0.4 ms and 190 page faults measured here); linked with `-no-pie` the
//! linker resolves them once, at build time.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
