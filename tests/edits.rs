//! The edit API: every kind of edit is checked, stored at once, and undone and redone exactly.

use std::collections::BTreeMap;

use serde_json::json;
use spanbench::model::{
    AnnRef, Annotation, DocStatus, Document, DocumentRecord, Edit, Fragment, Relation, Schema,
};
use spanbench::store::{LayerFilter, StoreError};
use spanbench::workspace::Workspace;

const TEXT: &str = "„Wir können das“, sagte Krause 😀, „aber nicht allein.“ Das Amt widersprach.";

fn workspace() -> (tempfile::TempDir, Workspace) {
    let tmp = tempfile::tempdir().unwrap();
    let mut ws = Workspace::create(&tmp.path().join("p"), "test", Schema::default_news()).unwrap();
    let doc = Document::new("d".into(), "Test".into(), TEXT.into(), Default::default());
    ws.store
        .import_records(&[DocumentRecord::bare(doc, true)], &mut |_, _| {})
        .unwrap();
    (tmp, ws)
}

fn ann(label: &str, fragments: &[(usize, usize)]) -> Annotation {
    ann_with("", label, fragments)
}

/// An annotation with a given id (empty: the store gives it a fresh one).
fn ann_with(id: &str, label: &str, fragments: &[(usize, usize)]) -> Annotation {
    Annotation {
        origin: Default::default(),
        id: id.into(),
        annotator: "anna".into(),
        label: label.into(),
        fragments: fragments
            .iter()
            .map(|&(s, e)| Fragment::new(s, e))
            .collect(),
        text: String::new(),
        attributes: BTreeMap::new(),
        note: String::new(),
    }
}

fn target(id: &str) -> AnnRef {
    AnnRef {
        doc: "d".into(),
        annotator: "anna".into(),
        id: id.into(),
    }
}

/// Everything the database holds for document `d`, as JSON for easy comparison.
fn snapshot(ws: &Workspace) -> serde_json::Value {
    let (anns, rels) = ws.store.layer("d", &LayerFilter::All).unwrap();
    let status = ws.store.statuses("d").unwrap();
    json!({
        "annotations": anns.iter().map(|a| json!([a.id, a.label, a.fragments.iter().map(|f| [f.start, f.end]).collect::<Vec<_>>(), a.text, a.attributes, a.note])).collect::<Vec<_>>(),
        "relations": rels.iter().map(|r| json!([r.id, r.kind, r.from, r.to])).collect::<Vec<_>>(),
        "status": status.iter().map(|(k, v)| (k.clone(), v.name())).collect::<BTreeMap<_, _>>(),
    })
}

/// Applies `edit`, checks `changed` on the result, then undo restores the state before and
/// redo the state after, exactly.
fn check_undo_redo(ws: &mut Workspace, edit: Edit, changed: impl Fn(&serde_json::Value)) {
    let before = snapshot(ws);
    ws.apply(edit).unwrap();
    let after = snapshot(ws);
    assert_ne!(before, after, "the edit changed something");
    changed(&after);
    ws.undo().unwrap().expect("something to undo");
    assert_eq!(snapshot(ws), before, "undo restores");
    ws.redo().unwrap().expect("something to redo");
    assert_eq!(snapshot(ws), after, "redo repeats");
}

fn seeded() -> (tempfile::TempDir, Workspace) {
    let (tmp, mut ws) = workspace();
    // a1: the interrupted quote, a2: the speaker, r1: attribution
    ws.apply(Edit::AddAnnotation {
        doc: "d".into(),
        annotation: ann_with("a1", "quote", &[(0, 16), (34, 54)]),
    })
    .unwrap();
    ws.apply(Edit::AddAnnotation {
        doc: "d".into(),
        annotation: ann_with("a2", "speaker", &[(24, 30)]),
    })
    .unwrap();
    let rel = Relation {
        id: "r1".into(),
        annotator: "anna".into(),
        kind: "attribution".into(),
        from: "a1".into(),
        to: "a2".into(),
    };
    ws.apply(Edit::Link {
        doc: "d".into(),
        relation: rel,
    })
    .unwrap();
    (tmp, ws)
}

#[test]
fn add_stores_covered_text_and_undoes() {
    let (_tmp, mut ws) = workspace();
    check_undo_redo(
        &mut ws,
        Edit::AddAnnotation {
            doc: "d".into(),
            annotation: ann("quote", &[(34, 54), (0, 16)]),
        },
        |s| {
            let id = s["annotations"][0][0].as_str().unwrap();
            assert!(id.starts_with('a') && id.len() == 11, "a fresh id: {id}");
            assert_eq!(
                s["annotations"][0],
                json!([
                    id,
                    "quote",
                    [[0, 16], [34, 54]],
                    "„Wir können das“ „aber nicht allein.“",
                    {},
                    ""
                ])
            );
        },
    );
}

