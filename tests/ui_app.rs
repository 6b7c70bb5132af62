//! The window, driven like a user would: drag and keys, buttons found by their labels; each
//! test asserts on the app's state and on what the database holds afterwards.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};
use spanbench::model::{Annotation, DocStatus, Document, DocumentRecord, Fragment, Schema};
use spanbench::store::LayerFilter;
use spanbench::ui::SpanbenchApp;
use spanbench::workspace::Workspace;

mod common;
use common::ui::{drag_over, paragraph_rect, select_by_keys, stored};

const P1: &str = "„Wir können das“, sagte Krause.";
const P2: &str = "Das Amt widersprach am Dienstag.";

/// A project with two short documents, opened for annotator anna.
fn app() -> (tempfile::TempDir, Harness<'static, SpanbenchApp>) {
    let tmp = tempfile::tempdir().unwrap();
    let mut ws =
        Workspace::create(&tmp.path().join("p"), "Testprojekt", Schema::default_news()).unwrap();
    let docs = [
        (
            "eins",
            "Erster Artikel",
            format!("Erster Artikel\n\n{P1}\n\n{P2}\n"),
        ),
        (
            "zwei",
            "Zweiter Artikel",
            "Zweiter Artikel\n\nNoch ein Text.\n".to_string(),
        ),
    ];
    let records: Vec<DocumentRecord> = docs
        .into_iter()
        .map(|(id, title, text)| {
            DocumentRecord::bare(
                Document::new(id.into(), title.into(), text, Default::default()),
                true,
            )
        })
        .collect();
    ws.store.import_records(&records, &mut |_, _| {}).unwrap();
    (tmp, common::ui::harness(ws, "anna"))
}

/// The annotation `id` of `who` over the `nth` place (from 0) where `needle` stands in `text`.
fn span_of(who: &str, id: &str, label: &str, text: &str, needle: &str, nth: usize) -> Annotation {
    let byte = text
        .match_indices(needle)
        .nth(nth)
        .expect("needle in text")
        .0;
    let start = text[..byte].chars().count();
    Annotation {
        origin: Default::default(),
        id: id.into(),
        annotator: who.into(),
        label: label.into(),
        fragments: vec![Fragment::new(start, start + needle.chars().count())],
        text: needle.into(),
        attributes: Default::default(),
        note: String::new(),
    }
}

/// A project holding one document (`id`, `title`, `text`) with `annotations`.
fn one_document(
    id: &str,
    title: &str,
    text: &str,
    annotations: Vec<Annotation>,
) -> (tempfile::TempDir, Workspace) {
    let tmp = tempfile::tempdir().unwrap();
    let mut ws =
        Workspace::create(&tmp.path().join("p"), "Testprojekt", Schema::default_news()).unwrap();
    let mut record = DocumentRecord::bare(
        Document::new(id.into(), title.into(), text.into(), Default::default()),
        true,
    );
    record.annotations = annotations;
    ws.store.import_records(&[record], &mut |_, _| {}).unwrap();
    (tmp, ws)
}

/// The app on `ws` for anna in a window of `size`, one frame run.
fn harness_sized(ws: Workspace, size: egui::Vec2) -> Harness<'static, SpanbenchApp> {
    let app = SpanbenchApp::new(ws, "anna".into());
    let mut h = Harness::builder()
        .with_size(size)
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut SpanbenchApp| app.show(ui), app);
    h.run();
    h
}

/// Steps the harness until the background export has ended (at most 20 s).
fn wait_for_export(h: &mut Harness<'_, SpanbenchApp>) {
    let started = std::time::Instant::now();
    while h.state().export_task.is_some() && started.elapsed() < std::time::Duration::from_secs(20)
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
}

/// The text of an article of 60 numbered paragraphs.
fn sixty_paragraphs() -> String {
    let paragraphs: Vec<String> = (1..=60)
        .map(|n| format!("Absatz Nummer {n} mit etwas Text."))
        .collect();
    format!("Titel\n\n{}\n", paragraphs.join("\n\n"))
}

fn relations(h: &Harness<'_, SpanbenchApp>, doc: &str) -> Vec<(String, String, String)> {
    let ws = h.state().ws.as_ref().unwrap();
    let (anns, rels) = ws
        .store
        .layer(doc, &LayerFilter::Only(vec!["anna".into()]))
        .unwrap();
    let text = |id: &str| {
        anns.iter()
            .find(|a| a.id == id)
            .map(|a| a.text.clone())
            .unwrap_or_default()
    };
    rels.into_iter()
        .map(|r| (r.kind.clone(), text(&r.from), text(&r.to)))
        .collect()
}

