//! The review, the agreement screen and merging, driven through the window like a reviewer
//! would: buttons found by their labels, N / P / 1–9 / X / Ctrl+Enter; each test asserts on
//! the app's state and on what the gold layer in the database holds.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};
use spanbench::model::{
    Annotation, DocStatus, Document, DocumentRecord, Fragment, Relation, Schema,
};
use spanbench::store::LayerFilter;
use spanbench::ui::SpanbenchApp;
use spanbench::workspace::Workspace;

const TEXT: &str = "Erster Artikel\n\n„Wir bleiben“, sagte Ministerin Lea Brandt. Der Verband nennt das falsch 🙃.\n";

fn span(needle: &str) -> Fragment {
    let byte = TEXT.find(needle).expect("needle in text");
    let start = TEXT[..byte].chars().count();
    Fragment::new(start, start + needle.chars().count())
}

fn ann(who: &str, id: &str, label: &str, needle: &str) -> Annotation {
    Annotation {
        origin: Default::default(),
        id: id.into(),
        annotator: who.into(),
        label: label.into(),
        fragments: vec![span(needle)],
        text: needle.into(),
        attributes: Default::default(),
        note: String::new(),
    }
}

fn rel(who: &str, from: &str, to: &str) -> Relation {
    Relation {
        id: format!("r-{from}"),
        annotator: who.into(),
        kind: "attribution".into(),
        from: from.into(),
        to: to.into(),
    }
}

/// Two documents annotated by anna and ben. In "eins" they agree on the quote, differ on the
/// speaker's boundary (anna: "Ministerin Lea Brandt", ben: "Lea Brandt") and only ben marked
/// the claim. "zwei" has the same text, and they agree on everything there.
fn project(dir: &std::path::Path) -> Workspace {
    let mut ws = Workspace::create(dir, "Prüfprojekt", Schema::default_news()).unwrap();
    let record = |id: &str, title: &str, annotations: Vec<Annotation>, relations| {
        let mut r = DocumentRecord::bare(
            Document::new(id.into(), title.into(), TEXT.into(), Default::default()),
            true,
        );
        r.annotations = annotations;
        r.relations = relations;
        r
    };
    let eins = record(
        "eins",
        "Erster Artikel",
        vec![
            ann("anna", "a1", "quote", "Wir bleiben"),
            ann("anna", "a2", "speaker", "Ministerin Lea Brandt"),
            ann("ben", "b1", "quote", "Wir bleiben"),
            ann("ben", "b2", "speaker", "Lea Brandt"),
            ann("ben", "b3", "claim", "Der Verband nennt das falsch 🙃"),
        ],
        vec![rel("anna", "a1", "a2"), rel("ben", "b1", "b2")],
    );
    // The same text twice would be one document (matched by hash): vary it a little.
    let mut zwei = record(
        "zwei",
        "Zweiter Artikel",
        vec![
            ann("anna", "a1", "quote", "Wir bleiben"),
            ann("ben", "b1", "quote", "Wir bleiben"),
        ],
        vec![],
    );
    zwei.document = Document::new(
        "zwei".into(),
        "Zweiter Artikel".into(),
        format!("{TEXT}Nachtrag.\n"),
        Default::default(),
    );
    ws.store
        .import_records(&[eins, zwei], &mut |_, _| {})
        .unwrap();
    ws
}

fn harness(ws: Workspace) -> Harness<'static, SpanbenchApp> {
    let app = SpanbenchApp::new(ws, "anna".into());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut SpanbenchApp| app.show(ui), app);
    h.run();
    h
}

/// Gold's annotations (label, text) and links (from text, to text).
type GoldLayer = (Vec<(String, String)>, Vec<(String, String)>);

/// Gold's annotations and links of a document.
fn gold(h: &Harness<'_, SpanbenchApp>, doc: &str) -> GoldLayer {
    let ws = h.state().ws.as_ref().unwrap();
    let (anns, rels) = ws
        .store
        .layer(doc, &LayerFilter::Only(vec!["gold".into()]))
        .unwrap();
    let text = |id: &str| {
        anns.iter()
            .find(|a| a.id == id)
            .map(|a| a.text.clone())
            .unwrap_or_default()
    };
    let links = rels.iter().map(|r| (text(&r.from), text(&r.to))).collect();
    (anns.into_iter().map(|a| (a.label, a.text)).collect(), links)
}

fn press(h: &mut Harness<'_, SpanbenchApp>, key: Key) {
    h.key_press(key);
    h.run();
}

