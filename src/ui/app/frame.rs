//! The frame: toolbar, banner, status line, the two side panels, the article and the windows,
//! each drawn by its own method from borrowed state; widgets only push commands.

use egui::{RichText, Ui};

use super::SpanbenchApp;
use crate::model::layer::GOLD;
use crate::ui::command::Command;
use crate::ui::files::{self, FileAction};
use crate::ui::link_picker;
use crate::ui::panels::{self, AnnotationPanel};
use crate::ui::{article, review_view};

impl SpanbenchApp {
    /// Draws everything but the keys, which `show` reads before.
    pub(super) fn draw(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        if self.ws.is_none() {
            return;
        }
        self.toolbar(ui, commands);
        self.stopped_banner(ui);
        self.status_line(ui, commands);
        // A narrow window gives the article the room: the documents panel goes below 1000
        // points, the annotations panel below 700, unless F7 / F8 say otherwise.
        let width = ui.available_width();
        self.frame.documents_shown = self.frame.documents_panel.unwrap_or(width >= 1000.0);
        self.frame.annotations_shown = self.frame.annotations_panel.unwrap_or(width >= 700.0);
        if self.search.open {
            self.search_panel(ui, commands);
        } else if self.frame.documents_shown {
            self.documents_panel(ui, commands);
        }
        if self.frame.annotations_shown {
            self.annotations_panel(ui, commands);
        }
        self.article(ui, commands);
        self.windows(ui, commands);
    }

