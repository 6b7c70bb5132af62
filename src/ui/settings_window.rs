//! The settings window: font size, theme, snapping.

use super::command::Command;
use crate::settings::{Settings, Theme};

/// Draws the settings window; changes go out as commands.
pub fn show_settings(ctx: &egui::Context, settings: &Settings, commands: &mut Vec<Command>) {
    let mut open = true;
    egui::Window::new("Settings")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            let mut size = settings.font_size;
            if ui
                .add(
                    egui::Slider::new(&mut size, 12.0..=28.0)
                        .step_by(1.0)
                        .text("text size"),
                )
                .changed()
            {
                commands.push(Command::SetFontSize(size));
            }
            ui.horizontal(|ui| {
                ui.label("Theme:");
                if ui.radio(settings.theme == Theme::Dark, "dark").clicked() {
                    commands.push(Command::SetTheme(Theme::Dark));
                }
                if ui.radio(settings.theme == Theme::Light, "light").clicked() {
                    commands.push(Command::SetTheme(Theme::Light));
                }
            });
            let mut snap = settings.snap_to_words;
            if ui
                .checkbox(
                    &mut snap,
                    "Snap selections to whole words (hold Alt while tagging for exact characters)",
                )
                .changed()
            {
                commands.push(Command::SetSnap(snap));
            }
            ui.add_space(4.0);
            ui.weak(format!("Saved in {}", Settings::path().display()));
        });
    if !open {
        commands.push(Command::ToggleSettings);
    }
}
