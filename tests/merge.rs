//! `spanbench merge`: colleagues' layers come in, documents matched by text; merging again
//! changes nothing; diverging edits stop the merge and change nothing.

mod common;

use std::path::Path;

use common::*;
use predicates::prelude::*;

/// The demo's layer `who`, as JSONL lines.
fn layer_lines(t: &Path, who: &str) -> Vec<String> {
    let demo = new_project(t, &format!("demo-{who}"));
    spanbench(t)
        .arg("import")
        .arg(&demo)
        .arg(write(t, "demo.jsonl", DEMO_JSONL))
        .assert()
        .success();
    let out = t.join(format!("{who}.jsonl"));
    spanbench(t)
        .arg("export")
        .arg(&demo)
        .args(["--format", "jsonl", "--layer", who, "--out"])
        .arg(&out)
        .assert()
        .success();
    std::fs::read_to_string(out)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn layers_come_in_documents_match_by_text_and_again_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let anna = layer_lines(t, "anna");
    let ben = layer_lines(t, "ben");
    // Anna has the first two documents, Ben the last two, and one of Ben's has another id.
    let mine = new_project(t, "mine");
    spanbench(t)
        .arg("import")
        .arg(&mine)
        .arg(write(t, "a.jsonl", anna[..2].join("\n")))
        .assert()
        .success();
    let theirs = new_project(t, "theirs");
    let renamed = ben[1].replacen("\"id\":\"data-sharing-deal\"", "\"id\":\"deal-copy\"", 1);
    assert_ne!(renamed, ben[1]);
    spanbench(t)
        .arg("import")
        .arg(&theirs)
        .arg(write(t, "b.jsonl", format!("{renamed}\n{}", ben[2])))
        .assert()
        .success();

    spanbench(t)
        .arg("merge")
        .arg(&mine)
        .arg(&theirs)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "1 new documents, 1 matched by text",
        ));
    let s = stats(t, &mine);
    assert_eq!(s["documents"], 3);
    let ben_total: u64 = s["per_annotator"]["ben"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    let expected: usize = ben[1..]
        .iter()
        .map(|l| parse_jsonl(l)[0]["annotations"].as_array().unwrap().len())
        .sum();
    assert_eq!(
        ben_total as usize, expected,
        "every one of Ben's annotations came in"
    );
    spanbench(t).arg("check").arg(&mine).assert().success();
    let before = export_all(t, &mine);
    spanbench(t)
        .arg("merge")
        .arg(&mine)
        .arg(&theirs)
        .assert()
        .success()
        .stderr(predicate::str::contains("0 annotations added"));
    assert_eq!(
        export_all(t, &mine),
        before,
        "merging again changes nothing"
    );
    // The agreement report now has both layers on the shared document.
    let r = agree_json(t, &mine, &[]);
    assert_eq!(r["documents"], 1);
}

#[test]
fn diverging_edits_of_the_same_annotator_stop_the_merge() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let anna = layer_lines(t, "anna");
    let mine = new_project(t, "mine");
    spanbench(t)
        .arg("import")
        .arg(&mine)
        .arg(write(t, "a.jsonl", &anna[0]))
        .assert()
        .success();
    // The same annotator, elsewhere, wrote a note on a1.
    let theirs = new_project(t, "theirs");
    let changed = anna[0].replacen("\"note\":\"\"", "\"note\":\"anders gesehen\"", 1);
    assert_ne!(changed, anna[0]);
    spanbench(t)
        .arg("import")
        .arg(&theirs)
        .arg(write(t, "c.jsonl", changed))
        .assert()
        .success();
    let before = export_all(t, &mine);
    spanbench(t)
        .arg("merge")
        .arg(&mine)
        .arg(&theirs)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "annotation 'a1' of anna already exists with different content",
        ))
        .stderr(predicate::str::contains("nothing was merged"));
    assert_eq!(export_all(t, &mine), before);
    spanbench(t)
        .arg("merge")
        .arg(&mine)
        .arg(t.join("nowhere"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("is not a spanbench project"));
}