/// Steps the harness until `done` holds (a background thread is working), at most 20 s.
fn wait_for(h: &mut Harness<'_, SpanbenchApp>, done: impl Fn(&SpanbenchApp) -> bool) {
    let started = std::time::Instant::now();
    while !done(h.state()) && started.elapsed() < std::time::Duration::from_secs(20) {
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    assert!(done(h.state()), "the background work finished");
    h.run_steps(2);
}

/// Project → "Merge colleagues' projects…", types `folder`, presses Merge and waits for the
/// background merge to end.
fn merge_from_window(h: &mut Harness<'_, SpanbenchApp>, folder: &std::path::Path) {
    h.get_by_label("Project").click();
    h.run();
    h.get_by_label("Merge colleagues' projects…").click();
    h.run();
    h.get(By::new().role(Role::MultilineTextInput).value(""))
        .click();
    h.run();
    h.get(By::new().role(Role::MultilineTextInput).value(""))
        .type_text(&folder.display().to_string());
    h.run();
    h.get_by_label("Merge").click();
    h.run_steps(2);
    wait_for(h, |app| app.import_task.is_none());
}

#[test]
fn walk_the_disagreements_accept_a_speaker_undo_and_mark_adjudicated() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(project(&tmp.path().join("p")));
    h.get_by_label("Review").click();
    h.run();
    let review = h.state().review.as_ref().expect("review mode");
    assert_eq!(review.annotators, ["anna", "ben"]);
    let kinds: Vec<String> = review
        .comparison
        .disagreements
        .iter()
        .map(|d| d.kind.name())
        .collect();
    assert_eq!(kinds, ["boundary", "extra"]);
    assert_eq!(
        review.current,
        Some(0),
        "the first disagreement is in focus"
    );
    // The panel names both versions and offers to accept each.
    h.get_by_label("Accept anna's (1)");
    h.get_by_label("Accept ben's (2)");

    press(&mut h, Key::N);
    assert_eq!(h.state().review.as_ref().unwrap().current, Some(1));
    press(&mut h, Key::P);
    assert_eq!(h.state().review.as_ref().unwrap().current, Some(0));

    // Letter keys do not tag in the review: "2" accepts Ben's speaker.
    press(&mut h, Key::Num2);
    assert_eq!(
        gold(&h, "eins").0,
        [("speaker".to_string(), "Lea Brandt".to_string())]
    );
    assert!(
        h.state().status.starts_with("Gold:"),
        "{}",
        h.state().status
    );
    h.get_by_label("Gold is like this (2)");

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(gold(&h, "eins").0.is_empty(), "undone");

    // Accept everything agreed (the quote), then Anna's speaker by its button: the quote in
    // gold gets linked to it in the same step.
    h.get_by_label("Accept all agreed").click();
    h.run();
    h.get_by_label("Accept anna's (1)").click();
    h.run();
    let (anns, links) = gold(&h, "eins");
    assert_eq!(anns.len(), 2, "{anns:?}");
    assert_eq!(
        links,
        [(
            "Wir bleiben".to_string(),
            "Ministerin Lea Brandt".to_string()
        )]
    );

    // The claim only Ben marked: accept it, then reject it with X.
    press(&mut h, Key::N);
    press(&mut h, Key::Num2);
    assert!(gold(&h, "eins").0.iter().any(|(l, _)| l == "claim"));
    press(&mut h, Key::X);
    assert!(!gold(&h, "eins").0.iter().any(|(l, _)| l == "claim"));
    // The rejection is remembered, so it is not mistaken for an item nobody looked at.
    h.get_by_label("Gold: rejected (none of the versions)");
    let ws = h.state().ws.as_ref().unwrap();
    assert_eq!(ws.store.rejections("eins").unwrap().len(), 1);

    // Ctrl+Enter: adjudicated, and the next document opens in the review.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    let ws = h.state().ws.as_ref().unwrap();
    assert_eq!(
        ws.store.status("eins", "gold").unwrap(),
        DocStatus::Adjudicated
    );
    assert_eq!(h.state().current_doc(), Some("zwei"));
    let review = h.state().review.as_ref().expect("still reviewing");
    assert_eq!(review.doc(), "zwei");
    assert!(review.comparison.disagreements.is_empty());

    // Esc goes back to annotating.
    press(&mut h, Key::Escape);
    assert!(h.state().review.is_none());
}

