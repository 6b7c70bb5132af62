//! Review and adjudication on a real project: disagreements are found and classified, one
//! annotator's version goes into gold with its speaker and link in one undoable step, reject
//! takes it out again, and what gold holds is recognised.

mod common;

use common::*;
use spanbench::adjudication::{GoldState, accept_version, gold_state, reject_all};
use spanbench::model::DocumentRecord;
use spanbench::review::{Comparison, Kind, compare};
use spanbench::store::LayerFilter;
use spanbench::workspace::Workspace;

const TEXT: &str = "„Wir bleiben“, sagte Ministerin Lea Brandt am Montag. Der Verband hält das für falsch 🙃, erklärte Sprecher Tim Ohm.";

/// Code point range of `needle` in TEXT.
fn span(needle: &str) -> [usize; 2] {
    let byte = TEXT.find(needle).expect("needle in text");
    let start = TEXT[..byte].chars().count();
    [start, start + needle.chars().count()]
}

fn ann(who: &str, id: &str, label: &str, needle: &str) -> serde_json::Value {
    serde_json::json!({"id": id, "annotator": who, "label": label,
        "fragments": [span(needle)], "text": needle})
}

fn rel(who: &str, id: &str, kind: &str, from: &str, to: &str) -> serde_json::Value {
    serde_json::json!({"id": id, "annotator": who, "type": kind, "from": from, "to": to})
}

/// Anna and Ben agree on the quote; Anna attributes it to "Ministerin Lea Brandt", Ben to
/// "Lea Brandt" (boundary of the speaker); Ben alone marks the claim.
fn project(tmp: &std::path::Path) -> std::path::PathBuf {
    project_with(
        tmp,
        serde_json::json!([
            ann("anna", "a1", "quote", "Wir bleiben"),
            ann("anna", "a2", "speaker", "Ministerin Lea Brandt"),
            ann("ben", "b1", "quote", "Wir bleiben"),
            ann("ben", "b2", "speaker", "Lea Brandt"),
            ann("ben", "b3", "claim", "Der Verband hält das für falsch 🙃"),
            ann("ben", "b4", "speaker", "Sprecher Tim Ohm"),
        ]),
        serde_json::json!([
            rel("anna", "r1", "attribution", "a1", "a2"),
            rel("ben", "r1", "attribution", "b1", "b2"),
            rel("ben", "r2", "attribution", "b3", "b4"),
        ]),
    )
}

/// A project "p" in `tmp` with document d1 (TEXT) holding these annotations and relations.
fn project_with(
    tmp: &std::path::Path,
    annotations: serde_json::Value,
    relations: serde_json::Value,
) -> std::path::PathBuf {
    let project = new_project(tmp, "p");
    let line = serde_json::json!({"id": "d1", "title": "Test", "text": TEXT,
        "annotations": annotations, "relations": relations});
    import(tmp, &project, &write(tmp, "d.jsonl", format!("{line}\n")));
    project
}

fn record(ws: &Workspace) -> DocumentRecord {
    ws.store.record("d1", &LayerFilter::All).expect("record")
}

/// The disagreements rejected in document d1.
fn rejected(ws: &Workspace) -> std::collections::BTreeSet<String> {
    ws.store.rejections("d1").expect("rejections")
}

fn comparison(ws: &Workspace) -> Comparison {
    compare(&record(ws), &["anna".into(), "ben".into()])
}

/// Gold's annotations (label, text) and links (type, from text, to text).
type GoldLayer = (Vec<(String, String)>, Vec<(String, String, String)>);

fn gold(ws: &Workspace) -> GoldLayer {
    let r = record(ws);
    let text = |id: &str| {
        r.annotations
            .iter()
            .find(|a| a.annotator == "gold" && a.id == id)
            .map(|a| a.text.clone())
            .unwrap_or_default()
    };
    let anns = r
        .annotations
        .iter()
        .filter(|a| a.annotator == "gold")
        .map(|a| (a.label.clone(), a.text.clone()))
        .collect();
    let rels = r
        .relations
        .iter()
        .filter(|x| x.annotator == "gold")
        .map(|x| (x.kind.clone(), text(&x.from), text(&x.to)))
        .collect();
    (anns, rels)
}

