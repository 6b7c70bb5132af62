//! Damage is named, never shown as emptiness; a damaged, foreign or newer database is never
//! written into, rebuilt or deleted; read-only projects can still be read.

mod common;

use std::path::Path;

use common::*;
use predicates::prelude::*;
use serde_json::json;

fn db(project: &Path) -> std::path::PathBuf {
    project.join("spanbench.db")
}

/// Folds the write-ahead log into the database file, so the file alone holds everything.
fn checkpoint(project: &Path) {
    let conn = rusqlite::Connection::open(db(project)).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
}

/// A project with enough documents that the database spans many pages.
fn big_project(t: &Path) -> std::path::PathBuf {
    let project = new_project(t, "p");
    let lines: String = (0..300)
        .map(|i| {
            let text = format!("Artikel {i}. {}", "Ein Satz über die Welt. ".repeat(60));
            json!({"id": format!("d{i}"), "text": text}).to_string() + "\n"
        })
        .collect();
    import(t, &project, &write(t, "many.jsonl", lines));
    checkpoint(&project);
    project
}

#[test]
fn garbage_in_the_middle_is_refused_by_every_command_that_opens_it() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = big_project(t);
    let mut bytes = std::fs::read(db(&project)).unwrap();
    assert!(bytes.len() > 64 * 1024, "{} bytes", bytes.len());
    let middle = bytes.len() / 2 / 4096 * 4096;
    for (i, b) in bytes[middle..middle + 4096].iter_mut().enumerate() {
        *b = (i * 37 % 251) as u8;
    }
    std::fs::write(db(&project), &bytes).unwrap();
    for args in [vec!["stats"], vec!["agree"], vec!["export"]] {
        let mut cmd = spanbench(t);
        cmd.args(&args).arg(&project);
        if args[0] == "export" {
            cmd.args(["--format", "jsonl", "--out"])
                .arg(t.join("x.jsonl"));
        }
        cmd.assert()
            .failure()
            .stderr(predicate::str::contains("is damaged"))
            .stderr(predicate::str::contains("backups"));
    }
    spanbench(t)
        .arg("import")
        .arg(&project)
        .arg(write(t, "new.txt", "Ein neuer Text."))
        .assert()
        .failure()
        .stderr(predicate::str::contains("is damaged"));
    // `check` opens it anyway and says what is wrong.
    spanbench(t)
        .arg("check")
        .arg(&project)
        .assert()
        .failure()
        .stdout(predicate::str::contains("database"));
    assert_eq!(
        std::fs::read(db(&project)).unwrap(),
        bytes,
        "nothing written"
    );
}

#[test]
fn an_empty_or_missing_database_is_named_never_made_a_fresh_project() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    checkpoint(&project);
    std::fs::write(db(&project), b"").unwrap();
    for cmd in ["stats", "check"] {
        spanbench(t)
            .arg(cmd)
            .arg(&project)
            .assert()
            .failure()
            .stderr(predicate::str::contains("empty (0 bytes)"));
    }
    assert_eq!(std::fs::read(db(&project)).unwrap(), b"");
    std::fs::remove_file(db(&project)).unwrap();
    spanbench(t)
        .arg("import")
        .arg(&project)
        .arg(write(t, "new.txt", "Ein neuer Text."))
        .assert()
        .failure()
        .stderr(predicate::str::contains("is missing"));
    assert!(
        !db(&project).exists(),
        "no empty database made in its place"
    );
}

#[test]
fn a_version_number_that_does_not_match_the_tables_is_told_in_words() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    {
        let conn = rusqlite::Connection::open(db(&project)).unwrap();
        conn.execute_batch("PRAGMA user_version = 1;").unwrap();
    }
    let out = spanbench(t)
        .arg("stats")
        .arg(&project)
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(err.contains("version number may not match"), "{err}");
    assert!(!err.contains("CREATE TABLE"), "no raw SQL: {err}");
}

