//! Issue "teams beyond one machine", item 5 in the window: the team window shows everyone's
//! progress and assigns the open document by hand (here in a project of one's own; on a hub
//! the same window writes the hub's assignments, see `ui_team_hub.rs`).

mod common;

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use spanbench::workspace::Workspace;

/// Opens Project → Team and waits for the progress, read in the background (frames repaint
/// until it is in).
fn open_team(h: &mut egui_kittest::Harness<'_, spanbench::ui::SpanbenchApp>) {
    h.get_by_label("Project").click();
    h.run();
    h.get_by_label("Team: progress, assignments…").click();
    h.step();
    common::ui::until(h, 10, "the progress read", |s| {
        s.team.as_ref().is_some_and(|t| t.progress.is_some())
    });
}

#[test]
fn the_team_window_assigns_the_open_document_and_shows_it_in_the_progress() {
    let tmp = tempfile::tempdir().unwrap();
    let project = common::demo_project(tmp.path());
    let mut h = common::ui::harness(Workspace::open(&project).unwrap(), "anna");
    let doc = h.state().current_doc().unwrap().to_string();
    open_team(&mut h);
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

/// The project's assignments of `who`.
fn assigned_to(
    h: &egui_kittest::Harness<'_, spanbench::ui::SpanbenchApp>,
    who: &str,
) -> Vec<String> {
    let store = &h.state().ws.as_ref().unwrap().store;
    store
        .assignments()
        .unwrap()
        .into_iter()
        .filter(|(_, w)| w == who)
        .map(|(d, _)| d)
        .collect()
}

#[test]
fn the_team_window_assigns_documents_that_are_not_open() {
    let tmp = tempfile::tempdir().unwrap();
    let project = common::demo_project(tmp.path());
    let mut h = common::ui::harness(Workspace::open(&project).unwrap(), "anna");
    let open = h.state().current_doc().unwrap().to_string();
    let other = h
        .state()
        .docs
        .iter()
        .find(|d| d.id != open)
        .map(|d| (d.id.clone(), d.title.clone()))
        .expect("the demo has a second document");
    open_team(&mut h);
    h.get_by_label("Assign every document").click();
    h.run();
    // Narrow the table to the other document by a word of its title, and assign it to ben.
    let word = other.1.split_whitespace().max_by_key(|w| w.len()).unwrap();
    h.get_by_role_and_label(Role::TextInput, "Find documents")
        .click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Find documents")
        .type_text(word);
    h.run();
    let open_title = h
        .state()
        .docs
        .iter()
        .find(|d| d.id == open)
        .unwrap()
        .title
        .clone();
    assert!(
        !open_title.contains(word),
        "pick a word only the other title has"
    );
    assert!(
        h.query_by_label(&format!("ben: {open_title}")).is_none(),
        "the filter hides documents without the word"
    );
    let cell = format!("ben: {}", other.1);
    h.get_by_role_and_label(Role::CheckBox, &cell).click();
    h.step();
    common::ui::until(&mut h, 10, "assigned", |s| {
        s.team.as_ref().is_some_and(|t| {
            t.assignments
                .iter()
                .any(|(d, w)| d == &other.0 && w == "ben")
        })
    });
    assert_eq!(
        assigned_to(&h, "ben"),
        std::slice::from_ref(&other.0),
        "only the document clicked"
    );
    // "only unassigned" hides it now; the open document (unassigned) stays listed when it
    // matches.
    h.get_by_role_and_label(Role::CheckBox, "only unassigned")
        .click();
    h.run();
    assert!(
        h.query_by_label(&cell).is_none(),
        "an assigned document is hidden"
    );
}
