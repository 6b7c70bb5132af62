//! A `kill -9` in the middle of an import leaves the project exactly as before.

mod common;

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use common::*;
use serde_json::json;

#[test]
fn sigkill_halfway_through_an_import_loses_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    let before = export_all(t, &project);

    // Enough documents that writing takes a while.
    let mut big = String::new();
    for i in 0..6000 {
        let text = format!(
            "Artikel {i}: „Wir prüfen das“, sagte die Sprecherin {i}. 😀 {}",
            "Lorem ipsum dolor sit amet. ".repeat(40)
        );
        let quote = "„Wir prüfen das“";
        let start = text[..text.find(quote).unwrap()].chars().count();
        let rec = json!({"id": format!("doc-{i}"), "text": text, "annotations": [
            {"id": "a1", "annotator": "anna", "label": "quote", "start": start, "end": start + quote.chars().count(), "text": quote}]});
        big.push_str(&rec.to_string());
        big.push('\n');
    }
    let file = write(t, "big.jsonl", big);

    let bin = assert_cmd::cargo::cargo_bin("spanbench");
    let mut child = std::process::Command::new(bin)
        .env("SPANBENCH_DATA_DIR", t.join("data"))
        .arg("import")
        .arg(&project)
        .arg(&file)
        .arg("--progress")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut saw_writing = false;
    for line in BufReader::new(stderr).lines() {
        let line = line.unwrap();
        if line.starts_with("progress: writing") {
            saw_writing = true;
            child.kill().unwrap(); // SIGKILL on Unix
            break;
        }
    }
    let status = child.wait().unwrap();
    assert!(saw_writing, "the import reported writing progress");
    assert!(
        !status.success(),
        "the import was killed before it finished"
    );

    assert_eq!(export_all(t, &project), before);
    spanbench(t).arg("check").arg(&project).assert().success();
}
