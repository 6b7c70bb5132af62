//! Imports from brat, doccano and Label Studio: round trips through spanbench's own exports,
//! recognition with `--format auto`, label mapping, and bad files that import nothing.

mod common;

use std::path::Path;

use common::*;
use predicates::prelude::*;

fn tree(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ann" || e == "txt"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn brat_export_import_export_is_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    let first = t.join("brat1");
    export_layer(t, &project, "brat", &first, "anna");
    let again = new_project(t, "again");
    spanbench(t)
        .arg("import")
        .arg(&again)
        .arg(&first)
        .args(["--annotator", "anna"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "3 new documents, 0 already present; 35 annotations added",
        ));
    let second = t.join("brat2");
    export_layer(t, &again, "brat", &second, "anna");
    assert_eq!(tree(&first), tree(&second));
    // Same texts: the brat documents are the demo's documents.
    spanbench(t)
        .arg("import")
        .arg(&project)
        .arg(&first)
        .args(["--annotator", "anna-brat"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "0 new documents, 3 already present",
        ));
}

#[test]
fn doccano_and_label_studio_round_trip_one_layer() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    for (format, file) in [("doccano", "d.jsonl"), ("label-studio", "tasks.json")] {
        let first = t.join(format!("1-{file}"));
        export_layer(t, &project, format, &first, "ben");
        let again = new_project(t, &format!("again-{format}"));
        // --format auto recognises both from the content and the extension.
        spanbench(t)
            .arg("import")
            .arg(&again)
            .arg(&first)
            .assert()
            .success()
            .stderr(predicate::str::contains("3 new documents"));
        let second = t.join(format!("2-{file}"));
        export_layer(t, &again, format, &second, "ben");
        let (a, b) = (
            std::fs::read_to_string(&first).unwrap(),
            std::fs::read_to_string(&second).unwrap(),
        );
        // Split regions (`a5`, `a5-2`) are joined on import and split alike again.
        assert_eq!(a, b, "{format}");
    }
}

#[test]
fn unknown_labels_can_be_mapped() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = new_project(t, "p");
    let line = r#"{"text": "Putin sagte nein.", "entities": [{"id": 1, "start_offset": 0, "end_offset": 5, "label": "PERSON"}], "relations": []}"#;
    let file = write(t, "doccano.jsonl", format!("{line}\n"));
    spanbench(t)
        .arg("import")
        .arg(&project)
        .arg(&file)
        .assert()
        .failure()
        .stderr(predicate::str::contains("\n  label 'PERSON'\n"))
        .stderr(predicate::str::contains("--map-label OLD=NEW"));
    spanbench(t)
        .arg("import")
        .arg(&project)
        .arg(&file)
        .args(["--map-label", "PERSON=speaker", "--annotator", "anna"])
        .assert()
        .success();
    assert_eq!(stats(t, &project)["per_annotator"]["anna"]["speaker"], 1);
}

/// A bad input: what it is, its files (name, content), and the expected error.
type Case = (
    &'static str,
    Vec<(&'static str, &'static str)>,
    &'static str,
);

#[test]
fn bad_brat_doccano_and_label_studio_files_import_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    let before = export_all(t, &project);
    let cases: Vec<Case> = vec![
        (
            "brat text mismatch",
            vec![
                ("b/a.txt", "Putin sagte nein."),
                ("b/a.ann", "T1\tspeaker 0 5\tPutiN\n"),
            ],
            "its text \"PutiN\" does not match",
        ),
        (
            "brat bad span",
            vec![
                ("c/a.txt", "Putin sagte nein."),
                ("c/a.ann", "T1\tspeaker 0 x\tPutin\n"),
            ],
            "a.ann:1: cannot read '0 x' as START END",
        ),
        (
            "brat event",
            vec![
                ("d/a.txt", "Putin sagte nein."),
                ("d/a.ann", "T1\tspeaker 0 5\tPutin\nE1\tSay:T1\n"),
            ],
            "a.ann:2: E1: brat events",
        ),
        (
            "brat missing relation end",
            vec![
                ("e/a.txt", "Putin sagte nein."),
                (
                    "e/a.ann",
                    "T1\tspeaker 0 5\tPutin\nR1\tattribution Arg1:T9 Arg2:T1\t\n",
                ),
            ],
            "points to annotation 'T9'",
        ),
        (
            "doccano past end",
            vec![(
                "f.jsonl",
                "{\"text\": \"kurz\", \"entities\": [{\"id\": 1, \"start_offset\": 0, \"end_offset\": 40, \"label\": \"claim\"}]}\n",
            )],
            "f.jsonl:1: end_offset: offset 40 (codepoint) lies past the end",
        ),
        (
            "label studio truncated",
            vec![(
                "g.json",
                "[{\"data\": {\"text\": \"abc\"}, \"annotations\": [",
            )],
            "g.json: not valid JSON",
        ),
        (
            "label studio in a surrogate",
            vec![(
                "h.json",
                "[{\"data\": {\"text\": \"😀 x\", \"offsets\": \"utf16\"}, \"annotations\": [{\"result\": [{\"id\": \"x\", \"type\": \"labels\", \"value\": {\"start\": 1, \"end\": 4, \"text\": \" x\", \"labels\": [\"claim\"]}}]}]}]",
            )],
            "start: offset 1 (utf16) lies past the end of the text or inside a character",
        ),
    ];
    for (what, files, expected) in cases {
        let mut first = None;
        for (name, content) in &files {
            let p = write(t, name, content);
            first.get_or_insert(p);
        }
        let target = first.unwrap();
        let target = if files.len() > 1 {
            target.parent().unwrap().to_path_buf()
        } else {
            target
        };
        spanbench(t)
            .arg("import")
            .arg(&project)
            .arg(&target)
            .args(["--annotator", "carla"])
            .assert()
            .failure()
            .stderr(predicate::str::contains(expected).name(what));
        assert_eq!(export_all(t, &project), before, "{what}: nothing imported");
    }
}

