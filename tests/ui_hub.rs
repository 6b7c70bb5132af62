//! Issue "teams beyond one machine", item 3 in the window: a hub copy syncs in the
//! background (the status line says when), and while the hub cannot be reached editing goes
//! on, the status says offline with what waits, and everything arrives once it is back.
//! One test in its own binary: it points PGPASSFILE at the test's password file.

mod common;

use common::pg::test_hub;
use common::{DEMO_JSONL, import, new_project, write};
use egui::Key;
use spanbench::workspace::Workspace;

#[test]
fn the_window_syncs_in_the_background_and_keeps_edits_while_the_hub_is_away() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(hub) = test_hub(tmp.path(), "window sync") else {
        return;
    };
    hub.spanbench(tmp.path())
        .args(["hub", "init", &hub.url])
        .assert()
        .success();
    let (anna, anna_url) = hub.person(tmp.path(), "anna", false);
    let project = new_project(tmp.path(), "p");
    import(
        tmp.path(),
        &project,
        &write(tmp.path(), "demo.jsonl", DEMO_JSONL),
    );
    hub.spanbench(tmp.path())
        .arg("publish")
        .arg(&project)
        .args(["--hub", &hub.url])
        .assert()
        .success();
    let copy = tmp.path().join("copy");
    hub.spanbench(tmp.path())
        .arg("clone")
        .arg(&anna_url)
        .arg(&copy)
        .args(["--annotator", &anna])
        .assert()
        .success();
    // This process connects for the window: it reads the test's password file.
    // SAFETY: the only test of this binary; no other thread reads the environment now.
    unsafe { std::env::set_var("PGPASSFILE", &hub.pgpass) };
    // The hub away: the copy points at a port nothing listens on.
    let ws = Workspace::open(&copy).unwrap();
    ws.store
        .set_sync_value(
            "hub",
            &format!("postgres://{anna}@127.0.0.1:9/{}", hub.database),
        )
        .unwrap();
    let mut h = common::ui::harness(ws, &anna);
    common::ui::until(&mut h, 20, "offline said", |s| {
        s.hub_sync.last_error.is_some()
    });
    // Editing goes on: tag a word of the open document.
    let first = h.state().view.as_ref().unwrap().paragraphs[1].cps.clone();
    let text: String = h
        .state()
        .view
        .as_ref()
        .unwrap()
        .doc
        .text
        .chars()
        .skip(first.start)
        .take(first.end - first.start)
        .collect();
    common::ui::select_by_keys(&mut h, &text, 0, 3);
    h.key_press(Key::C);
    h.run();
    common::ui::until(&mut h, 20, "the change waits", |s| s.hub_sync.waiting == 1);
    let status = h.state().hub_sync.last_error.clone();
    assert!(status.is_some());
    // The hub is back.
    h.state()
        .ws
        .as_ref()
        .unwrap()
        .store
        .set_sync_value("hub", &anna_url)
        .unwrap();
    common::ui::until(&mut h, 30, "synced", |s| {
        s.hub_sync.last_error.is_none() && s.hub_sync.last_ok.is_some() && s.hub_sync.waiting == 0
    });
    let mut client = hub.connect_as(&anna);
    let claims: i64 = client
        .query_one(
            "SELECT count(*) FROM layers l, jsonb_array_elements(l.content->'annotations') a
             WHERE l.annotator = $1 AND a->>'label' = 'claim'",
            &[&anna],
        )
        .unwrap()
        .get(0);
    assert_eq!(claims, 1, "the claim made offline is on the hub");
}
