//! Reading the lexicon CSVs (embedded or from a directory) and checking them.

use std::collections::HashSet;
use std::path::Path;
use std::sync::OnceLock;

use indexmap::IndexMap;

use super::{Category, Condition, Lexicon, Party, PartyClass, Purpose, Verb, VerbFamily};

/// The lexicon files, in the order they are read.
pub const FILES: [&str; 6] = [
    "categories.csv",
    "parties.csv",
    "classes.csv",
    "purposes.csv",
    "conditions.csv",
    "verbs.csv",
];

const EMBEDDED: [&str; 6] = [
    include_str!("../../data/lexicon/categories.csv"),
    include_str!("../../data/lexicon/parties.csv"),
    include_str!("../../data/lexicon/classes.csv"),
    include_str!("../../data/lexicon/purposes.csv"),
    include_str!("../../data/lexicon/conditions.csv"),
    include_str!("../../data/lexicon/verbs.csv"),
];

/// A problem in a lexicon file, with the file and line it is on.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("{file}: cannot read: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}:{line}: {message}")]
    Invalid {
        file: String,
        line: u64,
        message: String,
    },
}

fn invalid(file: &str, line: u64, message: impl Into<String>) -> LexiconError {
    LexiconError::Invalid {
        file: file.to_string(),
        line,
        message: message.into(),
    }
}

/// One CSV file: its name and its rows, each with its line number and fields by column name.
struct Table {
    file: String,
    rows: Vec<(u64, IndexMap<String, String>)>,
}

impl Table {
    fn parse(file: &str, text: &str, required: &[&str]) -> Result<Table, LexiconError> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .from_reader(text.as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| invalid(file, 1, e.to_string()))?
            .iter()
            .map(|h| h.trim().to_string())
            .collect();
        for col in required {
            if !headers.iter().any(|h| h == col) {
                return Err(invalid(file, 1, format!("missing column `{col}`")));
            }
        }
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line());
                invalid(file, line, e.to_string())
            })?;
            let line = record.position().map_or(0, |p| p.line());
            let fields = headers
                .iter()
                .cloned()
                .zip(record.iter().map(|f| f.trim().to_string()))
                .collect();
            rows.push((line, fields));
        }
        Ok(Table {
            file: file.to_string(),
            rows,
        })
    }
}

fn field<'a>(row: &'a IndexMap<String, String>, name: &str) -> &'a str {
    row.get(name).map_or("", String::as_str)
}

fn optional(row: &IndexMap<String, String>, name: &str) -> Option<String> {
    Some(field(row, name))
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// `a|b|c` → `["a", "b", "c"]`, blanks dropped.
fn list(row: &IndexMap<String, String>, name: &str) -> Vec<String> {
    field(row, name)
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn require(
    table: &Table,
    line: u64,
    row: &IndexMap<String, String>,
    name: &str,
) -> Result<String, LexiconError> {
    optional(row, name).ok_or_else(|| invalid(&table.file, line, format!("empty `{name}`")))
}

impl Lexicon {
    /// The lexicon compiled into the binary from `data/lexicon/`.
    pub fn embedded() -> Result<Lexicon, LexiconError> {
        Self::from_texts(
            FILES
                .iter()
                .zip(EMBEDDED)
                .map(|(f, t)| (f.to_string(), t.to_string()))
                .collect(),
        )
    }

    /// A lexicon read from a directory holding the six CSV files. A file missing from the directory
    /// is taken from the embedded lexicon, so a user can override just the parties.
    pub fn from_dir(dir: &Path) -> Result<Lexicon, LexiconError> {
        // Without this check a mistyped directory, or a file, would silently give the embedded
        // lexicon (every file "missing" falls back).
        match std::fs::metadata(dir) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(LexiconError::Io {
                    file: dir.display().to_string(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::NotADirectory,
                        "not a directory (the lexicon is a directory of CSV files)",
                    ),
                });
            }
            Err(source) => {
                return Err(LexiconError::Io {
                    file: dir.display().to_string(),
                    source,
                });
            }
        }
        let mut texts = Vec::new();
        for (file, embedded) in FILES.iter().zip(EMBEDDED) {
            let path = dir.join(file);
            let text = if path.exists() {
                std::fs::read_to_string(&path).map_err(|source| LexiconError::Io {
                    file: path.display().to_string(),
                    source,
                })?
            } else {
                embedded.to_string()
            };
            texts.push((path.display().to_string(), text));
        }
        Self::from_texts(texts)
    }

    fn from_texts(texts: Vec<(String, String)>) -> Result<Lexicon, LexiconError> {
        let [categories, parties, classes, purposes, conditions, verbs]: [(String, String); 6] =
            texts
                .try_into()
                .map_err(|_| invalid("lexicon", 0, "expected six files"))?;
        let categories = read_categories(&categories.0, &categories.1)?;
        let parties = read_parties(&parties.0, &parties.1)?;
        let classes = read_classes(&classes.0, &classes.1)?;
        let purposes = read_purposes(&purposes.0, &purposes.1)?;
        let conditions = read_conditions(&conditions.0, &conditions.1)?;
        let verbs = read_verbs(&verbs.0, &verbs.1)?;
        Ok(Self::from_parts(
            categories, parties, classes, purposes, conditions, verbs,
        ))
    }

    /// Assemble a lexicon from already-checked parts (its matcher is compiled at the first search).
    pub fn from_parts(
        categories: Vec<Category>,
        parties: Vec<Party>,
        classes: Vec<PartyClass>,
        purposes: Vec<Purpose>,
        conditions: Vec<Condition>,
        verbs: Vec<Verb>,
    ) -> Lexicon {
        let (categories, parties, classes) = (
            categories
                .into_iter()
                .map(one_line_category)
                .collect::<Vec<_>>(),
            parties.into_iter().map(one_line_party).collect::<Vec<_>>(),
            classes.into_iter().map(one_line_class).collect::<Vec<_>>(),
        );
        let category_index = categories
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        let party_index = parties
            .iter()
            .enumerate()
            .map(|(i, p)| (p.name.clone(), i))
            .collect();
        Lexicon {
            categories,
            parties,
            classes,
            purposes,
            conditions,
            verbs,
            category_index,
            party_index,
            matcher: OnceLock::new(),
            party_names: OnceLock::new(),
        }
    }

    /// Add parties (e.g. imported from a tracker list); names already known are skipped.
    pub fn add_parties(&mut self, parties: Vec<Party>) -> usize {
        let mut added = 0;
        for p in parties {
            let p = one_line_party(p);
            if self.party_index.contains_key(&p.name) {
                continue;
            }
            self.party_index.insert(p.name.clone(), self.parties.len());
            self.parties.push(p);
            added += 1;
        }
        if added > 0 {
            self.matcher = OnceLock::new();
            self.party_names = OnceLock::new();
        }
        added
    }
}

