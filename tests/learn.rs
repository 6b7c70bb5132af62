//! Issue "suggestions", item 3: the suggester learns from the documents a layer marked done —
//! `suggest --learn-from` on the command line, in the background in the window — and the
//! model is kept in the project.

mod common;

use common::*;
use serde_json::json;

/// Twelve small invented articles, each with an indirect quote after a reporting verb and a
/// direct quote, annotated by anna and marked done.
fn done_articles() -> String {
    let people = [
        "Krause",
        "Meier",
        "Schulz",
        "Wagner",
        "Becker",
        "Hoffmann",
        "Richter",
        "Klein",
        "Wolf",
        "Neumann",
        "Braun",
        "Zimmermann",
    ];
    let mut out = String::new();
    for (i, who) in people.iter().enumerate() {
        let indirect = format!("die Steuern im Jahr {} steigen würden", 2020 + i);
        let direct = format!("„Wir bleiben bei Plan {}“", i + 1);
        let text = format!(
            "Bericht {i}\n\n{who} sagte am Montag, {indirect}. Danach ging es weiter.\n\n{direct}, sagte {who}.\n"
        );
        let span = |s: &str| {
            let start = text[..text.find(s).unwrap()].chars().count();
            json!([[start, start + s.chars().count()]])
        };
        let line = json!({"id": format!("d{i}"), "text": text, "status": {"anna": "done"},
            "annotations": [
                {"id": "s", "annotator": "anna", "label": "speaker", "fragments": span(who), "text": who},
                {"id": "q1", "annotator": "anna", "label": "quote", "fragments": span(&indirect),
                 "text": indirect, "attributes": {"form": "indirect"}},
                {"id": "q2", "annotator": "anna", "label": "quote", "fragments": span(&direct),
                 "text": direct, "attributes": {"form": "direct"}}]});
        out.push_str(&format!("{line}\n"));
    }
    out
}

fn project(t: &std::path::Path) -> std::path::PathBuf {
    let p = new_project(t, "p");
    import(t, &p, &write(t, "done.jsonl", done_articles()));
    let text = "Neu\n\nLehmann sagte am Dienstag, die Steuern im Jahr 2040 steigen würden. Danach ging es weiter.\n";
    let fresh = json!({"id": "new", "text": text});
    import(t, &p, &write(t, "new.jsonl", format!("{fresh}\n")));
    p
}

