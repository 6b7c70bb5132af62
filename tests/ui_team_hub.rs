//! Issue "teams beyond one machine", items 5 and 6 in the window of a hub copy: an item the
//! same annotator changed differently on two machines opens the team window, which shows
//! both versions and settles the conflict with one click; and the hub refuses an
//! annotator's assignment (only curators assign), which the window says.
//! One test in its own binary: it points PGPASSFILE at the test's password file.

mod common;

use common::layers::{add_claim, layer, relabel};
use common::pg::test_hub;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use spanbench::workspace::Workspace;

#[test]
fn a_conflict_between_two_machines_is_shown_and_settled_in_the_team_window() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(hub) = test_hub(tmp.path(), "window conflict") else {
        return;
    };
    hub.publish_demo(tmp.path());
    let (anna, anna_url) = hub.person(tmp.path(), "anna", false);
    let copy = |dir: &str| hub.clone_into(tmp.path(), &anna_url, &anna, dir);
    let sync = |path: &std::path::Path| {
        hub.spanbench(tmp.path())
            .arg("sync")
            .arg(path)
            .assert()
            .success();
    };
    let (laptop, desktop) = (copy("laptop"), copy("desktop"));
    // A claim both machines have; then the laptop makes it a quote, the desktop a rebuttal.
    let doc = add_claim(&laptop, &anna, 0, 0, 4);
    sync(&laptop);
    sync(&desktop);
    relabel(&laptop, &doc, &anna, 0, "quote");
    sync(&laptop);
    relabel(&desktop, &doc, &anna, 0, "rebuttal");
    // SAFETY: the only test of this binary; no other thread reads the environment now.
    unsafe { std::env::set_var("PGPASSFILE", &hub.pgpass) };
    let mut h = common::ui::harness(Workspace::open(&desktop).unwrap(), &anna);
    common::ui::until(&mut h, 30, "the team window opens on the conflict", |s| {
        s.team.as_ref().is_some_and(|t| t.conflicts.len() == 1)
    });
    // Both versions are there to read, and nothing was overwritten yet.
    assert!(h.query_by_label_contains("rebuttal „").is_some());
    assert!(h.query_by_label_contains("quote „").is_some());
    assert_eq!(layer(&desktop, &doc, &anna)[0].0, "rebuttal");
    h.get_by_label("Keep the hub's").click();
    h.step();
    common::ui::until(&mut h, 30, "settled", |s| {
        s.team.as_ref().is_some_and(|t| t.conflicts.is_empty())
            && s.hub_sync.conflicts.is_empty()
            && s.hub_sync.waiting == 0
    });
    assert_eq!(layer(&desktop, &doc, &anna), layer(&laptop, &doc, &anna));
    assert_eq!(layer(&desktop, &doc, &anna)[0].0, "quote");
    // An annotator cannot assign on the hub: the window says why.
    common::ui::until(&mut h, 30, "the progress read", |s| {
        s.team.as_ref().is_some_and(|t| t.progress.is_some())
    });
    h.get_by_role_and_label(Role::CheckBox, &anna).click();
    h.step();
    common::ui::until(&mut h, 30, "refused", |s| {
        s.status.contains("Could not assign")
    });
    assert!(
        h.state().status.contains("only the hub's curators assign"),
        "{}",
        h.state().status
    );
}
