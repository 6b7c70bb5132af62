//! "Search the project", a sidebar in place of the document list (as INCEpTION has one): words
//! and phrases in every document, or annotations by label, layer, text, attribute and note.
//! Hits are grouped by document with the words around them; a click (or Enter, F3) opens the
//! document with the hit selected, so a label key tags it; "Tag all" tags every hit in one undo
//! step.

use egui::text::LayoutJob;
use egui::{Color32, RichText, TextFormat};

use super::command::Command;
use crate::store::{AnnotationHit, TextHits};

/// At most this many hits are listed (and tagged at once).
pub const MAX_HITS: usize = 500;

/// What is searched for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SearchKind {
    /// Words and phrases in the texts.
    Text,
    /// Annotations of any layer.
    Annotations,
}

/// The results of the last search.
#[derive(Clone, Debug, PartialEq)]
pub enum Found {
    /// Places in the texts.
    Text(TextHits),
    /// Annotations.
    Annotations(Vec<AnnotationHit>),
}

impl Found {
    /// How many hits are listed.
    pub fn len(&self) -> usize {
        match self {
            Found::Text(t) => t.hits.len(),
            Found::Annotations(a) => a.len(),
        }
    }

    /// True when nothing was found.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The document of hit `n`.
    pub fn doc(&self, n: usize) -> Option<&str> {
        match self {
            Found::Text(t) => t.hits.get(n).map(|h| h.doc.as_str()),
            Found::Annotations(a) => a.get(n).map(|h| h.doc.as_str()),
        }
    }
}

/// The search's state; kept when the sidebar closes, so F3 still walks the hits.
pub struct SearchWindow {
    /// Shown.
    pub open: bool,
    /// What the user typed.
    pub query: String,
    /// Text or annotations.
    pub kind: SearchKind,
    /// The query and kind the results are for.
    pub searched: Option<(String, SearchKind)>,
    /// The results.
    pub found: Option<Found>,
    /// The hit opened last (index into the results).
    pub current: Option<usize>,
    /// The label "Tag all" uses.
    pub tag_label: String,
    /// Put the keyboard into the query field on the next frame.
    pub focus_query: bool,
}

impl SearchWindow {
    /// A closed, empty search.
    pub fn new(default_label: &str) -> SearchWindow {
        SearchWindow {
            open: false,
            query: String::new(),
            kind: SearchKind::Text,
            searched: None,
            found: None,
            current: None,
            tag_label: default_label.to_string(),
            focus_query: false,
        }
    }

    /// The hit after (or before) the current one, wrapping around.
    pub fn step(&self, forward: bool) -> Option<usize> {
        let len = self.found.as_ref()?.len();
        if len == 0 {
            return None;
        }
        Some(match (self.current, forward) {
            (None, true) => 0,
            (None, false) => len - 1,
            (Some(c), true) => (c + 1) % len,
            (Some(c), false) => (c + len - 1) % len,
        })
    }
}

/// Draws the search into the sidebar `ui`.
pub fn show_search_panel(
    ui: &mut egui::Ui,
    window: &mut SearchWindow,
    labels: &[String],
    editable: bool,
    commands: &mut Vec<Command>,
) {
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.heading("Search");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Close")
                .on_hover_text("Back to the document list (Esc)")
                .clicked()
            {
                commands.push(Command::ToggleSearch);
            }
        });
    });
    query_row(ui, window, commands);
    ui.add_space(4.0);
    if let Some(found) = &window.found {
        summary(ui, found);
        ui.add_space(4.0);
        if let Found::Text(hits) = found
            && !hits.hits.is_empty()
        {
            tag_all_row(ui, window, labels, editable, commands);
        }
        ui.separator();
        results(ui, window, commands);
    }
}

fn query_row(ui: &mut egui::Ui, window: &mut SearchWindow, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.radio_value(&mut window.kind, SearchKind::Text, "Words in the text");
        ui.radio_value(&mut window.kind, SearchKind::Annotations, "Annotations");
    });
    ui.horizontal(|ui| {
        let label = ui.label("Find");
        let hint = match window.kind {
            SearchKind::Text => "a name or a phrase",
            SearchKind::Annotations => "label:speaker by:anna …",
        };
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut window.query)
                    .hint_text(hint)
                    .desired_width((ui.available_width() - 70.0).max(80.0)),
            )
            .labelled_by(label.id);
        if std::mem::take(&mut window.focus_query) {
            field.request_focus();
        }
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let changed = window.searched.as_ref() != Some(&(window.query.clone(), window.kind));
        if (ui.button("Search").clicked() || entered) && changed {
            commands.push(Command::RunSearch);
        } else if entered {
            // Enter again on the same query walks the hits.
            commands.push(Command::NextSearchHit);
        }
    });
    if window.kind == SearchKind::Annotations {
        ui.weak(
            "label:NAME, by:ANNOTATOR, ATTRIBUTE=VALUE, note:WORD; other words: the covered text",
        );
    }
}

