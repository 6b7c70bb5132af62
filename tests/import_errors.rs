//! Every importer meets broken, truncated, binary, wrongly encoded and hostile input: the error
//! names the file, the line and the problem, and the project stays exactly as it was.

mod common;

use std::path::Path;

use common::*;
use predicates::prelude::*;
use serde_json::json;

/// Imports `content` as file `name` into a project that already holds the demo, expects the
/// import to fail with `expected` in its message, and the project unchanged.
fn check_refused(name: &str, content: impl AsRef<[u8]>, expected: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    let before = export_all(t, &project);
    let bad = write(t, name, content);
    let good = write(
        t,
        "good.txt",
        "Ein guter Text, der nicht importiert werden darf.",
    );
    spanbench(t)
        .arg("import")
        .arg(&project)
        .arg(&good)
        .arg(&bad)
        .args(["--annotator", "carla"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(expected))
        .stderr(predicate::str::contains("nothing was imported"));
    assert_eq!(
        export_all(t, &project),
        before,
        "a failed import must change nothing"
    );
    assert_unchecked_clean(t, &project);
}

fn assert_unchecked_clean(t: &Path, project: &Path) {
    spanbench(t).arg("check").arg(project).assert().success();
}

fn line(v: serde_json::Value) -> String {
    format!("{v}\n")
}

#[test]
fn binary_file_named_txt() {
    check_refused(
        "photo.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0",
        "photo.txt: the file looks binary",
    );
}

#[test]
fn empty_file() {
    check_refused("empty.txt", b"  \n\n", "empty.txt: the file is empty");
}

#[test]
fn truncated_jsonl() {
    let full = line(json!({"id": "x", "text": "Hallo Welt"}));
    let text = format!("{full}{}", &full[..12]);
    check_refused(
        "cut.jsonl",
        text,
        "cut.jsonl:2: not a valid record: EOF while parsing",
    );
}

#[test]
fn binary_jsonl() {
    check_refused(
        "data.jsonl",
        b"\x00\x01\x02garbage",
        "data.jsonl: the file looks binary",
    );
}

#[test]
fn jsonl_not_utf8() {
    check_refused(
        "latin1.jsonl",
        b"{\"text\": \"Gr\xfc\xdfe\"}\n",
        "latin1.jsonl:1: the line is not UTF-8",
    );
}

#[test]
fn annotation_text_does_not_match() {
    let l = line(
        json!({"id": "x", "text": "Sie sagte: „Nein.“", "annotations": [
        {"id": "a1", "label": "quote", "start": 11, "end": 17, "text": "„Nein“"}]}),
    );
    check_refused(
        "wrong.jsonl",
        format!("{}{l}", line(json!({"text": "ok"}))),
        "wrong.jsonl:2: annotation 'a1': its text \"„Nein“\" does not match the document at [11, 17) (found \"„Nein.\")",
    );
}

#[test]
fn offsets_past_the_end() {
    let l = line(
        json!({"id": "x", "text": "kurz", "annotations": [{"label": "claim", "start": 2, "end": 40, "text": "rz"}]}),
    );
    check_refused(
        "past.jsonl",
        l,
        "past.jsonl:1: annotation 1: fragment [2, 40) lies past the end of the text (4 code points)",
    );
}

#[test]
fn unknown_label() {
    let l = line(
        json!({"id": "x", "text": "Putin", "annotations": [{"label": "person", "start": 0, "end": 5, "text": "Putin"}]}),
    );
    check_refused(
        "labels.jsonl",
        l,
        "the files use what this project's schema does not have:\n  label 'person'\nadd them to project.ron with --extend-schema",
    );
}

#[test]
fn relation_to_a_missing_annotation() {
    let l = line(
        json!({"id": "x", "text": "„Ja“, sagte sie.", "annotations": [{"id": "a1", "label": "quote", "start": 0, "end": 4, "text": "„Ja“"}],
        "relations": [{"id": "r1", "type": "attribution", "from": "a1", "to": "a7"}]}),
    );
    check_refused(
        "rel.jsonl",
        l,
        "rel.jsonl:1: relation 'r1': it points to annotation 'a7', which carla does not have in this document",
    );
}

#[test]
fn relation_against_the_schema() {
    let l = line(json!({"id": "x", "text": "Ja und Nein", "annotations": [
        {"id": "a1", "label": "quote", "start": 0, "end": 2, "text": "Ja"},
        {"id": "a2", "label": "claim", "start": 7, "end": 11, "text": "Nein"}],
        "relations": [{"id": "r1", "type": "rebuts", "from": "a1", "to": "a2"}]}));
    check_refused(
        "schema.jsonl",
        l,
        "relation 'r1': a 'rebuts' relation cannot start at a quote (allowed: rebuttal)",
    );
}

#[test]
fn a_document_id_that_names_another_text() {
    let l = line(json!({"id": "stadtwerke-lindenau", "text": "Ein anderer Text."}));
    check_refused(
        "clash.jsonl",
        l,
        "the id 'stadtwerke-lindenau' already names a different text in this project",
    );
}

#[test]
fn an_annotation_id_taken_by_different_content() {
    let demo: serde_json::Value = serde_json::from_str(DEMO_JSONL.lines().next().unwrap()).unwrap();
    let l = line(json!({"text": demo["text"], "annotations": [
        {"id": "a1", "annotator": "anna", "label": "claim", "start": 0, "end": 6, "text": " datum"}]}));
    check_refused(
        "conflict.jsonl",
        l,
        "annotation 'a1' of anna already exists with different content",
    );
}

#[test]
fn a_hostile_annotator_name() {
    let l = line(
        json!({"id": "x", "text": "Hallo", "annotations": [{"annotator": "all", "label": "quote", "start": 0, "end": 5, "text": "Hallo"}]}),
    );
    check_refused("names.jsonl", l, "'all' cannot name an annotator");
}

#[test]
fn a_file_over_the_size_limit() {
    let big = "Wort ".repeat(2_200_000);
    check_refused("big.txt", big, "more than this project's limit of 10485760");
}

#[test]
fn latin1_german_is_decoded_and_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = new_project(t, "p");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("Bürgermeisterin Krause äußerte sich: „Wir wurden nicht gewarnt“, sagte sie gegenüber der Presse.");
    let file = write(t, "alt.txt", bytes);
    spanbench(t)
        .arg("import")
        .arg(&project)
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "alt.txt: not UTF-8; decoded as windows-1252 (guessed)",
        ));
    let records = parse_jsonl(&export_all(t, &project));
    assert_eq!(
        records[0]["text"],
        "Bürgermeisterin Krause äußerte sich: „Wir wurden nicht gewarnt“, sagte sie gegenüber der Presse."
    );
    assert_eq!(records[0]["meta"]["encoding"], "windows-1252");
}

#[test]
fn skip_bad_files_imports_the_good_ones_and_names_the_bad() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = new_project(t, "p");
    write(t, "in/good.txt", "Ein guter Text.");
    write(t, "in/empty.txt", "");
    spanbench(t)
        .arg("import")
        .arg(&project)
        .arg(t.join("in"))
        .arg("--skip-bad-files")
        .assert()
        .success()
        .stderr(predicate::str::contains("note: skipped"))
        .stderr(predicate::str::contains("empty.txt: the file is empty"));
    assert_eq!(stats(t, &project)["documents"], 1);
}

#[test]
fn unknown_extension_needs_a_format() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = new_project(t, "p");
    let f = write(t, "article.pdf", "%PDF-1.4");
    spanbench(t)
        .arg("import")
        .arg(&project)
        .arg(&f)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "cannot tell its format from the extension",
        ));
    spanbench(t)
        .arg("import")
        .arg(&project)
        .arg(t.join("missing-folder"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("cannot read it"));
}
