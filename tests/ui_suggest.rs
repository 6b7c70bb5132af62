//! Issue "suggestions", item 2: an article nobody annotated opens with its quotes, speakers
//! and links suggested; J/K walk them, A accepts one (quote, speaker and link in one undo
//! step), X rejects one for good, Shift+A accepts them all — checked in the database.

mod common;

use common::ui::{harness, select_by_keys};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use spanbench::model::{Document, DocumentRecord, Origin, Schema};
use spanbench::store::LayerFilter;
use spanbench::workspace::Workspace;

const TEXT: &str = "Haushalt\n\n„Wir werden den Haushalt nicht ändern“, sagte Finanzminister Krause am Montag.\n\nDie Opposition reagierte empört. „Das ist ein schwerer Fehler für das ganze Land“, sagte Müller.\n";

fn project(tmp: &std::path::Path) -> Workspace {
    let mut ws = Workspace::create(&tmp.join("p"), "Haushalt", Schema::default_news()).unwrap();
    let doc = Document::new(
        "h".into(),
        "Haushalt".into(),
        TEXT.into(),
        Default::default(),
    );
    ws.store
        .import_records(&[DocumentRecord::bare(doc, true)], &mut |_, _| {})
        .unwrap();
    ws
}

/// anna's layer as stored: (label, text, origin), and the number of links.
fn annas(ws: &Workspace) -> (Vec<(String, String, Origin)>, usize) {
    let (anns, rels) = ws
        .store
        .layer("h", &LayerFilter::Only(vec!["anna".into()]))
        .unwrap();
    let mut out: Vec<_> = anns
        .into_iter()
        .map(|a| (a.label, a.text, a.origin))
        .collect();
    out.sort();
    (out, rels.len())
}

fn press(h: &mut egui_kittest::Harness<'_, spanbench::ui::SpanbenchApp>, key: Key) {
    h.key_press(key);
    h.run();
}

#[test]
fn an_unannotated_article_opens_with_its_quotes_and_speakers_suggested() {
    let tmp = tempfile::tempdir().unwrap();
    let h = harness(project(tmp.path()), "anna");
    let offers = &h.state().view.as_ref().unwrap().offers;
    let quotes: Vec<&str> = offers.iter().map(|o| o.annotation.text.as_str()).collect();
    assert_eq!(
        quotes,
        [
            "„Wir werden den Haushalt nicht ändern“",
            "„Das ist ein schwerer Fehler für das ganze Land“"
        ]
    );
    let speakers: Vec<&str> = offers
        .iter()
        .map(|o| o.speaker.as_ref().map_or("", |(s, _)| s.text.as_str()))
        .collect();
    assert!(
        speakers[0].ends_with("Krause") && speakers[1] == "Müller",
        "{speakers:?}"
    );
    // Nothing is written before the annotator takes a suggestion.
    assert_eq!(annas(h.state().ws.as_ref().unwrap()).0, []);
}

#[test]
fn j_then_a_accepts_quote_speaker_and_link_in_one_undo_step() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(project(tmp.path()), "anna");
    press(&mut h, Key::J);
    assert_eq!(h.state().view.as_ref().unwrap().focused_offer, Some(0));
    press(&mut h, Key::A);
    let (anns, links) = annas(h.state().ws.as_ref().unwrap());
    assert_eq!(anns.len(), 2, "the quote and its speaker: {anns:?}");
    assert!(anns.iter().all(|(_, _, o)| *o == Origin::Suggestion));
    assert!(
        anns.iter()
            .any(|(l, t, _)| l == "quote" && t.contains("Haushalt nicht"))
    );
    assert_eq!(links, 1, "the attribution link");
    // The accepted one is no longer offered; the other one is.
    assert_eq!(h.state().view.as_ref().unwrap().offers.len(), 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(annas(h.state().ws.as_ref().unwrap()), (vec![], 0));
    assert_eq!(h.state().view.as_ref().unwrap().offers.len(), 2);
}