#[test]
fn disagreements_are_classified() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = Workspace::open(&project(tmp.path())).unwrap();
    let c = comparison(&ws);
    let kinds: Vec<String> = c.disagreements.iter().map(|d| d.kind.name()).collect();
    assert_eq!(
        kinds,
        ["boundary", "extra", "extra"].map(String::from),
        "the speaker's boundary; Ben's claim and its speaker, which Anna (the reference) lacks"
    );
    // With Ben as the reference, Anna misses them.
    let c = compare(&record(&ws), &["ben".into(), "anna".into()]);
    let kinds: Vec<String> = c.disagreements.iter().map(|d| d.kind.name()).collect();
    assert_eq!(kinds, ["boundary", "missing", "missing"].map(String::from));
    let c = comparison(&ws);
    assert_eq!(
        c.agreed, 1,
        "the quote: same span, links to matched speakers"
    );
    assert_eq!(c.disagreements[1].kind, Kind::Extra);
}

#[test]
fn accepting_a_version_brings_its_speaker_and_link_in_one_undoable_step() {
    let tmp = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(&project(tmp.path())).unwrap();
    let c = comparison(&ws);
    let claim = c
        .disagreements
        .iter()
        .find(|d| d.labels() == ["claim"])
        .expect("the claim only Ben marked")
        .clone();
    assert_eq!(
        gold_state(&record(&ws), &claim, &rejected(&ws)),
        GoldState::Nothing
    );

    let edit =
        accept_version(&record(&ws), &claim, "ben", &rejected(&ws)).expect("something to add");
    ws.apply(edit).unwrap();
    let (anns, rels) = gold(&ws);
    assert_eq!(
        anns,
        [
            ("claim".into(), "Der Verband hält das für falsch 🙃".into()),
            ("speaker".into(), "Sprecher Tim Ohm".into())
        ]
    );
    assert_eq!(
        rels,
        [(
            "attribution".into(),
            "Der Verband hält das für falsch 🙃".into(),
            "Sprecher Tim Ohm".into()
        )]
    );
    assert_eq!(
        gold_state(&record(&ws), &claim, &rejected(&ws)),
        GoldState::Version("ben".into())
    );
    assert!(
        accept_version(&record(&ws), &claim, "ben", &rejected(&ws)).is_none(),
        "accepting the same version again changes nothing"
    );

    ws.undo().unwrap();
    assert_eq!(gold(&ws), (vec![], vec![]), "one undo takes all three back");
    ws.redo().unwrap();
    assert_eq!(gold(&ws).0.len(), 2);

    // Accepting Anna's version (she has nothing there) takes the claim out again: a rejection,
    // remembered in the project.
    let edit =
        accept_version(&record(&ws), &claim, "anna", &rejected(&ws)).expect("something to remove");
    ws.apply(edit).unwrap();
    let (anns, _) = gold(&ws);
    assert_eq!(anns, [("speaker".into(), "Sprecher Tim Ohm".into())]);
    assert_eq!(
        gold_state(&record(&ws), &claim, &rejected(&ws)),
        GoldState::Rejected
    );
    assert!(
        reject_all(&record(&ws), &claim, &rejected(&ws)).is_none(),
        "rejecting again changes nothing"
    );
    // It survives reopening the project; undo withdraws it; accepting Ben's withdraws it too.
    let dir = ws.dir.clone();
    drop(ws);
    let mut ws = Workspace::open(&dir).unwrap();
    assert_eq!(rejected(&ws).len(), 1);
    ws.apply(accept_version(&record(&ws), &claim, "ben", &rejected(&ws)).unwrap())
        .unwrap();
    assert!(rejected(&ws).is_empty());
    assert_eq!(
        gold_state(&record(&ws), &claim, &rejected(&ws)),
        GoldState::Version("ben".into())
    );
    ws.undo().unwrap();
    assert_eq!(
        gold_state(&record(&ws), &claim, &rejected(&ws)),
        GoldState::Rejected,
        "undo brings the rejection back"
    );
}

