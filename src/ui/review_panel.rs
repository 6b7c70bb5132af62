//! The review panel: the annotators compared, the layout, the focused disagreement with each
//! annotator's version and the buttons that settle it in gold, and the list of all
//! disagreements.

use std::collections::BTreeMap;

use egui::{RichText, ScrollArea, Ui};

use super::command::Command;
use super::review_view::{Layout, Review};
use super::theme;
use crate::adjudication::GoldState;
use crate::model::Schema;
use crate::review::Disagreement;

/// What each annotator did, one line each.
pub fn describe(d: &Disagreement) -> String {
    let mut lines = vec![format!("{} — click to focus", d.kind.name())];
    for v in &d.versions {
        lines.push(format!("{}: {}", v.annotator, version_text(v)));
    }
    lines.join("\n")
}

/// One version in words: `quote «…» → speaker «…»`, or `nothing`.
pub fn version_text(v: &crate::review::Version) -> String {
    match &v.annotation {
        None => "nothing".into(),
        Some(a) => {
            let mut s = format!("{} «{}»", a.label, super::article::short(&a.text, 70));
            for (kind, t) in &v.links {
                s.push_str(&format!(
                    "  —{kind}→ {} «{}»",
                    t.label,
                    super::article::short(&t.text, 40)
                ));
            }
            s
        }
    }
}

/// The review panel: annotators compared, layout, the focused disagreement with its versions
/// and the buttons that settle it, and the list of all disagreements.
pub fn show_panel(ui: &mut Ui, review: &mut Review, schema: &Schema, commands: &mut Vec<Command>) {
    ui.heading("Review");
    let n = review.comparison.disagreements.len();
    ui.label(format!(
        "{n} disagreement{} · {} agreed",
        if n == 1 { "" } else { "s" },
        review.comparison.agreed
    ));
    let counts: BTreeMap<String, usize> = review.comparison.counts();
    if !counts.is_empty() {
        let parts: Vec<String> = counts.iter().map(|(k, c)| format!("{c} {k}")).collect();
        ui.label(RichText::new(parts.join(" · ")).weak());
    }
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        if let Some(next) =
            super::panels::annotator_checkboxes(ui, &review.candidates, &review.annotators)
        {
            commands.push(Command::CompareAnnotators(next));
        }
    });
    ui.horizontal(|ui| {
        ui.label("Show:");
        if ui
            .selectable_label(review.layout == Layout::SideBySide, "Side by side")
            .clicked()
        {
            commands.push(Command::SetReviewLayout(Layout::SideBySide));
        }
        if ui
            .selectable_label(review.layout == Layout::Inline, "Inline")
            .clicked()
        {
            commands.push(Command::SetReviewLayout(Layout::Inline));
        }
    });
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Accept all agreed")
            .on_hover_text("Everything all compared annotators made identically goes into gold")
            .clicked()
        {
            commands.push(Command::AcceptAgreed);
        }
        if ui
            .button("… in all documents")
            .on_hover_text("Accept what they all agree on in every document, as one undoable step")
            .clicked()
        {
            commands.push(Command::AcceptAgreedEverywhere);
        }
        if ui
            .button("Mark adjudicated")
            .on_hover_text("Ctrl+Enter: mark adjudicated and open the next document")
            .clicked()
        {
            commands.push(Command::MarkAdjudicated);
        }
    });
    if review.annotators.len() < 2 {
        ui.add_space(8.0);
        ui.label("Choose at least two annotators to compare.");
        return;
    }
    ui.separator();
    focused_disagreement(ui, review, schema, commands);
    disagreement_list(ui, review, commands);
}