#[test]
fn a_rejected_suggestion_stays_away_after_reopening_and_a_later_suggest() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(project(tmp.path()), "anna");
    press(&mut h, Key::J);
    press(&mut h, Key::X);
    let offers = common::ui::offered_texts;
    assert_eq!(
        offers(&h),
        ["„Das ist ein schwerer Fehler für das ganze Land“"]
    );
    drop(h);
    let ws = Workspace::open(&tmp.path().join("p")).unwrap();
    let h = harness(ws, "anna");
    assert_eq!(offers(&h).len(), 1, "still rejected after reopening");
    drop(h);
    // ben was not asked: he is offered both.
    let h = harness(Workspace::open(&tmp.path().join("p")).unwrap(), "ben");
    assert_eq!(offers(&h).len(), 2);
    drop(h);
    // `spanbench suggest` does not bring the span back into the suggested layer.
    let out = common::spanbench(tmp.path())
        .args(["suggest"])
        .arg(tmp.path().join("p"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ws = Workspace::open(&tmp.path().join("p")).unwrap();
    let (suggested, _) = ws
        .store
        .layer("h", &LayerFilter::Only(vec!["suggested".into()]))
        .unwrap();
    let quotes: Vec<&str> = suggested
        .iter()
        .filter(|a| a.label == "quote")
        .map(|a| a.text.as_str())
        .collect();
    assert_eq!(quotes, ["„Das ist ein schwerer Fehler für das ganze Land“"]);
}

#[test]
fn shift_a_accepts_all_and_one_undo_takes_them_back() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(project(tmp.path()), "anna");
    h.key_press_modifiers(Modifiers::SHIFT, Key::A);
    h.run();
    let (anns, links) = annas(h.state().ws.as_ref().unwrap());
    assert_eq!((anns.len(), links), (4, 2), "{anns:?}");
    assert!(h.state().view.as_ref().unwrap().offers.is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(annas(h.state().ws.as_ref().unwrap()), (vec![], 0));
}

#[test]
fn an_accepted_suggestion_whose_label_changes_is_marked_edited() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(project(tmp.path()), "anna");
    press(&mut h, Key::J);
    press(&mut h, Key::A);
    // The accepted quote is selected: C relabels it as a claim.
    press(&mut h, Key::C);
    let (anns, _) = annas(h.state().ws.as_ref().unwrap());
    assert!(
        anns.iter()
            .any(|(l, _, o)| l == "claim" && *o == Origin::EditedSuggestion),
        "{anns:?}"
    );
    // Undo brings back the quote as accepted unchanged.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let (anns, _) = annas(h.state().ws.as_ref().unwrap());
    assert!(
        anns.iter()
            .any(|(l, _, o)| l == "quote" && *o == Origin::Suggestion),
        "{anns:?}"
    );
}

#[test]
fn a_project_can_switch_suggestions_off_for_one_annotator() {
    let tmp = tempfile::tempdir().unwrap();
    let mut ws = project(tmp.path());
    ws.project.settings.no_suggestions_for = vec!["anna".into()];
    let h = harness(ws, "anna");
    assert!(h.state().view.as_ref().unwrap().offers.is_empty());
}

#[test]
fn the_panel_buttons_walk_and_accept_like_the_keys() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(project(tmp.path()), "anna");
    h.get_by_label("Next (J)").click();
    h.run();
    assert_eq!(h.state().view.as_ref().unwrap().focused_offer, Some(0));
    h.get_by_label("Accept (A)").click();
    h.run();
    assert_eq!(annas(h.state().ws.as_ref().unwrap()).0.len(), 2);
    h.get_by_label("Accept all (Shift+A)").click();
    h.run();
    let (anns, links) = annas(h.state().ws.as_ref().unwrap());
    assert_eq!((anns.len(), links), (4, 2), "{anns:?}");
}

#[test]
fn the_agreement_screen_can_leave_out_accepted_suggestions() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(project(tmp.path()), "anna");
    // anna takes both suggestions; ben draws the first quote by hand.
    h.key_press_modifiers(Modifiers::SHIFT, Key::A);
    h.run();
    {
        let ws = h.state_mut().ws.as_mut().unwrap();
        let (annas, _) = ws
            .store
            .layer("h", &LayerFilter::Only(vec!["anna".into()]))
            .unwrap();
        let quote = annas.iter().find(|a| a.label == "quote").unwrap();
        ws.apply(spanbench::model::Edit::AddAnnotation {
            doc: "h".into(),
            annotation: spanbench::model::Annotation {
                id: String::new(),
                annotator: "ben".into(),
                origin: Origin::Hand,
                ..quote.clone()
            },
        })
        .unwrap();
    }
    h.get_by_label("Agreement").click();
    let report = |h: &mut egui_kittest::Harness<'_, spanbench::ui::SpanbenchApp>| {
        for _ in 0..400 {
            // The screen shows a spinner while it computes: step, do not wait to settle.
            h.step();
            if let Some(r) = h.state().agreement.as_ref().and_then(|a| a.report()) {
                return r.clone();
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        panic!("no agreement report");
    };
    let all = report(&mut h);
    assert_eq!(all.from_suggestions.get("anna"), Some(&4));
    assert!(!all.excluded_accepted);
    // A window is laid out invisibly in its first frame: step until the checkbox is there.
    for _ in 0..20 {
        if h.query_by_label("leave out accepted suggestions").is_some() {
            break;
        }
        h.step();
    }
    // The screen says how to leave them out there, not with the command line's flag.
    assert!(
        h.query_by_label_contains("(the box \"leave out accepted suggestions\" leaves them out)")
            .is_some()
    );
    h.get_by_label("leave out accepted suggestions").click();
    let without = report(&mut h);
    assert!(without.excluded_accepted);
    assert_ne!(
        all.pairs[0].f1_exact.micro, without.pairs[0].f1_exact.micro,
        "leaving anna's accepted quotes out changes the figures"
    );
}

