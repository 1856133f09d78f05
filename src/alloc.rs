//! The global allocator of the binary, the examples and the benchmarks: mimalloc, called the way
//! the system allocator is.
//!
//! Extraction makes many small strings and vectors; mimalloc serves them in a quarter of the
//! instructions of the system allocator (callgrind on apps-2024). The `mimalloc` crate's own
//! wrapper asks for an aligned block on every call, whose checks were a third of the allocator's
//! cost; like `std`'s system allocator, this one calls plain `mi_malloc` when the alignment is
//! one `malloc` guarantees anyway (at most 16 bytes, and no more than the size), 1.2% of the
//! instructions of a corpus run. It owns no policy about memory; it only forwards.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys as mi;

/// The alignment every `mi_malloc` block has when its size is at least this (as for `malloc`:
/// the alignment of `max_align_t` on the 64-bit targets we build for).
const MALLOC_ALIGN: usize = 16;

/// mimalloc's option number for the purge delay (`mi_option_purge_delay` in `mimalloc.h`; the
/// Rust bindings name no constant for it).
const PURGE_DELAY: mi::mi_option_t = 15;

/// Tell mimalloc to keep the memory a run frees instead of handing it back to the OS after a
/// delay (unless `MIMALLOC_PURGE_DELAY` says otherwise). A corpus run frees each policy's
/// document and statements and allocates the next one's: with purging, the pages came back as
/// page faults the kernel had to zero (2 MB at a time with transparent huge pages; 6% of the
/// samples of a profile of `throughput`). Measured over `RUNS=5 throughput` on apps-2024: page
/// faults 7,200–8,800 → 240, CPU time 2,780–2,900 ms → 2,730–2,870 ms (three alternating runs).
/// The price is memory held at its high-water mark: `build` over 875 policies peaked at 422
/// instead of 385 MB (`statements` streams, and stayed at about 110 MB). For programs: call it
/// first in `main`.
pub fn keep_freed_memory() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: setting an option is allowed at any time; -1 means "never purge".
        unsafe { mi::mi_option_set(PURGE_DELAY, -1) }
    }
}

/// mimalloc as a [`GlobalAlloc`]: `#[global_allocator] static A: Allocator = Allocator;`.
pub struct Allocator;

/// Does plain `mi_malloc` give this alignment for a block of `size` bytes?
#[inline]
fn malloc_aligns(align: usize, size: usize) -> bool {
    align <= MALLOC_ALIGN && align <= size
}

// SAFETY: every block comes from mimalloc with at least the layout's alignment (asked for
// explicitly unless `malloc_aligns`), and goes back to mimalloc's `mi_free`/`mi_realloc*`, which
// accept blocks from any of its allocation functions.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: mimalloc's allocation functions take any size and power-of-two alignment.
        unsafe {
            if malloc_aligns(layout.align(), layout.size()) {
                mi::mi_malloc(layout.size()) as *mut u8
            } else {
                mi::mi_malloc_aligned(layout.size(), layout.align()) as *mut u8
            }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        unsafe {
            if malloc_aligns(layout.align(), layout.size()) {
                mi::mi_zalloc(layout.size()) as *mut u8
            } else {
                mi::mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8
            }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` was allocated by this allocator, hence by mimalloc.
        unsafe { mi::mi_free(ptr as *mut c_void) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` was allocated by mimalloc with `layout`; the new block keeps its alignment.
        unsafe {
            if malloc_aligns(layout.align(), new_size) {
                mi::mi_realloc(ptr as *mut c_void, new_size) as *mut u8
            } else {
                mi::mi_realloc_aligned(ptr as *mut c_void, new_size, layout.align()) as *mut u8
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Option 15 is the purge delay in the mimalloc this crate builds (`mimalloc.h` of
    /// libmimalloc-sys 0.1.49, v3): its default is a delay in milliseconds, and the call sets it
    /// to "never" unless the environment chose.
    #[test]
    fn freed_memory_is_kept() {
        // SAFETY: reading an option is allowed at any time.
        let before = unsafe { mi::mi_option_get(PURGE_DELAY) };
        keep_freed_memory();
        // SAFETY: as above.
        let after = unsafe { mi::mi_option_get(PURGE_DELAY) };
        match std::env::var("MIMALLOC_PURGE_DELAY") {
            Ok(set) => assert_eq!(Some(after), set.parse().ok()),
            Err(_) => {
                assert!(before == -1 || (1..=10_000).contains(&before), "{before}");
                assert_eq!(after, -1);
            }
        }
    }

    /// Blocks of every size and alignment come back aligned, keep their bytes through growing
    /// and shrinking, and zeroed blocks are zero.
    #[test]
    fn blocks_are_aligned_and_keep_their_contents() {
        let a = Allocator;
        for align in [1usize, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1usize, 3, 8, 15, 16, 17, 100, 5000] {
                let layout = Layout::from_size_align(size, align).expect("valid layout");
                // SAFETY: the layout has a non-zero size; every block is freed with its layout.
                unsafe {
                    let p = a.alloc(layout);
                    assert!(!p.is_null());
                    assert_eq!(p as usize % align, 0, "size {size} align {align}");
                    for i in 0..size {
                        *p.add(i) = i as u8;
                    }
                    // Grow, then shrink below the first size.
                    let mut block = (p, layout);
                    for new_size in [size * 3, (size / 2).max(1)] {
                        let q = a.realloc(block.0, block.1, new_size);
                        assert_eq!(
                            q as usize % align,
                            0,
                            "realloc to {new_size}, align {align}"
                        );
                        let kept = size.min(new_size);
                        assert!(
                            (0..kept).all(|i| *q.add(i) == i as u8),
                            "realloc to {new_size}"
                        );
                        block = (q, Layout::from_size_align(new_size, align).expect("valid"));
                    }
                    a.dealloc(block.0, block.1);
                    let z = a.alloc_zeroed(layout);
                    assert_eq!(z as usize % align, 0);
                    assert!((0..size).all(|i| *z.add(i) == 0));
                    a.dealloc(z, layout);
                }
            }
        }
    }
}