#[test]
fn choosing_the_other_boundary_replaces_gold_and_keeps_the_link() {
    let tmp = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(&project(tmp.path())).unwrap();
    let c = comparison(&ws);
    let speaker = c.disagreements[0].clone();
    assert_eq!(speaker.kind, Kind::Boundary);
    // The agreed quote goes in first (as "accept everything agreed" would put it).
    let agreed =
        spanbench::adjudication::accept_agreed(&record(&ws), &["anna".into(), "ben".into()])
            .expect("the agreed quote");
    ws.apply(agreed).unwrap();

    ws.apply(accept_version(&record(&ws), &speaker, "anna", &rejected(&ws)).unwrap())
        .unwrap();
    let (anns, rels) = gold(&ws);
    assert!(anns.contains(&("speaker".into(), "Ministerin Lea Brandt".into())));
    assert_eq!(
        rels,
        [(
            "attribution".into(),
            "Wir bleiben".into(),
            "Ministerin Lea Brandt".into()
        )],
        "the quote gold already had is linked to the accepted speaker"
    );
    assert_eq!(
        gold_state(&record(&ws), &speaker, &rejected(&ws)),
        GoldState::Version("anna".into())
    );

    ws.apply(accept_version(&record(&ws), &speaker, "ben", &rejected(&ws)).unwrap())
        .unwrap();
    let (anns, rels) = gold(&ws);
    assert_eq!(
        anns.iter().filter(|(l, _)| l == "speaker").count(),
        1,
        "Ben's speaker replaces Anna's"
    );
    assert_eq!(
        rels,
        [(
            "attribution".into(),
            "Wir bleiben".into(),
            "Lea Brandt".into()
        )]
    );
    assert_eq!(
        gold_state(&record(&ws), &speaker, &rejected(&ws)),
        GoldState::Version("ben".into())
    );

    ws.apply(reject_all(&record(&ws), &speaker, &rejected(&ws)).unwrap())
        .unwrap();
    let (anns, rels) = gold(&ws);
    assert_eq!(anns, [("quote".into(), "Wir bleiben".into())]);
    assert!(rels.is_empty());
    assert!(reject_all(&record(&ws), &speaker, &rejected(&ws)).is_none());
    ws.undo().unwrap();
    assert_eq!(
        gold(&ws).1.len(),
        1,
        "undo brings the speaker and its link back"
    );
    spanbench(tmp.path())
        .arg("check")
        .arg(tmp.path().join("p"))
        .assert()
        .success();
}

#[test]
fn a_link_disagreement_is_settled_by_taking_one_annotators_links() {
    let tmp = tempfile::tempdir().unwrap();
    // Both mark the quote and both speakers; Anna attributes the quote to Brandt, Ben to Ohm.
    let project = project_with(
        tmp.path(),
        serde_json::json!([
            ann("anna", "a1", "quote", "Wir bleiben"),
            ann("anna", "a2", "speaker", "Lea Brandt"),
            ann("anna", "a3", "speaker", "Tim Ohm"),
            ann("ben", "b1", "quote", "Wir bleiben"),
            ann("ben", "b2", "speaker", "Lea Brandt"),
            ann("ben", "b3", "speaker", "Tim Ohm"),
        ]),
        serde_json::json!([
            rel("anna", "r1", "attribution", "a1", "a2"),
            rel("ben", "r1", "attribution", "b1", "b3"),
        ]),
    );
    let mut ws = Workspace::open(&project).unwrap();
    let c = comparison(&ws);
    assert_eq!(c.disagreements.len(), 1);
    let link = c.disagreements[0].clone();
    assert_eq!(link.kind.name(), "attribution link");
    ws.apply(accept_version(&record(&ws), &link, "anna", &rejected(&ws)).unwrap())
        .unwrap();
    assert_eq!(
        gold(&ws).1,
        [(
            "attribution".into(),
            "Wir bleiben".into(),
            "Lea Brandt".into()
        )]
    );
    ws.apply(accept_version(&record(&ws), &link, "ben", &rejected(&ws)).unwrap())
        .unwrap();
    assert_eq!(
        gold(&ws).1,
        [("attribution".into(), "Wir bleiben".into(), "Tim Ohm".into())],
        "Ben's link replaces Anna's"
    );
    assert_eq!(
        gold_state(&record(&ws), &link, &rejected(&ws)),
        GoldState::Version("ben".into())
    );
    ws.apply(reject_all(&record(&ws), &link, &rejected(&ws)).unwrap())
        .unwrap();
    assert!(
        gold(&ws).1.is_empty(),
        "reject removes the link, keeps the quote"
    );
    assert_eq!(gold(&ws).0.len(), 3);
}