#[test]
fn delete_takes_its_relations_and_undo_brings_them_back() {
    let (_tmp, mut ws) = seeded();
    check_undo_redo(&mut ws, Edit::DeleteAnnotation(target("a2")), |s| {
        assert_eq!(s["annotations"].as_array().unwrap().len(), 1);
        assert_eq!(s["relations"], json!([]));
    });
}

#[test]
fn relabel_drops_what_the_new_label_cannot_have_and_undo_restores_it() {
    let (_tmp, mut ws) = seeded();
    ws.apply(Edit::SetAttribute {
        target: target("a1"),
        name: "form".into(),
        value: Some(json!("direct")),
    })
    .unwrap();
    check_undo_redo(
        &mut ws,
        Edit::Relabel {
            target: target("a1"),
            label: "speaker".into(),
        },
        |s| {
            assert_eq!(s["annotations"][0][1], "speaker");
            assert_eq!(s["annotations"][0][4], json!({}), "a speaker has no form");
            assert_eq!(
                s["relations"],
                json!([]),
                "a speaker cannot be attributed to a speaker"
            );
        },
    );
    // A label change the relation allows keeps it.
    ws.undo().unwrap();
    ws.apply(Edit::Relabel {
        target: target("a1"),
        label: "claim".into(),
    })
    .unwrap();
    assert_eq!(
        snapshot(&ws)["relations"],
        json!([["r1", "attribution", "a1", "a2"]])
    );
}

#[test]
fn set_fragments_recomputes_text() {
    let (_tmp, mut ws) = seeded();
    check_undo_redo(
        &mut ws,
        Edit::SetFragments {
            target: target("a2"),
            fragments: vec![Fragment::new(24, 32)],
        },
        |s| {
            assert_eq!(s["annotations"][1][3], "Krause 😀");
        },
    );
}

#[test]
fn attributes_notes_links_and_status_undo() {
    let (_tmp, mut ws) = seeded();
    check_undo_redo(
        &mut ws,
        Edit::SetAttribute {
            target: target("a1"),
            name: "form".into(),
            value: Some(json!("direct")),
        },
        |s| {
            assert_eq!(s["annotations"][0][4], json!({"form": "direct"}));
        },
    );
    check_undo_redo(
        &mut ws,
        Edit::SetAttribute {
            target: target("a1"),
            name: "form".into(),
            value: None,
        },
        |s| {
            assert_eq!(s["annotations"][0][4], json!({}));
        },
    );
    check_undo_redo(
        &mut ws,
        Edit::SetNote {
            target: target("a1"),
            note: "Zitat über zwei Sätze".into(),
        },
        |s| {
            assert_eq!(s["annotations"][0][5], "Zitat über zwei Sätze");
        },
    );
    check_undo_redo(
        &mut ws,
        Edit::Unlink {
            doc: "d".into(),
            annotator: "anna".into(),
            id: "r1".into(),
        },
        |s| {
            assert_eq!(s["relations"], json!([]));
        },
    );
    check_undo_redo(
        &mut ws,
        Edit::SetStatus {
            doc: "d".into(),
            annotator: "anna".into(),
            status: DocStatus::Done,
        },
        |s| {
            assert_eq!(s["status"], json!({"anna": "done"}));
        },
    );
    ws.apply(Edit::AddAnnotation {
        doc: "d".into(),
        annotation: ann_with("a3", "claim", &[(55, 75)]),
    })
    .unwrap();
    ws.apply(Edit::AddAnnotation {
        doc: "d".into(),
        annotation: ann_with("a4", "rebuttal", &[(59, 75)]),
    })
    .unwrap();
    let rebuts = Relation {
        id: String::new(),
        annotator: "anna".into(),
        kind: "rebuts".into(),
        from: "a4".into(),
        to: "a3".into(),
    };
    check_undo_redo(
        &mut ws,
        Edit::Link {
            doc: "d".into(),
            relation: rebuts,
        },
        |s| {
            // r1 was unlinked above; the new link is the only one, and never gets r1's id.
            let id = s["relations"][0][0].as_str().unwrap();
            assert!(id.starts_with('r') && id != "r1", "{id}");
            assert_eq!(s["relations"], json!([[id, "rebuts", "a4", "a3"]]));
        },
    );
}

