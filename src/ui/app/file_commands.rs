//! File commands: opening projects, importing, merging and exporting in the background,
//! backups.

use super::apply::not_in_group;
use super::*;

impl SpanbenchApp {
    /// Applies a command of the files group.
    pub(super) fn run_files(&mut self, command: Command) -> Result<(), String> {
        match command {
            Command::ShowBackups => self.show_backups()?,
            Command::CloseBackups => self.backups = None,
            Command::RestoreBackup(path) => self.restore_backup(&path)?,
            Command::ShowFileWindow(action) => self.file_window = Some(FileWindow::new(action)),
            Command::CloseFileWindow => self.file_window = None,
            Command::ShowExportWindow => {
                let dir = self.ws.as_ref().ok_or("No project is open.")?.dir.clone();
                self.export_window = Some(crate::ui::export_window::ExportWindow::new(&dir));
            }
            Command::CloseExportWindow => self.export_window = None,
            Command::StartExport(options, out) => {
                if self.export_task.is_some() {
                    return Err("An export is already running.".into());
                }
                let (dir, ctx) = self.for_background()?;
                self.export_task = Some(crate::ui::export_window::ExportTask::start(
                    dir, options, out, ctx,
                ));
                self.export_window = None;
                self.status = "Exporting in the background — keep working.".into();
            }
            Command::OpenProject(dir) => {
                let ws = Workspace::open_for_reading(&dir).map_err(|e| format!("{e}"))?;
                let mut settings = std::mem::take(&mut self.settings);
                settings.remember_project(&dir);
                let (path, annotator) = (self.settings_path.take(), self.annotator.clone());
                *self = SpanbenchApp::new(ws, annotator).with_settings(settings, path, None);
                self.save_settings();
                self.status = format!("Opened {}.", dir.display());
            }
            Command::StartImport(paths) => {
                if self.import_task.is_some() {
                    return Err("An import is already running.".into());
                }
                let (dir, ctx) = self.for_background()?;
                self.import_task = Some(ImportTask::start(dir, paths, self.annotator.clone(), ctx));
                self.file_window = None;
                self.status = "Importing in the background — keep working.".into();
            }
            Command::StartMerge(paths) => self.start_merge(paths)?,
            Command::CancelImport => {
                if let Some(task) = &self.import_task {
                    task.cancel();
                    self.status = "Cancelling the import…".into();
                }
            }
            other => return Err(not_in_group(&other)),
        }
        Ok(())
    }
}
