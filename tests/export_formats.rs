//! Export options and safety: splits, status filters, hostile ids, identical bytes.

mod common;

use common::*;
use predicates::prelude::*;
use serde_json::json;

#[test]
fn every_format_twice_gives_the_same_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    for format in [
        "jsonl",
        "brat",
        "conll",
        "doccano",
        "label-studio",
        "csv",
        "spacy",
    ] {
        let (a, b) = (t.join(format!("a-{format}")), t.join(format!("b-{format}")));
        for out in [&a, &b] {
            spanbench(t)
                .arg("export")
                .arg(&project)
                .args(["--format", format, "--out"])
                .arg(out)
                .assert()
                .success();
        }
        if a.is_dir() {
            assert_eq!(files_under(&a), files_under(&b), "{format}");
        } else {
            assert_eq!(
                std::fs::read(&a).unwrap(),
                std::fs::read(&b).unwrap(),
                "{format}"
            );
        }
        // The data card names the files with their hashes.
        let card = if a.is_dir() {
            a.join("README.md")
        } else {
            t.join(format!("a-{format}.README.md"))
        };
        let card = std::fs::read_to_string(card).unwrap();
        assert!(
            card.contains("## Files (SHA-256)") && card.contains("| anna | 12 | 4 | 3 | 16 |"),
            "{format}: {card}"
        );
        assert!(
            card.contains("| anna / ben | 0.600 | 0.767 |"),
            "{format}: the agreement summary: {card}"
        );
    }
}

#[test]
fn split_by_document_is_deterministic_and_complete() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = new_project(t, "p");
    let mut lines = String::new();
    for i in 0..40 {
        lines.push_str(
            &json!({"id": format!("d{i}"), "text": format!("Artikel Nummer {i}.")}).to_string(),
        );
        lines.push('\n');
    }
    spanbench(t)
        .arg("import")
        .arg(&project)
        .arg(write(t, "many.jsonl", lines))
        .assert()
        .success();
    let split = |out: &str, seed: &str| {
        spanbench(t)
            .arg("export")
            .arg(&project)
            .args([
                "--format",
                "jsonl",
                "--split",
                "train=0.5,dev=0.25,test=0.25",
                "--seed",
                seed,
                "--out",
            ])
            .arg(t.join(out))
            .assert()
            .success();
        ["train", "dev", "test"].map(|p| {
            let text = std::fs::read_to_string(t.join(out).join(format!("{p}.jsonl"))).unwrap();
            parse_jsonl(&text)
                .iter()
                .map(|r| r["id"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        })
    };
    let a = split("s1", "7");
    let b = split("s2", "7");
    let c = split("s3", "8");
    assert_eq!(a, b, "same seed, same split");
    assert_ne!(a, c, "another seed, another split");
    assert_eq!(a.iter().map(Vec::len).collect::<Vec<_>>(), [20, 10, 10]);
    let mut all: Vec<String> = a.concat();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 40, "every document in exactly one part");
}

#[test]
fn status_filter_and_hostile_ids() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = new_project(t, "p");
    let lines = [
        json!({"id": "../../escape", "text": "Eins.", "annotations": [{"annotator": "anna", "label": "claim", "start": 0, "end": 4, "text": "Eins"}], "status": {"anna": "done"}}),
        json!({"id": "/etc/passwd", "text": "Zwei.", "status": {"anna": "in progress"}}),
        json!({"id": "CON", "text": "Drei.", "status": {"anna": "done"}}),
    ];
    let file = write(
        t,
        "bad-ids.jsonl",
        lines.iter().map(|l| format!("{l}\n")).collect::<String>(),
    );
    spanbench(t)
        .arg("import")
        .arg(&project)
        .arg(&file)
        .assert()
        .success();
    let out = t.join("exports/brat");
    spanbench(t)
        .arg("export")
        .arg(&project)
        .args(["--format", "brat", "--status", "done", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("exported 2 documents"));
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "README.md",
            "_.._escape.ann",
            "_.._escape.txt",
            "_CON.ann",
            "_CON.txt",
            "annotation.conf",
            "visual.conf"
        ]
    );
    assert!(!t.join("escape.txt").exists() && !t.join("exports/escape.txt").exists());
    spanbench(t)
        .arg("export")
        .arg(&project)
        .args(["--format", "csv", "--status", "finished", "--out"])
        .arg(t.join("x.csv"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("--status: 'finished' is not"));
    spanbench(t)
        .arg("export")
        .arg(&project)
        .args([
            "--format",
            "jsonl",
            "--split",
            "train=0.7,test=0.2",
            "--out",
        ])
        .arg(t.join("s"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("the shares add up to"));
}

#[test]
fn a_gold_export_holds_adjudicated_documents_and_says_what_it_left_out() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = new_project(t, "p");
    let line = |id: &str, status: serde_json::Value| {
        json!({"id": id, "text": "„Nein“, sagte Putin.", "annotations": [
            {"annotator": "gold", "label": "quote", "start": 0, "end": 6, "text": "„Nein“"},
            {"annotator": "anna", "label": "quote", "start": 0, "end": 6, "text": "„Nein“"}],
            "status": status})
        .to_string()
    };
    // The same text twice would be one document: vary it.
    let a = line("fertig", json!({"gold": "adjudicated", "anna": "done"}));
    let b = line("offen", json!({"anna": "done"})).replace("Putin", "Biden");
    let c = line("leer", json!({})).replace("Putin", "Scholz");
    import(
        t,
        &project,
        &write(t, "in.jsonl", format!("{a}\n{b}\n{c}\n")),
    );
    let out = t.join("gold.jsonl");
    spanbench(t)
        .arg("export")
        .arg(&project)
        .args(["--format", "jsonl", "--layer", "gold", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("2 documents"));
    let records = parse_jsonl(&std::fs::read_to_string(&out).unwrap());
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["id"], "fertig");
    let card = std::fs::read_to_string(t.join("gold.jsonl.README.md")).unwrap();
    assert!(card.contains("- documents: 1\n"), "{card}");
    assert!(
        card.contains("2 documents not adjudicated in gold were left out"),
        "{card}"
    );
    // --status any chooses otherwise: every document.
    let all = t.join("gold-all.jsonl");
    spanbench(t)
        .arg("export")
        .arg(&project)
        .args([
            "--format", "jsonl", "--layer", "gold", "--status", "any", "--out",
        ])
        .arg(&all)
        .assert()
        .success();
    assert_eq!(
        parse_jsonl(&std::fs::read_to_string(&all).unwrap()).len(),
        3
    );
}