#[test]
fn opens_on_the_first_unfinished_document() {
    let (_tmp, h) = app();
    assert_eq!(h.state().current_doc(), Some("eins"));
    // In the list; the text begins with the title, so it is not repeated as a heading.
    assert_eq!(h.get_all_by_label("Erster Artikel").count(), 1);
    assert!(
        h.query(
            By::new()
                .role(Role::MultilineTextInput)
                .value("Erster Artikel")
        )
        .is_some(),
        "the open document's first line"
    );
    assert_eq!(
        h.get_all_by_label("Zweiter Artikel").count(),
        1,
        "in the list only"
    );
    paragraph_rect(&h, P1);
    h.get_by_label("quote [1 Q]");
}

#[test]
fn drag_a_selection_and_tag_it_by_hotkey() {
    let (_tmp, mut h) = app();
    drag_over(&mut h, P1);
    assert!(h.state().text_selection.is_some(), "the drag selected text");
    h.key_press(Key::Q);
    h.run();
    assert_eq!(stored(&h, "eins"), [("quote".to_string(), P1.to_string())]);
    assert!(
        h.state().status.starts_with("Quote added"),
        "{}",
        h.state().status
    );
    let ws = h.state().ws.as_ref().unwrap();
    assert_eq!(
        ws.store.status("eins", "anna").unwrap(),
        DocStatus::InProgress
    );
}

#[test]
fn select_by_keyboard_and_tag_by_button_then_undo_and_redo() {
    let (_tmp, mut h) = app();
    select_by_keys(&mut h, P1, 0, 5);
    h.get_by_label("speaker [4 S]").click();
    h.run();
    // Five characters are "„Wir " — the trailing space is trimmed.
    assert_eq!(
        stored(&h, "eins"),
        [("speaker".to_string(), "„Wir".to_string())]
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(stored(&h, "eins").is_empty(), "Ctrl+Z undid the tag");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(stored(&h, "eins").len(), 1, "Ctrl+Shift+Z redid it");
    h.get_by_label("Undo").click();
    h.run();
    assert!(stored(&h, "eins").is_empty(), "the Undo button works too");
}

#[test]
fn nested_spans_discontinuous_fragments_and_a_link() {
    let (_tmp, mut h) = app();
    // The whole quote, then the speaker inside it ("Krause" starts at code point 24).
    drag_over(&mut h, P1);
    h.key_press(Key::Num1);
    h.run();
    select_by_keys(&mut h, P1, 24, 6);
    h.key_press(Key::S);
    h.run();
    assert_eq!(
        stored(&h, "eins"),
        [
            ("quote".to_string(), P1.to_string()),
            ("speaker".to_string(), "Krause".to_string())
        ]
    );

    // Select the quote with Tab, drag over the second paragraph, F adds it as a fragment.
    h.key_press(Key::Escape);
    h.key_press(Key::Tab);
    h.run();
    assert!(
        h.state().selected_id.is_some(),
        "Tab selects the first annotation"
    );
    drag_over(&mut h, P2);
    h.key_press(Key::F);
    h.run();
    assert_eq!(
        stored(&h, "eins")[0],
        ("quote".to_string(), format!("{P1} {P2}"))
    );

    // L opens the picker with the speaker nearest first; Enter links.
    h.key_press(Key::L);
    h.run();
    assert!(h.state().link_picker.is_some());
    h.get_by_label_contains("attribution “Krause”");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        relations(&h, "eins"),
        [(
            "attribution".to_string(),
            format!("{P1} {P2}"),
            "Krause".to_string()
        )]
    );
    assert!(h.state().link_picker.is_none());
}

#[test]
fn relabel_note_and_delete_from_the_panel() {
    let (_tmp, mut h) = app();
    drag_over(&mut h, P2);
    h.key_press(Key::C);
    h.run();
    assert_eq!(stored(&h, "eins"), [("claim".to_string(), P2.to_string())]);
    // The panel shows the selected annotation; relabel it with the panel's label button.
    h.get_all_by_label("rebuttal")
        .next()
        .expect("label button in the panel")
        .click();
    h.run();
    assert_eq!(stored(&h, "eins")[0].0, "rebuttal", "{}", h.state().status);

    let note = h.get(By::new().role(Role::MultilineTextInput).value(""));
    note.click();
    h.run();
    h.get(By::new().role(Role::MultilineTextInput).value(""))
        .type_text("prüfen 👀");
    h.run();
    let ws = h.state().ws.as_ref().unwrap();
    let (anns, _) = ws.store.layer("eins", &LayerFilter::All).unwrap();
    assert_eq!(anns[0].note, "prüfen 👀");
    // Letter keys typed into the note did not tag anything.
    assert_eq!(stored(&h, "eins").len(), 1);

    h.get_by_label("Delete annotation (Del)").click();
    h.run();
    assert!(stored(&h, "eins").is_empty());
}

#[test]
fn mark_done_and_move_on() {
    let (_tmp, mut h) = app();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    let ws = h.state().ws.as_ref().unwrap();
    assert_eq!(ws.store.status("eins", "anna").unwrap(), DocStatus::Done);
    assert_eq!(
        h.state().current_doc(),
        Some("zwei"),
        "the next unfinished document opened"
    );
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    h.run();
    assert_eq!(h.state().current_doc(), Some("eins"));
}

