//! Helpers for driving the window in `egui_kittest` tests.

use egui::accesskit::Role;
use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};
use spanbench::ui::SpanbenchApp;
use spanbench::workspace::Workspace;
use std::path::Path;

/// A harness around the app on `ws` for `annotator`, run until it settles.
pub fn harness(ws: Workspace, annotator: &str) -> Harness<'static, SpanbenchApp> {
    let mut harness = first_frame(ws, annotator);
    harness.run();
    harness
}

/// A window on the project that has drawn its first frame only: what it shows on opening,
/// before any background work (learning) can have finished.
pub fn first_frame(ws: Workspace, annotator: &str) -> Harness<'static, SpanbenchApp> {
    let app = SpanbenchApp::new(ws, annotator.into());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_context_setup(spanbench::ui::fonts::install)
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut SpanbenchApp| app.show(ui), app);
    harness.step();
    harness
}

/// The screen rectangle of the paragraph with this text.
pub fn paragraph_rect(h: &Harness<'_, SpanbenchApp>, paragraph: &str) -> egui::Rect {
    h.get(By::new().role(Role::MultilineTextInput).value(paragraph))
        .rect()
}

/// Drags across the whole (one-line) paragraph with this text.
pub fn drag_over(h: &mut Harness<'_, SpanbenchApp>, paragraph: &str) {
    let rect = paragraph_rect(h, paragraph);
    let y = rect.center().y;
    h.drag_at(Pos2::new(rect.left() + 1.0, y));
    h.run();
    h.hover_at(Pos2::new(rect.left() + 80.0, y));
    h.run();
    h.hover_at(Pos2::new(rect.right() - 2.0, y));
    h.run();
    h.drop_at(Pos2::new(rect.right() - 2.0, y));
    h.run();
}

/// Puts the cursor at the start of a paragraph, moves `skip` characters right, then selects
/// `take` characters with Shift+Right.
pub fn select_by_keys(
    h: &mut Harness<'_, SpanbenchApp>,
    paragraph: &str,
    skip: usize,
    take: usize,
) {
    let rect = paragraph_rect(h, paragraph);
    let at = Pos2::new(rect.left() + 1.0, rect.center().y);
    h.drag_at(at);
    h.drop_at(at);
    h.run();
    for _ in 0..skip {
        h.key_press(Key::ArrowRight);
    }
    for _ in 0..take {
        h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    }
    h.run();
}

/// The texts of the suggestions the open document offers, in their order.
pub fn offered_texts(h: &Harness<'_, SpanbenchApp>) -> Vec<String> {
    h.state()
        .view
        .as_ref()
        .expect("a document is open")
        .offers
        .iter()
        .map(|o| o.annotation.text.clone())
        .collect()
}

/// Runs frames until `done` holds, at most `secs` seconds (background work: syncs, reads of
/// the hub); says `what` did not happen, with the status line, when it times out.
pub fn until(
    h: &mut Harness<'_, SpanbenchApp>,
    secs: u64,
    what: &str,
    done: impl Fn(&SpanbenchApp) -> bool,
) {
    let start = std::time::Instant::now();
    while !done(h.state()) {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(secs),
            "{what}: status {:?}, sync {:?}",
            h.state().status,
            h.state().hub_sync.last_error
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.step();
    }
    h.step();
}

/// Project → `item` (Open…, Import…, …), types `path` into the window's path field and presses
/// `button`.
pub fn file_window(h: &mut Harness<'_, SpanbenchApp>, item: &str, path: &Path, button: &str) {
    type_into_path_field(h, item, &path.display().to_string());
    h.get_by_label(button).click();
}

/// Project → `item`, then types `text` into the window's path field (the empty multi-line
/// field drawn last: a note field may be open too).
pub fn type_into_path_field(h: &mut Harness<'_, SpanbenchApp>, item: &str, text: &str) {
    h.get_by_label("Project").click();
    h.run();
    h.get_by_label(item).click();
    h.run();
    let field = || By::new().role(Role::MultilineTextInput).value("");
    h.query_all(field()).last().expect("the path field").click();
    h.run();
    h.query_all(field())
        .last()
        .expect("the path field")
        .type_text(text);
    h.run();
}

/// The annotations of `anna` on document `doc` as (label, text) pairs, as stored.
pub fn stored(h: &Harness<'_, SpanbenchApp>, doc: &str) -> Vec<(String, String)> {
    let ws = h.state().ws.as_ref().expect("a project is open");
    let (anns, _) = ws
        .store
        .layer(
            doc,
            &spanbench::store::LayerFilter::Only(vec!["anna".into()]),
        )
        .expect("the layer reads");
    anns.into_iter().map(|a| (a.label, a.text)).collect()
}
