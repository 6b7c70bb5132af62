//! Real datasets bring labels, attributes and values a project does not have yet: the import
//! names all of them at once, or adds them to `project.ron` with `--extend-schema`.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use predicates::prelude::*;
use serde_json::json;

/// A native JSONL file with a `person` (attribute `role`) linked by `said-by` from a quote
/// whose form is `sung`, and a Label Studio file with a `location`.
fn foreign_files(t: &Path) -> [PathBuf; 2] {
    let text = "„Ja“, sang Krause in Berlin.";
    let jsonl = json!({"id": "lied", "text": text, "annotations": [
        {"id": "a1", "label": "quote", "start": 0, "end": 4, "text": "„Ja“", "attributes": {"form": "sung"}},
        {"id": "a2", "label": "person", "start": 11, "end": 17, "text": "Krause", "attributes": {"role": "singer"}}],
        "relations": [{"id": "r1", "type": "said-by", "from": "a1", "to": "a2"}]});
    let ls = json!([{"id": 7, "data": {"text": "Regen in Bonn."}, "annotations": [{"id": 1, "completed_by": 3,
        "result": [{"id": "x1", "type": "labels", "from_name": "label", "to_name": "text",
            "value": {"start": 9, "end": 13, "text": "Bonn", "labels": ["location"]}}]}]}]);
    [
        write(t, "in/lied.jsonl", format!("{jsonl}\n")),
        write(t, "in/wetter.json", ls.to_string()),
    ]
}

fn project_ron(project: &Path) -> Vec<u8> {
    std::fs::read(project.join("project.ron")).unwrap()
}

#[test]
fn unknown_labels_attributes_and_values_are_named_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    let (before, ron) = (export_all(t, &project), project_ron(&project));
    foreign_files(t);
    spanbench(t)
        .arg("import")
        .arg(&project)
        .arg(t.join("in"))
        .args(["--annotator", "carla"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "label 'person' with attributes 'role' (values: singer)",
        ))
        .stderr(predicate::str::contains(
            "value 'sung' of attribute 'form' of label 'quote'",
        ))
        .stderr(predicate::str::contains(
            "relation type 'said-by' from quote to person",
        ))
        .stderr(predicate::str::contains("label 'location'"))
        .stderr(predicate::str::contains("--extend-schema"));
    assert_eq!(export_all(t, &project), before);
    assert_eq!(project_ron(&project), ron, "project.ron is untouched");
}

#[test]
fn extend_schema_adds_them_keeps_the_old_file_and_imports() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    let ron = project_ron(&project);
    foreign_files(t);
    spanbench(t)
        .arg("import")
        .arg(&project)
        .arg(t.join("in"))
        .args(["--annotator", "carla", "--extend-schema"])
        .assert()
        .success()
        .stderr(predicate::str::contains("added to the schema in"))
        .stderr(predicate::str::contains(
            "  label 'person' with attributes 'role' (values: singer)",
        ))
        .stderr(predicate::str::contains("  label 'location'"))
        .stderr(predicate::str::contains(
            "the earlier project.ron is kept as",
        ));
    let kept: Vec<PathBuf> = std::fs::read_dir(project.join("backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(std::fs::read(&kept[0]).unwrap(), ron);
    // The project opens with the new schema and holds what was imported.
    let schema = std::fs::read_to_string(project.join("project.ron")).unwrap();
    for added in [
        "\"person\"",
        "\"location\"",
        "\"sung\"",
        "\"said-by\"",
        "\"singer\"",
    ] {
        assert!(schema.contains(added), "{added} in {schema}");
    }
    let records = parse_jsonl(&export_all(t, &project));
    let lied = records
        .iter()
        .find(|r| r["id"] == "lied")
        .expect("imported");
    let labels: Vec<&str> = lied["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["quote", "person"]);
    assert_eq!(lied["relations"][0]["type"], "said-by");
    spanbench(t).arg("check").arg(&project).assert().success();
    // Again: nothing is missing now, nothing is added.
    spanbench(t)
        .arg("import")
        .arg(&project)
        .arg(t.join("in"))
        .args(["--annotator", "carla", "--extend-schema"])
        .assert()
        .success()
        .stderr(predicate::str::contains("added to the schema").not());
}

#[test]
fn a_refused_import_leaves_the_schema_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    let (before, ron) = (export_all(t, &project), project_ron(&project));
    // The store refuses it (the id names another text) after the schema was extended.
    let clash = json!({"id": "stadtwerke-lindenau", "text": "Krause.", "annotations": [
        {"label": "person", "start": 0, "end": 6, "text": "Krause"}]});
    let file = write(t, "clash.jsonl", format!("{clash}\n"));
    spanbench(t)
        .arg("import")
        .arg(&project)
        .arg(&file)
        .args(["--annotator", "carla", "--extend-schema"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("already names a different text"));
    assert_eq!(project_ron(&project), ron, "project.ron is put back");
    assert_eq!(export_all(t, &project), before);
}

#[test]
fn a_json_file_that_is_not_label_studio_says_what_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = new_project(t, "p");
    let cases = [
        (
            "config.json",
            r#"{"name": "x", "version": 2}"#.to_string(),
            "an object with keys \"name\", \"version\"",
        ),
        (
            "numbers.json",
            "[1, 2, 3]".to_string(),
            "a list of 3 items, one of them a number",
        ),
        (
            "lines.json",
            "{\"text\": \"a\"}\n{\"text\": \"b\"}\n".to_string(),
            "one JSON object per line",
        ),
    ];
    for (name, content, expected) in cases {
        let file = write(t, name, content);
        spanbench(t)
            .arg("import")
            .arg(&project)
            .arg(&file)
            .assert()
            .failure()
            .stderr(predicate::str::contains("is not a Label Studio export"))
            .stderr(predicate::str::contains(expected))
            .stderr(predicate::str::contains(
                "the only JSON format spanbench imports",
            ));
    }
}
