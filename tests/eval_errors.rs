//! `sharegraph eval opp115 --errors` on a corpus of one policy made here: each error of the
//! headline and of "does not" is shown with the sentence or the gold span behind it.

use assert_cmd::Command;

#[test]
fn errors_of_denials_are_explained_like_those_of_sharing() {
    let temp = tempfile::tempdir().expect("temp dir");
    let root = temp.path();
    std::fs::create_dir_all(root.join("sanitized_policies")).expect("dir");
    std::fs::create_dir_all(root.join("gold")).expect("dir");
    std::fs::write(
        root.join("sanitized_policies/1_acme.com.html"),
        "<p>We share your email address with Google Analytics.</p>\
         <p>We do not sell your phone number to third parties.</p>",
    )
    .expect("policy");
    std::fs::write(
        root.join("gold/policy_pairs_consolidated_0.75.csv"),
        "policy,personal_information_type,third_party_entity,does_or_does_not\n\
         1_acme.com,Contact,Named third party,Does\n\
         1_acme.com,Location,Unnamed third party,Does Not\n",
    )
    .expect("pairs");
    let span = |does: &str, data: &str| {
        format!(
            r#"{{"policy": "1_acme.com", "Personal Information Type": {{"value": "Location", "text": "{data}"}}, "Third Party Entity": {{"text": "to advertisers"}}, "Does/Does Not": {{"value": "{does}"}}, "segment_text": "We never give your location to advertisers."}}"#
        )
    };
    std::fs::write(
        root.join("gold/third_party_sharing_consolidated_0.75.jsonl"),
        format!(
            "{}\n{}\n",
            span("Does Not", "your location"),
            span("Does", "x")
        ),
    )
    .expect("spans");
    let out = Command::cargo_bin("sharegraph")
        .expect("binary")
        .args(["eval", "opp115"])
        .arg(root)
        .arg("--errors")
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8(out.stdout).expect("UTF-8");
    let errors = &report[report.find("== 1_acme.com").expect("the policy's errors")..];
    assert_eq!(
        errors.trim_end(),
        "== 1_acme.com\n  \
         FP does not Contact\n     \
         phone-number ↛ Third parties: We do not sell your phone number to third parties.\n  \
         FN does not Location\n     \
         data “your location” / party “to advertisers” in: We never give your location to advertisers.…"
    );
}
