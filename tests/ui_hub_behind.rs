//! Issue "teams beyond one machine": a hub made by an older spanbench (before versions were
//! numbered in commit order) keeps working, and the window's status line says that its owner
//! should run `spanbench hub init` to bring it up to date. One test in its own binary: it
//! points PGPASSFILE at the test's password file.

mod common;

use common::pg::test_hub;
use egui_kittest::kittest::Queryable;
use spanbench::workspace::Workspace;

#[test]
fn the_status_line_says_when_the_hub_needs_hub_init() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let Some(hub) = test_hub(t, "older hub in the window") else {
        return;
    };
    hub.publish_demo(t);
    let (anna, anna_url) = hub.person(t, "anna", false);
    let copy = hub.clone_into(t, &anna_url, &anna, "copy");
    let (_, place) = spanbench::hub::place(&hub.url).unwrap();
    hub.connect_as(&place.user)
        .batch_execute("UPDATE hub_meta SET value = '1' WHERE key = 'schema_version'")
        .unwrap();
    // SAFETY: the only test of this binary; no other thread reads the environment now.
    unsafe { std::env::set_var("PGPASSFILE", &hub.pgpass) };
    let mut h = common::ui::harness(Workspace::open(&copy).unwrap(), &anna);
    common::ui::until(&mut h, 20, "synced", |s| s.hub_sync.last_ok.is_some());
    h.run();
    assert_eq!(h.state().hub_sync.hub_behind, Some(1));
    assert!(
        h.query_by_label_contains("its owner should run `spanbench hub init`")
            .is_some(),
        "the status line says what to do"
    );
}
