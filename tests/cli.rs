//! End-to-end tests of the command line: what users' scripts rely on.

mod common;

use common::*;
use predicates::prelude::*;
use serde_json::json;

#[test]
fn new_import_folder_stats_export_check() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = new_project(t, "cyber");
    assert!(project.join("project.ron").is_file());
    write(
        t,
        "articles/de/putin.txt",
        "Titel\n\n„Wir können das“, sagte er. 👍\r\n",
    );
    write(
        t,
        "articles/en/deal.md",
        "# The deal\n\n\"Nobody read it,\" she said.\n",
    );
    write(t, "articles/photo.jpg", [0xFFu8, 0xD8, 0xFF, 0x00]);
    write(t, "articles/.hidden.txt", "not imported");
    spanbench(t)
        .arg("import")
        .arg(&project)
        .arg(t.join("articles"))
        .assert()
        .success()
        .stderr(predicate::str::contains("2 new documents"))
        .stderr(predicate::str::contains("left out 1 files of other types"));
    let s = stats(t, &project);
    assert_eq!(s["documents"], 2);
    assert_eq!(s["annotations"], 0);

    let records = parse_jsonl(&export_all(t, &project));
    let titles: Vec<&str> = records
        .iter()
        .map(|r| r["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Titel", "The deal"]); // folders are read in sorted order: de before en
    // The text is stored exactly, CRLF and all.
    assert_eq!(
        records[0]["text"],
        "Titel\n\n„Wir können das“, sagte er. 👍\r\n"
    );
    assert_eq!(records[0]["meta"]["encoding"], "UTF-8");
    spanbench(t)
        .arg("check")
        .arg(&project)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("ok: 2 documents"));
}

#[test]
fn the_same_text_twice_is_one_document() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = new_project(t, "p");
    let a = write(t, "a.txt", "Derselbe Text.");
    let b = write(t, "b.txt", "Derselbe Text.");
    spanbench(t)
        .arg("import")
        .arg(&project)
        .args([&a, &b])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "'b' has the same text as 'a', which is already in the project",
        ))
        .stderr(predicate::str::contains(
            "1 new documents, 1 already present",
        ));
    assert_eq!(stats(t, &project)["documents"], 1);
}

#[test]
fn demo_jsonl_round_trips_exactly() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = new_project(t, "p");
    let demo = write(t, "demo.jsonl", DEMO_JSONL);
    spanbench(t)
        .arg("import")
        .arg(&project)
        .arg(&demo)
        .assert()
        .success();
    let exported = export_all(t, &project);
    assert_eq!(parse_jsonl(&exported), parse_jsonl(DEMO_JSONL));

    // Export → import elsewhere → export gives the same bytes.
    let second = new_project(t, "q");
    let file = write(t, "first.jsonl", &exported);
    spanbench(t)
        .arg("import")
        .arg(&second)
        .arg(&file)
        .assert()
        .success();
    assert_eq!(export_all(t, &second), exported);

    // Importing the same file again changes nothing.
    spanbench(t)
        .arg("import")
        .arg(&project)
        .arg(&demo)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "0 annotations added (60 unchanged), 0 relations added (34 unchanged)",
        ));
    assert_eq!(export_all(t, &project), exported);
}

#[test]
fn jsonl_with_annotator_flag_and_stats() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = new_project(t, "p");
    let line = json!({"id": "d1", "text": "„Nein“, sagte Putin.", "annotations": [
        {"id": "a1", "label": "quote", "fragments": [[0, 6]], "text": "„Nein“"},
        {"id": "a2", "label": "speaker", "start": 14, "end": 19, "text": "Putin"}],
        "relations": [{"type": "attribution", "from": "a1", "to": "a2"}], "status": {"anna": "done"}});
    let file = write(t, "colleagues.jsonl", format!("{line}\n"));
    spanbench(t)
        .arg("import")
        .arg(&project)
        .arg(&file)
        .args(["--annotator", "anna"])
        .assert()
        .success();
    let s = stats(t, &project);
    assert_eq!(
        s["per_annotator"]["anna"],
        json!({"quote": 1, "speaker": 1})
    );
    assert_eq!(s["relations"], 1);
    assert_eq!(s["progress"]["anna"], json!({"done": 1, "new": 0}));
    let records = parse_jsonl(&export_all(t, &project));
    // A relation without an id gets a fresh random one (ids are never reused).
    let mut relations = records[0]["relations"].clone();
    let id = relations[0]["id"].take();
    assert!(
        id.as_str()
            .is_some_and(|i| i.starts_with('r') && i.len() == 11),
        "{id}"
    );
    assert_eq!(
        relations,
        json!([{"id": null, "annotator": "anna", "type": "attribution", "from": "a1", "to": "a2"}])
    );
}