#[test]
fn inline_layout_and_choosing_whom_to_compare() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(project(&tmp.path().join("p")));
    h.get_by_label("Review").click();
    h.run();
    h.get_by_label("Inline").click();
    h.run();
    assert_eq!(
        h.state().review.as_ref().unwrap().layout,
        spanbench::ui::review_view::Layout::Inline
    );
    h.get_by_label("Where they differ (hover for who did what, click to focus)");
    // Unticking Ben leaves one annotator: nothing to compare, and the panel says so.
    h.get(By::new().role(Role::CheckBox).label("ben")).click();
    h.run();
    assert_eq!(h.state().review.as_ref().unwrap().annotators, ["anna"]);
    h.get_by_label("Choose at least two annotators to compare.");
    h.get(By::new().role(Role::CheckBox).label("ben")).click();
    h.run();
    let review = h.state().review.as_ref().unwrap();
    assert_eq!(review.annotators, ["anna", "ben"]);
    assert_eq!(review.comparison.disagreements.len(), 2);
    // Unticking anna and ticking her again makes ben the reference: Ben's claim is now
    // missing in Anna's layer rather than extra in Ben's.
    h.get(By::new().role(Role::CheckBox).label("anna")).click();
    h.run();
    h.get(By::new().role(Role::CheckBox).label("anna")).click();
    h.run();
    let review = h.state().review.as_ref().unwrap();
    assert_eq!(review.annotators, ["ben", "anna"]);
    let kinds: Vec<String> = review
        .comparison
        .disagreements
        .iter()
        .map(|d| d.kind.name())
        .collect();
    assert_eq!(kinds, ["boundary", "missing"]);
}

#[test]
fn the_agreement_screen_lists_the_worst_document_first_one_click_from_its_review() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(project(&tmp.path().join("p")));
    // Start on the other document, to see the click take us to the worst one.
    h.state_mut()
        .apply(spanbench::ui::command::Command::OpenDocument("zwei".into()));
    h.run();
    h.get_by_label("Agreement").click();
    h.run_steps(2);
    wait_for(&mut h, |app| {
        app.agreement.as_ref().is_some_and(|a| a.report().is_some())
    });
    let report = h.state().agreement.as_ref().unwrap().report().unwrap();
    assert_eq!(report.documents, 2);
    assert_eq!(report.per_document[0].id, "eins", "lowest agreement first");
    assert_eq!(report.per_document[0].disagreements, 2);
    assert_eq!(report.per_document[1].f1_exact, Some(1.0));
    h.get_by_label("Documents, lowest agreement first");
    h.get_by_label("Label confusion: anna (rows) against ben (columns)");
    assert!(report.pairs[0].gamma.is_none(), "gamma only on request");
    h.get(
        By::new()
            .role(Role::CheckBox)
            .label("gamma (Mathet et al.; slower)"),
    )
    .click();
    h.run_steps(2);
    wait_for(&mut h, |app| {
        app.agreement.as_ref().is_some_and(|a| a.report().is_some())
    });
    let report = h.state().agreement.as_ref().unwrap().report().unwrap();
    assert!(
        report.pairs[0]
            .gamma
            .as_ref()
            .is_some_and(|g| g.mean.is_some())
    );
    h.get_by_label("anna/ben γ (mean of documents)");
    // Each document row has a Review button; the first row's is the highest on screen after
    // the toolbar's.
    let mut buttons: Vec<_> = h.query_all_by_label("Review").collect();
    buttons.sort_by(|a, b| a.rect().top().total_cmp(&b.rect().top()));
    assert_eq!(buttons.len(), 3, "the toolbar's and one per document");
    buttons[1].scroll_to_me();
    h.run();
    let mut buttons: Vec<_> = h.query_all_by_label("Review").collect();
    buttons.sort_by(|a, b| a.rect().top().total_cmp(&b.rect().top()));
    buttons[1].click();
    h.run();
    assert!(
        h.state().agreement.is_none(),
        "the screen gives way to the review"
    );
    assert_eq!(h.state().current_doc(), Some("eins"));
    let review = h.state().review.as_ref().expect("review mode");
    assert_eq!(review.current, Some(0));
}

#[test]
fn merge_a_colleagues_project_from_the_window() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(project(&tmp.path().join("p")));
    // Cem annotated the same article in his own copy.
    let other = tmp.path().join("cem");
    let mut theirs = Workspace::create(&other, "Cem", Schema::default_news()).unwrap();
    let mut r = DocumentRecord::bare(
        Document::new(
            "cems-id".into(),
            "Erster Artikel".into(),
            TEXT.into(),
            Default::default(),
        ),
        true,
    );
    r.annotations = vec![ann("cem", "c1", "quote", "Wir bleiben")];
    theirs.store.import_records(&[r], &mut |_, _| {}).unwrap();
    drop(theirs);

    merge_from_window(&mut h, &other);
    assert!(
        h.state()
            .status
            .starts_with("Merged 1 project: 0 new documents, 1 annotations added"),
        "{}",
        h.state().status
    );
    let ws = h.state().ws.as_ref().unwrap();
    let (anns, _) = ws
        .store
        .layer("eins", &LayerFilter::Only(vec!["cem".into()]))
        .unwrap();
    assert_eq!(anns.len(), 1, "matched by text, not by id");
    assert_eq!(ws.store.document_count().unwrap(), 2);

    // A folder that is no project: a clear message, nothing merged.
    let not_a_project = tmp.path().join("leer");
    std::fs::create_dir_all(&not_a_project).unwrap();
    merge_from_window(&mut h, &not_a_project);
    assert!(
        h.state().status.starts_with("Nothing was merged:")
            && h.state().status.contains("project.ron"),
        "{}",
        h.state().status
    );
    assert_eq!(
        h.state()
            .ws
            .as_ref()
            .unwrap()
            .store
            .document_count()
            .unwrap(),
        2
    );
}