/// Another annotator's layer, chosen under "layer shown", can be looked at but not changed:
/// neither one's own layer nor the one shown takes the tag.
#[test]
fn another_annotators_layer_is_read_only() {
    let text = format!("Erster Artikel\n\n{P1}\n\n{P2}\n");
    let bens = span_of("ben", "b1", "claim", &text, P2, 0);
    let (_tmp, ws) = one_document("eins", "Erster Artikel", &text, vec![bens]);
    let mut h = common::ui::harness(ws, "anna");
    h.get_by_label("layer shown").click();
    h.run();
    h.get_by_label("ben (read-only)").click();
    h.run();
    assert_eq!(h.state().layer, "ben");
    drag_over(&mut h, P1);
    h.key_press(Key::Q);
    h.run();
    assert!(stored(&h, "eins").is_empty(), "anna's layer took nothing");
    let ws = h.state().ws.as_ref().unwrap();
    let (bens, _) = ws
        .store
        .layer("eins", &LayerFilter::Only(vec!["ben".into()]))
        .unwrap();
    let bens: Vec<(String, String)> = bens.into_iter().map(|a| (a.label, a.text)).collect();
    assert_eq!(
        bens,
        [("claim".to_string(), P2.to_string())],
        "ben's layer is unchanged"
    );
    assert!(
        h.state().status.contains("read-only"),
        "{}",
        h.state().status
    );
}

#[test]
fn a_broken_project_ron_opens_a_window_that_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    Workspace::create(&dir, "x", Schema::default_news()).unwrap();
    std::fs::write(
        dir.join("project.ron"),
        "Project(name: \"x\", schema: Schema(labels: [Label(name: \"q\"",
    )
    .unwrap();
    let args = spanbench::ui::GuiOptions {
        project: Some(dir),
        annotator: Some("anna".into()),
    };
    let app = spanbench::ui::build_app(args, tmp.path().join("config/settings.ron")).unwrap();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1000.0, 600.0))
        .build_ui_state(|ui, app: &mut SpanbenchApp| app.show(ui), app);
    h.run();
    h.get_by_label("spanbench could not open this project");
    h.get_by_label_contains("project.ron:1:");
    h.get_by_label("Open the demo project");
}

#[test]
fn settings_change_the_look_and_persist_and_a_broken_file_is_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    Workspace::create(&dir, "x", Schema::default_news()).unwrap();
    let settings = tmp.path().join("config/settings.ron");
    std::fs::create_dir_all(settings.parent().unwrap()).unwrap();
    std::fs::write(&settings, "(font_size: \"big\")").unwrap();
    let args = spanbench::ui::GuiOptions {
        project: Some(dir.clone()),
        annotator: Some("anna".into()),
    };
    let app = spanbench::ui::build_app(args, settings.clone()).unwrap();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut SpanbenchApp| app.show(ui), app);
    h.run();
    assert_eq!(
        std::fs::read_to_string(&settings).unwrap(),
        "(font_size: \"big\")",
        "opening a project leaves a broken settings file as it is"
    );
    assert!(
        h.state().status.contains("settings.ron:1:"),
        "{}",
        h.state().status
    );
    assert_eq!(h.state().settings.font_size, 17.0, "defaults stand in");

    h.get_by_label("Project").click();
    h.run();
    h.get_by_label("Settings").click();
    h.run();
    h.get_by_label("light").click();
    h.run();
    assert_eq!(h.state().settings.theme, spanbench::settings::Theme::Light);
    assert!(
        !h.ctx.global_style().visuals.dark_mode,
        "the light theme is applied"
    );
    h.get_by_label("Snap selections to whole words (hold Alt while tagging for exact characters)")
        .click();
    h.run();
    assert!(!h.state().settings.snap_to_words);

    let (saved, problem) = spanbench::settings::Settings::load(&settings);
    assert_eq!(problem, None);
    assert_eq!(saved.theme, spanbench::settings::Theme::Light);
    assert!(!saved.snap_to_words);
    assert_eq!(
        saved.recent_projects,
        vec![dir.canonicalize().unwrap()],
        "the project is remembered"
    );
    assert!(
        settings.with_extension("ron.broken").exists(),
        "the broken file was kept aside"
    );
}

#[test]
fn alt_tags_exactly_and_the_hint_can_be_dismissed() {
    let (_tmp, mut h) = app();
    h.get_by_label("Got it").click();
    h.run();
    assert!(!h.state().show_hint);
    assert!(h.state().settings.hint_dismissed);
    // Select "Wir k" (code points 1..6) and tag with Alt+Q: no snapping to "Wir können".
    select_by_keys(&mut h, P1, 1, 5);
    h.key_press_modifiers(Modifiers::ALT, Key::Q);
    h.run();
    assert_eq!(
        stored(&h, "eins"),
        [("quote".to_string(), "Wir k".to_string())]
    );
}

