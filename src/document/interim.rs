//! Interim line-based reader used until the full document stage lands. Replaced by document branch.
use super::{BlockKind, Document, Format, Heading, Sentence};

pub(super) fn parse_lines(name: &str, raw: &str, format: Format) -> Document {
    let mut text = String::new();
    let mut headings: Vec<Heading> = Vec::new();
    let mut sentences = Vec::new();
    let mut current: Option<usize> = None;
    let mut last_para: Option<(usize, usize)> = None;
    let mut block = 0;
    let mut title = None;
    for line in raw.lines() {
        let l = line.trim();
        if l.is_empty() {
            continue;
        }
        let (kind, body, level) = if let Some(h) = l.strip_prefix('#') {
            let lvl = 1 + h.chars().take_while(|c| *c == '#').count();
            (
                None,
                h.trim_start_matches('#').trim().replace("\\.", "."),
                lvl as u8,
            )
        } else if let Some(li) = l.strip_prefix("* ") {
            (Some(BlockKind::ListItem), li.to_string(), 0)
        } else {
            (Some(BlockKind::Paragraph), l.to_string(), 0)
        };
        let body = strip_links(&body);
        let start = text.len();
        text.push_str(&body);
        let end = text.len();
        text.push('\n');
        match kind {
            None => {
                let parent = headings.iter().rposition(|h| h.level < level);
                headings.push(Heading {
                    level,
                    start,
                    end,
                    parent,
                });
                current = Some(headings.len() - 1);
                if title.is_none() && level == 1 {
                    title = Some(body.clone());
                }
            }
            Some(k) => {
                let mut s = start;
                let bytes = text.as_bytes();
                let mut i = start;
                while i < end {
                    if bytes[i] == b'.'
                        && i + 2 < end
                        && bytes[i + 1] == b' '
                        && bytes[i + 2].is_ascii_uppercase()
                    {
                        sentences.push(Sentence {
                            start: s,
                            end: i + 1,
                            heading: current,
                            lead_in: if k == BlockKind::ListItem {
                                last_para
                            } else {
                                None
                            },
                            block,
                            kind: k,
                        });
                        s = i + 2;
                    }
                    i += 1;
                }
                sentences.push(Sentence {
                    start: s,
                    end,
                    heading: current,
                    lead_in: if k == BlockKind::ListItem {
                        last_para
                    } else {
                        None
                    },
                    block,
                    kind: k,
                });
                if k == BlockKind::Paragraph {
                    last_para = Some((s, end));
                }
                block += 1;
            }
        }
    }
    Document {
        name: name.to_string(),
        format,
        text,
        title,
        headings,
        sentences,
        warnings: Vec::new(),
    }
}

fn strip_links(s: &str) -> String {
    let re = regex::Regex::new(r"\[([^\]]*)\]\([^)]*\)").expect("static regex");
    re.replace_all(s, "$1")
        .replace("â€“", "–")
        .replace("â€™", "’")
        .replace('â', "\"")
}
