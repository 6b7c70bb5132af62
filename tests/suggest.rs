//! `spanbench suggest`: rules fill the `suggested` layer on German and English news (every
//! mark style, interrupted and multi-paragraph quotes, Konjunktiv I, speakers), replace earlier
//! suggestions, never touch another layer, and `--evaluate` measures them against a layer.

mod common;

use common::*;
use predicates::prelude::*;
use serde_json::json;

const DE: &str = "Streit um die Stadtwerke\n\n„Wir wurden nicht gewarnt“, sagte Bürgermeisterin Petra Krause, „und das nehmen wir nicht hin.“\n\nDas Landesamt habe seit Wochen von der Schwachstelle gewusst, erklärte Krause.\n\nIm Interview sagte sie: „Wir haben alles geprüft.\n\n„Und wir bleiben dabei.“\n\nDie „Washington Post“ berichtete ebenfalls.";
const EN: &str = "Data deal\n\n“We read all 212 pages,” said Senator Maria Alvarez. Ben Okafor said: \"This deal was never read by anyone.\"";

fn project(t: &std::path::Path) -> std::path::PathBuf {
    let p = new_project(t, "p");
    let quote = DE.find("„Wir wurden").unwrap();
    let start = DE[..quote].chars().count();
    let anna = json!({"id": "de", "text": DE, "annotations": [
        {"id": "a1", "annotator": "anna", "label": "quote", "start": start, "end": start + 26, "text": "„Wir wurden nicht gewarnt“"}]});
    let en = json!({"id": "en", "text": EN});
    let file = write(t, "in.jsonl", format!("{anna}\n{en}\n"));
    import(t, &p, &file);
    p
}

fn layer_of(
    t: &std::path::Path,
    p: &std::path::Path,
    doc: &str,
    layer: &str,
) -> Vec<serde_json::Value> {
    parse_jsonl(&export_all(t, p))
        .into_iter()
        .find(|r| r["id"] == doc)
        .unwrap()["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["annotator"] == layer)
        .cloned()
        .collect()
}

#[test]
fn rules_fill_the_suggested_layer_and_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let p = project(t);
    let anna_before = layer_of(t, &p, "de", "anna");
    spanbench(t)
        .arg("suggest")
        .arg(&p)
        .assert()
        .success()
        .stderr(predicate::str::contains("suggested"));
    assert_eq!(
        layer_of(t, &p, "de", "anna"),
        anna_before,
        "anna's layer is untouched"
    );
    let de = layer_of(t, &p, "de", "suggested");
    let quotes: Vec<(String, String)> = de
        .iter()
        .filter(|a| a["label"] == "quote")
        .map(|a| {
            (
                a["text"].as_str().unwrap().to_string(),
                a["attributes"]["form"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        quotes,
        [
            (
                "„Wir wurden nicht gewarnt“ „und das nehmen wir nicht hin.“".to_string(),
                "direct".to_string()
            ),
            (
                "Das Landesamt habe seit Wochen von der Schwachstelle gewusst".to_string(),
                "indirect".to_string()
            ),
            (
                "„Wir haben alles geprüft.\n\n„Und wir bleiben dabei.“".to_string(),
                "direct".to_string()
            ),
        ],
        "the interrupted quote is one with two fragments, the multi-paragraph one one span; the newspaper name is no quote"
    );
    let speakers: Vec<&str> = de
        .iter()
        .filter(|a| a["label"] == "speaker")
        .map(|a| a["text"].as_str().unwrap())
        .collect();
    assert_eq!(speakers, ["Bürgermeisterin Petra Krause", "Krause", "sie"]);
    let en = layer_of(t, &p, "en", "suggested");
    let en_speakers: Vec<&str> = en
        .iter()
        .filter(|a| a["label"] == "speaker")
        .map(|a| a["text"].as_str().unwrap())
        .collect();
    assert_eq!(en_speakers, ["Senator Maria Alvarez", "Ben Okafor"]);
    // Again: the suggestions are replaced, not doubled.
    let count = |t: &std::path::Path| stats(t, &p)["per_annotator"]["suggested"]["quote"].clone();
    let first = count(t);
    spanbench(t).arg("suggest").arg(&p).assert().success();
    assert_eq!(count(t), first);
    spanbench(t).arg("check").arg(&p).assert().success();
}

#[test]
fn evaluate_measures_against_a_layer_and_learning_without_done_documents_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let p = project(t);
    let out = spanbench(t)
        .args(["suggest"])
        .arg(&p)
        .args(["--evaluate", "anna", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let e: serde_json::Value = serde_json::from_slice(&out).unwrap();
    // anna has one quote (the first fragment of the interrupted one) in one document; the
    // rules suggest 3 quotes there: none equals it, one overlaps it.
    assert_eq!(e["documents"], 1);
    assert_eq!(e["exact"]["quote"]["recall"], 0.0);
    assert_eq!(e["overlap"]["quote"]["recall"], 1.0);
    assert!((e["overlap"]["quote"]["precision"].as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-12);
    assert_eq!(
        stats(t, &p)["per_annotator"].get("suggested"),
        None,
        "--evaluate writes nothing"
    );
    spanbench(t)
        .arg("suggest")
        .arg(&p)
        .args(["--learn-from", "anna"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("anna has no document marked done"));
    spanbench(t)
        .arg("suggest")
        .arg(&p)
        .args(["--evaluate", "nobody"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no layer 'nobody'"));
}

#[test]
fn doc_limits_the_suggestions_to_one_document() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let p = project(t);
    spanbench(t)
        .arg("suggest")
        .arg(&p)
        .args(["--doc", "en"])
        .assert()
        .success();
    assert!(layer_of(t, &p, "de", "suggested").is_empty());
    assert!(!layer_of(t, &p, "en", "suggested").is_empty());
    spanbench(t)
        .arg("suggest")
        .arg(&p)
        .args(["--doc", "nowhere"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no document 'nowhere'"));
}