#[test]
fn import_in_the_background_then_open_another_project_by_path() {
    let (tmp, mut h) = app();
    let folder = tmp.path().join("neu");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("dritter.txt"),
        "Dritter Artikel\n\n„Ja“, sagte sie.",
    )
    .unwrap();

    common::ui::file_window(&mut h, "Import…", &folder, "Import");
    // The import thread asks for repaints while it works: step, do not wait to settle.
    h.run_steps(2);
    let started = std::time::Instant::now();
    while h.state().import_task.is_some() && started.elapsed() < std::time::Duration::from_secs(20)
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    assert!(h.state().import_task.is_none(), "the import finished");
    assert!(
        h.state().status.contains("1 new documents"),
        "{}",
        h.state().status
    );
    assert!(
        h.state().docs.iter().any(|d| d.id == "dritter"),
        "the list shows the new document"
    );
    assert_eq!(
        h.state()
            .ws
            .as_ref()
            .unwrap()
            .store
            .document_count()
            .unwrap(),
        3
    );

    // Open another project by typing its folder (works where no native dialog can appear).
    let other = tmp.path().join("anderes");
    Workspace::create(&other, "Anderes Projekt", Schema::default_news()).unwrap();
    common::ui::file_window(&mut h, "Open…", &other, "Open");
    h.run();
    assert_eq!(
        h.state().ws.as_ref().unwrap().project.name,
        "Anderes Projekt"
    );
    assert!(h.state().docs.is_empty());
}

#[test]
fn adjust_a_boundary_then_link_to_a_new_speaker_from_the_selection() {
    let (_tmp, mut h) = app();
    select_by_keys(&mut h, P1, 0, 16);
    h.key_press(Key::Q);
    h.run();
    assert_eq!(
        stored(&h, "eins"),
        [("quote".to_string(), "„Wir können das“".to_string())]
    );

    // The quote stays selected; drag over the whole paragraph and Shift+F moves it there.
    drag_over(&mut h, P1);
    h.key_press_modifiers(Modifiers::SHIFT, Key::F);
    h.run();
    assert_eq!(stored(&h, "eins"), [("quote".to_string(), P1.to_string())]);

    // Select "Krause" with the keyboard (clicking the quote keeps it selected), L, then the
    // picker's "new speaker" button: one step tags the speaker and links it.
    select_by_keys(&mut h, P1, 24, 6);
    h.key_press(Key::L);
    h.run();
    h.get_by_label("New speaker from the selection “Krause”")
        .click();
    h.run();
    assert_eq!(
        relations(&h, "eins"),
        [(
            "attribution".to_string(),
            P1.to_string(),
            "Krause".to_string()
        )]
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        stored(&h, "eins").len(),
        1,
        "one undo takes back both the speaker and the link"
    );
    assert!(relations(&h, "eins").is_empty());
}

#[test]
fn clicking_a_link_in_the_panel_selects_the_other_end() {
    let (_tmp, mut h) = app();
    drag_over(&mut h, P1);
    h.key_press(Key::Q);
    h.run();
    select_by_keys(&mut h, P1, 24, 6);
    h.key_press(Key::L);
    h.run();
    h.get_by_label("New speaker from the selection “Krause”")
        .click();
    h.run();
    h.key_press(Key::Escape);
    h.key_press(Key::Tab);
    h.run();
    let quote = h.state().selected_id.clone().unwrap();
    h.get_by_label_contains("attribution → speaker “Krause”")
        .click();
    h.run();
    let selected = h.state().selected_id.clone().unwrap();
    assert_ne!(selected, quote);
    let view = h.state().view.as_ref().unwrap();
    assert_eq!(view.annotation(&selected).unwrap().label, "speaker");
}

#[test]
fn export_from_the_window_in_the_background() {
    let (tmp, mut h) = app();
    drag_over(&mut h, P1);
    h.key_press(Key::Q);
    h.run();
    h.get_by_label("Project").click();
    h.run();
    h.get_by_label("Export…").click();
    h.run();
    // Beside the project, not inside it (where nothing may be written).
    let default_out = tmp.path().join("p-export.jsonl").display().to_string();
    let field = || By::new().role(Role::TextInput).value(&default_out);
    h.get(field()).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    let out = tmp.path().join("data.conll");
    h.get(field()).type_text(&out.display().to_string());
    h.run();
    h.get_by_label("format").click();
    h.run();
    h.get_by_label("conll").click();
    h.run();
    h.get_by_label("Export").click();
    h.run_steps(2);
    wait_for_export(&mut h);
    assert!(
        h.state()
            .status
            .starts_with("Exported 2 documents, 1 annotations"),
        "{}",
        h.state().status
    );
    let conll = std::fs::read_to_string(&out).unwrap();
    assert!(
        conll.starts_with("-DOCSTART- O O O O\n") && conll.contains("Wir I-quote O O O\n"),
        "{conll}"
    );
    assert!(
        tmp.path().join("data.conll.README.md").is_file(),
        "the data card is beside it"
    );
}

