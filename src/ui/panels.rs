//! The side panels, the toolbar and the status line. Each draws from borrowed state and asks
//! for changes only through [`Command`]s.

use egui::{Color32, RichText, ScrollArea, Ui};
use serde_json::Value;

use super::article::short;
use super::command::Command;
use super::doc_view::DocView;
use super::theme;
use crate::model::{DocStatus, Schema};
use crate::store::DocSummary;

/// Id of the note field, so that hotkeys stay quiet while it has focus.
pub fn note_id() -> egui::Id {
    egui::Id::unique("spanbench-note")
}

/// Id of the document filter field.
pub fn filter_id() -> egui::Id {
    egui::Id::unique("spanbench-doc-filter")
}

/// Paints a small status dot: hollow for new, half for in progress, full for done, a ring
/// around a full dot for adjudicated.
fn status_dot(ui: &mut Ui, status: DocStatus) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
    let c = rect.center();
    let colour = ui.visuals().text_color();
    let p = ui.painter();
    match status {
        DocStatus::New => {
            p.circle_stroke(c, 4.5, egui::Stroke::new(1.2, colour));
        }
        DocStatus::InProgress => {
            p.circle_stroke(c, 4.5, egui::Stroke::new(1.2, colour));
            p.rect_filled(
                egui::Rect::from_min_max(
                    egui::pos2(c.x - 4.5, c.y - 0.5),
                    egui::pos2(c.x + 4.5, c.y + 4.5),
                ),
                2.0,
                colour,
            );
        }
        DocStatus::Done => {
            p.circle_filled(c, 5.0, colour);
        }
        DocStatus::Adjudicated => {
            p.circle_filled(c, 3.5, colour);
            p.circle_stroke(c, 5.5, egui::Stroke::new(1.2, colour));
        }
    }
}

/// Paints a small square in a label's colour.
pub fn colour_chip(ui: &mut Ui, colour: Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, colour);
}

/// The document list: title, status, progress, filter; `finished` names what finished means
/// for the layer listed ("done", or "adjudicated" for gold).
pub fn document_list(
    ui: &mut Ui,
    docs: &[DocSummary],
    current: Option<&str>,
    filter: &mut String,
    finished: &str,
    commands: &mut Vec<Command>,
) {
    let done = docs.iter().filter(|d| d.status.is_finished()).count();
    ui.heading("Documents");
    ui.label(format!("{done} of {} {finished}", docs.len()));
    ui.add(
        egui::ProgressBar::new(if docs.is_empty() {
            0.0
        } else {
            done as f32 / docs.len() as f32
        })
        .desired_height(6.0),
    );
    ui.add_space(4.0);
    ui.add(
        egui::TextEdit::singleline(filter)
            .id(filter_id())
            .hint_text("Filter by title…")
            .desired_width(f32::INFINITY),
    );
    ui.add_space(4.0);
    let needle = filter.to_lowercase();
    let shown: Vec<&DocSummary> = docs
        .iter()
        .filter(|d| {
            needle.is_empty() || d.title.to_lowercase().contains(&needle) || d.id.contains(&needle)
        })
        .collect();
    let row_height = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    // Only the rows in view are laid out: a project may hold ten thousand documents.
    ScrollArea::vertical()
        .id_salt("documents")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, shown.len(), |ui, rows| {
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            for d in &shown[rows] {
                ui.horizontal(|ui| {
                    status_dot(ui, d.status);
                    let response = ui
                        .selectable_label(current == Some(d.id.as_str()), &d.title)
                        .on_hover_text(format!(
                            "{}\n{} · {} annotations · {} characters",
                            d.title,
                            d.status.name(),
                            d.annotations,
                            d.length
                        ));
                    if response.clicked() {
                        commands.push(Command::OpenDocument(d.id.clone()));
                    }
                });
            }
        });
}

/// What the annotation panel shows.
pub struct AnnotationPanel<'a> {
    /// The open document.
    pub view: &'a DocView,
    /// The project schema.
    pub schema: &'a Schema,
    /// The selected annotation's id.
    pub selected: Option<&'a str>,
    /// True when the shown layer is the annotator's own (editable).
    pub editable: bool,
    /// Whose layer is shown.
    pub layer: &'a str,
}

