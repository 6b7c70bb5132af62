//! The article in the centre: paragraphs as read-only, selectable text with highlighted spans.

use std::sync::Arc;

use egui::text::CCursor;
use egui::{Galley, Id, ScrollArea, TextBuffer, TextEdit, Ui};

use super::command::Command;
use super::doc_view::DocView;
use super::theme;
use crate::model::Schema;

/// Id of paragraph `i`'s text widget.
pub fn paragraph_id(i: usize) -> Id {
    Id::unique(("spanbench-paragraph", i))
}

/// Draws the article and pushes what the user did to `commands`. `scroll_to` brings a
/// paragraph into view once.
pub fn show(
    ui: &mut Ui,
    view: &mut DocView,
    schema: &Schema,
    selected: Option<&str>,
    scroll_to: &mut Option<usize>,
    clear_selection: &mut bool,
    commands: &mut Vec<Command>,
) {
    if std::mem::take(clear_selection) {
        collapse_selections(ui.ctx(), view.paragraphs.len());
    }
    let text_colour = ui.visuals().text_color();
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .id_salt("article")
        .show(ui, |ui| {
            let width = ui.available_width().min(theme::MEASURE);
            let margin = ((ui.available_width() - width) / 2.0).max(0.0);
            ui.add_space(12.0);
            ui.heading(egui::RichText::new(&view.doc.title).size(22.0).strong());
            ui.add_space(16.0);
            for i in 0..view.paragraphs.len() {
                let job = view.job(i, schema, selected, text_colour);
                let start = view.paragraphs[i].cps.start;
                let mut layouter =
                    move |ui: &Ui, _text: &dyn TextBuffer, wrap_width: f32| -> Arc<Galley> {
                        let mut job = job.clone();
                        job.wrap.max_width = wrap_width;
                        ui.ctx().fonts_mut(|f| f.layout_job(job))
                    };
                let mut text: &str = view.paragraph_text(i);
                let output = ui
                    .horizontal(|ui| {
                        ui.add_space(margin);
                        TextEdit::multiline(&mut text)
                            .id(paragraph_id(i))
                            .frame(egui::Frame::NONE)
                            .desired_width(width)
                            .desired_rows(1)
                            .layouter(&mut layouter)
                            .show(ui)
                    })
                    .inner;
                if *scroll_to == Some(i) {
                    output
                        .response
                        .response
                        .scroll_to_me(Some(egui::Align::Center));
                    *scroll_to = None;
                }
                let response = &output.response.response;
                if let Some(range) = output.cursor_range {
                    let (a, b) = (range.primary.index.0, range.secondary.index.0);
                    if a != b && response.has_focus() {
                        commands.push(Command::SetSelection(Some((
                            start + a.min(b),
                            start + a.max(b),
                        ))));
                    } else if response.clicked() {
                        let hit = view.annotations_at(start + a).last().map(|a| a.id.clone());
                        commands.push(Command::SetSelection(None));
                        commands.push(Command::Select(hit));
                    }
                }
                if let Some(pos) = response.hover_pos() {
                    let cursor: CCursor = output.galley.cursor_from_pos(pos - output.galley_pos);
                    let here = view.annotations_at(start + cursor.index.0);
                    if !here.is_empty() {
                        let names: Vec<String> = here
                            .iter()
                            .map(|a| format!("{} — {}", a.label, short(&a.text, 60)))
                            .collect();
                        response.clone().on_hover_text_at_pointer(names.join("\n"));
                    }
                }
                ui.add_space(theme::PARAGRAPH_GAP);
            }
            ui.add_space(40.0);
        });
}

/// Collapses the text selection of every paragraph widget to its cursor, once the selection
/// has been used (tagged), so it is not taken up again.
fn collapse_selections(ctx: &egui::Context, paragraphs: usize) {
    for i in 0..paragraphs {
        let id = paragraph_id(i);
        if let Some(mut state) = egui::text_edit::TextEditState::load(ctx, id)
            && let Some(range) = state.cursor.char_range()
            && range.primary != range.secondary
        {
            state
                .cursor
                .set_char_range(Some(egui::text::CCursorRange::one(range.primary)));
            state.store(ctx, id);
        }
    }
}

/// `text` cut to `max` characters with an ellipsis.
pub fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max).collect();
        s.push('…');
        s
    }
}
