//! "Project → Restore a backup…": the project's backups, newest first, each with a button
//! that puts it back (the state before is kept as a backup of its own, so this can be undone
//! the same way).

use std::path::Path;

use super::SpanbenchApp;
use crate::store::Backup;
use crate::ui::command::Command;

/// Draws the backups window.
pub(super) fn show_backups(
    ctx: &egui::Context,
    list: &[Backup],
    project: &Path,
    enabled: bool,
    commands: &mut Vec<Command>,
) {
    let mut open = true;
    egui::Window::new("Backups")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_width(520.0)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
        .show(ctx, |ui| {
            ui.label(format!(
                "Copies of the database in {}, made before each upgrade and once a day of use.",
                project.join(crate::store::BACKUP_FOLDER).display()
            ));
            ui.label("Restoring one replaces the project's annotations with that copy; the current state is kept as a backup first.");
            ui.add_space(6.0);
            if list.is_empty() {
                ui.weak("No backups yet: the first is made on the first day the project is reopened.");
            }
            egui::Grid::new("backups").striped(true).show(ui, |ui| {
                for b in list {
                    ui.label(format!("{} UTC", b.when));
                    ui.label(b.reason.replace('-', " "));
                    ui.label(format!("{:.1} MB", b.bytes as f64 / 1e6));
                    if ui.add_enabled(enabled, egui::Button::new("Restore")).clicked() {
                        commands.push(Command::RestoreBackup(b.path.clone()));
                    }
                    ui.end_row();
                }
            });
        });
    if !open {
        commands.push(Command::CloseBackups);
    }
}

impl SpanbenchApp {
    /// Opens the backups window with the backups there are now.
    pub(super) fn show_backups(&mut self) -> Result<(), String> {
        let ws = self.ws.as_ref().ok_or("No project is open.")?;
        self.backups = Some(crate::store::list_backups(ws.store.path()));
        Ok(())
    }

    /// Puts a backup back and shows the project as it now is.
    pub(super) fn restore_backup(&mut self, path: &Path) -> Result<(), String> {
        if let Some(why) = &self.stopped {
            return Err(why.clone());
        }
        let ws = self.ws.as_mut().ok_or("No project is open.")?;
        ws.store.restore_backup(path).map_err(|e| e.to_string())?;
        ws.forget_history();
        self.backups = None;
        self.reload_after_outside_change();
        self.status = format!(
            "Restored {} — the state before it was kept as a backup too.",
            path.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        );
        Ok(())
    }
}