#[test]
fn a_batch_is_one_step() {
    let (_tmp, mut ws) = workspace();
    let batch = Edit::Batch(vec![
        Edit::AddAnnotation {
            doc: "d".into(),
            annotation: ann_with("a1", "quote", &[(0, 16)]),
        },
        Edit::AddAnnotation {
            doc: "d".into(),
            annotation: ann_with("a2", "speaker", &[(24, 30)]),
        },
        Edit::Link {
            doc: "d".into(),
            relation: Relation {
                id: String::new(),
                annotator: "anna".into(),
                kind: "attribution".into(),
                from: "a1".into(),
                to: "a2".into(),
            },
        },
    ]);
    check_undo_redo(&mut ws, batch, |s| {
        assert_eq!(s["relations"].as_array().unwrap().len(), 1)
    });
    assert_eq!(ws.history().undo_len(), 1);
}

#[test]
fn invalid_edits_are_refused_and_change_nothing() {
    let (_tmp, mut ws) = seeded();
    let before = snapshot(&ws);
    let refused = |ws: &mut Workspace, edit: Edit, expected: &str| {
        let err = ws.apply(edit).unwrap_err();
        assert!(
            matches!(err, StoreError::Rejected(_) | StoreError::NotFound(_)),
            "{err:?}"
        );
        assert!(err.to_string().contains(expected), "{expected:?} in {err}");
    };
    refused(
        &mut ws,
        Edit::AddAnnotation {
            doc: "d".into(),
            annotation: ann("person", &[(0, 3)]),
        },
        "unknown label 'person'",
    );
    refused(
        &mut ws,
        Edit::AddAnnotation {
            doc: "d".into(),
            annotation: ann("quote", &[(70, 99)]),
        },
        "lies past the end",
    );
    refused(
        &mut ws,
        Edit::AddAnnotation {
            doc: "d".into(),
            annotation: ann("quote", &[(5, 5)]),
        },
        "empty or reversed",
    );
    refused(
        &mut ws,
        Edit::AddAnnotation {
            doc: "x".into(),
            annotation: ann("quote", &[(0, 3)]),
        },
        "no document 'x'",
    );
    refused(
        &mut ws,
        Edit::SetAttribute {
            target: target("a1"),
            name: "form".into(),
            value: Some(json!("sung")),
        },
        "cannot be \"sung\"",
    );
    refused(
        &mut ws,
        Edit::DeleteAnnotation(target("a9")),
        "anna has no annotation 'a9'",
    );
    let again = Relation {
        id: String::new(),
        annotator: "anna".into(),
        kind: "attribution".into(),
        from: "a1".into(),
        to: "a2".into(),
    };
    refused(
        &mut ws,
        Edit::Link {
            doc: "d".into(),
            relation: again,
        },
        "already linked (r1)",
    );
    let wrong = Relation {
        id: String::new(),
        annotator: "anna".into(),
        kind: "rebuts".into(),
        from: "a1".into(),
        to: "a2".into(),
    };
    refused(
        &mut ws,
        Edit::Link {
            doc: "d".into(),
            relation: wrong,
        },
        "cannot start at a quote",
    );
    // A failing batch leaves nothing of its first steps behind.
    let batch = Edit::Batch(vec![
        Edit::SetNote {
            target: target("a1"),
            note: "half".into(),
        },
        Edit::Relabel {
            target: target("a1"),
            label: "nonsense".into(),
        },
    ]);
    refused(&mut ws, batch, "unknown label 'nonsense'");
    assert_eq!(snapshot(&ws), before);
    assert_eq!(ws.history().undo_len(), 3, "refused edits are not recorded");
}

#[test]
fn undo_and_redo_survive_a_deleted_annotation_with_an_id() {
    let (_tmp, mut ws) = seeded();
    ws.apply(Edit::DeleteAnnotation(target("a1"))).unwrap();
    ws.apply(Edit::AddAnnotation {
        doc: "d".into(),
        annotation: ann("claim", &[(55, 75)]),
    })
    .unwrap();
    let full = snapshot(&ws);
    ws.undo().unwrap();
    ws.undo().unwrap();
    assert_eq!(
        snapshot(&ws)["relations"],
        json!([["r1", "attribution", "a1", "a2"]])
    );
    ws.redo().unwrap();
    ws.redo().unwrap();
    assert_eq!(snapshot(&ws), full);
    assert!(ws.redo().unwrap().is_none());
}

#[test]
fn the_database_reopens_with_everything_in_it() {
    let (tmp, mut ws) = seeded();
    ws.apply(Edit::SetStatus {
        doc: "d".into(),
        annotator: "anna".into(),
        status: DocStatus::InProgress,
    })
    .unwrap();
    let before = snapshot(&ws);
    assert_eq!(
        ws.store.schema_version().unwrap(),
        spanbench::store::LATEST_VERSION
    );
    drop(ws);
    let ws = Workspace::open(&tmp.path().join("p")).unwrap();
    assert_eq!(snapshot(&ws), before);
    assert!(ws.store.check(ws.schema()).unwrap().is_empty());
}

