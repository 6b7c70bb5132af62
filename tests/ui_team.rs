//! Issue "teams beyond one machine", item 5 in the window: the team window shows everyone's
//! progress and assigns the open document by hand (here in a project of one's own; on a hub
//! the same window writes the hub's assignments, see `ui_team_hub.rs`).

mod common;

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use spanbench::workspace::Workspace;

#[test]
fn the_team_window_assigns_the_open_document_and_shows_it_in_the_progress() {
    let tmp = tempfile::tempdir().unwrap();
    let project = common::demo_project(tmp.path());
    let mut h = common::ui::harness(Workspace::open(&project).unwrap(), "anna");
    let doc = h.state().current_doc().unwrap().to_string();
    h.get_by_label("Project").click();
    h.run();
    h.get_by_label("Team: progress, assignments…").click();
    h.step(); // the progress is read in the background: frames repaint until it is in
    common::ui::until(&mut h, 10, "the progress read", |s| {
        s.team.as_ref().is_some_and(|t| t.progress.is_some())
    });
    let assigned_to_ben = |h: &egui_kittest::Harness<'_, spanbench::ui::SpanbenchApp>| {
        h.state()
            .ws
            .as_ref()
            .unwrap()
            .store
            .assignments()
            .unwrap()
            .contains(&(doc.clone(), "ben".to_string()))
    };
    assert!(!assigned_to_ben(&h));
    h.get_by_role_and_label(Role::CheckBox, "ben").click();
    h.step();
    common::ui::until(&mut h, 10, "assigned", |s| {
        s.team.as_ref().is_some_and(|t| {
            t.progress
                .as_ref()
                .is_some_and(|p| p.people.get("ben").is_some_and(|b| b.assigned == 1))
        })
    });
    assert!(assigned_to_ben(&h), "the assignment is in the project");
    // The box is ticked.
    let ticked = |h: &egui_kittest::Harness<'_, spanbench::ui::SpanbenchApp>| {
        h.get_by_role_and_label(Role::CheckBox, "ben")
            .accesskit_node()
            .toggled()
    };
    assert_eq!(ticked(&h), Some(egui::accesskit::Toggled::True));
    // A second click takes it back.
    h.get_by_role_and_label(Role::CheckBox, "ben").click();
    h.step();
    common::ui::until(&mut h, 10, "unassigned", |s| {
        s.team.as_ref().is_some_and(|t| {
            t.progress
                .as_ref()
                .is_some_and(|p| p.people.get("ben").is_some_and(|b| b.assigned == 0))
        })
    });
    assert!(!assigned_to_ben(&h));
    assert_eq!(ticked(&h), Some(egui::accesskit::Toggled::False));
}
