//! The team window's table of every document and every annotator: a box per pair, ticked when
//! the document is assigned to that person, so a coordinator assigns the whole corpus by hand
//! without opening each document. A filter by title and "only unassigned" narrow it; only the
//! rows in view are drawn, so ten thousand documents scroll as fast as ten.

use std::collections::HashSet;

use egui::{Align, Layout, Ui};

use super::Command;
use super::team::TeamView;

/// Width of the title column and of each person's column.
const TITLE_WIDTH: f32 = 260.0;
const PERSON_WIDTH: f32 = 64.0;

/// The filter the coordinator typed, kept between frames in egui's memory.
#[derive(Clone, Default)]
struct Filter {
    words: String,
    unassigned_only: bool,
}

/// Draws the table under a collapsing header; clicks become [`Command::Assign`].
pub(super) fn all_documents(
    ui: &mut Ui,
    view: &TeamView<'_>,
    people: &[&String],
    commands: &mut Vec<Command>,
) {
    if people.is_empty() || view.docs.is_empty() {
        return;
    }
    egui::CollapsingHeader::new("Assign every document")
        .default_open(view.doc.is_none())
        .show(ui, |ui| {
            let id = egui::Id::unique("spanbench-team-assignment-filter");
            let mut filter: Filter = ui.data_mut(|d| d.get_temp(id)).unwrap_or_default();
            ui.horizontal(|ui| {
                let label = ui.label("Find documents");
                ui.add(
                    egui::TextEdit::singleline(&mut filter.words)
                        .hint_text("words of the title")
                        .desired_width(200.0),
                )
                .labelled_by(label.id);
                ui.checkbox(&mut filter.unassigned_only, "only unassigned");
            });
            // Indexed once a frame: every row asks, and a corpus has thousands of documents.
            let pairs: HashSet<(&str, &str)> = view
                .team
                .assignments
                .iter()
                .map(|(d, w)| (d.as_str(), w.as_str()))
                .collect();
            let assigned = |doc: &str, who: &str| pairs.contains(&(doc, who));
            let needle = filter.words.to_lowercase();
            let rows: Vec<&crate::store::DocSummary> = view
                .docs
                .iter()
                .filter(|d| needle.is_empty() || d.title.to_lowercase().contains(&needle))
                .filter(|d| {
                    !filter.unassigned_only || !people.iter().any(|who| assigned(&d.id, who))
                })
                .collect();
            ui.data_mut(|d| d.insert_temp(id, filter));
            header(ui, people, rows.len());
            let height = ui.spacing().interact_size.y;
            egui::ScrollArea::vertical()
                .max_height(260.0)
                .auto_shrink([false, true])
                .show_rows(ui, height, rows.len(), |ui, range| {
                    for doc in &rows[range] {
                        ui.horizontal(|ui| {
                            title_cell(ui, &doc.title);
                            for who in people {
                                let was = assigned(&doc.id, who);
                                if person_cell(ui, who, &doc.title, was) != was {
                                    commands.push(Command::Assign(
                                        doc.id.clone(),
                                        who.to_string(),
                                        !was,
                                    ));
                                }
                            }
                        });
                    }
                });
        });
}

/// The column heads: "document" and each person's name.
fn header(ui: &mut Ui, people: &[&String], shown: usize) {
    ui.horizontal(|ui| {
        let noun = if shown == 1 { "document" } else { "documents" };
        title_cell(ui, &format!("{shown} {noun}"));
        for who in people {
            ui.allocate_ui_with_layout(
                egui::vec2(PERSON_WIDTH, ui.spacing().interact_size.y),
                Layout::top_down(Align::Center),
                |ui| {
                    ui.add(egui::Label::new(egui::RichText::new(who.as_str()).strong()).truncate());
                },
            );
        }
    });
}

/// A title, cut to its column.
fn title_cell(ui: &mut Ui, title: &str) {
    ui.allocate_ui_with_layout(
        egui::vec2(TITLE_WIDTH, ui.spacing().interact_size.y),
        Layout::left_to_right(Align::Center),
        |ui| {
            ui.set_width(TITLE_WIDTH);
            ui.add(egui::Label::new(title).truncate());
        },
    );
}

/// One person's box for one document, named for screen readers and tests ("ben: Title");
/// whether it is ticked after this frame's click.
fn person_cell(ui: &mut Ui, who: &str, title: &str, assigned: bool) -> bool {
    let mut on = assigned;
    ui.allocate_ui_with_layout(
        egui::vec2(PERSON_WIDTH, ui.spacing().interact_size.y),
        Layout::top_down(Align::Center),
        |ui| {
            let name = format!("{who}: {title}");
            let response = ui
                .add(egui::Checkbox::without_text(&mut on))
                .on_hover_text(format!("Assign “{title}” to {who}"));
            response
                .widget_info(|| egui::WidgetInfo::selected(egui::Role::CheckBox, true, on, &name));
        },
    );
    on
}
