//! Bytes → `String`: byte-order marks, UTF-16/UTF-32, invalid UTF-8, legacy charsets, and
//! refusing binary files.
//!
//! Owns only the byte level. It does not repair mojibake (text that was *already* decoded with the
//! wrong charset before it reached us — see `mojibake.rs`) and knows nothing about formats beyond
//! peeking at an HTML `<meta charset>` when the bytes are not UTF-8.

use std::borrow::Cow;

use super::DocumentError;

/// Decoded text plus the problems met on the way. The text borrows the input when that is valid
/// UTF-8 as it is (nearly always): copying every file was a quarter of the decoding.
pub(crate) struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub warnings: Vec<String>,
}

/// How much of the start of a file we inspect for binary signatures and control bytes.
const SNIFF_LEN: usize = 8192;
// The sniffing counts are 16-bit sums.
const _: () = assert!(SNIFF_LEN <= u16::MAX as usize);

pub(crate) fn decode<'a>(name: &str, bytes: &'a [u8]) -> Result<Decoded<'a>, DocumentError> {
    let mut warnings = Vec::new();
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        utf8(name, rest, &mut warnings)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE\x00\x00") {
        // Checked before UTF-16 LE: the UTF-32 LE mark starts with the UTF-16 LE one.
        Cow::Owned(utf32(rest, false))
    } else if let Some(rest) = bytes.strip_prefix(b"\x00\x00\xFE\xFF") {
        Cow::Owned(utf32(rest, true))
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        Cow::Owned(utf16(rest, false))
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        Cow::Owned(utf16(rest, true))
    } else if let Some(kind) = binary_signature(bytes) {
        return Err(unreadable(name, kind));
    } else if let Some(big_endian) = bom_less_utf16(bytes) {
        warnings.push(format!("{name}: no byte-order mark; decoded as UTF-16"));
        Cow::Owned(utf16(bytes, big_endian))
    } else if looks_binary(bytes) {
        return Err(unreadable(name, "unknown binary data"));
    } else {
        utf8(name, bytes, &mut warnings)
    };
    Ok(Decoded {
        text: normalize_newlines(text),
        warnings,
    })
}

fn unreadable(name: &str, kind: &str) -> DocumentError {
    DocumentError::Unreadable {
        path: name.to_string(),
        reason: format!("binary file ({kind}), not a policy"),
    }
}

/// Magic numbers of file types people plausibly pass by mistake (an image, a PDF, an archive).
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"%PDF-", "PDF document"),
        (b"PK\x03\x04", "ZIP archive or Office document"),
        (b"\x1F\x8B", "gzip archive"),
        (b"BZh", "bzip2 archive"),
        (b"\xFD7zXZ\x00", "xz archive"),
        (b"7z\xBC\xAF\x27\x1C", "7-Zip archive"),
        (b"Rar!\x1A\x07", "RAR archive"),
        (b"\x7FELF", "ELF executable"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "legacy Office document",
        ),
        (b"SQLite format 3\x00", "SQLite database"),
        (b"\x00asm", "WebAssembly module"),
        (b"\xCA\xFE\xBA\xBE", "Java class or Mach-O binary"),
        (b"\xCF\xFA\xED\xFE", "Mach-O binary"),
        (b"OggS", "Ogg media"),
        (b"fLaC", "FLAC audio"),
        (b"ID3", "MP3 audio"),
        (b"II*\x00", "TIFF image"),
        (b"MM\x00*", "TIFF image"),
        (b"wOFF", "web font"),
        (b"wOF2", "web font"),
    ];
    for (magic, kind) in SIGNATURES {
        if bytes.starts_with(magic) {
            // "BZh" and "ID3" are also ordinary text; require the rest of the real header.
            let confirmed = match *magic {
                b"BZh" => {
                    bytes.get(3).is_some_and(|b| (b'1'..=b'9').contains(b)) && bytes.len() > 10
                }
                b"ID3" => bytes.get(3).is_some_and(|&b| b < 10),
                _ => true,
            };
            if confirmed {
                return Some(kind);
            }
        }
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" {
        return Some(match &bytes[8..12] {
            b"WEBP" => "WebP image",
            b"WAVE" => "WAV audio",
            b"AVI " => "AVI video",
            _ => "RIFF media",
        });
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Some("MP4/QuickTime media");
    }
    None
}

/// UTF-16 without a byte-order mark shows up as ASCII with a NUL in every other byte.
/// Returns `Some(big_endian)` when that pattern dominates the start of the file.
fn bom_less_utf16(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(SNIFF_LEN) & !1];
    let pairs = sample.len() / 2;
    if pairs < 4 {
        return None;
    }
    // 16-bit sums (at most SNIFF_LEN / 2 pairs) in one fold, which the compiler vectorises.
    let (even, odd) = sample.chunks_exact(2).fold((0u16, 0u16), |(e, o), pair| {
        (e + u16::from(pair[0] == 0), o + u16::from(pair[1] == 0))
    });
    let (even_nul, odd_nul) = (usize::from(even), usize::from(odd));
    if even_nul * 10 >= pairs * 7 && odd_nul * 20 <= pairs {
        Some(true)
    } else if odd_nul * 10 >= pairs * 7 && even_nul * 20 <= pairs {
        Some(false)
    } else {
        None
    }
}