#[test]
fn the_command_line_lists_the_disagreements() {
    let tmp = tempfile::tempdir().unwrap();
    let project = project(tmp.path());
    let out = spanbench(tmp.path())
        .arg("disagreements")
        .arg(&project)
        .args(["--annotators", "ben,anna", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(report["annotators"], serde_json::json!(["ben", "anna"]));
    let doc = &report["documents"][0];
    assert_eq!(doc["id"], "d1");
    assert_eq!(doc["agreed"], 1);
    let kinds: Vec<&str> = doc["disagreements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["boundary", "missing", "missing"]);
    let boundary = &doc["disagreements"][0];
    assert_eq!(boundary["versions"][0]["text"], "Lea Brandt");
    assert_eq!(boundary["versions"][1]["text"], "Ministerin Lea Brandt");
    assert_eq!(
        doc["disagreements"][1]["versions"][1]["label"],
        serde_json::Value::Null
    );

    // Text for people, and a clear error for a document that is not there.
    spanbench(tmp.path())
        .arg("disagreements")
        .arg(&project)
        .assert()
        .success()
        .stdout(predicates::str::contains("d1: 1 agreed, 3 disagreements"))
        .stdout(predicates::str::contains(
            "boundary          anna: speaker «Ministerin Lea Brandt» | ben: speaker «Lea Brandt»",
        ));
    spanbench(tmp.path())
        .arg("disagreements")
        .arg(&project)
        .args(["--doc", "nope"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("there is no document 'nope'"));
}

#[test]
fn accepting_the_outer_span_keeps_an_agreed_span_nested_in_it() {
    // Both marked the claim inside the quote; they differ on the outer span's label.
    let tmp = tempfile::tempdir().unwrap();
    let project = project_with(
        tmp.path(),
        serde_json::json!([
            ann("anna", "a1", "quote", "„Wir bleiben“"),
            ann("anna", "a2", "claim", "Wir bleiben"),
            ann("ben", "b1", "claim", "„Wir bleiben“"),
            ann("ben", "b2", "claim", "Wir bleiben"),
        ]),
        serde_json::json!([]),
    );
    let mut ws = Workspace::open(&project).unwrap();
    let pair = ["anna".to_string(), "ben".to_string()];
    ws.apply(spanbench::adjudication::accept_agreed(&record(&ws), &pair).unwrap())
        .unwrap();
    let c = comparison(&ws);
    assert_eq!(c.disagreements.len(), 1);
    let outer = c.disagreements[0].clone();
    assert_eq!(outer.kind, Kind::Label);
    assert_eq!(
        gold_state(&record(&ws), &outer, &rejected(&ws)),
        GoldState::Nothing
    );

    ws.apply(accept_version(&record(&ws), &outer, "anna", &rejected(&ws)).unwrap())
        .unwrap();
    let (mut anns, _) = gold(&ws);
    anns.sort();
    assert_eq!(
        anns,
        [
            ("claim".to_string(), "Wir bleiben".to_string()),
            ("quote".to_string(), "„Wir bleiben“".to_string())
        ],
        "the agreed nested claim stays"
    );
    assert_eq!(
        gold_state(&record(&ws), &outer, &rejected(&ws)),
        GoldState::Version("anna".into())
    );
    // Ben's version replaces the quote with his claim; the nested claim still stays.
    ws.apply(accept_version(&record(&ws), &outer, "ben", &rejected(&ws)).unwrap())
        .unwrap();
    let (mut anns, _) = gold(&ws);
    anns.sort();
    assert_eq!(
        anns,
        [
            ("claim".to_string(), "Wir bleiben".to_string()),
            ("claim".to_string(), "„Wir bleiben“".to_string())
        ]
    );
    assert_eq!(
        gold_state(&record(&ws), &outer, &rejected(&ws)),
        GoldState::Version("ben".into())
    );
    ws.apply(reject_all(&record(&ws), &outer, &rejected(&ws)).unwrap())
        .unwrap();
    assert_eq!(
        gold(&ws).0,
        [("claim".to_string(), "Wir bleiben".to_string())],
        "reject takes out only the outer span"
    );
}