/// The annotation panel: the list in text order, and the selected annotation's details.
pub fn annotation_panel(
    ui: &mut Ui,
    p: &AnnotationPanel<'_>,
    note_draft: &mut String,
    label_filter: &mut Option<String>,
    commands: &mut Vec<Command>,
) {
    ui.heading("Annotations");
    label_filter_row(ui, p, label_filter);
    ui.separator();
    if p.editable && !p.view.offers.is_empty() {
        offer_row(ui, p, commands);
        ui.separator();
    }
    annotation_list(ui, p, label_filter.as_deref(), commands);
    ui.separator();
    let Some(ann) = p.selected.and_then(|id| p.view.annotation(id)) else {
        ui.weak("Select an annotation to see and edit it.");
        return;
    };
    ScrollArea::vertical()
        .id_salt("annotation-details")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            annotation_heading(ui, p, ann);
            if p.editable {
                relabel_row(ui, p, ann, commands);
            }
            attribute_rows(ui, p, ann, commands);
            link_rows(ui, p, ann, commands);
            note_and_guideline(ui, p, ann, note_draft, commands);
        });
}

/// How many suggestions are offered, the keys that walk and take them, and "Accept all".
fn offer_row(ui: &mut Ui, p: &AnnotationPanel<'_>, commands: &mut Vec<Command>) {
    let n = p.view.offers.len();
    let place = p
        .view
        .focused_offer
        .map(|i| format!(" (at {} of {n})", i + 1))
        .unwrap_or_default();
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("Suggested: {n}{place}")).strong());
        if ui
            .button("Next (J)")
            .on_hover_text("Focus the next suggestion")
            .clicked()
        {
            commands.push(Command::NextSuggestion);
        }
        if p.view.focused_offer.is_some() {
            if ui.button("Accept (A)").clicked() {
                commands.push(Command::AcceptSuggestion);
            }
            if ui.button("Reject (X)").clicked() {
                commands.push(Command::RejectSuggestion);
            }
        }
        if ui
            .button("Accept all (Shift+A)")
            .on_hover_text("Every suggestion in this document into your layer, in one undo step")
            .clicked()
        {
            commands.push(Command::AcceptAllSuggestions);
        }
    });
    ui.weak("Dashed: proposed by the suggester, not yet yours.");
}

/// "all" and one button per label in use (and the first few of a long schema), with counts.
fn label_filter_row(ui: &mut Ui, p: &AnnotationPanel<'_>, label_filter: &mut Option<String>) {
    ui.horizontal_wrapped(|ui| {
        if ui.selectable_label(label_filter.is_none(), "all").clicked() {
            *label_filter = None;
        }
        // Every label in use, and the first few of a long schema.
        for (i, l) in p.schema.labels.iter().enumerate() {
            let n = p.view.label_counts.get(&l.name).copied().unwrap_or(0);
            if n == 0 && i >= LABEL_BUTTONS && label_filter.as_deref() != Some(&l.name) {
                continue;
            }
            let text = RichText::new(format!("{} {n}", l.name)).color(theme::label_text(
                p.schema,
                &l.name,
                &ui.ctx().global_style().visuals,
            ));
            if ui
                .selectable_label(label_filter.as_deref() == Some(&l.name), text)
                .clicked()
            {
                *label_filter = Some(l.name.clone());
            }
        }
    });
}

/// The annotations of the open document, one row each; only the rows in view are laid out.
fn annotation_list(
    ui: &mut Ui,
    p: &AnnotationPanel<'_>,
    label_filter: Option<&str>,
    commands: &mut Vec<Command>,
) {
    let list_height = (ui.available_height() * 0.4).max(120.0);
    if p.view.annotations.is_empty() {
        ui.weak(if p.editable {
            "No annotations yet. Select text and press 1–4 (or Q C R S)."
        } else {
            "This layer has no annotations on this document."
        });
    }
    let shown: Vec<&crate::model::Annotation> = p
        .view
        .annotations
        .iter()
        .filter(|a| label_filter.is_none_or(|l| l == a.label))
        .collect();
    let row_height = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    // Only the rows in view are laid out: a long article may carry ten thousand annotations.
    ScrollArea::vertical()
        .id_salt("annotation-list")
        .max_height(list_height)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, shown.len(), |ui, rows| {
            // One line per row, cut at the panel's edge rather than widening it.
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            for a in &shown[rows] {
                let colour = theme::label_colour(p.schema, &a.label);
                let selected = p.selected == Some(a.id.as_str());
                ui.horizontal(|ui| {
                    colour_chip(ui, colour);
                    let text = format!("{}  {}", a.label, short(&a.text, 40));
                    if ui.selectable_label(selected, text).clicked() {
                        commands.push(if selected {
                            Command::Select(None)
                        } else {
                            Command::Reveal(a.id.clone())
                        });
                    }
                });
            }
        });
}

