//! Format detection from the file name's extension and the content.
//!
//! Owns only the choice among `Html`, `Markdown` and `Text`. Content wins over a `.txt` (or missing)
//! extension, because scraped "text" is often HTML or Markdown; an `.html` file without a single tag
//! is read as text. It does not parse anything.

use super::Format;

/// How many bytes of the content are inspected.
const SNIFF_LEN: usize = 64 * 1024;

pub(crate) fn detect(name: &str, text: &str) -> Format {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let sample = head(text, SNIFF_LEN);
    match ext.as_str() {
        "html" | "htm" | "xhtml" | "shtml" => {
            if count_tags(sample, 1) > 0 {
                Format::Html
            } else {
                Format::Text
            }
        }
        "md" | "markdown" | "mdown" | "mkd" => {
            if looks_html(sample) && markdown_score(sample) == 0 {
                Format::Html
            } else {
                Format::Markdown
            }
        }
        _ => sniff(sample),
    }
}

/// Content-only detection, for `.txt`, stdin and unknown extensions.
pub(crate) fn sniff(sample: &str) -> Format {
    if looks_html(sample) {
        Format::Html
    } else if markdown_score(sample) >= 2 {
        Format::Markdown
    } else {
        Format::Text
    }
}

fn head(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn looks_html(sample: &str) -> bool {
    let lower = sample.to_ascii_lowercase();
    let start = lower.trim_start();
    if start.starts_with("<!doctype html") || start.starts_with("<html") {
        return true;
    }
    const STRONG: &[&str] = &[
        "<html", "<body", "<p>", "<p ", "<div", "<br>", "<br/>", "<br />", "<li>", "<h1", "<h2",
        "<table",
    ];
    if STRONG.iter().any(|t| lower.contains(t)) {
        return true;
    }
    // Many tags of any kind: HTML fragments without the usual suspects.
    count_tags(sample, 10) >= 10
}

/// Counts `<name` and `</name` openings that look like tags (letter right after `<` or `</`).
/// Stops at `enough`: the callers only ask whether there is one, or ten.
fn count_tags(sample: &str, enough: usize) -> usize {
    let b = sample.as_bytes();
    let mut n = 0;
    for i in memchr::memchr_iter(b'<', b) {
        let j = if b.get(i + 1) == Some(&b'/') {
            i + 2
        } else {
            i + 1
        };
        if b.get(j).is_some_and(u8::is_ascii_alphabetic) {
            // A tag name runs to whitespace, `>` or `/`.
            let end = b[j..]
                .iter()
                .position(|c| !c.is_ascii_alphanumeric())
                .map_or(b.len(), |k| j + k);
            if matches!(b.get(end), Some(b'>' | b' ' | b'/' | b'\t' | b'\n')) {
                n += 1;
                if n >= enough {
                    break;
                }
            }
        }
    }
    n
}

/// Evidence of Markdown: ATX headings, `[text](url)` links, setext underlines, `**bold**`, lists.
fn markdown_score(sample: &str) -> usize {
    let mut score = 0;
    let mut prev_nonblank = false;
    let mut bullets = 0;
    for line in sample.lines() {
        let t = line.trim_start();
        let hashes = t.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
            score += 2;
        }
        if prev_nonblank
            && !t.is_empty()
            && (t.bytes().all(|b| b == b'=') || (t.len() >= 3 && t.bytes().all(|b| b == b'-')))
        {
            score += 1;
        }
        if t.starts_with("* ") || t.starts_with("- ") || t.starts_with("+ ") {
            bullets += 1;
        }
        prev_nonblank = !t.is_empty();
    }
    score += sample.matches("](").count().min(5);
    score += sample.matches("**").count().min(4) / 2;
    if bullets >= 2 {
        score += 1;
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_and_content() {
        assert_eq!(detect("a.html", "<p>x</p>"), Format::Html);
        assert_eq!(detect("a.html", "just words"), Format::Text);
        assert_eq!(detect("a.md", "# T\n\ntext"), Format::Markdown);
        assert_eq!(detect("a.txt", "<html><body>x</body></html>"), Format::Html);
        assert_eq!(
            detect("a.txt", "# Title\n\nSee [us](http://x).\n"),
            Format::Markdown
        );
        assert_eq!(detect("a.txt", "Title\nA line.\n"), Format::Text);
        assert_eq!(detect("-", "<div>x</div>"), Format::Html);
    }
}