/// One document where offsets go wrong in other tools: emoji with a skin tone and a ZWJ
/// sequence, a combining accent, CRLF line ends, a claim nested in a quote, and a quote
/// interrupted by its reporting clause.
fn tricky_jsonl() -> String {
    let text = "„Wir schaffen das 👍🏽“, sagte Rene\u{301} Albers, „und zwar 👩\u{200d}💻 sofort.“\r\nDas Amt widersprach.\r\n";
    let cp = |needle: &str| text[..text.find(needle).unwrap()].chars().count();
    let span = |needle: &str| [cp(needle), cp(needle) + needle.chars().count()];
    let q1 = span("„Wir schaffen das 👍🏽“");
    let q2 = span("„und zwar 👩\u{200d}💻 sofort.“");
    let claim = span("Wir schaffen das");
    let speaker = span("Rene\u{301} Albers");
    let rebuttal = span("Das Amt widersprach");
    let piece = |s: [usize; 2]| {
        text.chars()
            .skip(s[0])
            .take(s[1] - s[0])
            .collect::<String>()
    };
    let line = serde_json::json!({"id": "tricky", "text": text, "annotations": [
        {"id": "a1", "annotator": "anna", "label": "quote", "fragments": [q1, q2], "text": format!("{} {}", piece(q1), piece(q2))},
        {"id": "a2", "annotator": "anna", "label": "claim", "fragments": [claim], "text": piece(claim)},
        {"id": "a3", "annotator": "anna", "label": "speaker", "fragments": [speaker], "text": piece(speaker)},
        {"id": "a4", "annotator": "anna", "label": "rebuttal", "fragments": [rebuttal], "text": piece(rebuttal)}],
        "relations": [{"id": "r1", "annotator": "anna", "type": "attribution", "from": "a1", "to": "a3"},
                      {"id": "r2", "annotator": "anna", "type": "rebuts", "from": "a4", "to": "a2"}]});
    format!("{line}\n")
}

#[test]
fn round_trips_over_emoji_combining_marks_crlf_nested_and_discontinuous_spans() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = new_project(t, "p");
    spanbench(t)
        .arg("import")
        .arg(&project)
        .arg(write(t, "tricky.jsonl", tricky_jsonl()))
        .assert()
        .success();
    for (format, out) in [
        ("brat", "brat"),
        ("doccano", "d.jsonl"),
        ("label-studio", "ls.json"),
    ] {
        let first = t.join(format!("1-{out}"));
        export_layer(t, &project, format, &first, "anna");
        let again = new_project(t, &format!("again-{format}"));
        spanbench(t)
            .arg("import")
            .arg(&again)
            .arg(&first)
            .args(["--annotator", "anna"])
            .assert()
            .success();
        let second = t.join(format!("2-{out}"));
        export_layer(t, &again, format, &second, "anna");
        if format == "brat" {
            assert_eq!(tree(&first), tree(&second), "{format}");
            // brat keeps the discontinuous quote as one annotation with two fragments.
            let ann = std::fs::read_to_string(first.join("tricky.ann")).unwrap();
            assert!(
                ann.contains(
                    "T1\tquote 0 21;43 65\t„Wir schaffen das 👍🏽“ „und zwar 👩\u{200d}💻 sofort.“"
                ),
                "{ann}"
            );
        } else {
            // doccano and Label Studio hold one span per fragment; after the first trip the
            // files are stable.
            let third = t.join(format!("3-{out}"));
            let once_more = new_project(t, &format!("once-more-{format}"));
            spanbench(t)
                .arg("import")
                .arg(&once_more)
                .arg(&second)
                .args(["--annotator", "anna"])
                .assert()
                .success();
            export_layer(t, &once_more, format, &third, "anna");
            let strip_ids = |p: &Path| {
                let s = std::fs::read_to_string(p).unwrap();
                let v: serde_json::Value = if format == "doccano" {
                    serde_json::from_str(s.lines().next().unwrap()).unwrap()
                } else {
                    serde_json::from_str(&s).unwrap()
                };
                let mut spans: Vec<String> = Vec::new();
                let mut collect = |x: &serde_json::Value| {
                    if let Some(v) = x.get("value") {
                        spans.push(format!("{}:{}:{}", v["labels"][0], v["start"], v["end"]));
                    } else if x.get("start_offset").is_some() {
                        spans.push(format!(
                            "{}:{}:{}",
                            x["label"], x["start_offset"], x["end_offset"]
                        ));
                    }
                };
                if format == "doccano" {
                    v["entities"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .for_each(&mut collect);
                } else {
                    v[0]["annotations"][0]["result"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .for_each(&mut collect);
                }
                spans.sort();
                spans
            };
            assert_eq!(
                strip_ids(&first),
                strip_ids(&second),
                "{format}: spans survive the first trip"
            );
            assert_eq!(
                std::fs::read(&second).unwrap(),
                std::fs::read(&third).unwrap(),
                "{format}: stable after that"
            );
        }
    }
}
