//! `spanbench assign` on a project of one's own (no hub): balanced, reproducible, and the
//! window lists the documents assigned to the annotator first.

mod common;

use common::*;
use serde_json::json;

#[test]
fn assigned_documents_come_first_in_the_annotators_list() {
    let t = tempfile::tempdir().unwrap();
    let p = new_project(t.path(), "p");
    let lines: String = (0..9)
        .map(|i| {
            format!(
                "{}\n",
                json!({"id": format!("d{i}"), "text": format!("Artikel {i}\n\nText {i}.\n")})
            )
        })
        .collect();
    import(t.path(), &p, &write(t.path(), "docs.jsonl", lines));
    let out = spanbench(t.path())
        .arg("assign")
        .arg(&p)
        .args([
            "--annotators",
            "anna,ben,carl",
            "--per-document",
            "2",
            "--seed",
            "5",
        ])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("18 new assignments; documents per annotator now: anna 6, ben 6, carl 6"),
        "{said}"
    );
    let ws = spanbench::workspace::Workspace::open(&p).unwrap();
    let annas: Vec<String> = ws
        .store
        .assignments()
        .unwrap()
        .into_iter()
        .filter(|(_, w)| w == "anna")
        .map(|(d, _)| d)
        .collect();
    let h = common::ui::harness(ws, "anna");
    let listed: Vec<&str> = h.state().docs.iter().map(|d| d.id.as_str()).collect();
    assert!(
        listed[..6].iter().all(|d| annas.iter().any(|a| a == d)),
        "{listed:?} / {annas:?}"
    );
    // Too many per document for the people named: refused with the reason.
    spanbench(t.path())
        .arg("assign")
        .arg(&p)
        .args(["--annotators", "anna", "--per-document", "2"])
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "needs at least that many annotators",
        ));
}