/// Issue "exports and imports that the real tools accept", item 1: Label Studio's editor counts
/// code points (`[...text]`), so its export does too by default, and a file without our
/// `data.offsets` key is read as code points.
#[test]
fn label_studio_counts_code_points_both_ways() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    let out = t.join("ls.json");
    spanbench(t)
        .arg("export")
        .arg(&project)
        .args(["--format", "label-studio", "--out"])
        .arg(&out)
        .assert()
        .success();
    let tasks: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let mut after_an_emoji = 0;
    for task in tasks.as_array().unwrap() {
        let text: Vec<char> = task["data"]["text"].as_str().unwrap().chars().collect();
        for ann in task["annotations"].as_array().unwrap() {
            for r in ann["result"].as_array().unwrap() {
                if r["type"] != "labels" {
                    continue;
                }
                let (s, e) = (
                    r["value"]["start"].as_u64().unwrap() as usize,
                    r["value"]["end"].as_u64().unwrap() as usize,
                );
                let slice: String = text[s..e].iter().collect();
                assert_eq!(slice, r["value"]["text"].as_str().unwrap());
                if text[..s].iter().any(|c| *c as u32 > 0xFFFF) {
                    after_an_emoji += 1;
                }
            }
        }
    }
    assert!(after_an_emoji > 0, "the demo has regions after an emoji");

    // A task as Label Studio writes it (no `offsets` key), a region after an emoji.
    let other = t.join("other");
    spanbench(t).arg("new").arg(&other).assert().success();
    let file = write(
        t,
        "from-ls.json",
        r#"[{"id": 7, "data": {"text": "Hm 🤔, sagte Krause."}, "annotations": [{"completed_by": 1,
            "result": [{"id": "r1", "type": "labels", "value": {"start": 12, "end": 18, "text": "Krause", "labels": ["speaker"]}}]}]}]"#,
    );
    spanbench(t)
        .arg("import")
        .arg(&other)
        .arg(&file)
        .assert()
        .success();
    let exported = export_all(t, &other);
    assert!(exported.contains(r#""fragments":[[12,18]]"#), "{exported}");
}

/// Issue "exports and imports that the real tools accept", item 4: the labelling config of a
/// single-file Label Studio export is written beside it (the data card lists it), replaced by
/// a later export, and a file of the user's at its place is never overwritten.
#[test]
fn label_studio_config_goes_beside_a_single_file_export() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    let dir = t.join("x");
    std::fs::create_dir(&dir).unwrap();
    let out = dir.join("ls.json");
    let export = |out: &std::path::Path| {
        spanbench(t)
            .arg("export")
            .arg(&project)
            .args(["--format", "label-studio", "--out"])
            .arg(out)
            .assert()
    };
    export(&out).success();
    let config = dir.join("ls.json.labeling-config.xml");
    assert!(
        std::fs::read_to_string(&config)
            .unwrap()
            .contains("<Labels name=")
    );
    let card = std::fs::read_to_string(dir.join("ls.json.README.md")).unwrap();
    assert!(card.contains("`ls.json.labeling-config.xml`"), "{card}");
    export(&out).success();
    assert!(config.is_file(), "a second export replaces its own config");

    let mine = t.join("y");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(
        mine.join("ls.json.labeling-config.xml"),
        "<View>mine</View>",
    )
    .unwrap();
    export(&mine.join("ls.json"))
        .failure()
        .stderr(predicate::str::contains("ls.json.labeling-config.xml"));
    assert_eq!(
        std::fs::read_to_string(mine.join("ls.json.labeling-config.xml")).unwrap(),
        "<View>mine</View>"
    );
    assert!(!mine.join("ls.json").exists(), "nothing was written");
}

/// Issue "exports and imports that the real tools accept", item 10: doccano drops overlapping
/// spans unless the project allows them; the export says so, on screen and in the data card.
#[test]
fn doccano_export_warns_of_overlapping_spans() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    let out = t.join("d.jsonl");
    let assert = spanbench(t)
        .arg("export")
        .arg(&project)
        .args(["--format", "doccano", "--out"])
        .arg(&out)
        .assert()
        .success();
    let said = String::from_utf8_lossy(&assert.get_output().stdout).to_string()
        + &String::from_utf8_lossy(&assert.get_output().stderr);
    assert!(said.contains("Allow overlapping spans"), "{said}");
    let card = std::fs::read_to_string(t.join("d.jsonl.README.md")).unwrap();
    assert!(card.contains("overlapping spans"), "{card}");
}