fn summary(ui: &mut egui::Ui, found: &Found) {
    let text = match found {
        Found::Text(t) if t.hits.is_empty() => "Not found in any document.".to_string(),
        Found::Text(t) => format!(
            "{} hit{} in {} document{}{}",
            t.hits.len(),
            plural(t.hits.len()),
            t.documents,
            plural(t.documents),
            if t.truncated {
                format!(" (the first {MAX_HITS} are listed)")
            } else {
                String::new()
            }
        ),
        Found::Annotations(a) if a.is_empty() => "No annotation matches.".to_string(),
        Found::Annotations(a) => format!(
            "{} annotation{}{}",
            a.len(),
            plural(a.len()),
            if a.len() == MAX_HITS {
                format!(" (the first {MAX_HITS} are listed)")
            } else {
                String::new()
            }
        ),
    };
    ui.label(text);
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn tag_all_row(
    ui: &mut egui::Ui,
    window: &mut SearchWindow,
    labels: &[String],
    editable: bool,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        let n = window.found.as_ref().map_or(0, Found::len);
        egui::ComboBox::new("tag-all-label", "label to tag with")
            .selected_text(window.tag_label.as_str())
            .show_ui(ui, |ui| {
                for l in labels {
                    ui.selectable_value(&mut window.tag_label, l.clone(), l.as_str());
                }
            });
        let button = ui
            .add_enabled(
                editable,
                egui::Button::new(format!("Tag all {n} as {}", window.tag_label)),
            )
            .on_hover_text("Adds every hit to your layer with this label, in one step (Ctrl+Z undoes it). Hits already tagged so are left alone.")
            .on_disabled_hover_text("This layer is read-only.");
        if button.clicked() {
            commands.push(Command::TagSearchHits(window.tag_label.clone()));
        }
    });
}

fn results(ui: &mut egui::Ui, window: &SearchWindow, commands: &mut Vec<Command>) {
    let Some(found) = &window.found else {
        return;
    };
    let weak = ui.visuals().weak_text_color();
    let strong = ui.visuals().strong_text_color();
    let mark = ui.visuals().selection.bg_fill;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut last_doc: Option<&str> = None;
            for n in 0..found.len() {
                let doc = found.doc(n).unwrap_or_default();
                if last_doc != Some(doc) {
                    ui.add_space(6.0);
                    ui.label(RichText::new(title_of(found, n)).strong());
                    last_doc = Some(doc);
                }
                let job = hit_job(found, n, weak, strong, mark);
                let row = ui.add(
                    egui::Button::selectable(window.current == Some(n), job)
                        .wrap_mode(egui::TextWrapMode::Wrap),
                );
                if window.current == Some(n) && ui.input(|i| i.key_pressed(egui::Key::F3)) {
                    row.scroll_to_me(Some(egui::Align::Center));
                }
                if row.clicked() {
                    commands.push(Command::OpenSearchHit(n));
                }
            }
        });
}

fn title_of(found: &Found, n: usize) -> String {
    match found {
        Found::Text(t) => t.hits[n].title.clone(),
        Found::Annotations(a) => a[n].title.clone(),
    }
}

/// One result line: context in weak colour, the hit strong on the selection colour.
fn hit_job(found: &Found, n: usize, weak: Color32, strong: Color32, mark: Color32) -> LayoutJob {
    let mut job = LayoutJob::default();
    let font = egui::FontId::proportional(14.0);
    let plain = TextFormat::simple(font.clone(), weak);
    let marked = TextFormat {
        background: mark,
        ..TextFormat::simple(font.clone(), strong)
    };
    match found {
        Found::Text(t) => {
            let h = &t.hits[n];
            job.append(&format!("…{}", h.before), 0.0, plain.clone());
            job.append(&h.matched, 0.0, marked);
            job.append(&format!("{}…", h.after), 0.0, plain);
        }
        Found::Annotations(a) => {
            let h = &a[n].annotation;
            job.append(
                &format!("{} · {}  ", h.label, h.annotator),
                0.0,
                plain.clone(),
            );
            job.append(&super::article::short(&h.text, 120), 0.0, marked);
            if !h.note.is_empty() {
                job.append(
                    &format!("  note: {}", super::article::short(&h.note, 60)),
                    0.0,
                    plain,
                );
            }
        }
    }
    job
}
