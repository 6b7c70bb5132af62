//! Imports that cannot hang or eat the machine: link loops, named pipes, devices, huge sparse
//! files and oversized documents inside JSONL are refused quickly, and nothing is imported.

mod common;

use std::os::unix::fs::symlink;
use std::time::{Duration, Instant};

use common::*;
use predicates::prelude::*;
use serde_json::json;

/// Runs `spanbench import PROJECT PATH` with a time limit: these inputs used to hang.
fn import_quickly(
    t: &std::path::Path,
    project: &std::path::Path,
    path: &std::path::Path,
) -> assert_cmd::assert::Assert {
    let started = Instant::now();
    let assert = spanbench(t)
        .timeout(Duration::from_secs(60))
        .arg("import")
        .arg(project)
        .arg(path)
        .assert();
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "the import finished"
    );
    assert
}

#[test]
fn links_back_to_a_folder_are_followed_once() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = new_project(t, "p");
    let folder = t.join("articles");
    write(&folder, "eins.txt", "Ein erster Artikel.");
    write(&folder, "sub/zwei.txt", "Ein zweiter Artikel.");
    symlink(".", folder.join("l1")).unwrap();
    symlink(".", folder.join("l2")).unwrap();
    symlink("..", folder.join("sub/up")).unwrap();
    symlink("nowhere", folder.join("dangling.txt")).unwrap();
    import_quickly(t, &project, &folder)
        .success()
        .stderr(predicate::str::contains("2 new documents"));
    assert_eq!(stats(t, &project)["documents"], 2);
}

#[test]
fn a_named_pipe_and_a_device_are_not_read() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = new_project(t, "p");
    let folder = t.join("articles");
    write(&folder, "eins.txt", "Ein erster Artikel.");
    let fifo = folder.join("pipe.txt");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    symlink("/dev/zero", folder.join("zero.txt")).unwrap();
    // In a folder: left out, with a note.
    import_quickly(t, &project, &folder)
        .success()
        .stderr(predicate::str::contains("pipe.txt"));
    assert_eq!(stats(t, &project)["documents"], 1);
    // Named: refused.
    for path in [fifo, folder.join("zero.txt")] {
        import_quickly(t, &project, &path)
            .failure()
            .stderr(predicate::str::contains("not a regular file"));
    }
}

#[test]
fn a_huge_sparse_file_is_refused_before_it_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = new_project(t, "p");
    let big = t.join("big.txt");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(2 * 1024 * 1024 * 1024).unwrap();
    let started = Instant::now();
    import_quickly(t, &project, &big)
        .failure()
        .stderr(predicate::str::contains("more than this project's limit"));
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(stats(t, &project)["documents"], 0);
}

#[test]
fn the_limit_holds_for_a_document_inside_jsonl() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = new_project(t, "p");
    let small = json!({"id": "klein", "text": "Ein kurzer Text."});
    let huge = json!({"id": "gross", "text": "Wort ".repeat(2_200_000)});
    let file = write(t, "docs.jsonl", format!("{small}\n{huge}\n"));
    import_quickly(t, &project, &file)
        .failure()
        .stderr(predicate::str::contains("docs.jsonl:2"))
        .stderr(predicate::str::contains("'gross'"))
        .stderr(predicate::str::contains("max_import_bytes"));
    assert_eq!(stats(t, &project)["documents"], 0, "nothing imported");
}