/// Names and labels end up in terminal tables, CSV cells, DOT and XML: one line of text, without
/// control characters (an escape sequence in a party name from a downloaded tracker list would
/// otherwise reach the user's terminal). Runs of whitespace and control characters become one space.
fn one_line(text: String) -> String {
    if !text
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() && c != ' ')
        && !text.contains("  ")
    {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| c.is_control() || c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn one_line_party(p: Party) -> Party {
    Party {
        name: one_line(p.name),
        aliases: p.aliases.into_iter().map(one_line).collect(),
        role: one_line(p.role),
        parent: p.parent.map(one_line),
        domain: p.domain.map(one_line),
        ambiguous: p.ambiguous,
    }
}

fn one_line_class(c: PartyClass) -> PartyClass {
    PartyClass {
        label: one_line(c.label),
        ..c
    }
}

fn one_line_category(c: Category) -> Category {
    Category {
        label: one_line(c.label),
        ..c
    }
}

/// No two rows of `table` (read into `out`, a row each) share a key, ignoring ASCII case.
fn check_unique_by<T>(
    table: &Table,
    out: &[T],
    key: impl Fn(&T) -> &str,
) -> Result<(), LexiconError> {
    let mut seen = HashSet::new();
    for ((line, _), item) in table.rows.iter().zip(out) {
        let key = key(item);
        if !seen.insert(key.to_ascii_lowercase()) {
            return Err(invalid(&table.file, *line, format!("duplicate id `{key}`")));
        }
    }
    Ok(())
}

fn read_categories(file: &str, text: &str) -> Result<Vec<Category>, LexiconError> {
    let table = Table::parse(
        file,
        text,
        &[
            "id",
            "parent",
            "label",
            "fideslang",
            "opp115_type",
            "phrases",
        ],
    )?;
    let mut out = Vec::new();
    for (line, row) in &table.rows {
        out.push(Category {
            id: require(&table, *line, row, "id")?,
            parent: optional(row, "parent"),
            label: require(&table, *line, row, "label")?,
            fideslang: field(row, "fideslang").to_string(),
            opp115_type: require(&table, *line, row, "opp115_type")?,
            phrases: list(row, "phrases"),
        });
    }
    let lines: Vec<u64> = table.rows.iter().map(|(l, _)| *l).collect();
    check_unique_by(&table, &out, |c| &c.id)?;
    let ids: IndexMap<&str, usize> = out
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    for (i, c) in out.iter().enumerate() {
        if let Some(p) = &c.parent
            && !ids.contains_key(p.as_str())
        {
            return Err(invalid(
                file,
                lines[i],
                format!("category `{}` has unknown parent `{p}`", c.id),
            ));
        }
        // Walk up: a path longer than the table has a cycle.
        let mut cur = c.parent.as_deref();
        let mut steps = 0;
        while let Some(p) = cur {
            steps += 1;
            if p == c.id || steps > out.len() {
                return Err(invalid(
                    file,
                    lines[i],
                    format!("category `{}` is its own ancestor (cycle)", c.id),
                ));
            }
            cur = ids.get(p).and_then(|&j| out[j].parent.as_deref());
        }
    }
    Ok(out)
}

pub(super) fn read_parties(file: &str, text: &str) -> Result<Vec<Party>, LexiconError> {
    let table = Table::parse(
        file,
        text,
        &["name", "aliases", "role", "parent", "domain", "ambiguous"],
    )?;
    let mut out = Vec::new();
    for (line, row) in &table.rows {
        let ambiguous = match field(row, "ambiguous").to_ascii_lowercase().as_str() {
            "" | "no" | "false" | "0" => false,
            "yes" | "true" | "1" => true,
            other => {
                return Err(invalid(
                    file,
                    *line,
                    format!("`ambiguous` must be yes or no, not `{other}`"),
                ));
            }
        };
        out.push(Party {
            name: require(&table, *line, row, "name")?,
            aliases: list(row, "aliases"),
            role: require(&table, *line, row, "role")?,
            parent: optional(row, "parent"),
            domain: optional(row, "domain"),
            ambiguous,
        });
    }
    check_unique_by(&table, &out, |p| &p.name)?;
    // Two parties may not claim the same alias: the matcher could not tell them apart.
    let mut owner: IndexMap<String, &str> = IndexMap::new();
    for ((line, _), p) in table.rows.iter().zip(&out) {
        for a in std::iter::once(&p.name).chain(&p.aliases) {
            let key = a.to_lowercase();
            if let Some(other) = owner.get(&key)
                && *other != p.name
            {
                return Err(invalid(
                    file,
                    *line,
                    format!("alias `{a}` of `{}` is already used by `{other}`", p.name),
                ));
            }
            owner.insert(key, &p.name);
        }
    }
    Ok(out)
}

fn read_classes(file: &str, text: &str) -> Result<Vec<PartyClass>, LexiconError> {
    let table = Table::parse(file, text, &["id", "label", "role", "phrases"])?;
    let mut out = Vec::new();
    for (line, row) in &table.rows {
        out.push(PartyClass {
            id: require(&table, *line, row, "id")?,
            label: require(&table, *line, row, "label")?,
            role: require(&table, *line, row, "role")?,
            phrases: list(row, "phrases"),
        });
    }
    check_unique_by(&table, &out, |c| &c.id)?;
    Ok(out)
}

/// An `id,label,phrases` table: purposes and conditions.
fn read_phrase_table(
    file: &str,
    text: &str,
) -> Result<Vec<(String, String, Vec<String>)>, LexiconError> {
    let table = Table::parse(file, text, &["id", "label", "phrases"])?;
    let mut out = Vec::new();
    for (line, row) in &table.rows {
        out.push((
            require(&table, *line, row, "id")?,
            require(&table, *line, row, "label")?,
            list(row, "phrases"),
        ));
    }
    check_unique_by(&table, &out, |(id, _, _)| id)?;
    Ok(out)
}

fn read_purposes(file: &str, text: &str) -> Result<Vec<Purpose>, LexiconError> {
    let rows = read_phrase_table(file, text)?;
    Ok(rows
        .into_iter()
        .map(|(id, label, phrases)| Purpose { id, label, phrases })
        .collect())
}

fn read_conditions(file: &str, text: &str) -> Result<Vec<Condition>, LexiconError> {
    let rows = read_phrase_table(file, text)?;
    Ok(rows
        .into_iter()
        .map(|(id, label, phrases)| Condition { id, label, phrases })
        .collect())
}

fn read_verbs(file: &str, text: &str) -> Result<Vec<Verb>, LexiconError> {
    let table = Table::parse(file, text, &["lemma", "family", "forms"])?;
    let mut out = Vec::new();
    for (line, row) in &table.rows {
        let family = match field(row, "family") {
            "disclose" => VerbFamily::Disclose,
            "collect" => VerbFamily::Collect,
            other => {
                return Err(invalid(
                    file,
                    *line,
                    format!("`family` must be disclose or collect, not `{other}`"),
                ));
            }
        };
        out.push(Verb {
            lemma: require(&table, *line, row, "lemma")?,
            family,
            forms: list(row, "forms"),
        });
    }
    check_unique_by(&table, &out, |c| &c.lemma)?;
    Ok(out)
}