#[test]
fn an_error_is_said_once() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    let bad = json!({"id": "d1", "text": "Ein Text.", "annotations": [
        {"annotator": "anna", "label": "quote", "start": 0, "end": 3, "text": "Ein"},
        {"annotator": "anna", "label": "nonsense", "start": 4, "end": 8, "text": "Text"}]});
    let out = spanbench(t)
        .arg("import")
        .arg(&project)
        .arg(write(t, "bad.jsonl", format!("{bad}\n")))
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert_eq!(err.matches("label 'nonsense'").count(), 1, "{err}");
    // A colleague's project that is not one: the reason once, not twice.
    let out = spanbench(t)
        .arg("merge")
        .arg(&project)
        .arg(t.join("nowhere"))
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert_eq!(
        err.matches("is not a spanbench project").count(),
        1,
        "{err}"
    );
    assert!(
        !err.contains("nowhere: "),
        "the folder is named once: {err}"
    );
}

#[test]
fn merge_only_reads_the_colleagues_project() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let mine = new_project(t, "mine");
    let theirs = demo_project(t);
    checkpoint(&theirs);
    let before: Vec<(String, Vec<u8>)> = files_of(&theirs);
    spanbench(t)
        .arg("merge")
        .arg(&mine)
        .arg(&theirs)
        .assert()
        .success();
    let names = |files: &[(String, Vec<u8>)]| -> Vec<(String, usize)> {
        files.iter().map(|(n, b)| (n.clone(), b.len())).collect()
    };
    assert_eq!(names(&files_of(&theirs)), names(&before));
    assert!(
        files_of(&theirs) == before,
        "nothing written in their folder"
    );
    assert!(stats(t, &mine)["annotations"].as_u64().unwrap() > 10);
}

#[test]
fn an_id_at_the_end_of_the_number_range_blocks_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = new_project(t, "p");
    let line = json!({"id": "d1", "text": "„Nein“, sagte Putin. „Doch“, sagte Biden.", "annotations": [
        {"id": "a18446744073709551615", "annotator": "anna", "label": "quote", "start": 0, "end": 6, "text": "„Nein“"}]});
    import(t, &project, &write(t, "max.jsonl", format!("{line}\n")));
    // More annotations without ids into the same layer, and again.
    let more = json!({"id": "d1", "text": "„Nein“, sagte Putin. „Doch“, sagte Biden.", "annotations": [
        {"annotator": "anna", "label": "speaker", "start": 14, "end": 19, "text": "Putin"}]});
    import(t, &project, &write(t, "more.jsonl", format!("{more}\n")));
    let more = json!({"id": "d1", "text": "„Nein“, sagte Putin. „Doch“, sagte Biden.", "annotations": [
        {"annotator": "anna", "label": "quote", "start": 21, "end": 27, "text": "„Doch“"}]});
    import(t, &project, &write(t, "more2.jsonl", format!("{more}\n")));
    assert_eq!(stats(t, &project)["annotations"], 3);
    spanbench(t).arg("check").arg(&project).assert().success();
}

#[test]
fn two_adjudications_at_once_wait_for_each_other() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    let bin = assert_cmd::cargo::cargo_bin("spanbench");
    let run = || {
        std::process::Command::new(&bin)
            .env("SPANBENCH_DATA_DIR", t.join("data"))
            .args(["adjudicate", "--accept-agreed"])
            .arg(&project)
            .output()
            .unwrap()
    };
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(run);
        let b = s.spawn(run);
        (a.join().unwrap(), b.join().unwrap())
    });
    for out in [&a, &b] {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    spanbench(t).arg("check").arg(&project).assert().success();
}

#[test]
fn check_finds_what_export_would_choke_on() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    {
        let conn = rusqlite::Connection::open(db(&project)).unwrap();
        conn.execute_batch("UPDATE annotations SET attributes = '{not json' WHERE pk = (SELECT MIN(pk) FROM annotations);")
            .unwrap();
    }
    spanbench(t)
        .arg("check")
        .arg(&project)
        .assert()
        .failure()
        .stdout(predicate::str::contains("attributes"));
}
