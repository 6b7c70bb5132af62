//! Issue "an annotator's full day", item 8: a quote that runs over several paragraphs is one
//! selection — start it in one paragraph, Shift+click in another, and a label key tags the
//! whole stretch as one annotation.

mod common;

use common::ui::{harness, paragraph_rect, select_by_keys, stored};
use egui::{Event, Key, Modifiers, PointerButton, Pos2};
use spanbench::model::{Document, DocumentRecord, Schema};
use spanbench::workspace::Workspace;

const P1: &str = "„Wir haben alles geprüft.";
const P2: &str = "Und wir bleiben dabei“, sagte Krause.";

fn project() -> (tempfile::TempDir, Workspace) {
    let tmp = tempfile::tempdir().unwrap();
    let mut ws =
        Workspace::create(&tmp.path().join("p"), "Interview", Schema::default_news()).unwrap();
    let text = format!("Interview\n\n{P1}\n\n{P2}\n");
    let doc = Document::new("i".into(), "Interview".into(), text, Default::default());
    ws.store
        .import_records(&[DocumentRecord::bare(doc, true)], &mut |_, _| {})
        .unwrap();
    (tmp, ws)
}

/// Shift+click at `pos`.
fn shift_click(h: &mut egui_kittest::Harness<'_, spanbench::ui::SpanbenchApp>, pos: Pos2) {
    h.event(Event::ModifiersChanged(Modifiers::SHIFT));
    h.event(Event::PointerMoved(pos));
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::SHIFT,
        });
    }
    h.run();
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run();
}

#[test]
fn shift_click_in_another_paragraph_extends_the_selection_across() {
    let (_tmp, ws) = project();
    let mut h = harness(ws, "anna");
    // The opening mark and the first word of the first paragraph...
    select_by_keys(&mut h, P1, 0, 4);
    // ...stretched to the end of the second paragraph.
    let rect = paragraph_rect(&h, P2);
    shift_click(&mut h, Pos2::new(rect.right() - 2.0, rect.center().y));
    let (start, end) = h
        .state()
        .text_selection
        .expect("a selection across paragraphs");
    let text = h.state().view.as_ref().unwrap().doc.text.clone();
    let chosen: String = text.chars().skip(start).take(end - start).collect();
    assert!(
        chosen.starts_with("„Wir haben alles geprüft.\n\nUnd wir"),
        "{chosen:?}"
    );
    h.key_press(Key::Q);
    h.run();
    let quotes = stored(&h, "i");
    assert_eq!(quotes.len(), 1, "one annotation: {quotes:?}");
    assert_eq!(quotes[0].0, "quote");
    assert!(
        quotes[0].1.starts_with("„Wir haben alles geprüft.")
            && quotes[0].1.contains("Und wir bleiben"),
        "{quotes:?}"
    );
}

#[test]
fn a_plain_click_elsewhere_still_drops_the_selection() {
    let (_tmp, ws) = project();
    let mut h = harness(ws, "anna");
    select_by_keys(&mut h, P1, 0, 4);
    assert!(h.state().text_selection.is_some());
    let rect = paragraph_rect(&h, P2);
    let at = Pos2::new(rect.left() + 40.0, rect.center().y);
    h.drag_at(at);
    h.drop_at(at);
    h.run();
    assert_eq!(h.state().text_selection, None);
}

/// The text (code points `start..end`) of the window's current selection.
fn chosen(h: &egui_kittest::Harness<'_, spanbench::ui::SpanbenchApp>) -> String {
    let (start, end) = h.state().text_selection.expect("a selection");
    let text = &h.state().view.as_ref().unwrap().doc.text;
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn a_drag_from_one_paragraph_into_the_next_selects_across() {
    let (_tmp, ws) = project();
    let mut h = harness(ws, "anna");
    let (r1, r2) = (paragraph_rect(&h, P1), paragraph_rect(&h, P2));
    h.drag_at(Pos2::new(r1.left() + 1.0, r1.center().y));
    h.run();
    h.hover_at(Pos2::new(r1.left() + 60.0, r1.center().y));
    h.run();
    // Past the middle of the second paragraph, on its line.
    let end = Pos2::new(r2.left() + 150.0, r2.center().y);
    h.hover_at(end);
    h.run();
    h.drop_at(end);
    h.run();
    let text = chosen(&h);
    assert!(
        text.starts_with("„Wir haben alles geprüft.\n\nUnd wir")
            && text.len() < P1.len() + P2.len(),
        "{text:?}"
    );
    // The selection outlives the release, and a label key tags it as one quote.
    h.run();
    assert_eq!(chosen(&h), text);
    h.key_press(Key::Q);
    h.run();
    let quotes = stored(&h, "i");
    assert_eq!(quotes.len(), 1, "one annotation: {quotes:?}");
    assert!(quotes[0].1.contains("geprüft.\n\nUnd wir"), "{quotes:?}");
}

#[test]
fn shift_arrows_carry_the_selection_over_the_boundary_and_back() {
    let (_tmp, ws) = project();
    let mut h = harness(ws, "anna");
    select_by_keys(&mut h, P1, 0, P1.chars().count());
    assert_eq!(chosen(&h), P1);
    for _ in 0..4 {
        h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
        h.run();
    }
    assert_eq!(chosen(&h), format!("{P1}\n\nUnd"));
    for _ in 0..5 {
        h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
        h.run();
    }
    // Back in the first paragraph, its own widget goes on from where the stretch ended.
    assert_eq!(chosen(&h), "„Wir haben alles geprüft");
    h.key_press(Key::Q);
    h.run();
    assert_eq!(stored(&h, "i").len(), 1);
}

#[test]
fn shift_down_at_the_last_line_goes_on_into_the_next_paragraph() {
    let (_tmp, ws) = project();
    let mut h = harness(ws, "anna");
    select_by_keys(&mut h, P1, 0, 4);
    // The first Shift+Down takes the selection to the end of its (one-line) paragraph, the
    // second carries it into the next one, under the same place.
    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
        h.run();
    }
    let text = chosen(&h);
    assert!(text.starts_with(&format!("{P1}\n\nUnd")), "{text:?}");
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowUp);
    h.run();
    assert_eq!(
        chosen(&h),
        P1,
        "Shift+Up comes back to the end of the first line"
    );
}
