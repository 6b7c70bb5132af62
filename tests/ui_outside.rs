//! Two windows (or a window and a command) on one project, and files that vanish under an open
//! window: nothing one does may silently undo, revert or lose what the other did.

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use spanbench::model::{Annotation, DocStatus, Document, DocumentRecord, Edit, Fragment, Schema};
use spanbench::store::LayerFilter;
use spanbench::ui::{POLL_INTERVAL, SpanbenchApp};
use spanbench::workspace::Workspace;

mod common;
use common::ui::{drag_over, harness};

const P1: &str = "„Wir können das“, sagte Krause.";

/// A project with one document, closed again.
fn project(tmp: &Path) -> PathBuf {
    let dir = tmp.join("p");
    let mut ws = Workspace::create(&dir, "Zwei Fenster", Schema::default_news()).unwrap();
    let doc = Document::new(
        "eins".into(),
        "Erster Artikel".into(),
        format!("Erster Artikel\n\n{P1}\n"),
        Default::default(),
    );
    ws.store
        .import_records(&[DocumentRecord::bare(doc, true)], &mut |_, _| {})
        .unwrap();
    dir
}

fn window(dir: &Path) -> Harness<'static, SpanbenchApp> {
    harness(Workspace::open(dir).unwrap(), "anna")
}

/// anna's annotations on the document, as (label, text), read from the database.
fn stored(dir: &Path) -> Vec<(String, String)> {
    let ws = Workspace::open(dir).unwrap();
    let (anns, _) = ws
        .store
        .layer("eins", &LayerFilter::Only(vec!["anna".into()]))
        .unwrap();
    anns.into_iter().map(|a| (a.label, a.text)).collect()
}

/// Lets the window's once-a-second look for outside changes happen.
fn wait_for_poll(h: &mut Harness<'_, SpanbenchApp>) {
    std::thread::sleep(POLL_INTERVAL + std::time::Duration::from_millis(100));
    h.run();
}

fn tag(h: &mut Harness<'_, SpanbenchApp>, key: Key) {
    drag_over(h, P1);
    h.key_press(key);
    h.run();
}

#[test]
fn undo_in_one_window_never_deletes_what_another_window_made() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = project(tmp.path());
    let mut a = window(&dir);
    let mut b = window(&dir);
    tag(&mut a, Key::Q);
    assert_eq!(stored(&dir), vec![("quote".into(), P1.into())]);

    // B sees A's quote, deletes it and tags a claim in its place.
    wait_for_poll(&mut b);
    assert_eq!(b.state().view.as_ref().unwrap().annotations.len(), 1);
    b.key_press(Key::Tab);
    b.key_press(Key::Delete);
    b.run();
    tag(&mut b, Key::C);
    let claim_id = b
        .state()
        .selected_id
        .clone()
        .expect("the claim is selected");
    assert_eq!(stored(&dir), vec![("claim".into(), P1.into())]);

    // A's undo would delete its quote — which is gone: refused, B's claim stays.
    a.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    a.run();
    assert!(
        a.state().status.contains("changed elsewhere — not undone"),
        "{}",
        a.state().status
    );
    assert_eq!(stored(&dir), vec![("claim".into(), P1.into())]);
    // A now shows what the project holds: B's claim, under its own, never reused id.
    let view = a.state().view.as_ref().unwrap();
    assert_eq!(view.annotations.len(), 1);
    assert_eq!(view.annotations[0].id, claim_id);
    assert_eq!(view.annotations[0].label, "claim");
    // Redo has nothing to bring back over it.
    a.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    a.run();
    assert_eq!(stored(&dir), vec![("claim".into(), P1.into())]);
}