#[test]
fn a_long_article_opens_at_once_and_its_suggestions_follow_from_the_background() {
    let tmp = tempfile::tempdir().unwrap();
    let mut ws = Workspace::create(&tmp.path().join("p"), "Lang", Schema::default_news()).unwrap();
    // About 80 KB: more than the window works out while drawing the first frame.
    let text: String = std::iter::repeat_n(TEXT, 400).collect();
    let doc = Document::new("long".into(), "Lang".into(), text, Default::default());
    ws.store
        .import_records(&[DocumentRecord::bare(doc, true)], &mut |_, _| {})
        .unwrap();
    let mut h = harness(ws, "anna");
    assert_eq!(h.state().current_doc(), Some("long"));
    common::ui::until(&mut h, 20, "the suggestions arrive", |s| {
        s.view.as_ref().is_some_and(|v| !v.offers.is_empty())
    });
    let view = h.state().view.as_ref().unwrap();
    assert_eq!(
        view.offers.len(),
        800,
        "two quotes in each of the 400 copies"
    );
    // They are drawn where they are: the first paragraph with a quote lists its own.
    let first = view
        .paragraph_of(view.offers[0].annotation.fragments[0].start)
        .unwrap();
    assert!(view.offers_in[first].contains(&0));
    // And they are walked and accepted as on any article.
    press(&mut h, Key::J);
    press(&mut h, Key::A);
    let (anns, _) = h
        .state()
        .ws
        .as_ref()
        .unwrap()
        .store
        .layer("long", &LayerFilter::Only(vec!["anna".into()]))
        .unwrap();
    assert!(anns.iter().any(|a| a.origin == Origin::Suggestion));
}

#[test]
fn words_selected_over_a_suggestion_give_it_their_boundaries_when_it_is_accepted() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = harness(project(tmp.path()), "anna");
    let quotes = |h: &egui_kittest::Harness<'_, spanbench::ui::SpanbenchApp>| {
        let (anns, links) = annas(h.state().ws.as_ref().unwrap());
        let quotes: Vec<(String, Origin)> = anns
            .into_iter()
            .filter(|(label, _, _)| label == "quote")
            .map(|(_, text, origin)| (text, origin))
            .collect();
        (quotes, links)
    };
    // The quote without its marks, selected over the suggestion that includes them.
    let paragraph =
        "„Wir werden den Haushalt nicht ändern“, sagte Finanzminister Krause am Montag.";
    select_by_keys(&mut h, paragraph, 1, 36);
    if h.state().view.as_ref().unwrap().focused_offer.is_none() {
        press(&mut h, Key::J);
    }
    assert_eq!(h.state().view.as_ref().unwrap().focused_offer, Some(0));
    press(&mut h, Key::A);
    let edited = (
        "Wir werden den Haushalt nicht ändern".to_string(),
        Origin::EditedSuggestion,
    );
    assert_eq!(quotes(&h), (vec![edited.clone()], 1), "with its link");
    let (anns, _) = annas(h.state().ws.as_ref().unwrap());
    assert!(
        anns.iter()
            .any(|(l, t, o)| l == "speaker" && t.ends_with("Krause") && *o == Origin::Suggestion),
        "{anns:?}"
    );
    assert!(
        h.state().status.contains("boundaries you selected"),
        "{}",
        h.state().status
    );
    // Without a selection over it, the next one is accepted as suggested.
    press(&mut h, Key::J);
    press(&mut h, Key::A);
    let unchanged = (
        "„Das ist ein schwerer Fehler für das ganze Land“".to_string(),
        Origin::Suggestion,
    );
    assert_eq!(quotes(&h), (vec![edited, unchanged], 2));
}