#[test]
fn a_schema_with_ten_thousand_labels_shows_a_few_buttons_and_a_menu() {
    let tmp = tempfile::tempdir().unwrap();
    let mut schema = Schema::default_news();
    for i in 0..10_000 {
        schema.labels.push(spanbench::model::schema::LabelDef {
            name: format!("label{i}"),
            colour: "#0072B2".into(),
            hotkeys: Vec::new(),
            description: String::new(),
            attributes: Vec::new(),
        });
    }
    let mut ws = Workspace::create(&tmp.path().join("p"), "Viele", schema).unwrap();
    let doc = Document::new(
        "d".into(),
        "D".into(),
        format!("D\n\n{P1}\n"),
        Default::default(),
    );
    ws.store
        .import_records(&[DocumentRecord::bare(doc, true)], &mut |_, _| {})
        .unwrap();
    let mut h = common::ui::harness(ws, "anna");
    assert!(
        h.query_by_label_contains("label9999").is_none(),
        "no wall of buttons"
    );
    drag_over(&mut h, P1);
    h.get_by_label("9995 more labels…").click();
    h.run();
    // The default four and label0–label4 have buttons; label5 is the first in the menu.
    h.get_by_label("label5").click();
    h.run();
    assert_eq!(
        stored(&h, "d"),
        vec![("label5".to_string(), P1.to_string())]
    );
}

#[test]
fn the_sheet_of_keys_lists_the_schemas_keys_and_a_clash_is_refused() {
    let (_tmp, mut h) = app();
    h.key_press(Key::Questionmark);
    h.run();
    h.get_by_label("Ctrl+Shift+Z / Ctrl+Y");
    h.get_by_label("Delete / Backspace");
    h.get_by_label("Alt+2 / Alt+C");
    h.get_by_label_contains("tag the selection as rebuttal");

    let tmp = tempfile::tempdir().unwrap();
    let mut schema = Schema::default_news();
    schema.labels[0].hotkeys.push("L".into());
    let ws = Workspace::create(&tmp.path().join("p"), "Klash", schema).unwrap();
    let app = SpanbenchApp::new(ws, "anna".into());
    let problem = app.problem.expect("refused");
    assert!(problem.contains("key L of label 'quote'"), "{problem}");
    assert!(problem.contains("link the selected"), "{problem}");
}

#[test]
fn a_long_import_can_be_cancelled_and_imports_nothing() {
    let (tmp, mut h) = app();
    let folder = tmp.path().join("viele");
    std::fs::create_dir_all(&folder).unwrap();
    for i in 0..1500 {
        std::fs::write(
            folder.join(format!("artikel-{i:04}.txt")),
            format!("Artikel {i}\n\n„Ja“, sagte sie zum {i}. Mal."),
        )
        .unwrap();
    }
    common::ui::file_window(&mut h, "Import…", &folder, "Import");
    h.run_steps(2);
    assert!(h.state().import_task.is_some(), "the import runs");
    h.get_by_label("Cancel").click();
    h.run_steps(1);
    let started = std::time::Instant::now();
    while h.state().import_task.is_some() && started.elapsed() < std::time::Duration::from_secs(60)
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    assert!(h.state().import_task.is_none(), "the import ended");
    assert_eq!(h.state().status, "Import cancelled — nothing was imported.");
    let ws = h.state().ws.as_ref().unwrap();
    assert_eq!(
        ws.store.document_count().unwrap(),
        2,
        "nothing was imported"
    );
}

#[test]
fn typing_into_a_field_never_acts_on_the_selected_annotation() {
    let (_tmp, mut h) = app();
    drag_over(&mut h, P1);
    h.key_press(Key::Q);
    h.run();
    assert!(h.state().selected_id.is_some(), "the new quote is selected");
    // Project → Import…, then type a path with an 'r' (rebuttal) and a '2' (claim) in it.
    common::ui::type_into_path_field(&mut h, "Import…", "/srv/r2 f l");
    // A real keyboard sends key presses with the text: R (rebuttal), 2 (claim), F, L.
    for key in [Key::R, Key::Num2, Key::F, Key::L, Key::Delete] {
        h.key_press(key);
    }
    h.run();
    assert_eq!(
        stored(&h, "eins"),
        vec![("quote".to_string(), P1.to_string())]
    );
    assert!(h.state().link_picker.is_none(), "L did not start a link");
    assert!(
        !h.state().status.contains("deleted"),
        "{}",
        h.state().status
    );
}

#[test]
fn tab_walks_the_annotations_and_never_focuses_a_button() {
    let (_tmp, mut h) = app();
    drag_over(&mut h, P1);
    h.key_press(Key::Q);
    h.run();
    h.key_press(Key::Escape);
    h.run();
    for _ in 0..3 {
        h.key_press(Key::Tab);
        h.run();
    }
    assert!(
        h.state().selected_id.is_some(),
        "Tab selected the annotation"
    );
    h.key_press(Key::Enter);
    h.run();
    assert!(
        h.state().review.is_none(),
        "Enter did not press a button Tab had focused"
    );
    assert!(h.state().agreement.is_none());
    assert_eq!(stored(&h, "eins").len(), 1);
}