/// The selected annotation's label, id, layer and text.
fn annotation_heading(ui: &mut Ui, p: &AnnotationPanel<'_>, ann: &crate::model::Annotation) {
    let colour = theme::label_text(p.schema, &ann.label, &ui.ctx().global_style().visuals);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(&ann.label).strong().color(colour).size(16.0));
        ui.weak(format!("{} · {}", ann.id, p.layer));
        match ann.origin {
            crate::model::Origin::Suggestion => ui.weak("· accepted suggestion"),
            crate::model::Origin::EditedSuggestion => ui.weak("· suggestion, edited"),
            crate::model::Origin::Hand => ui.weak(""),
        };
    });
    ui.label(RichText::new(short(&ann.text, 400)).italics());
    if ann.fragments.len() > 1 {
        ui.weak(format!("{} fragments", ann.fragments.len()));
    }
    ui.add_space(6.0);
}

/// Buttons (or, for a long schema, a menu) that give the selected annotation another label.
fn relabel_row(
    ui: &mut Ui,
    p: &AnnotationPanel<'_>,
    ann: &crate::model::Annotation,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Label:");
        if p.schema.labels.len() > LABEL_BUTTONS {
            egui::ComboBox::new("relabel", "relabel")
                .selected_text(&ann.label)
                .show_ui(ui, |ui| {
                    for l in &p.schema.labels {
                        if ui.selectable_label(l.name == ann.label, &l.name).clicked()
                            && l.name != ann.label
                        {
                            commands.push(Command::Tag(l.name.clone()));
                        }
                    }
                });
            return;
        }
        for l in &p.schema.labels {
            let visuals = &ui.ctx().global_style().visuals;
            let text = RichText::new(&l.name).color(theme::label_text(p.schema, &l.name, visuals));
            if ui.selectable_label(l.name == ann.label, text).clicked() && l.name != ann.label {
                commands.push(Command::Tag(l.name.clone()));
            }
        }
    });
}

/// One menu per attribute of the label.
fn attribute_rows(
    ui: &mut Ui,
    p: &AnnotationPanel<'_>,
    ann: &crate::model::Annotation,
    commands: &mut Vec<Command>,
) {
    if let Some(def) = p.schema.label(&ann.label) {
        for attr in &def.attributes {
            let current = ann
                .attributes
                .get(&attr.name)
                .and_then(Value::as_str)
                .unwrap_or("—")
                .to_string();
            ui.horizontal(|ui| {
                ui.add_enabled_ui(p.editable, |ui| {
                    egui::ComboBox::new(("attr", &attr.name), attr.name.as_str())
                        .selected_text(&current)
                        .show_ui(ui, |ui| {
                            if ui.selectable_label(current == "—", "—").clicked() {
                                commands.push(Command::SetAttribute(attr.name.clone(), None));
                            }
                            for v in &attr.values {
                                if ui.selectable_label(current == *v, v).clicked() {
                                    commands.push(Command::SetAttribute(
                                        attr.name.clone(),
                                        Some(Value::String(v.clone())),
                                    ));
                                }
                            }
                        });
                });
            });
        }
    }
}