#[test]
fn undo_refuses_an_annotation_another_window_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = project(tmp.path());
    let mut a = window(&dir);
    tag(&mut a, Key::Q);
    let id = a.state().selected_id.clone().unwrap();
    // Another program relabels it.
    let mut other = Workspace::open(&dir).unwrap();
    other
        .apply(Edit::Relabel {
            target: spanbench::model::AnnRef {
                doc: "eins".into(),
                annotator: "anna".into(),
                id,
            },
            label: "claim".into(),
        })
        .unwrap();
    a.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    a.run();
    assert!(a.state().status.contains("changed elsewhere"));
    assert_eq!(stored(&dir), vec![("claim".into(), P1.into())]);
}

#[test]
fn a_stale_window_does_not_revert_a_done_status() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = project(tmp.path());
    let mut a = window(&dir);
    let mut b = window(&dir);
    // A marks the document done; B still shows it as new and tags in it at once.
    a.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    a.run();
    tag(&mut b, Key::Q);
    let ws = Workspace::open(&dir).unwrap();
    assert_eq!(ws.store.status("eins", "anna").unwrap(), DocStatus::Done);
    assert_eq!(stored(&dir).len(), 1);
}

#[test]
fn a_window_shows_what_another_program_added() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = project(tmp.path());
    let mut a = window(&dir);
    let mut other = Workspace::open(&dir).unwrap();
    other
        .apply(Edit::AddAnnotation {
            doc: "eins".into(),
            annotation: Annotation {
                origin: Default::default(),
                id: String::new(),
                annotator: "anna".into(),
                label: "speaker".into(),
                fragments: vec![Fragment::new(40, 46)],
                text: String::new(),
                attributes: Default::default(),
                note: String::new(),
            },
        })
        .unwrap();
    wait_for_poll(&mut a);
    let view = a.state().view.as_ref().unwrap();
    assert_eq!(view.annotations.len(), 1);
    assert_eq!(view.annotations[0].text, "Krause");
    assert!(a.state().status.starts_with("Reloaded"));
}

#[test]
fn a_deleted_write_ahead_log_stops_editing_and_keeps_what_was_acknowledged() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = project(tmp.path());
    let mut a = window(&dir);
    tag(&mut a, Key::Q);
    assert!(a.state().status.starts_with("Quote added"));
    std::fs::remove_file(dir.join("spanbench.db-wal")).unwrap();
    wait_for_poll(&mut a);
    let stopped = a.state().stopped.clone().expect("editing stopped");
    assert!(
        stopped.contains("spanbench.db-wal was deleted"),
        "{stopped}"
    );
    // A further tag is refused, not acknowledged and lost.
    a.key_press(Key::Escape);
    tag(&mut a, Key::C);
    assert!(!a.state().status.starts_with("Claim added"));
    a.get_by_label_contains("Editing is off");
    drop(a);
    // After a restart everything acknowledged is there, and the project is sound.
    assert_eq!(stored(&dir), vec![("quote".into(), P1.into())]);
    let ws = Workspace::open(&dir).unwrap();
    assert!(ws.store.check(ws.schema()).unwrap().is_empty());
}

#[test]
fn a_backup_is_restored_from_the_project_menu() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = project(tmp.path());
    let ws = Workspace::open(&dir).unwrap();
    // Opening a project with documents made the day's backup.
    let backups = spanbench::store::list_backups(ws.store.path());
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert_eq!(backups[0].reason, "daily");
    let mut a = harness(ws, "anna");
    tag(&mut a, Key::Q);
    assert_eq!(stored(&dir).len(), 1);
    a.get_by_label("Project").click();
    a.run();
    a.get_by_label("Restore a backup…").click();
    a.run();
    a.get_by_label("Restore").click();
    a.run();
    assert!(
        a.state().status.starts_with("Restored"),
        "{}",
        a.state().status
    );
    assert!(stored(&dir).is_empty(), "back to the state of the backup");
    assert!(a.state().view.as_ref().unwrap().annotations.is_empty());
    let reasons: Vec<String> = spanbench::store::list_backups(&dir.join("spanbench.db"))
        .into_iter()
        .map(|b| b.reason)
        .collect();
    assert!(
        reasons.contains(&"before-restore".to_string()),
        "{reasons:?}"
    );
}
