//! Issue "an annotator's full day", items 4 and 6: the text stays where the eye is when the
//! window changes size, and reopening the project returns to the paragraph the reader was at.

mod common;

use egui::Key;
use egui_kittest::Harness;
use spanbench::model::{Document, DocumentRecord, Schema};
use spanbench::ui::SpanbenchApp;
use spanbench::workspace::Workspace;

/// A project with one long article of 400 paragraphs of different lengths.
fn long_article(dir: &std::path::Path) -> std::path::PathBuf {
    let project = dir.join("p");
    let mut ws = Workspace::create(&project, "Lang", Schema::default_news()).unwrap();
    let mut text = String::from("Ein langer Artikel\n\n");
    for n in 0..400 {
        let words = "Der Rat beriet lange über den Haushalt der Stadt. ".repeat(1 + n % 7);
        text.push_str(&format!("Absatz {n}: {words}\n\n"));
    }
    let doc = Document::new(
        "lang".into(),
        "Ein langer Artikel".into(),
        text,
        Default::default(),
    );
    ws.store
        .import_records(&[DocumentRecord::bare(doc, true)], &mut |_, _| {})
        .unwrap();
    project
}

fn open(project: &std::path::Path, settings: &std::path::Path) -> Harness<'static, SpanbenchApp> {
    let args = spanbench::ui::GuiOptions {
        project: Some(project.to_path_buf()),
        annotator: None,
    };
    let app = spanbench::ui::build_app(args, settings.to_path_buf()).unwrap();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut SpanbenchApp| app.show(ui), app);
    h.run();
    h
}

fn page_down(h: &mut Harness<'_, SpanbenchApp>, times: usize) {
    for _ in 0..times {
        h.key_press(Key::PageDown);
        h.run();
    }
}

#[test]
fn a_narrower_window_keeps_the_paragraph_at_the_top() {
    let tmp = tempfile::tempdir().unwrap();
    let project = long_article(tmp.path());
    let mut h = open(&project, &tmp.path().join("settings.ron"));
    page_down(&mut h, 25);
    let before = h.state().top_paragraph().expect("an article is open");
    assert!(before > 50, "scrolled down to paragraph {before}");
    for width in [900.0, 1280.0, 800.0] {
        h.set_size(egui::vec2(width, 800.0));
        h.run();
        let now = h.state().top_paragraph().unwrap();
        assert!(
            now.abs_diff(before) <= 1,
            "at {width} px the top paragraph went from {before} to {now}"
        );
    }
}

#[test]
fn reopening_returns_to_the_paragraph_the_reader_was_at() {
    let tmp = tempfile::tempdir().unwrap();
    let project = long_article(tmp.path());
    let settings = tmp.path().join("settings.ron");
    let mut h = open(&project, &settings);
    page_down(&mut h, 30);
    let was = h.state().top_paragraph().unwrap();
    assert!(was > 50);
    h.state_mut().closing();
    drop(h);
    let h = open(&project, &settings);
    assert_eq!(h.state().current_doc(), Some("lang"));
    let now = h.state().top_paragraph().unwrap();
    assert!(
        now.abs_diff(was) <= 1,
        "reopened at paragraph {now}, left at {was}"
    );
}