/// The annotation's links, each with a way to the other end and to remove it, and "Link…".
fn link_rows(
    ui: &mut Ui,
    p: &AnnotationPanel<'_>,
    ann: &crate::model::Annotation,
    commands: &mut Vec<Command>,
) {
    ui.add_space(6.0);
    ui.label("Links:");
    let mut any = false;
    for r in p
        .view
        .relations
        .iter()
        .filter(|r| r.from == ann.id || r.to == ann.id)
    {
        any = true;
        let (arrow, other) = if r.from == ann.id {
            ("→", &r.to)
        } else {
            ("←", &r.from)
        };
        let other_text = p.view.annotation(other).map_or_else(
            || other.clone(),
            |o| format!("{} “{}”", o.label, short(&o.text, 30)),
        );
        // Wrapped, never wider than the panel: a long name must not widen it and move the
        // article under the mouse.
        ui.horizontal_wrapped(|ui| {
            if ui
                .link(format!("{} {arrow} {other_text}", r.kind))
                .on_hover_text("Select the other end")
                .clicked()
            {
                commands.push(Command::Reveal(other.clone()));
            }
            if p.editable
                && ui
                    .small_button("remove")
                    .on_hover_text("Remove this link")
                    .clicked()
            {
                commands.push(Command::Unlink(r.id.clone()));
            }
        });
    }
    if !any {
        ui.weak("none");
    }
    if p.editable
        && p.schema
            .relations
            .iter()
            .any(|r| r.from.contains(&ann.label))
        && ui.button("Link… (L)").clicked()
    {
        commands.push(Command::StartLink);
    }
}

/// The note field, "Delete annotation" and the label's guideline.
fn note_and_guideline(
    ui: &mut Ui,
    p: &AnnotationPanel<'_>,
    ann: &crate::model::Annotation,
    note_draft: &mut String,
    commands: &mut Vec<Command>,
) {
    ui.add_space(6.0);
    ui.label("Note:");
    let response = ui.add_enabled(
        p.editable,
        egui::TextEdit::multiline(note_draft)
            .id(note_id())
            .desired_rows(2)
            .desired_width(f32::INFINITY)
            .hint_text("A note for reviewers…"),
    );
    if response.changed() {
        commands.push(Command::SetNote(note_draft.clone()));
    }
    if p.editable && ui.button("Delete annotation (Del)").clicked() {
        commands.push(Command::Delete);
    }
    if let Some(def) = p.schema.label(&ann.label)
        && !def.description.is_empty()
    {
        ui.add_space(8.0);
        ui.collapsing(format!("Guideline: {}", def.name), |ui| {
            ui.label(&def.description);
        });
    }
}

/// The label buttons of the toolbar.
pub fn label_buttons(ui: &mut Ui, schema: &Schema, enabled: bool, commands: &mut Vec<Command>) {
    for l in schema.labels.iter().take(LABEL_BUTTONS) {
        let colour = theme::label_colour(schema, &l.name);
        let keys = l.hotkeys.join(" ");
        let text = RichText::new(format!("{} [{keys}]", l.name)).color(theme::text_on(colour));
        let button = egui::Button::new(text).fill(colour);
        let response = ui
            .add_enabled(enabled, button)
            .on_hover_text(short(&l.description, 200));
        if response.clicked() {
            commands.push(Command::Tag(l.name.clone()));
        }
    }
    // A schema with many labels gets the rest in a menu, not a wall of buttons.
    let rest = schema.labels.len().saturating_sub(LABEL_BUTTONS);
    if rest > 0 {
        ui.add_enabled_ui(enabled, |ui| {
            ui.menu_button(format!("{rest} more labels…"), |ui| {
                egui::ScrollArea::vertical().max_height(400.0).show_rows(
                    ui,
                    18.0,
                    rest,
                    |ui, rows| {
                        for l in
                            &schema.labels[LABEL_BUTTONS + rows.start..LABEL_BUTTONS + rows.end]
                        {
                            if ui.button(&l.name).clicked() {
                                commands.push(Command::Tag(l.name.clone()));
                                ui.close();
                            }
                        }
                    },
                );
            });
        });
    }
}

/// How many labels get a button of their own in the toolbar.
pub const LABEL_BUTTONS: usize = 9;

/// "Compare:" with a checkbox per candidate annotator. Answers the new choice when a box was
/// ticked or unticked: those still chosen in their order (the first stays the reference),
/// a newly ticked one last.
pub fn annotator_checkboxes(
    ui: &mut Ui,
    candidates: &[String],
    chosen: &[String],
) -> Option<Vec<String>> {
    let mut changed = None;
    ui.label("Compare:");
    for who in candidates {
        let mut on = chosen.contains(who);
        if ui.checkbox(&mut on, who.as_str()).changed() {
            let mut next: Vec<String> = chosen.iter().filter(|c| *c != who).cloned().collect();
            if on {
                next.push(who.clone());
            }
            changed = Some(next);
        }
    }
    changed
}
