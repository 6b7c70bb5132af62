//! Issue "suggestions", item 5: annotations accepted from suggestions are counted by `stats`,
//! the data card and the agreement report, `agree --exclude-accepted` leaves them out, and the
//! mark travels through the native JSONL.

mod common;

use common::{agree_json, export_all, import, new_project, parse_jsonl, spanbench, stats, write};
use serde_json::json;

/// One document; anna took [0,10) from a suggestion and drew [20,30) by hand; ben drew [0,10)
/// and [40,50) by hand.
fn project(tmp: &std::path::Path) -> std::path::PathBuf {
    let text = "Aaaaaaaaaa Bbbbbbbbb Cccccccccc Ddddddddd Eeeeeeeeee Fffff";
    let ann = |id: &str, who: &str, s: usize, e: usize, origin: Option<&str>| {
        let mut a = json!({"id": id, "annotator": who, "label": "quote", "fragments": [[s, e]],
            "text": text.chars().skip(s).take(e - s).collect::<String>()});
        if let Some(o) = origin {
            a["origin"] = json!(o);
        }
        a
    };
    let line = json!({"id": "d", "text": text, "annotations": [
        ann("a1", "anna", 0, 10, Some("suggestion")),
        ann("a2", "anna", 20, 30, None),
        ann("b1", "ben", 0, 10, None),
        ann("b2", "ben", 40, 50, None),
    ]});
    let project = new_project(tmp, "p");
    import(tmp, &project, &write(tmp, "in.jsonl", format!("{line}\n")));
    project
}

#[test]
fn agreement_counts_accepted_suggestions_and_can_leave_them_out() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path());
    let all = agree_json(tmp.path(), &p, &["--annotators", "anna,ben"]);
    // By hand: one of two matches on each side, F1 = 2·1/(2+2) = 0.5.
    assert_eq!(all["pairs"][0]["f1_exact"]["micro"], json!(0.5));
    assert_eq!(all["from_suggestions"], json!({"anna": 1, "ben": 0}));
    assert_eq!(all["excluded_accepted"], json!(false));
    let without = agree_json(
        tmp.path(),
        &p,
        &["--annotators", "anna,ben", "--exclude-accepted"],
    );
    // anna keeps [20,30) only: no match, F1 = 0.
    assert_eq!(without["pairs"][0]["f1_exact"]["micro"], json!(0.0));
    assert_eq!(without["from_suggestions"], json!({"anna": 1, "ben": 0}));
    assert_eq!(without["excluded_accepted"], json!(true));
    let text = spanbench(tmp.path())
        .arg("agree")
        .arg(&p)
        .args(["--annotators", "anna,ben", "--exclude-accepted"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("accepted from suggestions: anna 1, ben 0 — left out of these figures"),
        "{text}"
    );
}

#[test]
fn stats_and_the_data_card_say_how_many_came_from_suggestions() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path());
    let s = stats(tmp.path(), &p);
    assert_eq!(s["from_suggestions"], json!({"anna": {"suggestion": 1}}));
    let out = spanbench(tmp.path()).arg("stats").arg(&p).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("anna: 1 of 2 annotations accepted from suggestions (1 unchanged, 0 edited)"),
        "{text}"
    );
    let folder = tmp.path().join("out.csv");
    spanbench(tmp.path())
        .arg("export")
        .arg(&p)
        .args(["--format", "csv", "--layer", "all", "--out"])
        .arg(&folder)
        .assert()
        .success();
    let card = std::fs::read_to_string(tmp.path().join("out.csv.README.md")).unwrap();
    assert!(
        card.contains("Accepted from machine suggestions") && card.contains("anna 1, ben 0"),
        "{card}"
    );
}

#[test]
fn the_origin_travels_through_the_native_jsonl() {
    let tmp = tempfile::tempdir().unwrap();
    let p = project(tmp.path());
    let first = export_all(tmp.path(), &p);
    let records = parse_jsonl(&first);
    let origins: Vec<Option<&str>> = records[0]["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["origin"].as_str())
        .collect();
    assert_eq!(
        origins.iter().filter(|o| **o == Some("suggestion")).count(),
        1
    );
    assert_eq!(origins.iter().filter(|o| o.is_none()).count(), 3);
    // Into another project and out again: the same records.
    let q = tmp.path().join("q");
    spanbench(tmp.path()).arg("new").arg(&q).assert().success();
    import(tmp.path(), &q, &write(tmp.path(), "again.jsonl", &first));
    assert_eq!(parse_jsonl(&export_all(tmp.path(), &q)), records);
    // An origin spanbench does not know is refused, naming it.
    let bad = first.replace("\"origin\":\"suggestion\"", "\"origin\":\"robot\"");
    let out = spanbench(tmp.path())
        .arg("import")
        .arg(&q)
        .arg(write(tmp.path(), "bad.jsonl", bad))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("robot"));
}
