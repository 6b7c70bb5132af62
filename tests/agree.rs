//! `spanbench agree`: the report's shape as SPEC.md fixes it, undefined measures as null with a
//! reason, and clear errors.

mod common;

use common::*;
use predicates::prelude::*;
use serde_json::json;

#[test]
fn the_demo_report_has_the_spec_shape() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    let r = agree_json(t, &project, &[]);
    assert_eq!(r["annotators"], json!(["anna", "ben"]));
    assert_eq!(r["documents"], 3);
    let pair = &r["pairs"][0];
    assert_eq!(
        (pair["a"].as_str(), pair["b"].as_str()),
        (Some("anna"), Some("ben"))
    );
    for key in ["f1_exact", "f1_overlap"] {
        let micro = pair[key]["micro"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&micro), "{key}");
        assert_eq!(pair[key]["per_label"].as_object().unwrap().len(), 4);
    }
    // Overlap can only find more matches than exact.
    assert!(pair["f1_overlap"]["micro"].as_f64() >= pair["f1_exact"]["micro"].as_f64());
    assert!(pair["kappa"]["quote"].as_f64().unwrap() < 1.0);
    // Links: Ben keeps one of Anna's two rebuttal links (checked by hand on the demo).
    assert_eq!(pair["relations"]["rebuts"], 0.5);
    let attribution = pair["relations"]["attribution"].as_f64().unwrap();
    assert!(attribution > 0.5 && attribution < 1.0, "{attribution}");
    let alpha = r["alpha_u"]["overall"].as_f64().unwrap();
    assert!(alpha > 0.0 && alpha < 1.0, "{alpha}");
    assert_eq!(r["alpha_u"]["per_label"].as_object().unwrap().len(), 4);
}

#[test]
fn identical_layers_agree_perfectly_and_unused_labels_are_null() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = new_project(t, "p");
    let ann = |who: &str| json!({"annotator": who, "label": "quote", "start": 0, "end": 6, "text": "„Nein“"});
    let line = json!({"id": "d", "text": "„Nein“, sagte Putin 😀.", "annotations": [ann("anna"), ann("ben")]});
    spanbench(t)
        .arg("import")
        .arg(&project)
        .arg(write(t, "d.jsonl", format!("{line}\n")))
        .assert()
        .success();
    let r = agree_json(t, &project, &[]);
    let pair = &r["pairs"][0];
    assert_eq!(pair["f1_exact"]["per_label"]["quote"], 1.0);
    assert_eq!(pair["kappa"]["quote"], 1.0);
    assert_eq!(r["alpha_u"]["per_label"]["quote"], 1.0);
    // Nobody used "claim": undefined, so null — never a silent 1 — with the reason given.
    assert_eq!(
        pair["f1_exact"]["per_label"]["claim"],
        serde_json::Value::Null
    );
    assert_eq!(pair["kappa"]["claim"], serde_json::Value::Null);
    assert_eq!(r["alpha_u"]["per_label"]["claim"], serde_json::Value::Null);
    let notes = r["notes"].as_array().unwrap();
    assert!(notes.iter().any(|n| {
        n.as_str()
            .unwrap()
            .contains("alpha_u for claim is null: nobody annotated a claim")
    }));
}

#[test]
fn too_few_or_unknown_annotators_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    spanbench(t)
        .arg("agree")
        .arg(&project)
        .args(["--annotators", "anna,carla"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "the project has no annotator 'carla' (layers: anna, ben)",
        ));
    spanbench(t)
        .arg("agree")
        .arg(&project)
        .args(["--annotators", "anna"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "agreement needs at least two annotators",
        ));
    spanbench(t)
        .arg("agree")
        .arg(&project)
        .assert()
        .success()
        .stdout(predicate::str::contains("anna/ben F1 exact"));
}

#[test]
fn three_annotators_with_one_missing_a_document() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    // Carla annotated only the first document, like Anna.
    let first: serde_json::Value =
        serde_json::from_str(DEMO_JSONL.lines().next().unwrap()).unwrap();
    let carla: Vec<serde_json::Value> = first["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["annotator"] == "anna")
        .map(|a| {
            let mut a = a.clone();
            a["annotator"] = json!("carla");
            a
        })
        .collect();
    let line = json!({"text": first["text"], "annotations": carla});
    spanbench(t)
        .arg("import")
        .arg(&project)
        .arg(write(t, "carla.jsonl", format!("{line}\n")))
        .assert()
        .success();
    let r = agree_json(t, &project, &[]);
    assert_eq!(r["annotators"], json!(["anna", "ben", "carla"]));
    assert_eq!(r["documents"], 1, "only the first document has all three");
    assert_eq!(r["pairs"].as_array().unwrap().len(), 3);
    assert_eq!(
        r["alpha_nominal"]["documents"], 3,
        "documents with at least two of them count for alpha"
    );
    // Carla copied Anna: their pair agrees perfectly.
    let anna_carla = r["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["a"] == "anna" && p["b"] == "carla")
        .unwrap();
    assert_eq!(anna_carla["f1_exact"]["micro"], 1.0);
    let fleiss = r["fleiss_kappa"]["quote"].as_f64().unwrap();
    assert!(fleiss > 0.0 && fleiss < 1.0, "{fleiss}");
}

/// The figures README.md shows for the demo are exactly what `agree` prints for it (and
/// `tests/python/check_exports.py` checks the kappa and F1-exact rows against scikit-learn and
/// a count of its own).
#[test]
fn the_readme_shows_the_demo_figures_agree_prints() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    let out = spanbench(t)
        .arg("agree")
        .arg(&project)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let printed = String::from_utf8(out).unwrap();
    let table = |text: &str| -> Vec<String> {
        text.lines()
            .skip_while(|l| !l.trim_start().starts_with("micro"))
            .take_while(|l| !l.trim().is_empty() && !l.starts_with("```"))
            .map(|l| l.trim_end().to_string())
            .collect()
    };
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let shown = table(&readme);
    assert_eq!(shown.len(), 7, "README's demo table: {shown:?}");
    assert_eq!(
        shown,
        table(&printed),
        "README's demo figures are out of date"
    );
}