/// The focused disagreement: each annotator's version with a button that puts it into gold,
/// "Reject all" and "Edit in gold…"; or a hint when none is focused.
fn focused_disagreement(
    ui: &mut Ui,
    review: &Review,
    schema: &Schema,
    commands: &mut Vec<Command>,
) {
    let n = review.comparison.disagreements.len();
    if let Some(d) = review.current_disagreement() {
        let i = review.current.unwrap_or(0);
        ui.label(
            RichText::new(format!("{} of {n}: {}", i + 1, d.kind.name()))
                .strong()
                .size(16.0),
        );
        ui.label(gold_line(&review.gold[i]));
        for (k, v) in d.versions.iter().enumerate() {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal(|ui| {
                    ui.strong(&v.annotator);
                    if let Some(a) = &v.annotation {
                        let visuals = &ui.ctx().global_style().visuals;
                        let colour = theme::label_text(schema, &a.label, visuals);
                        ui.label(RichText::new(&a.label).color(colour).strong());
                    }
                });
                ui.label(version_text(v));
                let chosen = review.gold[i] == GoldState::Version(v.annotator.clone())
                    || (matches!(review.gold[i], GoldState::Nothing | GoldState::Rejected)
                        && v.annotation.is_none());
                let text = if chosen {
                    format!("Gold is like this ({})", k + 1)
                } else {
                    format!("Accept {}'s ({})", v.annotator, k + 1)
                };
                if ui
                    .add_enabled(!chosen, egui::Button::new(text))
                    .on_hover_text(
                        "Put this version into gold, with the annotations it links to and its links",
                    )
                    .clicked()
                {
                    commands.push(Command::AcceptVersion(v.annotator.clone()));
                }
            });
        }
        ui.horizontal(|ui| {
            if ui
                .add_enabled(
                    review.gold[i] != GoldState::Rejected,
                    egui::Button::new("Reject all (X)"),
                )
                .on_hover_text("Take it out of gold")
                .clicked()
            {
                commands.push(Command::RejectAll);
            }
            if ui
                .button("Edit in gold…")
                .on_hover_text("Open the gold layer here and change it by hand")
                .clicked()
            {
                commands.push(Command::EditInGold);
            }
        });
        ui.separator();
    } else if n > 0 {
        ui.label("Press N for the first disagreement, or click one below.");
        ui.separator();
    } else {
        ui.label("The compared annotators agree on everything in this document.");
    }
}

/// One line per disagreement, laid out only where visible: a long article can have
/// thousands.
fn disagreement_list(ui: &mut Ui, review: &mut Review, commands: &mut Vec<Command>) {
    let n = review.comparison.disagreements.len();
    let row_height = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    let mut list = ScrollArea::vertical()
        .id_salt("disagreements")
        .auto_shrink([false, false]);
    if let Some(i) = review.list_to.take() {
        list = list.vertical_scroll_offset((i as f32 - 3.0).max(0.0) * row_height);
    }
    list.show_rows(ui, row_height, n, |ui, rows| {
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        for i in rows {
            let d = &review.comparison.disagreements[i];
            let text = d
                .versions
                .iter()
                .find_map(|v| v.annotation.as_ref())
                .map(|a| super::article::short(&a.text, 40))
                .unwrap_or_default();
            let settled = match &review.gold[i] {
                GoldState::Version(_) => " ✔",
                GoldState::Edited => " ✎",
                GoldState::Rejected => " ✗",
                GoldState::Nothing => "",
            };
            let row = format!(
                "{}. {} · {} «{text}»{settled}",
                i + 1,
                d.kind.name(),
                d.labels().join("/"),
            );
            if ui
                .selectable_label(review.current == Some(i), row)
                .on_hover_text(describe(d))
                .clicked()
            {
                commands.push(Command::FocusDisagreement(i));
            }
        }
    });
}

/// Where gold stands on a disagreement, in words.
fn gold_line(state: &GoldState) -> String {
    match state {
        GoldState::Nothing => "Gold: nothing here yet".into(),
        GoldState::Rejected => "Gold: rejected (none of the versions)".into(),
        GoldState::Version(who) => format!("Gold: {who}'s version"),
        GoldState::Edited => "Gold: an edited version (no annotator's)".into(),
    }
}
