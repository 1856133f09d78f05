//! Inline Markdown → plain text: `[text](url)` and `[text][ref]` keep their text, images and HTML
//! tags go, emphasis markers and backticks are removed, `\.`-style escapes and entities resolved.
//!
//! One left-to-right pass over chars; every look-ahead shares a budget, so input such as thousands
//! of unclosed `[` stays linear.

use crate::document::entities;

/// Longest distance scanned for a closing `]`, `)` or backtick run, so pathological input
/// (thousands of `[`) stays linear.
const SCAN_LIMIT: usize = 2000;

/// Inline Markdown → plain text. One left-to-right pass; link targets are skipped by recording
/// where each link's `]` is and where its `(url)` ends.
pub(super) fn inline(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len();
    let mut out = String::with_capacity(s.len());
    let mut skips: Vec<(usize, usize)> = Vec::new(); // (index of `]`, index to resume at)
    // Look-ahead scans share one budget, so thousands of unclosed `[` or backticks stay linear.
    let mut budget = 4 * n + 10_000;
    let mut i = 0;
    while i < n {
        let c = chars[i];
        match c {
            '\\' if chars.get(i + 1).is_some_and(|d| d.is_ascii_punctuation()) => {
                out.push(chars[i + 1]);
                i += 2;
            }
            '`' => {
                let run = count_run(&chars, i, '`');
                match find_run(&chars, i + run, '`', run, &mut budget) {
                    Some(close) => {
                        let code: String = chars[i + run..close].iter().collect();
                        out.push_str(code.trim());
                        i = close + run;
                    }
                    None => i += run,
                }
            }
            '!' if chars.get(i + 1) == Some(&'[') => match link_end(&chars, i + 1, &mut budget) {
                Some((_, resume)) => i = resume, // images: the alt text is decoration
                None => {
                    out.push('!');
                    i += 1;
                }
            },
            '[' => match link_end(&chars, i, &mut budget) {
                Some((close, resume)) => {
                    skips.push((close, resume));
                    i += 1;
                }
                None => {
                    out.push('[');
                    i += 1;
                }
            },
            ']' => match skips.last().copied() {
                Some((close, resume)) if close == i => {
                    skips.pop();
                    i = resume;
                }
                _ => {
                    out.push(']');
                    i += 1;
                }
            },
            '<' => match angle(&chars, i, &mut budget) {
                Some((keep, end)) => {
                    out.push_str(&keep);
                    i = end;
                }
                None => {
                    out.push('<');
                    i += 1;
                }
            },
            '*' | '_' | '~' => {
                let run = count_run(&chars, i, c);
                let prev = if i == 0 { None } else { Some(chars[i - 1]) };
                let next = chars.get(i + run).copied();
                let ws = |x: Option<char>| x.is_none_or(char::is_whitespace);
                let intraword = prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric);
                let delimiter =
                    !(ws(prev) && ws(next) || c == '_' && intraword) && (c != '~' || run == 2);
                if !delimiter {
                    out.extend(std::iter::repeat_n(c, run));
                }
                i += run;
            }
            '&' => {
                let end = (i + 40).min(n);
                let semi = chars[i..end]
                    .iter()
                    .position(|&x| x == ';' || x.is_whitespace());
                let stop = match semi {
                    Some(p) if chars[i + p] == ';' => i + p + 1,
                    _ => i + 1,
                };
                let piece: String = chars[i..stop].iter().collect();
                entities::decode_into(&piece, &mut out);
                i = stop;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn count_run(chars: &[char], i: usize, c: char) -> usize {
    chars[i..].iter().take_while(|&&x| x == c).count()
}

/// Start of the next run of exactly `len` chars `c` after `from`, within the scan limit.
fn find_run(chars: &[char], from: usize, c: char, len: usize, budget: &mut usize) -> Option<usize> {
    let end = (from + SCAN_LIMIT.min(*budget)).min(chars.len());
    *budget = budget.saturating_sub(end.saturating_sub(from));
    let mut j = from;
    while j < end {
        if chars[j] == c {
            let run = count_run(chars, j, c);
            if run == len {
                return Some(j);
            }
            j += run;
        } else {
            j += 1;
        }
    }
    None
}

/// For a `[` at `open`: the index of its `]` and where text resumes after `(url)` / `[ref]`.
fn link_end(chars: &[char], open: usize, budget: &mut usize) -> Option<(usize, usize)> {
    let end = (open + SCAN_LIMIT.min(*budget)).min(chars.len());
    *budget = budget.saturating_sub(end - open);
    let mut depth = 0usize;
    let mut close = None;
    let mut j = open;
    while j < end {
        match chars[j] {
            '\\' => j += 1,
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(j);
                    break;
                }
            }
            _ => {}
        }
        j += 1;
    }
    let close = close?;
    match chars.get(close + 1) {
        Some('(') => {
            let end = (close + 1 + SCAN_LIMIT.min(*budget)).min(chars.len());
            *budget = budget.saturating_sub(end - close - 1);
            let mut depth = 0usize;
            for (k, &ch) in chars.iter().enumerate().take(end).skip(close + 1) {
                match ch {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some((close, k + 1));
                        }
                    }
                    _ => {}
                }
            }
            None
        }
        Some('[') => {
            let end = (close + 2 + 200).min(chars.len());
            (close + 2..end)
                .find(|&k| chars[k] == ']')
                .map(|k| (close, k + 1))
        }
        _ => None,
    }
}

/// `<https://…>` and `<a@b.c>` autolinks keep their text; HTML tags are dropped (`<br>` → space).
fn angle(chars: &[char], i: usize, budget: &mut usize) -> Option<(String, usize)> {
    let end = (i + SCAN_LIMIT.min(*budget)).min(chars.len());
    *budget = budget.saturating_sub(end - i);
    let close = (i + 1..end).find(|&k| chars[k] == '>' || chars[k] == '<')?;
    if chars[close] != '>' {
        return None;
    }
    let inner: String = chars[i + 1..close].iter().collect();
    let first = inner.chars().next()?;
    if inner.contains("://") || (inner.contains('@') && !inner.contains(' ')) {
        return Some((inner.trim_start_matches("mailto:").to_string(), close + 1));
    }
    if first.is_ascii_alphabetic() || first == '/' || first == '!' {
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        let keep = if matches!(
            name.to_ascii_lowercase().as_str(),
            "br" | "p" | "div" | "li" | "tr" | "td"
        ) {
            " "
        } else {
            ""
        };
        return Some((keep.to_string(), close + 1));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markup() {
        assert_eq!(
            inline("If you [contact us](http://x/a_(b)) *now*"),
            "If you contact us now"
        );
        assert_eq!(
            inline("1\\. Email **Address** `code` snake_case_name"),
            "1. Email Address code snake_case_name"
        );
        assert_eq!(
            inline("a * b and ![img](x.png) <br> <https://a.b>"),
            "a * b and    https://a.b"
        );
        assert_eq!(inline("[[[[unclosed"), "[[[[unclosed");
    }
}