/// Text files have next to no NUL or C0 control bytes; binaries are full of them.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(SNIFF_LEN)];
    if sample.is_empty() {
        return false;
    }
    // 8-bit sums over 255-byte chunks, both counts in one pass: the compiler vectorises them
    // without widening every byte to 16 bits (apps-2024: looks_binary 5.2 M -> 3.5 M).
    let (mut nul, mut control) = (0usize, 0usize);
    for chunk in sample.chunks(255) {
        let (n, c) = chunk.iter().fold((0u8, 0u8), |(n, c), &b| {
            let ctl = (b != 0) & (b < 0x20) & !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B);
            (n + u8::from(b == 0), c + u8::from(ctl))
        });
        nul += usize::from(n);
        control += usize::from(c);
    }
    // A stray NUL in an otherwise fine text file should not make it unreadable.
    nul * 100 > sample.len() || (nul + control) * 10 > sample.len()
}

fn utf16(bytes: &[u8], big_endian: bool) -> String {
    let units = bytes.chunks_exact(2).map(|p| {
        if big_endian {
            u16::from_be_bytes([p[0], p[1]])
        } else {
            u16::from_le_bytes([p[0], p[1]])
        }
    });
    char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

fn utf32(bytes: &[u8], big_endian: bool) -> String {
    bytes
        .chunks_exact(4)
        .map(|q| {
            let v = if big_endian {
                u32::from_be_bytes([q[0], q[1], q[2], q[3]])
            } else {
                u32::from_le_bytes([q[0], q[1], q[2], q[3]])
            };
            char::from_u32(v).unwrap_or(char::REPLACEMENT_CHARACTER)
        })
        .collect()
}

/// UTF-8, falling back to a declared or guessed legacy charset, and finally to lossy UTF-8.
fn utf8<'a>(name: &str, bytes: &'a [u8], warnings: &mut Vec<String>) -> Cow<'a, str> {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Cow::Borrowed(s);
    }
    if let Some(enc) = declared_charset(bytes).filter(|e| *e != encoding_rs::UTF_8) {
        let (text, _, had_errors) = enc.decode(bytes);
        let note = if had_errors {
            " (some bytes replaced)"
        } else {
            ""
        };
        warnings.push(format!(
            "{name}: not UTF-8; decoded as declared charset {}{note}",
            enc.name()
        ));
        return Cow::Owned(text.into_owned());
    }
    if is_single_byte_legacy(bytes) {
        let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
        warnings.push(format!(
            "{name}: not UTF-8 and no valid multi-byte sequence; decoded as Windows-1252"
        ));
        return Cow::Owned(text.into_owned());
    }
    let invalid = count_invalid(bytes);
    warnings.push(format!(
        "{name}: invalid UTF-8; {invalid} byte sequence(s) replaced with U+FFFD"
    ));
    Cow::Owned(String::from_utf8_lossy(bytes).into_owned())
}

/// A Latin-1/Windows-1252 file has high bytes but never a valid UTF-8 multi-byte sequence;
/// a UTF-8 file with a few corrupted bytes has many valid ones. Only the first kind is re-decoded.
fn is_single_byte_legacy(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => return s.is_ascii(),
            Err(e) => {
                if !rest[..e.valid_up_to()].is_ascii() {
                    return false;
                }
                let skip = e.error_len().unwrap_or(rest.len() - e.valid_up_to());
                rest = &rest[e.valid_up_to() + skip..];
            }
        }
    }
}

fn count_invalid(bytes: &[u8]) -> usize {
    let mut rest = bytes;
    let mut n = 0;
    while let Err(e) = std::str::from_utf8(rest) {
        n += 1;
        let skip = e.error_len().unwrap_or(rest.len() - e.valid_up_to());
        rest = &rest[e.valid_up_to() + skip..];
    }
    n
}

/// `<meta charset="...">` or `content="text/html; charset=..."` near the start of an HTML file.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let pos = find(&lower, b"charset=")?;
    let rest = &lower[pos + 8..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
        .unwrap_or(rest.len());
    encoding_rs::Encoding::for_label(&rest[..end])
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// CRLF and lone CR become LF, so every later stage splits lines on `\n` only.
fn normalize_newlines(text: Cow<'_, str>) -> Cow<'_, str> {
    // memchr's vector search: `str::contains(char)` took a quarter of the decoding.
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return text;
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_file_is_redecoded() {
        let d = decode("a.txt", b"caf\xe9 au lait").unwrap();
        assert_eq!(d.text, "café au lait");
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn mostly_utf8_file_is_lossy() {
        let mut bytes = "naïve \u{2019}".as_bytes().to_vec();
        bytes.push(0xff);
        let d = decode("a.txt", &bytes).unwrap();
        assert_eq!(d.text, "naïve \u{2019}\u{fffd}");
        assert!(d.warnings[0].contains("a.txt"));
    }
}
