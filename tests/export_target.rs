//! `export --out` replaces only an earlier spanbench export or an empty folder, a single file
//! only with `--force`, and never anything inside a project; a failed or refused export leaves
//! nothing behind.

mod common;

use std::path::Path;

use common::*;
use predicates::prelude::*;

fn export(t: &Path, project: &Path, format: &str, out: &Path) -> assert_cmd::assert::Assert {
    spanbench(t)
        .arg("export")
        .arg(project)
        .args(["--format", format, "--out"])
        .arg(out)
        .assert()
}

/// Every entry of `dir` (names only), sorted: to see that nothing was left behind.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_folder_with_the_users_files_is_refused_and_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    let mywork = t.join("mywork");
    write(t, "mywork/thesis.tex", "\\chapter{Eins}");
    let before = entries(t);
    for format in ["brat", "jsonl"] {
        let mut cmd = spanbench(t);
        cmd.arg("export")
            .arg(&project)
            .args(["--format", format, "--out"])
            .arg(&mywork);
        if format == "jsonl" {
            cmd.args(["--split", "train=0.5,test=0.5"]);
        }
        cmd.assert()
            .failure()
            .stderr(predicate::str::contains("mywork"))
            .stderr(predicate::str::contains("did not write"));
        assert_eq!(
            std::fs::read_to_string(mywork.join("thesis.tex")).unwrap(),
            "\\chapter{Eins}"
        );
        assert_eq!(entries(&mywork), vec!["thesis.tex"]);
        assert_eq!(entries(t), before, "nothing left beside it ({format})");
    }
}

#[test]
fn an_earlier_export_and_an_empty_folder_are_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    let empty = t.join("empty");
    std::fs::create_dir(&empty).unwrap();
    export(t, &project, "brat", &empty).success();
    assert!(empty.join("annotation.conf").is_file());
    // Again over its own earlier export: fine.
    export(t, &project, "brat", &empty).success();
    let file = t.join("out.jsonl");
    export(t, &project, "jsonl", &file).success();
    export(t, &project, "jsonl", &file).success();
    assert_eq!(
        entries(t),
        vec![
            "demo.jsonl",
            "empty",
            "out.jsonl",
            "out.jsonl.README.md",
            "p"
        ]
    );
}

#[test]
fn an_export_changed_by_hand_or_with_a_stray_file_is_not_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    let out = t.join("brat");
    export(t, &project, "brat", &out).success();
    write(t, "brat/notes.txt", "meine Notizen");
    export(t, &project, "brat", &out)
        .failure()
        .stderr(predicate::str::contains("notes.txt"));
    assert!(out.join("notes.txt").is_file());
    std::fs::remove_file(out.join("notes.txt")).unwrap();
    std::fs::write(out.join("annotation.conf"), "edited by hand").unwrap();
    export(t, &project, "brat", &out)
        .failure()
        .stderr(predicate::str::contains("changed after spanbench wrote it"));
    assert_eq!(
        std::fs::read_to_string(out.join("annotation.conf")).unwrap(),
        "edited by hand"
    );

    let file = t.join("one.jsonl");
    export(t, &project, "jsonl", &file).success();
    std::fs::write(&file, "my edits").unwrap();
    export(t, &project, "jsonl", &file)
        .failure()
        .stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "my edits");
}

#[test]
fn a_users_file_is_replaced_only_with_force_and_a_folder_never() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    let file = write(t, "data.csv", "mine");
    export(t, &project, "csv", &file)
        .failure()
        .stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
    spanbench(t)
        .arg("export")
        .arg(&project)
        .args(["--format", "csv", "--force", "--out"])
        .arg(&file)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&file).unwrap().contains("quote"));

    let folder = t.join("folder");
    write(t, "folder/keep.txt", "keep");
    spanbench(t)
        .arg("export")
        .arg(&project)
        .args(["--format", "brat", "--force", "--out"])
        .arg(&folder)
        .assert()
        .failure();
    assert_eq!(entries(&folder), vec!["keep.txt"]);
    // A single-file format never writes over a folder, whatever is in it.
    export(t, &project, "jsonl", &folder)
        .failure()
        .stderr(predicate::str::contains("is a folder"));
    assert_eq!(entries(&folder), vec!["keep.txt"]);
}

#[test]
fn nothing_inside_a_project_is_ever_written() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    // Opening makes the day's backup (spanbench's own, in backups/); after that, nothing.
    stats(t, &project);
    let before = entries(&project);
    assert_eq!(before, vec!["backups", "project.ron", "spanbench.db"]);
    let db = std::fs::read(project.join("spanbench.db")).unwrap();
    let ron = std::fs::read(project.join("project.ron")).unwrap();
    for (format, out) in [
        ("brat", project.clone()),
        ("jsonl", project.join("spanbench.db")),
        ("jsonl", project.join("project.ron")),
        ("csv", project.join("new.csv")),
        ("brat", project.join("sub/folder")),
    ] {
        spanbench(t)
            .arg("export")
            .arg(&project)
            .args(["--format", format, "--force", "--out"])
            .arg(&out)
            .assert()
            .failure()
            .stderr(predicate::str::contains("inside the project folder"));
    }
    assert_eq!(entries(&project), before);
    assert_eq!(std::fs::read(project.join("spanbench.db")).unwrap(), db);
    assert_eq!(std::fs::read(project.join("project.ron")).unwrap(), ron);
    spanbench(t).arg("check").arg(&project).assert().success();
}

#[test]
fn refused_exports_leave_no_partial_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    let work = t.join("work");
    std::fs::create_dir(&work).unwrap();
    let file = write(&work, "existing.ann", "T1\tquote 0 3\tabc");
    let before = entries(&work);
    export(t, &project, "brat", &file).failure();
    let folder = write(&work, "dir/x.txt", "x")
        .parent()
        .unwrap()
        .to_path_buf();
    export(t, &project, "jsonl", &folder).failure();
    let mut before_dot = before.clone();
    before_dot.push("dir".into());
    before_dot.sort();
    assert_eq!(entries(&work), before_dot);
    // `--out .` from inside a folder of one's own.
    spanbench(t)
        .current_dir(&work)
        .arg("export")
        .arg(&project)
        .args(["--format", "brat", "--out", "."])
        .assert()
        .failure();
    assert_eq!(entries(&work), before_dot);
}
