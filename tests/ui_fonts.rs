//! The window draws the emoji that posts quoted in news are full of (🤔, 🤷, 🥳, 🎉), which
//! egui's own fonts do not, as glyphs, not as empty boxes: the harness here panics on a
//! missing glyph.

use egui_kittest::Harness;
use spanbench::model::{Document, DocumentRecord, Schema};
use spanbench::ui::SpanbenchApp;
use spanbench::workspace::Workspace;

const TEXT: &str = "Posts\n\n@JonasBerger: Drei Tage offline. Wer trägt dafür die Verantwortung? 🤔🤷 #Lindenau\n\n\"Finally open again 🥳🎉👍\", wrote @CityHall.\n";

fn project(tmp: &std::path::Path) -> Workspace {
    let mut ws = Workspace::create(&tmp.join("p"), "Posts", Schema::default_news()).unwrap();
    let doc = Document::new("p".into(), "Posts".into(), TEXT.into(), Default::default());
    ws.store
        .import_records(&[DocumentRecord::bare(doc, true)], &mut |_, _| {})
        .unwrap();
    ws
}

/// A window on the project whose context got `fonts` before its first frame; it panics on a
/// glyph no font has.
fn window(ws: Workspace, fonts: fn(&egui::Context)) -> Harness<'static, SpanbenchApp> {
    let app = SpanbenchApp::new(ws, "anna".into());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_context_setup(fonts)
        .build_ui_state(|ui, app: &mut SpanbenchApp| app.show(ui), app);
    harness.run();
    harness
}

#[test]
fn newer_emoji_in_an_article_are_drawn_with_the_bundled_font() {
    let tmp = tempfile::tempdir().unwrap();
    let h = window(project(tmp.path()), spanbench::ui::fonts::install);
    let shown = &h
        .state()
        .view
        .as_ref()
        .expect("the article is open")
        .doc
        .text;
    assert!(shown.contains('🤔'));
}

#[test]
fn without_the_bundled_font_those_emoji_have_no_glyph() {
    // What the test above guards against: egui's own fonts lack them.
    let tmp = tempfile::tempdir().unwrap();
    let ws = project(tmp.path());
    let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        window(ws, |_| {});
    }));
    let why = drawn
        .err()
        .and_then(|e| e.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    assert!(why.contains("No glyph for \"🤔\""), "{why}");
}
