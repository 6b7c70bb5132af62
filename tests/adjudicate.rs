//! `spanbench adjudicate --accept-agreed`: what all annotators made identically goes into gold
//! in one step; again changes nothing; the gold layer exports like any other.

mod common;

use common::*;
use predicates::prelude::*;

#[test]
fn agreed_annotations_and_links_go_into_gold_once() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    // F1 exact on the demo is 2·18 / (35 + 25) = 0.6: 18 identical annotations.
    spanbench(t)
        .arg("adjudicate")
        .arg(&project)
        .arg("--accept-agreed")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "gold: added 18 annotations and 4 links that anna, ben all agree on, in 3 documents",
        ));
    let s = stats(t, &project);
    let gold: u64 = s["per_annotator"]["gold"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(gold, 18);
    assert_eq!(s["progress"]["gold"]["in progress"], 3);
    spanbench(t)
        .arg("adjudicate")
        .arg(&project)
        .arg("--accept-agreed")
        .assert()
        .success()
        .stderr(predicate::str::contains("added 0 annotations and 0 links"));
    spanbench(t).arg("check").arg(&project).assert().success();

    // Nothing is marked adjudicated yet, so gold is exported with `--status any` to see it.
    let out = t.join("gold.jsonl");
    spanbench(t)
        .arg("export")
        .arg(&project)
        .args([
            "--format", "jsonl", "--layer", "gold", "--status", "any", "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let records = parse_jsonl(&std::fs::read_to_string(&out).unwrap());
    let anns: Vec<&serde_json::Value> = records
        .iter()
        .flat_map(|r| r["annotations"].as_array().unwrap())
        .collect();
    assert_eq!(anns.len(), 18);
    assert!(anns.iter().all(|a| a["annotator"] == "gold"));
    // Anna and Ben agree on the claim "Das Amt habe …", but only Anna gave it a stance: gold
    // keeps no stance for it; the quote on the same words has the form both gave it.
    let claim = anns
        .iter()
        .find(|a| a["label"] == "claim" && a["text"].as_str().unwrap().starts_with("Das Amt habe"))
        .unwrap();
    assert_eq!(claim["attributes"], serde_json::json!({}));
    let quote = anns
        .iter()
        .find(|a| a["label"] == "quote" && a["text"].as_str().unwrap().starts_with("Das Amt habe"))
        .unwrap();
    assert_eq!(quote["attributes"], serde_json::json!({"form": "indirect"}));
    // Gold agrees perfectly with itself and with the annotators where it took their spans.
    let r = agree_json(t, &project, &["--annotators", "anna, gold"]);
    let precision_like = r["pairs"][0]["f1_exact"]["micro"].as_f64().unwrap();
    assert!(
        (precision_like - 2.0 * 18.0 / (35.0 + 18.0)).abs() < 1e-9,
        "{precision_like}"
    );
}