/// Issue "an annotator's full day", item 6: `spanbench` with no annotator reopens the project
/// as the person who worked on it last, on the document they had open.
#[test]
fn reopening_returns_to_the_last_annotator_and_document() {
    let (tmp, h) = app();
    let dir = h.state().ws.as_ref().unwrap().dir.clone();
    drop(h);
    let settings = tmp.path().join("config/settings.ron");
    let open = |annotator: Option<&str>| {
        let args = spanbench::ui::GuiOptions {
            project: Some(dir.clone()),
            annotator: annotator.map(String::from),
        };
        let app = spanbench::ui::build_app(args, settings.clone()).unwrap();
        let mut h = Harness::builder()
            .with_size(egui::vec2(1280.0, 800.0))
            .build_ui_state(|ui, app: &mut SpanbenchApp| app.show(ui), app);
        h.run();
        h
    };
    let mut h = open(Some("ben"));
    assert_eq!(
        h.state().current_doc(),
        Some("eins"),
        "the first unfinished"
    );
    h.get_by_label("Zweiter Artikel").click();
    h.run();
    assert_eq!(h.state().current_doc(), Some("zwei"));
    drop(h);

    let h = open(None);
    assert_eq!(
        h.state().annotator,
        "ben",
        "the last annotator, not the system user"
    );
    assert_eq!(h.state().current_doc(), Some("zwei"), "where ben was");
    drop(h);

    // Somebody else on the same machine starts at the first unfinished document.
    let h = open(Some("carla"));
    assert_eq!(h.state().annotator, "carla");
    assert_eq!(h.state().current_doc(), Some("eins"));
}

/// Issue "an annotator's full day", item 10: Enter takes "new speaker from the selection" when
/// it is the picker's only entry.
#[test]
fn enter_links_to_a_new_speaker_when_that_is_the_only_entry() {
    let (_tmp, mut h) = app();
    select_by_keys(&mut h, P1, 0, 16);
    h.key_press(Key::Q);
    h.run();
    select_by_keys(&mut h, P1, 24, 6);
    h.key_press(Key::L);
    h.run();
    assert!(h.state().link_picker.is_some());
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        relations(&h, "eins"),
        [(
            "attribution".to_string(),
            "„Wir können das“".to_string(),
            "Krause".to_string()
        )]
    );
    assert!(h.state().link_picker.is_none());
}

/// Issue "an annotator's full day", item 10: two speakers with the same name in one
/// paragraph are told apart in the link picker by the words before them.
#[test]
fn the_link_picker_tells_apart_candidates_with_the_same_text() {
    let text = "Titel\n\n„Ja“, sagte Krause, und Krause lachte.\n";
    let (_tmp, ws) = one_document(
        "d",
        "Titel",
        text,
        vec![
            span_of("anna", "q", "quote", text, "„Ja“", 0),
            span_of("anna", "s1", "speaker", text, "Krause", 0),
            span_of("anna", "s2", "speaker", text, "Krause", 1),
        ],
    );
    let mut h = common::ui::harness(ws, "anna");
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(h.state().selected_id.as_deref(), Some("q"));
    h.key_press(Key::L);
    h.run();
    h.get_by_label_contains("“Krause” (¶2) after “…„Ja“, sagte”");
    h.get_by_label_contains("“Krause” (¶2) after “…„Ja“, sagte Krause, und”")
        .click();
    h.run();
    let ws = h.state().ws.as_ref().unwrap();
    let (_, rels) = ws
        .store
        .layer("d", &LayerFilter::Only(vec!["anna".into()]))
        .unwrap();
    assert_eq!(rels.len(), 1);
    assert_eq!(rels[0].to, "s2", "the second Krause, as chosen");
}

/// Issue "an annotator's full day", item 10: "All links" (or Shift+L) draws every link of the
/// document, and the choice is kept in the settings.
#[test]
fn all_links_is_a_toggle_kept_in_the_settings() {
    let (_tmp, mut h) = app();
    assert!(!h.state().settings.show_all_links);
    h.get_by_label("All links").click();
    h.run();
    assert!(h.state().settings.show_all_links);
    h.key_press_modifiers(Modifiers::SHIFT, Key::L);
    h.run();
    assert!(
        !h.state().settings.show_all_links,
        "Shift+L toggles it back"
    );
}