    fn toolbar(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let hint = |c: &Command| {
            crate::ui::keymap::hint(c, crate::ui::keymap::Mode::Annotating).unwrap_or_default()
        };
        let editable = self.editable();
        let Some(ws) = &self.ws else { return };
        let schema = &ws.project.schema;
        egui::Panel::top("toolbar").show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal_wrapped(|ui| {
                ui.strong(&ws.project.name);
                ui.separator();
                self.annotator_menu(ui, commands);
                self.layer_picker(ui, commands);
                ui.separator();
                if ui
                    .add_enabled(ws.history().undo_len() > 0, egui::Button::new("Undo"))
                    .on_hover_text(hint(&Command::Undo))
                    .clicked()
                {
                    commands.push(Command::Undo);
                }
                if ui
                    .add_enabled(ws.history().redo_len() > 0, egui::Button::new("Redo"))
                    .on_hover_text(hint(&Command::Redo))
                    .clicked()
                {
                    commands.push(Command::Redo);
                }
                ui.separator();
                let reviewing = self.review.is_some();
                if ui
                    .add(egui::Button::new("Review").selected(reviewing))
                    .on_hover_text("Compare annotators on this document and settle gold")
                    .clicked()
                {
                    commands.push(Command::ToggleReview);
                }
                if ui
                    .add(egui::Button::new("Agreement").selected(self.agreement.is_some()))
                    .on_hover_text("Agreement figures over the project")
                    .clicked()
                {
                    commands.push(Command::ToggleAgreement);
                }
                if ui
                    .add(egui::Button::new("Search").selected(self.search.open))
                    .on_hover_text(hint(&Command::ToggleSearch))
                    .clicked()
                {
                    commands.push(Command::ToggleSearch);
                }
                if ui
                    .add(egui::Button::new("All links").selected(self.settings.show_all_links))
                    .on_hover_text(hint(&Command::ToggleAllLinks))
                    .clicked()
                {
                    commands.push(Command::ToggleAllLinks);
                }
                ui.separator();
                panels::label_buttons(ui, schema, editable && !reviewing, commands);
                ui.separator();
                if ui
                    .add_enabled(
                        self.view.is_some() && editable && !reviewing,
                        egui::Button::new("Done, next"),
                    )
                    .on_hover_text(hint(&Command::MarkDoneAndNext))
                    .clicked()
                {
                    commands.push(Command::MarkDoneAndNext);
                }
                self.project_menu(ui, commands);
                if ui.button("?").on_hover_text("All keys").clicked() {
                    commands.push(Command::ToggleKeys);
                }
            });
            ui.add_space(2.0);
        });
    }

    /// "Annotator: NAME": the project's annotators to switch to, and a field for a new one.
    fn annotator_menu(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        // Stays open while a new name is typed into it.
        let config = egui::containers::menu::MenuConfig::new()
            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
        egui::containers::menu::MenuButton::new(format!("Annotator: {}", self.annotator))
            .config(config)
            .ui(ui, |ui| {
                for l in self
                    .layers
                    .iter()
                    .filter(|l| **l != self.annotator && !crate::model::layer::is_reserved_layer(l))
                {
                    if ui.button(format!("Annotate as {l}")).clicked() {
                        commands.push(Command::SwitchAnnotator(l.clone()));
                        ui.close();
                    }
                }
                ui.separator();
                let id = ui.make_persistent_id("new-annotator");
                let mut name: String = ui.data_mut(|d| d.get_temp(id).unwrap_or_default());
                ui.horizontal(|ui| {
                    let label = ui.label("new annotator");
                    ui.add(egui::TextEdit::singleline(&mut name).desired_width(120.0))
                        .labelled_by(label.id);
                    if ui
                        .add_enabled(!name.trim().is_empty(), egui::Button::new("Switch"))
                        .clicked()
                    {
                        commands.push(Command::SwitchAnnotator(name.clone()));
                        name.clear();
                        ui.close();
                    }
                });
                ui.data_mut(|d| d.insert_temp(id, name));
            });
    }

    fn layer_picker(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        egui::ComboBox::new("layer", "layer shown")
            .selected_text(self.layer.as_str())
            .show_ui(ui, |ui| {
                for l in self.layers.iter().cloned() {
                    let text = if l == self.annotator {
                        format!("{l} (mine)")
                    } else if l == GOLD {
                        format!("{l} (adjudicated, editable)")
                    } else {
                        format!("{l} (read-only)")
                    };
                    if ui.selectable_label(self.layer == l, text).clicked() {
                        commands.push(Command::ShowLayer(l));
                    }
                }
            });
    }

    fn project_menu(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let (importing, exporting) = (self.import_task.is_some(), self.export_task.is_some());
        ui.menu_button("Project", |ui| {
            if ui.button("Open…").clicked() {
                commands.push(Command::ShowFileWindow(FileAction::OpenProject));
                ui.close();
            }
            if ui
                .add_enabled(!importing, egui::Button::new("Import…"))
                .clicked()
            {
                commands.push(Command::ShowFileWindow(FileAction::Import));
                ui.close();
            }
            if ui
                .add_enabled(!importing, egui::Button::new("Merge colleagues' projects…"))
                .clicked()
            {
                commands.push(Command::ShowFileWindow(FileAction::Merge));
                ui.close();
            }
            if ui
                .add_enabled(!exporting, egui::Button::new("Export…"))
                .clicked()
            {
                commands.push(Command::ShowExportWindow);
                ui.close();
            }
            if ui.button("Team: progress, assignments…").clicked() {
                commands.push(Command::ToggleTeam);
                ui.close();
            }
            if ui.button("Restore a backup…").clicked() {
                commands.push(Command::ShowBackups);
                ui.close();
            }
            ui.separator();
            if ui.button("Settings").clicked() {
                commands.push(Command::ToggleSettings);
                ui.close();
            }
        });
    }

    fn stopped_banner(&self, ui: &mut Ui) {
        if let Some(why) = &self.stopped {
            egui::Panel::top("stopped").show(ui, |ui| {
                ui.add_space(4.0);
                ui.label(
                    RichText::new(format!("⚠ Editing is off. {why}"))
                        .color(ui.visuals().error_fg_color)
                        .strong(),
                );
                ui.add_space(4.0);
            });
        }
    }

    fn status_line(&self, ui: &mut Ui, commands: &mut Vec<Command>) {
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                if self.export_task.is_some() {
                    ui.add(
                        egui::ProgressBar::new(0.5)
                            .animate(true)
                            .desired_width(180.0)
                            .text("exporting"),
                    );
                }
                if let Some(task) = &self.import_task {
                    let (fraction, what) = task.fraction();
                    let bar = if task.merging {
                        egui::ProgressBar::new(0.5).animate(true).text("merging")
                    } else {
                        egui::ProgressBar::new(fraction).text(format!("importing: {what}"))
                    };
                    ui.add(bar.desired_width(180.0));
                    if !task.merging && !task.is_cancelled() && ui.button("Cancel").clicked() {
                        commands.push(Command::CancelImport);
                    }
                }
                ui.label(&self.status);
                let sync = self.hub_sync_status();
                if self.text_selection.is_some() || sync.is_some() {
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if let Some(sync) = sync {
                            if self.hub_sync.conflicts.is_empty() {
                                ui.weak(sync);
                            } else if ui.link(sync).clicked() {
                                commands.push(Command::ToggleTeam);
                            }
                        }
                        if let Some((s, e)) = self.text_selection {
                            ui.weak(format!("selection {s}–{e}"));
                        }
                    });
                }
            });
        });
    }

    fn documents_panel(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let current = self.view.as_ref().map(|v| v.doc.id.clone());
        let (width, _) = self.panel_widths();
        let shown = egui::Panel::left("documents")
            .default_size(width)
            .resizable(true)
            .show(ui, |ui| {
                panels::document_list(
                    ui,
                    &self.docs,
                    current.as_deref(),
                    &mut self.drafts.doc_filter,
                    if self.review.is_some() || self.layer == GOLD {
                        "adjudicated"
                    } else {
                        "done"
                    },
                    commands,
                );
            });
        self.keep_panel_width(ui, shown.response.rect.width(), 0);
    }

    /// The search sidebar, in place of the document list.
    fn search_panel(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let Some(ws) = &self.ws else { return };
        let labels: Vec<String> = ws
            .project
            .schema
            .labels
            .iter()
            .map(|l| l.name.clone())
            .collect();
        let editable = self.editable();
        egui::Panel::left("search")
            .default_size(360.0)
            .resizable(true)
            .show(ui, |ui| {
                crate::ui::search_panel::show_search_panel(
                    ui,
                    &mut self.search,
                    &labels,
                    editable,
                    commands,
                );
            });
    }

    /// The panels' widths: as the user last set them, else 250 and 330 points.
    fn panel_widths(&self) -> (f32, f32) {
        self.settings.panel_widths.unwrap_or((250.0, 330.0))
    }

    /// Remembers a panel's width in the settings when the user lets go of its edge (the frame
    /// the pointer is released in; what a click changes shows only in the next frame).
    fn keep_panel_width(&mut self, ui: &Ui, width: f32, which: usize) {
        let (mut docs, mut anns) = self.panel_widths();
        let old = if which == 0 { docs } else { anns };
        if (old - width).abs() < 1.0 || !ui.input(|i| i.pointer.any_released()) {
            return;
        }
        if which == 0 {
            docs = width;
        } else {
            anns = width;
        }
        self.settings.panel_widths = Some((docs, anns));
        self.save_settings();
    }

    fn annotations_panel(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let editable = self.editable();
        let Some(ws) = &self.ws else { return };
        let schema = &ws.project.schema;
        let (_, width) = self.panel_widths();
        let shown = egui::Panel::right("annotations")
            .default_size(width)
            .resizable(true)
            .show(ui, |ui| {
                if let Some(review) = &mut self.review {
                    review_view::show_panel(ui, review, schema, commands);
                } else if let Some(view) = &self.view {
                    let panel = AnnotationPanel {
                        view,
                        schema,
                        selected: self.selected_id.as_deref(),
                        editable,
                        layer: &self.layer,
                    };
                    panels::annotation_panel(
                        ui,
                        &panel,
                        &mut self.drafts.note_draft,
                        &mut self.drafts.label_filter,
                        commands,
                    );
                }
            });
        self.keep_panel_width(ui, shown.response.rect.width(), 1);
    }

    fn article(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let Some(ws) = &self.ws else { return };
        let schema = &ws.project.schema;
        egui::CentralPanel::default().show(ui, |ui| {
            if let Some(review) = &mut self.review {
                review_view::show_text(ui, review, self.settings.font_size, commands);
                return;
            }
            if self.show_hint {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new("Quick start:").strong());
                        ui.label("select text, then 1–4 or Q C R S to tag · F adds a fragment · L links to a speaker · Tab next annotation · Ctrl+Z undo · Ctrl+Enter done · ? all keys");
                        if ui.button("Got it").clicked() {
                            commands.push(Command::DismissHint);
                        }
                    });
                });
            }
            match &mut self.view {
                Some(view) => {
                    let look = article::Look { font_size: self.settings.font_size, all_links: self.settings.show_all_links, selection: self.text_selection };
                    article::show_article(ui, view, schema, look, self.selected_id.as_deref(), (&mut self.frame.scroll_to, &mut self.frame.scroll_by), &mut self.frame.clear_text_selection, commands)
                }
                None => {
                    ui.centered_and_justified(|ui| ui.label("This project has no documents yet. Import some with `spanbench import PROJECT FILES…`."));
                }
            }
        });
    }

    fn windows(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let Some(ws) = &self.ws else { return };
        let schema = &ws.project.schema;
        if let (Some(picker), Some(view)) = (&mut self.link_picker, &self.view) {
            let selection = self.text_selection.and_then(|(s, e)| {
                let (s, e) = (s.min(e), s.max(e));
                let p = view.paragraph_of(s)?;
                let para = &view.paragraphs[p];
                let text: String = view
                    .paragraph_text(p)
                    .chars()
                    .skip(s - para.cps.start)
                    .take(e - s)
                    .collect();
                Some(text)
            });
            link_picker::show_link_picker(
                ui.ctx(),
                picker,
                view,
                schema,
                selection.as_deref(),
                commands,
            );
        }
        if let Some(screen) = &mut self.agreement {
            crate::ui::agreement_window::show_agreement_screen(ui.ctx(), screen, schema, commands);
        }
        if let Some(window) = &mut self.export_window {
            crate::ui::export_window::show_export_window(ui.ctx(), window, &self.layers, commands);
        }
        if let Some(window) = &mut self.file_window {
            files::show_file_window(ui.ctx(), window, &self.settings.recent_projects, commands);
        }
        if self.show_settings {
            crate::ui::settings_window::show_settings(ui.ctx(), &self.settings, commands);
        }
        if let Some(team) = &self.team {
            let doc = self
                .view
                .as_ref()
                .map(|v| (v.doc.id.as_str(), v.doc.title.as_str()));
            let view = super::team::TeamView {
                team,
                doc,
                hub: self.hub_sync.me.is_some(),
                docs: &self.docs,
            };
            super::team::show_team(ui.ctx(), &view, commands);
        }
        if let Some(list) = &self.backups {
            super::backups::show_backups(ui.ctx(), list, &ws.dir, self.stopped.is_none(), commands);
        }
        if self.show_keys {
            let mut open = true;
            egui::Window::new("Keys")
                .open(&mut open)
                .collapsible(false)
                .resizable(false)
                .show(ui.ctx(), |ui| {
                    egui::Grid::new("keys").striped(true).show(ui, |ui| {
                        for (k, what) in crate::ui::keymap::sheet(schema) {
                            ui.strong(k);
                            ui.label(what);
                            ui.end_row();
                        }
                    });
                });
            if !open {
                commands.push(Command::ToggleKeys);
            }
        }
    }
}
