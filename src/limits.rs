//! Bounds on what one input may cost, and reading files within them.
//!
//! A privacy policy is a few kilobytes to a few hundred kilobytes of text; a raw web page with its
//! inline scripts and styles, a few megabytes. Extraction time and memory grow with the text (a
//! statement keeps its evidence sentence), so an input far beyond that — a 200 MB log, a disk image
//! renamed `.txt` — is refused before it is read, with an error that names the file and the limit:
//! [`DEFAULT_MAX_INPUT_SIZE`] unless [`crate::pipeline::Options::max_input_size`] says otherwise
//! (`--max-input-size` on the command line). Saved graphs (`graph.json`) are our own output and are
//! not limited.
//!
//! Reading also refuses what is not a file: a directory where a policy file was expected. A FIFO
//! or character device named explicitly (`<(curl …)`, `/dev/stdin`) is read to its end like
//! standard input, within the same limit; in a directory walk such entries are reported instead,
//! because reading a FIFO nobody writes to would wait forever.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// The default largest policy read: 32 MiB.
pub const DEFAULT_MAX_INPUT_SIZE: u64 = 32 * 1024 * 1024;

/// Why an input could not be read within the limits.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error(transparent)]
    Io(#[from] io::Error),
    /// `size` is the file's size when known before reading, else the bytes read before stopping.
    #[error(
        "too large: {} exceeds the input size limit of {} (raise it with --max-input-size)",
        show_size(*size, *known),
        format_size(*limit)
    )]
    TooLarge { size: u64, known: bool, limit: u64 },
    #[error("is a directory, not a policy file")]
    Directory,
}

fn show_size(size: u64, known: bool) -> String {
    if known {
        format_size(size)
    } else {
        format!("more than {}", format_size(size.saturating_sub(1)))
    }
}

/// Read a whole file, refusing it when it is larger than `limit` bytes. The size is checked before
/// reading when the file system knows it, and enforced while reading otherwise (pipes, devices, a
/// file that grows).
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(ReadError::Directory);
    }
    if meta.is_file() && meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            known: true,
            limit,
        });
    }
    let file = File::open(path)?;
    let hint = if meta.is_file() { meta.len() } else { 0 };
    read_to_limit(file, limit, hint)
}

/// Read a stream (standard input) to its end, refusing it past `limit` bytes.
pub fn read_stream<R: Read>(reader: R, limit: u64) -> Result<Vec<u8>, ReadError> {
    read_to_limit(reader, limit, 0)
}

fn read_to_limit<R: Read>(reader: R, limit: u64, hint: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::with_capacity(usize::try_from(hint.min(limit)).unwrap_or(0));
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            known: false,
            limit,
        });
    }
    Ok(bytes)
}

/// `1024`, `500K`, `64M`, `2G` (binary multiples; a trailing `B` or `iB` is allowed, case does not
/// matter), or `unlimited`.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim().to_ascii_lowercase();
    if matches!(t.as_str(), "unlimited" | "none" | "max") {
        return Ok(u64::MAX);
    }
    let t = t
        .strip_suffix("ib")
        .or_else(|| t.strip_suffix('b'))
        .unwrap_or(&t);
    let (digits, shift) = match t.chars().last() {
        Some('k') => (&t[..t.len() - 1], 10),
        Some('m') => (&t[..t.len() - 1], 20),
        Some('g') => (&t[..t.len() - 1], 30),
        Some('t') => (&t[..t.len() - 1], 40),
        _ => (t, 0),
    };
    let n: u64 = digits.trim().parse().map_err(|_| {
        format!("`{text}` is not a size: use a number of bytes, optionally with K, M or G, or `unlimited`")
    })?;
    n.checked_mul(1u64 << shift)
        .ok_or_else(|| format!("`{text}` is too large a size"))
}

/// A size for people: `512 bytes`, `1.5 KiB`, `200.0 MiB`, `unlimited`.
pub fn format_size(n: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if n == u64::MAX {
        return "unlimited".to_string();
    }
    if n < 1024 {
        return format!("{n} bytes");
    }
    let mut value = n as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("1024"), Ok(1024));
        assert_eq!(parse_size("2k"), Ok(2048));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        assert_eq!(parse_size("3 MB"), Ok(3 << 20));
        assert_eq!(parse_size("unlimited"), Ok(u64::MAX));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("").is_err());
        assert!(parse_size("99999999999T").is_err());
    }

    #[test]
    fn sizes_print() {
        assert_eq!(format_size(10), "10 bytes");
        assert_eq!(format_size(200 << 20), "200.0 MiB");
        assert_eq!(format_size(DEFAULT_MAX_INPUT_SIZE), "32.0 MiB");
    }

    #[test]
    fn streams_stop_at_the_limit() {
        let data = [b'a'; 100];
        assert_eq!(read_stream(&data[..], 100).map(|b| b.len()).ok(), Some(100));
        let err = read_stream(&data[..], 99).err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some(
                "too large: more than 99 bytes exceeds the input size limit of 99 bytes (raise it with --max-input-size)"
            )
        );
    }
}
