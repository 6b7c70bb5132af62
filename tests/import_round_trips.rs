//! What the other tools and spanbench's own exports hand back comes in whole: brat exports of
//! several layers, names with spaces through brat, and Label Studio's own export (user layers,
//! several annotations of one user, split regions, per-region choices and notes).

mod common;

use std::path::Path;

use common::*;
use predicates::prelude::*;
use serde_json::json;

/// Every file under `dir` without the data card (it names the project and the time).
fn without_card(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = files_under(dir);
    files.retain(|(name, _)| name != "README.md");
    files
}

#[test]
fn a_brat_export_of_several_layers_imports_into_the_same_layers() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    let first = t.join("brat-all");
    export_layer(t, &project, "brat", &first, "all");
    assert!(first.join("anna").is_dir() && first.join("ben").is_dir());
    let again = new_project(t, "again");
    spanbench(t)
        .arg("import")
        .arg(&again)
        .arg(&first)
        .assert()
        .success()
        .stderr(predicate::str::contains("3 new documents"));
    let second = t.join("brat-again");
    export_layer(t, &again, "brat", &second, "all");
    assert_eq!(without_card(&first), without_card(&second));
    let s = stats(t, &again);
    assert_eq!(s["per_annotator"].as_object().unwrap().len(), 2, "{s}");
    // Into one layer, the two folders' copies of a text would collide: said once, clearly.
    let one = new_project(t, "one");
    let out = spanbench(t)
        .arg("import")
        .arg(&one)
        .arg(&first)
        .args(["--annotator", "carla"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "both would fill the layer 'carla'",
        ));
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert_eq!(stderr.matches("same text as").count(), 1, "{stderr}");
}

#[test]
fn brat_names_with_spaces_come_back_as_they_were() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let schema = spanbench::model::Schema::default_news();
    let mut schema_ron = ron::ser::to_string(&schema).unwrap();
    schema_ron = schema_ron
        .replace("\"quote\"", "\"direct quote\"")
        .replace("\"reported\"]", "\"reported\", \"very sure\"]");
    let schema_file = write(t, "schema.ron", schema_ron);
    let make = |name: &str| {
        let dir = t.join(name);
        spanbench(t)
            .arg("new")
            .arg(&dir)
            .arg("--schema")
            .arg(&schema_file)
            .assert()
            .success();
        dir
    };
    let (one, two) = (make("one"), make("two"));
    let line = json!({"id": "d", "text": "„Ja“, sagte Anna.", "annotations": [
        {"id": "a1", "label": "direct quote", "start": 0, "end": 4, "text": "„Ja“", "attributes": {"form": "very sure"}},
        {"id": "a2", "label": "speaker", "start": 12, "end": 16, "text": "Anna"}],
        "relations": [{"id": "r1", "type": "attribution", "from": "a1", "to": "a2"}]});
    let file = write(t, "d.jsonl", format!("{line}\n"));
    spanbench(t)
        .arg("import")
        .arg(&one)
        .arg(&file)
        .args(["--annotator", "anna"])
        .assert()
        .success();
    let out = t.join("brat");
    export_layer(t, &one, "brat", &out, "anna");
    let ann = std::fs::read_to_string(out.join("d.ann")).unwrap();
    assert!(ann.contains("T1\tdirect_quote 0 4\t„Ja“"), "{ann}");
    assert!(ann.contains("form T1 very_sure"), "{ann}");
    let card = std::fs::read_to_string(out.join("README.md")).unwrap();
    assert!(card.contains("`direct quote` → `direct_quote`"), "{card}");
    spanbench(t)
        .arg("import")
        .arg(&two)
        .arg(&out)
        .args(["--annotator", "anna"])
        .assert()
        .success();
    let back = parse_jsonl(&export_all(t, &two));
    assert_eq!(back[0]["annotations"][0]["label"], "direct quote");
    assert_eq!(back[0]["annotations"][0]["attributes"]["form"], "very sure");
}