/// Issue "an annotator's full day", item 4: tagging, linking and selecting never move the
/// article: the side panels keep their width whatever they show.
#[test]
fn the_article_stays_where_it_is_while_tagging_and_linking() {
    let speaker = "Bürgermeisterin Dr. Petra Krause-Wiesenthal-Oberndorfer";
    let text = format!("Titel\n\n„Wir können das“, sagte {speaker}.\n\nZweiter Absatz.\n");
    let (_tmp, ws) = one_document("d", "Titel", &text, Vec::new());
    let mut h = harness_sized(ws, egui::vec2(1000.0, 700.0));
    let para = format!("„Wir können das“, sagte {speaker}.");
    let place = |h: &Harness<'_, SpanbenchApp>| {
        let r = paragraph_rect(h, "Zweiter Absatz.");
        let panel = h.get_by_label("Annotations").rect();
        (r.left(), panel.left())
    };
    let before = place(&h);
    select_by_keys(&mut h, &para, 0, 16);
    h.key_press(Key::Q);
    h.run();
    select_by_keys(&mut h, &para, 24, speaker.chars().count());
    h.key_press(Key::L);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(relations(&h, "d").len(), 1, "linked");
    // The quote selected again: its details list the long link.
    h.key_press(Key::Tab);
    h.run();
    h.run();
    assert!(h.state().selected_id.is_some());
    assert_eq!(before, place(&h), "the article or the panel moved sideways");
}

/// Issue "an annotator's full day", item 4: a panel's width set by dragging its edge is kept
/// in the settings, and the next window starts with it.
#[test]
fn a_panel_width_set_by_dragging_is_kept() {
    let (_tmp, mut h) = app();
    let edge = h.get_by_label("Annotations").rect().left() - 8.0;
    let before = h.state().settings.panel_widths;
    assert_eq!(before, None);
    h.drag_at(egui::pos2(edge, 500.0));
    h.run();
    for dx in [10.0, 30.0, 60.0] {
        h.hover_at(egui::pos2(edge - dx, 500.0));
        h.run();
    }
    h.drop_at(egui::pos2(edge - 60.0, 500.0));
    h.run();
    let (_, anns) = h.state().settings.panel_widths.expect("the width was kept");
    assert!((anns - 390.0).abs() < 3.0, "about 330 + 60: {anns}");
    // The article stays where it is while selecting afterwards.
    let panel = h.get_by_label("Annotations").rect().left();
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(panel, h.get_by_label("Annotations").rect().left());
}

/// Issue "an annotator's full day", item 4: choosing an annotation in the list scrolls only
/// when it is out of view.
#[test]
fn the_list_scrolls_the_article_only_to_bring_an_annotation_into_view() {
    let text = sixty_paragraphs();
    let claims = vec![
        span_of("anna", "a30", "claim", &text, "Absatz Nummer 30", 0),
        span_of("anna", "a32", "claim", &text, "Absatz Nummer 32", 0),
    ];
    let (_tmp, ws) = one_document("d", "Titel", &text, claims);
    let mut h = common::ui::harness(ws, "anna");
    h.get_by_label_contains("claim  Absatz Nummer 30").click();
    h.run();
    h.run();
    let para31 = "Absatz Nummer 31 mit etwas Text.";
    let before = paragraph_rect(&h, para31).top();
    h.get_by_label_contains("claim  Absatz Nummer 32").click();
    h.run();
    h.run();
    assert_eq!(h.state().selected_id.as_deref(), Some("a32"));
    assert_eq!(
        before,
        paragraph_rect(&h, para31).top(),
        "the article moved though the annotation was in view"
    );
}

/// A project with one article of 60 numbered paragraphs, opened for anna in a window of
/// `size`.
fn long_article(size: egui::Vec2) -> (tempfile::TempDir, Harness<'static, SpanbenchApp>) {
    let (tmp, ws) = one_document("d", "Titel", &sixty_paragraphs(), Vec::new());
    (tmp, harness_sized(ws, size))
}

/// Whether a paragraph is laid out on screen.
fn on_screen(h: &Harness<'_, SpanbenchApp>, text: &str) -> bool {
    h.query(By::new().role(Role::MultilineTextInput).value(text))
        .is_some_and(|n| n.rect().top() >= 0.0 && n.rect().bottom() <= 800.0)
}

/// Issue "an annotator's full day", item 5: PageDown, PageUp, End and Home scroll the article.
#[test]
fn page_keys_home_and_end_scroll_the_article() {
    let (_tmp, mut h) = long_article(egui::vec2(1280.0, 800.0));
    let first = "Absatz Nummer 1 mit etwas Text.";
    let last = "Absatz Nummer 60 mit etwas Text.";
    assert!(on_screen(&h, first) && !on_screen(&h, last));
    let top = paragraph_rect(&h, first).top();
    h.key_press(Key::PageDown);
    h.run();
    h.run();
    assert!(!on_screen(&h, first), "PageDown moved a screen down");
    h.key_press(Key::PageUp);
    h.run();
    h.run();
    assert_eq!(paragraph_rect(&h, first).top(), top, "PageUp came back");
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    h.run();
    h.run();
    assert!(on_screen(&h, last), "Ctrl+End shows the end");
    h.key_press(Key::Home);
    h.run();
    h.run();
    assert!(on_screen(&h, first), "Home shows the beginning");
}

