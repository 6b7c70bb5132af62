//! The search window (issue "An annotator's full day", item 12), driven as a user would:
//! Ctrl+F, type, Enter, click a hit, tag it with a key; "Tag all" in one undo step.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};
use spanbench::model::{Document, DocumentRecord, Schema};
use spanbench::ui::SpanbenchApp;
use spanbench::workspace::Workspace;

mod common;
use common::ui::stored;

/// Three documents; "Krause" stands twice in the first, once in the third, never in the second.
fn app() -> (tempfile::TempDir, Harness<'static, SpanbenchApp>) {
    let tmp = tempfile::tempdir().unwrap();
    let mut ws = Workspace::create(&tmp.path().join("p"), "Suche", Schema::default_news()).unwrap();
    let docs = [
        (
            "eins",
            "Erster Artikel",
            "Erster Artikel\n\n„Wir können das“, sagte Krause.\n\nDas Amt widersprach Petra Krause am Dienstag.\n",
        ),
        (
            "zwei",
            "Zweiter Artikel",
            "Zweiter Artikel\n\nNoch ein Text ohne den Namen.\n",
        ),
        (
            "drei",
            "Dritter Artikel",
            "Dritter Artikel\n\nAuch Krause äußerte sich.\n",
        ),
    ];
    let records: Vec<DocumentRecord> = docs
        .into_iter()
        .map(|(id, title, text)| {
            DocumentRecord::bare(
                Document::new(id.into(), title.into(), text.into(), Default::default()),
                true,
            )
        })
        .collect();
    ws.store.import_records(&records, &mut |_, _| {}).unwrap();
    (tmp, common::ui::harness(ws, "anna"))
}

/// Searches for "Krause", opens the hit in the third document and tags it as speaker by key.
fn tag_the_third_krause_by_hand(h: &mut Harness<'_, SpanbenchApp>) {
    search_for(h, "Krause");
    h.get_by_label_contains("äußerte sich").click();
    h.run();
    h.key_press(Key::S);
    h.run();
}

fn search_for(h: &mut Harness<'_, SpanbenchApp>, words: &str) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    assert!(h.state().search.open, "Ctrl+F opens the search window");
    h.get(By::new().role(Role::TextInput).label("Find"))
        .type_text(words);
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

#[test]
fn a_name_is_found_across_documents_and_a_hit_is_tagged_with_one_key() {
    let (_tmp, mut h) = app();
    search_for(&mut h, "krause");
    h.get_by_label_contains("3 hits in 2 documents");
    // The typed letters went into the field, not to the label keys.
    for doc in ["eins", "zwei", "drei"] {
        assert!(stored(&h, doc).is_empty(), "{doc}");
    }
    // The sidebar takes the document list's place; hits are grouped under their documents'
    // titles, and a document without a hit has no heading.
    assert_eq!(h.query_all_by_label("Erster Artikel").count(), 1);
    assert_eq!(h.query_all_by_label("Dritter Artikel").count(), 1);
    assert_eq!(h.query_all_by_label("Zweiter Artikel").count(), 0);
    // The third hit: the document opens with the name selected, and S tags it as speaker.
    h.get_by_label_contains("äußerte sich").click();
    h.run();
    assert_eq!(h.state().current_doc(), Some("drei"));
    assert!(h.state().text_selection.is_some());
    h.key_press(Key::S);
    h.run();
    assert_eq!(
        stored(&h, "drei"),
        [("speaker".to_string(), "Krause".to_string())]
    );
    // F3 wraps to the first hit, in the first document.
    h.key_press(Key::F3);
    h.run();
    assert_eq!(h.state().current_doc(), Some("eins"));
    assert_eq!(h.state().search.current, Some(0));
}

#[test]
fn tag_all_hits_is_one_step_and_skips_what_is_tagged_already() {
    let (_tmp, mut h) = app();
    tag_the_third_krause_by_hand(&mut h);
    h.get_by_label("Tag all 3 as speaker").click();
    h.run();
    assert_eq!(stored(&h, "eins").len(), 2);
    assert_eq!(
        stored(&h, "drei").len(),
        1,
        "the one tagged by hand is not doubled"
    );
    assert!(stored(&h, "zwei").is_empty());
    assert!(
        h.state()
            .status
            .contains("2 hits tagged as speaker in 1 document"),
        "{}",
        h.state().status
    );
    // One Ctrl+Z takes back every hit tagged at once, and only those.
    h.key_press(Key::Escape);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(stored(&h, "eins").is_empty());
    assert_eq!(stored(&h, "drei").len(), 1);
}

#[test]
fn annotations_are_searched_by_label_and_opened_in_their_layer() {
    let (_tmp, mut h) = app();
    tag_the_third_krause_by_hand(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get(By::new().role(Role::RadioButton).label("Annotations"))
        .click();
    h.run();
    let field = h.get(By::new().role(Role::TextInput).label("Find"));
    field.click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get(By::new().role(Role::TextInput).label("Find"))
        .type_text("label:speaker by:anna");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label_contains("1 annotation");
    h.get_by_label_contains("speaker · anna").click();
    h.run();
    assert_eq!(h.state().current_doc(), Some("drei"));
    assert!(h.state().selected_id.is_some());
}