/// A task as Label Studio 1.x exports it: user numbers in `completed_by`, random region ids,
/// a region with a `choices` and a `textarea` result beside its label, two annotations by user
/// 3, one cancelled annotation, and a region split by spanbench's export (`q1`, `q1-2`).
fn label_studio_export() -> serde_json::Value {
    let text = "„Wir“, sagte Krause, „gehen.“ Das sagte sie.";
    let region = |id: &str, start: usize, end: usize, label: &str| {
        let covered: String = text.chars().skip(start).take(end - start).collect();
        json!({"id": id, "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
            "value": {"start": start, "end": end, "text": covered, "labels": [label]}})
    };
    let annotation = |id: u64, user: u64, result: Vec<serde_json::Value>| {
        json!({"id": id, "completed_by": user, "result": result, "was_cancelled": false,
            "ground_truth": false, "lead_time": 4.2, "task": 1, "project": 1})
    };
    json!([{"id": 1, "data": {"text": text}, "project": 1, "inner_id": 1, "predictions": [], "drafts": [],
    "annotations": [
        annotation(11, 3, vec![
            region("Xk_9aa", 0, 5, "quote"),
            region("Pq2-bb", 13, 19, "speaker"),
            json!({"id": "Xk_9aa", "from_name": "form", "to_name": "text", "type": "choices", "value": {"choices": ["direct"]}}),
            json!({"id": "Xk_9aa", "from_name": "note", "to_name": "text", "type": "textarea", "value": {"text": ["first part"]}}),
            json!({"from_id": "Xk_9aa", "to_id": "Pq2-bb", "type": "relation", "direction": "right", "labels": ["attribution"]}),
        ]),
        annotation(12, 3, vec![region("Xk_9aa", 0, 5, "quote")]),
        annotation(13, 4, vec![region("q1", 0, 5, "quote"), region("q1-2", 21, 29, "quote")]),
        json!({"id": 14, "completed_by": 5, "result": [], "was_cancelled": true}),
    ]}])
}

#[test]
fn label_studio_own_export_imports_a_layer_per_user_and_annotation() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = new_project(t, "p");
    let file = write(
        t,
        "project-1-at-2026.json",
        label_studio_export().to_string(),
    );
    spanbench(t)
        .arg("import")
        .arg(&project)
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "label-studio-3 has several annotations of it; they become the layers label-studio-3, label-studio-3-2",
        ))
        .stderr(predicate::str::contains("annotation 4 was skipped in Label Studio (cancelled)"));
    let records = parse_jsonl(&export_all(t, &project));
    let anns = records[0]["annotations"].as_array().unwrap();
    let of = |layer: &str| -> Vec<&serde_json::Value> {
        anns.iter().filter(|a| a["annotator"] == layer).collect()
    };
    let first = of("label-studio-3");
    assert_eq!(first.len(), 2);
    assert_eq!(first[0]["attributes"]["form"], "direct");
    assert_eq!(first[0]["note"], "first part");
    assert_eq!(records[0]["relations"][0]["type"], "attribution");
    assert_eq!(of("label-studio-3-2").len(), 1);
    // The split region is one discontinuous quote again.
    let joined = of("label-studio-4");
    assert_eq!(joined.len(), 1, "{joined:?}");
    assert_eq!(joined[0]["fragments"], json!([[0, 5], [21, 29]]));
    assert_eq!(joined[0]["text"], "„Wir“ „gehen.“");
}

#[test]
fn annotator_names_every_label_studio_annotation() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = new_project(t, "p");
    let file = write(t, "ls.json", label_studio_export().to_string());
    spanbench(t)
        .arg("import")
        .arg(&project)
        .arg(&file)
        .args(["--annotator", "carla"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "they become the layers carla, carla-2",
        ));
    let s = stats(t, &project);
    let layers: Vec<&String> = s["per_annotator"].as_object().unwrap().keys().collect();
    assert_eq!(layers, ["carla", "carla-2", "carla-3"]);
}