#[test]
fn the_gold_layer_can_be_edited_like_ones_own() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(project(&tmp.path().join("p")));
    h.state_mut()
        .apply(spanbench::ui::command::Command::ShowLayer("gold".into()));
    h.state_mut()
        .apply(spanbench::ui::command::Command::SetSelection(Some((
            16, 31,
        ))));
    h.run();
    assert!(h.state().editable());
    h.get_by_label("claim [2 C]").click();
    h.run();
    assert_eq!(
        gold(&h, "eins").0,
        [("claim".to_string(), "„Wir bleiben“".to_string())]
    );
    h.get_by_label("Done, next").click();
    h.run();
    let ws = h.state().ws.as_ref().unwrap();
    assert_eq!(
        ws.store.status("eins", "gold").unwrap(),
        DocStatus::Adjudicated,
        "done in gold means adjudicated"
    );
}

#[test]
fn accept_agreed_in_every_document_then_edit_gold_by_hand() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(project(&tmp.path().join("p")));
    h.get_by_label("Review").click();
    h.run();
    h.get_by_label("… in all documents").click();
    h.run();
    assert_eq!(
        gold(&h, "eins").0,
        [("quote".to_string(), "Wir bleiben".to_string())]
    );
    assert_eq!(
        gold(&h, "zwei").0,
        [("quote".to_string(), "Wir bleiben".to_string())]
    );
    assert!(
        h.state().status.contains("in 2 documents"),
        "{}",
        h.state().status
    );
    // One undo step for all of it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(gold(&h, "eins").0.is_empty() && gold(&h, "zwei").0.is_empty());

    press(&mut h, Key::N);
    h.get_by_label("Edit in gold…").click();
    h.run();
    assert!(h.state().review.is_none());
    assert_eq!(h.state().layer, "gold");
    assert!(h.state().editable());
    assert_eq!(h.state().current_doc(), Some("eins"));
    // Back in the review, the same disagreement is in focus.
    h.get_by_label("Review").click();
    h.run();
    assert_eq!(h.state().review.as_ref().unwrap().current, Some(1));
}

/// Issue "an annotator's full day", item 7: after "Mark adjudicated" the review goes on with a
/// document somebody annotated, never with one nobody touched.
#[test]
fn mark_adjudicated_skips_documents_nobody_annotated() {
    let tmp = tempfile::tempdir().unwrap();
    let mut ws = project(&tmp.path().join("p"));
    let untouched = DocumentRecord::bare(
        Document::new(
            "leer".into(),
            "Unberührt".into(),
            "Unberührt\n\nNiemand hat hier etwas markiert.\n".into(),
            Default::default(),
        ),
        true,
    );
    ws.store
        .import_records(&[untouched], &mut |_, _| {})
        .unwrap();
    let mut h = harness(ws);
    h.get_by_label("Zweiter Artikel").click();
    h.run();
    h.get_by_label("Review").click();
    h.run();
    h.get_by_label("Mark adjudicated").click();
    h.run();
    let ws = h.state().ws.as_ref().unwrap();
    assert_eq!(
        ws.store.status("zwei", "gold").unwrap(),
        DocStatus::Adjudicated
    );
    assert_eq!(
        h.state().current_doc(),
        Some("eins"),
        "the annotated document, not 'leer' after 'zwei'"
    );
    h.get_by_label("Mark adjudicated").click();
    h.run();
    assert_eq!(
        h.state().current_doc(),
        Some("eins"),
        "nothing left to review"
    );
    assert!(
        h.state()
            .status
            .contains("every document that was annotated"),
        "{}",
        h.state().status
    );
}

/// Issue "an annotator's full day", item 10: Esc closes the sheet of keys before it leaves the
/// review.
#[test]
fn escape_closes_the_sheet_of_keys_before_it_leaves_the_review() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(project(&tmp.path().join("p")));
    h.get_by_label("Review").click();
    h.run();
    h.key_press_modifiers(Modifiers::SHIFT, Key::Questionmark);
    h.run();
    assert!(h.state().show_keys, "? opens the sheet");
    press(&mut h, Key::Escape);
    assert!(!h.state().show_keys, "Esc closes the sheet");
    assert!(h.state().review.is_some(), "and stays in the review");
    press(&mut h, Key::Escape);
    assert!(h.state().review.is_none(), "a second Esc leaves the review");
}
