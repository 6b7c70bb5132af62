//! A `kill -9` in the middle of an import leaves the project exactly as before.

mod common;

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use common::*;
use serde_json::json;

#[test]
fn sigkill_halfway_through_an_import_loses_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    let before = export_all(t, &project);

    // Enough documents that writing takes a while.
    let mut big = String::new();
    for i in 0..6000 {
        let text = format!(
            "Artikel {i}: „Wir prüfen das“, sagte die Sprecherin {i}. 😀 {}",
            "Lorem ipsum dolor sit amet. ".repeat(40)
        );
        let quote = "„Wir prüfen das“";
        let start = text[..text.find(quote).unwrap()].chars().count();
        let rec = json!({"id": format!("doc-{i}"), "text": text, "annotations": [
            {"id": "a1", "annotator": "anna", "label": "quote", "start": start, "end": start + quote.chars().count(), "text": quote}]});
        big.push_str(&rec.to_string());
        big.push('\n');
    }
    let file = write(t, "big.jsonl", big);

    let bin = assert_cmd::cargo::cargo_bin("spanbench");
    let mut child = std::process::Command::new(bin)
        .env("SPANBENCH_DATA_DIR", t.join("data"))
        .arg("import")
        .arg(&project)
        .arg(&file)
        .arg("--progress")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut saw_writing = false;
    for line in BufReader::new(stderr).lines() {
        let line = line.unwrap();
        if line.starts_with("progress: writing") {
            saw_writing = true;
            child.kill().unwrap(); // SIGKILL on Unix
            break;
        }
    }
    let status = child.wait().unwrap();
    assert!(saw_writing, "the import reported writing progress");
    assert!(
        !status.success(),
        "the import was killed before it finished"
    );

    assert_eq!(export_all(t, &project), before);
    spanbench(t).arg("check").arg(&project).assert().success();
}

/// Kills imports at random moments, again and again: after each kill the project holds either
/// nothing of that import or all of it, and `check` passes. `SPANBENCH_KILLS` sets how many
/// (`tests/soak.sh` runs more).
#[test]
fn repeated_kills_at_random_moments_leave_all_or_nothing() {
    let kills: u64 = std::env::var("SPANBENCH_KILLS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = new_project(t, "p");
    let bin = assert_cmd::cargo::cargo_bin("spanbench");
    let mut documents = 0u64;
    let (mut none, mut all) = (0, 0);
    // How long a whole import takes here (measured in round 0, which is not killed), so the
    // kills fall at moments spread over the import, in debug and release builds alike.
    let mut whole = std::time::Duration::from_millis(300);
    for round in 0..=kills {
        let lines: String = (0..3000)
            .map(|i| {
                let prefix = format!("Runde {round}, Artikel {i}: ");
                let start = prefix.chars().count();
                let text = format!("{prefix}„Ja“, sagte sie. {}", "Text. ".repeat(30));
                json!({"id": format!("r{round}-{i}"), "text": text, "annotations": [
                    {"annotator": "anna", "label": "quote", "start": start, "end": start + 4, "text": "„Ja“"}]})
                .to_string()
                    + "\n"
            })
            .collect();
        let file = write(t, &format!("round-{round}.jsonl"), lines);
        let mut child = std::process::Command::new(&bin)
            .env("SPANBENCH_DATA_DIR", t.join("data"))
            .arg("import")
            .arg(&project)
            .arg(&file)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        if round == 0 {
            let started = std::time::Instant::now();
            assert!(child.wait().unwrap().success(), "the timing import worked");
            whole = started.elapsed();
            documents = 3000;
            continue;
        }
        // A different moment each round, spread from right away to the end of the import.
        let share = (round * 7919 + 13) % 100;
        std::thread::sleep(whole * share as u32 / 100);
        child.kill().ok();
        child.wait().unwrap();
        let now = stats(t, &project)["documents"].as_u64().unwrap();
        if now == documents {
            none += 1;
        } else {
            assert_eq!(now, documents + 3000, "round {round}: all or nothing");
            all += 1;
        }
        documents = now;
        spanbench(t).arg("check").arg(&project).assert().success();
    }
    eprintln!(
        "{kills} kills spread over an import of {} ms: {none} left nothing, {all} had finished",
        whole.as_millis()
    );
}
