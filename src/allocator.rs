//! The process's allocator: the system's for short commands, mimalloc once a
//! bulk command (ingest, analyze, compact) switches it on.
//!
//! Ingest allocates many small strings on several threads at once, where
//! mimalloc spends less than glibc's malloc (17% less CPU for an ingest of the
//! shared corpora, measured). A search is a whole process of a few
//! milliseconds, where mimalloc's first pages cost more than they save (a
//! search on the shared corpora: 3.35 ms with mimalloc, 3.11 ms with the
//! system's, medians of 200 runs). Memory allocated before the switch stays
//! the system's: every free and resize goes to the allocator that owns the
//! block, which mimalloc's page map tells at the cost of a lookup.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, Ordering};

use mimalloc::MiMalloc;

/// Whether new blocks come from mimalloc.
static MIMALLOC: AtomicBool = AtomicBool::new(false);

/// From now on, new blocks come from mimalloc (call before the bulk work, on
/// the main thread).
///
/// mimalloc is built to start lazily (`MI_PRIM_HAS_PROCESS_ATTACH`, see
/// `.cargo/config.toml`): its start-up reads files in `/proc` and `/sys`,
/// maps its page map and queries the CPU, about 0.15 ms that a search, which
/// never uses it, would pay on every run. It is started here instead, with
/// transparent huge pages off: its purges of 64 KiB split huge pages, and
/// every 2 MiB page it touches anew is zeroed whole (an ingest of the shared
/// corpora: 0.7-0.9 s of kernel time and 235 MB peak RSS with them, 0.4-0.5 s
/// and 165 MB without, wall time 4% lower; medians of four runs).
pub fn use_mimalloc() {
    unsafe extern "C" {
        fn _mi_preloading() -> bool;
        fn _mi_auto_process_init();
    }
    // SAFETY: option setting and mimalloc's own process start-up, before any
    // block is allocated from it; `_mi_preloading` is true until it started
    // (it already has if the C flags of `.cargo/config.toml` were overridden).
    unsafe {
        if _mi_preloading() {
            libmimalloc_sys::mi_option_set(MI_OPTION_ALLOW_THP, 0);
            _mi_auto_process_init();
        }
    }
    MIMALLOC.store(true, Ordering::Relaxed);
}

/// The system allocator keeps the memory it is given back: a short command
/// frees and allocates again a few hundred KiB (document-store blocks,
/// scorers' buffers), and glibc's malloc returns the top of its heap to the
/// kernel whenever 128 KiB are free at once, so the next allocation faults in
/// fresh, zeroed pages (a search on the shared corpora: brk shrank and grew
/// three times). A process that lives milliseconds has nothing to give back.
pub fn keep_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn mallopt(param: std::ffi::c_int, value: std::ffi::c_int) -> std::ffi::c_int;
        }
        /// `M_TRIM_THRESHOLD` in glibc's `malloc.h`.
        const M_TRIM_THRESHOLD: std::ffi::c_int = -1;
        // SAFETY: sets a tunable of glibc's malloc; any value is valid.
        unsafe {
            mallopt(M_TRIM_THRESHOLD, i32::MAX);
        }
    }
}

/// `mi_option_allow_thp` in mimalloc 3's `mi_option_t` (`mimalloc.h`).
const MI_OPTION_ALLOW_THP: libmimalloc_sys::mi_option_t = 43;

pub struct Switchable;

impl Switchable {
    fn on() -> bool {
        MIMALLOC.load(Ordering::Relaxed)
    }

    /// Whether mimalloc allocated `ptr` (never, before the switch).
    fn owns(ptr: *mut u8) -> bool {
        // SAFETY: a page-map lookup; it reads no memory at `ptr`.
        Self::on() && unsafe { libmimalloc_sys::mi_is_in_heap_region(ptr.cast()) }
    }
}

// SAFETY: each block is allocated by one of two sound allocators and freed or
// resized by the one that owns it (`owns`), with the layout it was made with.
unsafe impl GlobalAlloc for Switchable {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if Self::on() {
            unsafe { MiMalloc.alloc(layout) }
        } else {
            unsafe { System.alloc(layout) }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if Self::on() {
            unsafe { MiMalloc.alloc_zeroed(layout) }
        } else {
            unsafe { System.alloc_zeroed(layout) }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if Self::owns(ptr) {
            unsafe { MiMalloc.dealloc(ptr, layout) }
        } else {
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if Self::owns(ptr) {
            unsafe { MiMalloc.realloc(ptr, layout, new_size) }
        } else {
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Set in the process that runs the switch (see below).
    const CHILD: &str = "DATELINE_ALLOCATOR_TEST_CHILD";
    const NAME: &str = "allocator::tests::blocks_go_back_to_the_allocator_that_made_them";

    /// The switch is made for a process's first thread, before any other
    /// allocates (`use_mimalloc`); the test harness runs tests on threads of
    /// one process, where another test allocating during the switch crashed.
    /// So the test runs again in a process of its own, with nothing else.
    #[test]
    fn blocks_go_back_to_the_allocator_that_made_them() {
        if std::env::var_os(CHILD).is_none() {
            let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
            let out = std::process::Command::new(exe)
                .args([NAME, "--exact", "--test-threads=1"])
                .env(CHILD, "1")
                .output()
                .unwrap_or_else(|e| panic!("{e}"));
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(out.status.success(), "{stdout}");
            assert!(stdout.contains("1 passed"), "the test ran: {stdout}");
            return;
        }
        let a = Switchable;
        let layout = Layout::from_size_align(64, 8).unwrap_or_else(|e| panic!("{e}"));
        // SAFETY: matching alloc/realloc/dealloc with the same layouts.
        unsafe {
            let before = a.alloc(layout);
            assert!(!before.is_null());
            use_mimalloc();
            assert!(!Switchable::owns(before));
            let after = a.alloc(layout);
            assert!(Switchable::owns(after));
            let grown = a.realloc(before, layout, 4096);
            assert!(
                !Switchable::owns(grown),
                "a system block stays the system's"
            );
            a.dealloc(
                grown,
                Layout::from_size_align(4096, 8).unwrap_or_else(|e| panic!("{e}")),
            );
            a.dealloc(after, layout);
        }
    }
}