#[test]
fn learn_from_trains_on_done_documents_stores_the_model_and_suggests_with_it() {
    let t = tempfile::tempdir().unwrap();
    let p = project(t.path());
    let out = spanbench(t.path())
        .arg("suggest")
        .arg(&p)
        .args(["--learn-from", "anna", "--doc", "new"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("learned from 12 documents (36 annotations) of anna"),
        "{err}"
    );
    let ws = spanbench::workspace::Workspace::open(&p).unwrap();
    let stored = ws
        .store
        .model()
        .unwrap()
        .expect("the model is kept in the project");
    assert_eq!(
        (stored.documents, stored.layers.clone()),
        (12, vec!["anna".to_string()])
    );
    drop(ws);
    // The rules alone take the full stop into the quote (`… steigen würden.`); the model
    // learned where anna ends one.
    let record = parse_jsonl(&export_all(t.path(), &p))
        .into_iter()
        .find(|r| r["id"] == "new")
        .unwrap();
    let quotes: Vec<(&str, &str)> = record["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["annotator"] == "suggested" && a["label"] == "quote")
        .map(|a| {
            (
                a["text"].as_str().unwrap(),
                a["attributes"]["form"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        quotes.contains(&("die Steuern im Jahr 2040 steigen würden", "indirect")),
        "{quotes:?}"
    );
    // A later run uses the stored model and says so.
    let again = spanbench(t.path()).arg("suggest").arg(&p).output().unwrap();
    assert!(
        String::from_utf8_lossy(&again.stderr)
            .contains("using the model learned from 12 documents of anna"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
}

#[test]
fn learn_from_refuses_unknown_layers_and_layers_with_nothing_done() {
    let t = tempfile::tempdir().unwrap();
    let p = project(t.path());
    let none = spanbench(t.path())
        .arg("suggest")
        .arg(&p)
        .args(["--learn-from", "nobody"])
        .output()
        .unwrap();
    assert!(!none.status.success());
    assert!(String::from_utf8_lossy(&none.stderr).contains("no layer 'nobody'"));
    // The suggested layer has no done document.
    spanbench(t.path())
        .arg("suggest")
        .arg(&p)
        .assert()
        .success();
    let undone = spanbench(t.path())
        .arg("suggest")
        .arg(&p)
        .args(["--learn-from", "suggested"])
        .output()
        .unwrap();
    assert!(!undone.status.success());
    assert!(
        String::from_utf8_lossy(&undone.stderr).contains("no document marked done"),
        "{}",
        String::from_utf8_lossy(&undone.stderr)
    );
}

/// Runs the window until its background learning has given it a model (a minute at most).
fn wait_for_learning(h: &mut egui_kittest::Harness<'_, spanbench::ui::SpanbenchApp>) {
    let started = std::time::Instant::now();
    while h.state().learner.model.is_none() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "no model learned: {}",
            h.state().status
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.run();
    }
}

#[test]
fn the_window_learns_in_the_background_and_then_offers_what_it_learned() {
    let t = tempfile::tempdir().unwrap();
    let p = project(t.path());
    let ws = spanbench::workspace::Workspace::open(&p).unwrap();
    let mut h = common::ui::harness(ws, "carl");
    wait_for_learning(&mut h);
    assert!(
        h.state().status.contains("learned from 12 done documents"),
        "{}",
        h.state().status
    );
    h.state_mut()
        .apply(spanbench::ui::command::Command::OpenDocument("new".into()));
    h.run();
    let offered = common::ui::offered_texts(&h);
    assert!(
        offered.contains(&"die Steuern im Jahr 2040 steigen würden".to_string()),
        "{offered:?}"
    );
}

/// A project whose stored model was learned by an earlier spanbench (other features): the
/// model is not used, `suggest` still suggests with the rules and says how to learn again, and
/// the window learns anew in the background.
#[test]
fn a_model_from_an_earlier_version_gives_way_to_the_rules_and_is_learned_again() {
    let t = tempfile::tempdir().unwrap();
    let p = project(t.path());
    let ws = spanbench::workspace::Workspace::open(&p).unwrap();
    let old = spanbench::store::StoredModel {
        trained_at: "2026-01-01T00:00:00Z".into(),
        layers: vec!["anna".into()],
        documents: 12,
        annotations: 36,
        model: b"spanbench-crf-0\nwhatever an earlier version wrote".to_vec(),
    };
    ws.store.save_model(&old).unwrap();
    drop(ws);
    let out = spanbench(t.path())
        .arg("suggest")
        .arg(&p)
        .args(["--doc", "new"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("earlier version") && err.contains("--learn-from anna"),
        "{err}"
    );
    let record = parse_jsonl(&export_all(t.path(), &p))
        .into_iter()
        .find(|r| r["id"] == "new")
        .unwrap();
    assert!(
        record["annotations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["annotator"] == "suggested" && a["label"] == "quote"),
        "the rules still suggest: {record}"
    );
    // The window says so on opening, and learns again from the layers the old model named.
    let ws = spanbench::workspace::Workspace::open(&p).unwrap();
    // Its first frame names the earlier version, whether learning has ended by then or not.
    let mut h = common::ui::first_frame(ws, "carl");
    {
        use egui_kittest::kittest::Queryable;
        h.get_by_label_contains("by an earlier version of spanbench");
    }
    wait_for_learning(&mut h);
    h.run();
    {
        use egui_kittest::kittest::Queryable;
        h.get_by_label_contains("The model learned by an earlier version of spanbench is replaced");
    }
    let ws = spanbench::workspace::Workspace::open(&p).unwrap();
    let stored = ws.store.model().unwrap().unwrap();
    assert_eq!(stored.layers, vec!["anna".to_string()]);
    assert_ne!(stored.model, old.model);
}

#[test]
fn evaluate_says_when_the_model_learned_from_the_documents_it_is_measured_on() {
    let t = tempfile::tempdir().unwrap();
    let p = project(t.path());
    let measure = || {
        spanbench(t.path())
            .arg("suggest")
            .arg(&p)
            .args(["--evaluate", "anna", "--json"])
            .output()
            .unwrap()
    };
    // The rules alone: nothing was learned, nothing to say.
    let rules = measure();
    assert!(rules.status.success());
    let json: serde_json::Value = serde_json::from_slice(&rules.stdout).unwrap();
    assert_eq!(json["documents_learned_from"], 0);
    assert!(!String::from_utf8_lossy(&rules.stderr).contains("optimistic"));
    // Learned from anna's twelve done documents, then measured against anna: all twelve.
    spanbench(t.path())
        .arg("suggest")
        .arg(&p)
        .args(["--learn-from", "anna"])
        .assert()
        .success();
    let learned = measure();
    let err = String::from_utf8_lossy(&learned.stderr);
    let json: serde_json::Value = serde_json::from_slice(&learned.stdout).unwrap();
    assert_eq!(
        (
            json["documents"].as_u64(),
            json["documents_learned_from"].as_u64()
        ),
        (Some(12), Some(12))
    );
    assert!(
        err.contains(
            "12 of the 12 documents measured are done in a layer the model learned from (anna)"
        ),
        "{err}"
    );
}