#[test]
fn migrating_an_empty_database_and_a_hand_made_old_one() {
    let tmp = tempfile::tempdir().unwrap();
    // An empty file is what a truncated database looks like: refused, never made a fresh one.
    let path = tmp.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();
    let err = spanbench::store::Store::open(&path).err().expect("refused");
    assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
    assert_eq!(std::fs::read(&path).unwrap(), b"");
    // A database at version 0 with other tables (an old or foreign file) is upgraded.
    let path = tmp.path().join("old.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('kept');")
            .unwrap();
    }
    let store = spanbench::store::Store::open(&path).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        spanbench::store::LATEST_VERSION
    );
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let kept: String = conn
        .query_row("SELECT x FROM notes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, "kept");
}

#[test]
fn a_version_1_database_gains_the_rejections_table_and_keeps_everything() {
    let (tmp, ws) = seeded();
    let before = snapshot(&ws);
    drop(ws);
    // Make it what the first release wrote: no rejections table, user_version 1.
    {
        let conn = rusqlite::Connection::open(tmp.path().join("p/spanbench.db")).unwrap();
        conn.execute_batch(
            "DROP TRIGGER documents_fts_insert; DROP TRIGGER documents_fts_delete;
             DROP TRIGGER documents_fts_update; DROP TABLE documents_fts;
             DROP TABLE rejections; DROP TABLE clock;
             DROP TABLE suggester;
             DROP TRIGGER annotations_dirty_insert; DROP TRIGGER annotations_dirty_update; DROP TRIGGER annotations_dirty_delete; DROP TRIGGER relations_dirty_insert; DROP TRIGGER relations_dirty_update; DROP TRIGGER relations_dirty_delete; DROP TRIGGER status_dirty_insert; DROP TRIGGER status_dirty_update; DROP TRIGGER status_dirty_delete;
             DROP TABLE sync_dirty; DROP TABLE sync_base; DROP TABLE sync_state; DROP TABLE assignments;
             DROP TABLE sync_conflicts;
             ALTER TABLE annotations DROP COLUMN version; ALTER TABLE annotations DROP COLUMN origin;
             ALTER TABLE relations DROP COLUMN version;
             ALTER TABLE status DROP COLUMN version; PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let mut ws = Workspace::open(&tmp.path().join("p")).unwrap();
    assert_eq!(
        ws.store.schema_version().unwrap(),
        spanbench::store::LATEST_VERSION
    );
    // The upgrade kept a backup of the version-1 database first.
    let backups = spanbench::store::list_backups(ws.store.path());
    assert!(
        backups.iter().any(|b| b.reason == "before-upgrade-v1"),
        "{backups:?}"
    );
    assert_eq!(snapshot(&ws), before);
    // The full-text index was built for the documents already there.
    let word = TEXT.split_whitespace().nth(1).unwrap();
    assert!(!ws.store.search_text(word, 10).unwrap().hits.is_empty());
    ws.apply(Edit::SetRejected {
        doc: "d".into(),
        item: "label:0-4".into(),
        rejected: true,
    })
    .unwrap();
    assert_eq!(ws.store.rejections("d").unwrap().len(), 1);
    ws.undo().unwrap();
    assert!(ws.store.rejections("d").unwrap().is_empty());
}

#[test]
fn a_truncated_database_is_refused() {
    let (tmp, ws) = seeded();
    drop(ws);
    let db = tmp.path().join("p/spanbench.db");
    // Fold the WAL in so the main file holds the data, then cut it.
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    let bytes = std::fs::read(&db).unwrap();
    std::fs::write(&db, &bytes[..10]).unwrap();
    let err = Workspace::open(&tmp.path().join("p"))
        .err()
        .expect("refused")
        .to_string();
    assert!(
        err.contains("is not a spanbench database or is damaged"),
        "{err}"
    );
}

#[test]
fn opening_a_project_writes_nothing_that_an_open_window_would_take_for_a_change() {
    let (tmp, ws) = seeded();
    drop(ws);
    let watcher = rusqlite::Connection::open(tmp.path().join("p/spanbench.db")).unwrap();
    let version = || -> i64 {
        watcher
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .unwrap()
    };
    let before = version();
    for _ in 0..3 {
        drop(Workspace::open(&tmp.path().join("p")).unwrap());
    }
    assert_eq!(version(), before);
}