#[test]
fn export_offsets_in_utf16_and_utf8() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = new_project(t, "p");
    let line = json!({"id": "d", "text": "😀 Putin", "annotations": [
        {"id": "a1", "annotator": "anna", "label": "speaker", "fragments": [[2, 7]], "text": "Putin"}]});
    spanbench(t)
        .arg("import")
        .arg(&project)
        .arg(write(t, "d.jsonl", line.to_string()))
        .assert()
        .success();
    for (unit, expected) in [
        ("utf16", json!([[3, 8]])),
        ("utf8", json!([[5, 10]])),
        ("codepoint", json!([[2, 7]])),
    ] {
        let out = t.join(format!("{unit}.jsonl"));
        spanbench(t)
            .arg("export")
            .arg(&project)
            .args(["--format", "jsonl", "--offsets", unit, "--out"])
            .arg(&out)
            .assert()
            .success();
        let rec = &parse_jsonl(&std::fs::read_to_string(&out).unwrap())[0];
        assert_eq!(rec["offsets"], unit);
        assert_eq!(rec["annotations"][0]["fragments"], expected, "{unit}");
        // What we write in any unit, we read back to the same code points.
        let again = new_project(t, &format!("again-{unit}"));
        spanbench(t)
            .arg("import")
            .arg(&again)
            .arg(&out)
            .assert()
            .success();
        assert_eq!(
            parse_jsonl(&export_all(t, &again))[0]["annotations"][0]["fragments"],
            json!([[2, 7]])
        );
    }
}

#[test]
fn export_of_an_unknown_layer_is_refused_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    let out = t.join("gold.jsonl");
    spanbench(t)
        .arg("export")
        .arg(&project)
        .args(["--format", "jsonl", "--layer", "carla", "--out"])
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "the project has no layer 'carla' (layers: anna, ben)",
        ));
    assert!(!out.exists());
    spanbench(t)
        .arg("export")
        .arg(&project)
        .args(["--format", "jsonl", "--layer", "ben", "--out"])
        .arg(&out)
        .assert()
        .success();
    let records = parse_jsonl(&std::fs::read_to_string(&out).unwrap());
    assert!(
        records
            .iter()
            .flat_map(|r| r["annotations"].as_array().unwrap())
            .all(|a| a["annotator"] == "ben")
    );
    assert_eq!(records[2]["status"], json!({"ben": "in progress"}));
}

#[test]
fn new_refuses_an_existing_project_and_a_bad_schema() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = new_project(t, "p");
    spanbench(t)
        .arg("new")
        .arg(&project)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "already holds a spanbench project",
        ));
    let schema = write(
        t,
        "schema.ron",
        "Schema(labels: [Label(name: \"quote\", colour: \"orange\")])",
    );
    spanbench(t)
        .arg("new")
        .arg(t.join("q"))
        .arg("--schema")
        .arg(&schema)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "colour \"orange\" is not of the form \"#RRGGBB\"",
        ));
    let schema = write(
        t,
        "custom.ron",
        "Schema(labels: [Label(name: \"event\", colour: \"#0072B2\", hotkeys: [\"E\"])])",
    );
    spanbench(t)
        .arg("new")
        .arg(t.join("r"))
        .arg("--schema")
        .arg(&schema)
        .assert()
        .success()
        .stderr(predicate::str::contains("labels: event"));
}

#[test]
fn broken_project_ron_and_database_are_refused_clearly() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = new_project(t, "p");
    let ron_path = project.join("project.ron");
    let good = std::fs::read_to_string(&ron_path).unwrap();
    std::fs::write(&ron_path, good.replacen("name:", "nam:", 1)).unwrap();
    spanbench(t)
        .arg("stats")
        .arg(&project)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "project.ron:3:8: Unexpected field named `nam`",
        ));
    std::fs::write(&ron_path, &good[..good.len() / 2]).unwrap();
    spanbench(t)
        .arg("stats")
        .arg(&project)
        .assert()
        .failure()
        .stderr(predicate::str::contains("project.ron:"));
    std::fs::write(&ron_path, &good).unwrap();

    let db = project.join("spanbench.db");
    std::fs::write(&db, b"this is not a database at all, just some text").unwrap();
    spanbench(t)
        .arg("stats")
        .arg(&project)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "is not a spanbench database or is damaged",
        ));
    std::fs::remove_file(&db).unwrap();
    spanbench(t)
        .arg("stats")
        .arg(&project)
        .assert()
        .failure()
        .stderr(predicate::str::contains("spanbench.db is missing"));
    assert!(!db.exists(), "no empty database was made in its place");
    spanbench(t)
        .arg("stats")
        .arg(t.join("nowhere"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("is not a spanbench project"));
}

#[test]
fn a_database_from_a_newer_spanbench_is_refused_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = new_project(t, "p");
    let db = project.join("spanbench.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    spanbench(t)
        .arg("stats")
        .arg(&project)
        .assert()
        .failure()
        .stderr(predicate::str::contains(format!(
            "was written by a newer spanbench (database version 99; this spanbench knows up to {})",
            spanbench::store::LATEST_VERSION
        )));
    assert_eq!(std::fs::read(&db).unwrap(), before);
}