/// Issue "an annotator's full day", item 5: a narrow window hides the side panels instead of
/// squeezing the article; F7 and F8 bring them back.
#[test]
fn a_narrow_window_gives_the_article_room_and_f7_f8_toggle_the_panels() {
    let (_tmp, mut h) = long_article(egui::vec2(800.0, 600.0));
    assert!(
        h.query_by_label("Documents").is_none(),
        "documents panel hidden"
    );
    assert!(
        h.query_by_label("Annotations").is_some(),
        "annotations panel shown"
    );
    let width = paragraph_rect(&h, "Absatz Nummer 1 mit etwas Text.").width();
    assert!(width > 350.0, "the article has room: {width}");
    h.key_press(Key::F7);
    h.run();
    assert!(
        h.query_by_label("Documents").is_some(),
        "F7 shows the documents"
    );
    h.key_press(Key::F8);
    h.run();
    assert!(
        h.query_by_label("Annotations").is_none(),
        "F8 hides the annotations"
    );
}

/// Issue "an annotator's full day", item 3: the Export window offers status, offsets and a
/// split as the command line does, and a split writes a folder named after it.
#[test]
fn export_window_with_status_offsets_and_a_split() {
    let (tmp, mut h) = app();
    h.get_by_label("Project").click();
    h.run();
    h.get_by_label("Export…").click();
    h.run();
    h.get_by_label("documents").click();
    h.run();
    h.get_by_label("any status").click();
    h.run();
    h.get_by_label("offsets").click();
    h.run();
    h.get_by_label("utf16").click();
    h.run();
    let split = || By::new().role(Role::TextInput).label("split");
    h.get(split()).click();
    h.run();
    h.get(split()).type_text("train=0.5,test=0.5");
    h.run();
    let folder = tmp.path().join("p-export");
    assert_eq!(
        h.state().export_window.as_ref().unwrap().out,
        folder.display().to_string(),
        "a split writes a folder, and the proposed name says so"
    );
    h.get_by_label("Export").click();
    h.run_steps(2);
    wait_for_export(&mut h);
    let lines = |part: &str| {
        std::fs::read_to_string(folder.join(format!("{part}.jsonl")))
            .unwrap()
            .lines()
            .count()
    };
    assert_eq!(lines("train") + lines("test"), 2, "{}", h.state().status);
    let card = std::fs::read_to_string(folder.join("README.md")).unwrap();
    assert!(card.contains("- offsets: utf16"), "{card}");
    assert!(card.contains("split by document, seed 0"), "{card}");
}

/// Issue "an annotator's full day", item 11: a title made from the first line is not shown a
/// second time as a heading above that line.
#[test]
fn the_first_line_is_not_repeated_as_a_heading() {
    let (_tmp, h) = app();
    // "Erster Artikel" is the document's title and its first line: once in the list of
    // documents, once as the text itself, no heading.
    assert_eq!(h.query_all_by_label("Erster Artikel").count(), 1);
    assert!(
        h.query(
            By::new()
                .role(Role::MultilineTextInput)
                .value("Erster Artikel")
        )
        .is_some()
    );
}

/// Issue "an annotator's full day", item 6: the toolbar switches to another annotator, or a
/// new one, whose layer then takes the edits; the switch is remembered.
#[test]
fn switch_to_a_new_annotator_from_the_toolbar() {
    let (_tmp, mut h) = app();
    drag_over(&mut h, P2);
    h.key_press(Key::C);
    h.run();
    let annas = stored(&h, "eins");
    assert_eq!(annas.len(), 1);
    h.get_by_label("Annotator: anna").click();
    h.run();
    // The menu's field for a new name: the text input on the "Switch" button's line (the
    // other one is the documents' filter).
    let y = h.get_by_label("Switch").rect().center().y;
    fn on_line<'h>(h: &'h Harness<'static, SpanbenchApp>, y: f32) -> egui_kittest::Node<'h> {
        h.query_all(By::new().role(Role::TextInput))
            .find(|n| (n.rect().center().y - y).abs() < 4.0)
            .expect("the new annotator field")
    }
    on_line(&h, y).click();
    h.run();
    on_line(&h, y).type_text("carla");
    h.run();
    h.get_by_label("Switch").click();
    h.run();
    assert_eq!(h.state().annotator, "carla");
    assert_eq!(h.state().layer, "carla");
    assert!(h.state().editable());
    drag_over(&mut h, P1);
    h.key_press(Key::Q);
    h.run();
    let ws = h.state().ws.as_ref().unwrap();
    let (carla, _) = ws
        .store
        .layer("eins", &LayerFilter::Only(vec!["carla".into()]))
        .unwrap();
    assert_eq!(carla.len(), 1, "the quote went to carla's layer");
    assert_eq!(stored(&h, "eins"), annas, "anna's layer is unchanged");
    // Back to anna from the same menu.
    h.get_by_label("Annotator: carla").click();
    h.run();
    h.get_by_label("Annotate as anna").click();
    h.run();
    assert_eq!(h.state().annotator, "anna");
}
