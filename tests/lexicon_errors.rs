//! Malformed lexicon files are rejected with an error that names the file and the line.

use std::path::Path;

use sharegraph::lexicon::{Lexicon, LexiconError};

fn write(dir: &Path, file: &str, text: &str) {
    std::fs::write(dir.join(file), text).expect("write fixture");
}

/// Load `file` with `text` from a temporary directory (other files come from the embedded lexicon).
fn load_with(file: &str, text: &str) -> LexiconError {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), file, text);
    match Lexicon::from_dir(dir.path()) {
        Ok(_) => panic!("{file} should be rejected:\n{text}"),
        Err(e) => e,
    }
}

fn assert_at(err: &LexiconError, file: &str, line: u64, needle: &str) {
    let msg = err.to_string();
    match err {
        LexiconError::Invalid {
            file: f,
            line: l,
            message,
        } => {
            assert!(f.ends_with(file), "error names {f}, expected {file}");
            assert_eq!(*l, line, "line of {msg}");
            assert!(
                message.contains(needle),
                "{msg:?} should mention {needle:?}"
            );
        }
        LexiconError::Io { .. } => panic!("unexpected I/O error {msg}"),
    }
    assert!(
        msg.contains(file) && msg.contains(&format!(":{line}:")),
        "{msg}"
    );
}

const CATEGORY_HEADER: &str = "id,parent,label,fideslang,opp115_type,phrases\n";

#[test]
fn a_directory_without_files_is_the_embedded_lexicon() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lex = Lexicon::from_dir(dir.path()).expect("loads");
    let embedded = Lexicon::embedded().expect("loads");
    assert_eq!(lex.parties.len(), embedded.parties.len());
    assert_eq!(lex.categories.len(), embedded.categories.len());
}

#[test]
fn overriding_one_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "parties.csv",
        "name,aliases,role,parent,domain,ambiguous\nAcme Analytics,Acme|AcmeStats,analytics,,acme.example,no\n",
    );
    let lex = Lexicon::from_dir(dir.path()).expect("loads");
    assert_eq!(lex.parties.len(), 1);
    let found = lex.find("we send usage data to AcmeStats");
    assert!(
        found
            .iter()
            .any(|m| matches!(m.kind, sharegraph::lexicon::MentionKind::Party(0)))
    );
    assert!(
        lex.categories.len() >= 80,
        "other files still come from the embedded lexicon"
    );
}

#[test]
fn missing_column() {
    let err = load_with(
        "categories.csv",
        "id,parent,label,fideslang,phrases\nx,,X,user,x\n",
    );
    assert_at(&err, "categories.csv", 1, "missing column `opp115_type`");
}

#[test]
fn row_with_too_many_fields() {
    let text = format!("{CATEGORY_HEADER}a,,A,user,Other,alpha\nb,a,B,user,Other,beta,extra\n");
    let err = load_with("categories.csv", &text);
    assert_at(&err, "categories.csv", 3, "fields");
}

#[test]
fn unknown_parent() {
    let text = format!("{CATEGORY_HEADER}a,,A,user,Other,alpha\nb,zzz,B,user,Other,beta\n");
    let err = load_with("categories.csv", &text);
    assert_at(&err, "categories.csv", 3, "unknown parent `zzz`");
}

#[test]
fn cycle_in_the_taxonomy() {
    let text = format!(
        "{CATEGORY_HEADER}a,,A,user,Other,alpha\nb,c,B,user,Other,beta\nc,b,C,user,Other,gamma\n"
    );
    let err = load_with("categories.csv", &text);
    assert_at(&err, "categories.csv", 3, "cycle");
}

#[test]
fn self_parent_is_a_cycle() {
    let text = format!("{CATEGORY_HEADER}a,a,A,user,Other,alpha\n");
    let err = load_with("categories.csv", &text);
    assert_at(&err, "categories.csv", 2, "cycle");
}

#[test]
fn duplicate_category_id() {
    let text = format!(
        "{CATEGORY_HEADER}a,,A,user,Other,alpha\nb,a,B,user,Other,beta\nA,,A again,user,Other,gamma\n"
    );
    let err = load_with("categories.csv", &text);
    assert_at(&err, "categories.csv", 4, "duplicate id `A`");
}

#[test]
fn empty_required_field() {
    let text = format!("{CATEGORY_HEADER}a,,,user,Other,alpha\n");
    let err = load_with("categories.csv", &text);
    assert_at(&err, "categories.csv", 2, "empty `label`");
}

#[test]
fn duplicate_party() {
    let text = "name,aliases,role,parent,domain,ambiguous\nAcme,,analytics,,,no\nBeta,,analytics,,,no\nacme,,cdn,,,no\n";
    let err = load_with("parties.csv", text);
    assert_at(&err, "parties.csv", 4, "duplicate id `acme`");
}

#[test]
fn alias_collision_between_parties() {
    let text = "name,aliases,role,parent,domain,ambiguous\nAcme,Acme Corp|Roadrunner,analytics,,,no\nBeta,roadrunner,cdn,,,no\n";
    let err = load_with("parties.csv", text);
    assert_at(
        &err,
        "parties.csv",
        3,
        "alias `roadrunner` of `Beta` is already used by `Acme`",
    );
}

#[test]
fn bad_ambiguous_flag() {
    let text = "name,aliases,role,parent,domain,ambiguous\nAcme,,analytics,,,maybe\n";
    let err = load_with("parties.csv", text);
    assert_at(&err, "parties.csv", 2, "`ambiguous` must be yes or no");
}

#[test]
fn bad_verb_family() {
    let text = "lemma,family,forms\nshare,disclose,share|shares\npeek,look,peek|peeks\n";
    let err = load_with("verbs.csv", text);
    assert_at(&err, "verbs.csv", 3, "`family` must be disclose or collect");
}

#[test]
fn duplicate_class_id() {
    let text = "id,label,role,phrases\nvendors,Vendors,service-provider,vendor\nvendors,Vendors again,service-provider,supplier\n";
    let err = load_with("classes.csv", text);
    assert_at(&err, "classes.csv", 3, "duplicate id `vendors`");
}

#[test]
fn quoted_cell_spanning_lines_reports_the_record_start() {
    // A multi-line quoted cell is legal CSV; the error on the next record names that record's line.
    let text = "id,label,phrases\nconsent,\"With\nconsent\",with your consent\nlegal,,to comply\n";
    let err = load_with("conditions.csv", text);
    assert_at(&err, "conditions.csv", 4, "empty `label`");
}
