//! Export from the window: format, layer and target, written in a background thread on its own
//! database connection while the window stays responsive.

use std::path::PathBuf;

use super::command::Command;
use super::tasks::Task;
use crate::exporter::{ExportFormat, ExportOptions, ExportReport, export};
use crate::store::LayerFilter;
use crate::workspace::Workspace;

/// The export window's fields.
pub struct ExportWindow {
    /// Chosen format.
    pub format: ExportFormat,
    /// `all` or one layer.
    pub layer: String,
    /// Where to write.
    pub out: String,
    dialog: Option<Task<Option<PathBuf>>>,
}

impl ExportWindow {
    /// A window with JSONL of every layer preselected, into `dir`.
    pub fn new(dir: &std::path::Path) -> ExportWindow {
        ExportWindow {
            format: ExportFormat::JSONL,
            layer: "all".into(),
            out: dir.join("export.jsonl").display().to_string(),
            dialog: None,
        }
    }
}

/// The output path for `format`: a name spanbench proposed (`export`, `export.jsonl`, …)
/// follows the format (no folder called `export.jsonl` for brat); a name the user typed stays.
pub fn name_for_format(out: &str, format: ExportFormat) -> String {
    let path = std::path::Path::new(out.trim());
    let proposed = path
        .file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|stem| stem == "export");
    if !proposed {
        return out.to_string();
    }
    let name = if format.writes_folder() {
        "export".to_string()
    } else {
        format!("export.{}", format.extension())
    };
    path.with_file_name(name).display().to_string()
}

/// Draws the window.
pub fn show_export_window(
    ctx: &egui::Context,
    w: &mut ExportWindow,
    layers: &[String],
    commands: &mut Vec<Command>,
) {
    if let Some(picked) = w.dialog.as_mut().and_then(Task::poll) {
        w.dialog = None;
        // A dialog that could not appear leaves the path field, which always works.
        if let Ok(Some(p)) = picked {
            w.out = p.display().to_string();
        }
    }
    let mut open = true;
    egui::Window::new("Export a dataset")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            egui::ComboBox::new("export-format", "format")
                .selected_text(w.format.name())
                .show_ui(ui, |ui| {
                    for f in ExportFormat::all() {
                        if ui.selectable_value(&mut w.format, f, f.name()).changed() {
                            w.out = name_for_format(&w.out, f);
                        }
                    }
                });
            egui::ComboBox::new("export-layer", "layers")
                .selected_text(w.layer.as_str())
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut w.layer, "all".to_string(), "all");
                    for l in layers {
                        ui.selectable_value(&mut w.layer, l.clone(), l.as_str());
                    }
                });
            ui.add(
                egui::TextEdit::singleline(&mut w.out)
                    .hint_text("where to write")
                    .desired_width(420.0),
            );
            ui.horizontal(|ui| {
                let waiting = w.dialog.is_some();
                if ui
                    .add_enabled(!waiting, egui::Button::new("Browse…"))
                    .clicked()
                {
                    let folder = w.format.writes_folder();
                    w.dialog = Some(Task::spawn("file dialog", ui.ctx(), move |_| {
                        Ok(if folder {
                            rfd::FileDialog::new().pick_folder()
                        } else {
                            rfd::FileDialog::new().save_file()
                        })
                    }));
                }
                if ui
                    .add_enabled(!w.out.trim().is_empty(), egui::Button::new("Export"))
                    .clicked()
                {
                    let mut options = ExportOptions::new(w.format);
                    options.layers = LayerFilter::parse(&w.layer);
                    commands.push(Command::StartExport(options, PathBuf::from(w.out.trim())));
                }
            });
            ui.weak(if w.format.writes_folder() {
                "brat writes a folder."
            } else {
                "A data card (README.md) is written beside the file."
            });
        });
    if !open {
        commands.push(Command::CloseExportWindow);
    }
}

/// An export running in the background on its own database connection.
pub struct ExportTask {
    task: Task<ExportReport>,
    /// Where it writes.
    pub out: PathBuf,
}

impl ExportTask {
    /// Starts exporting the project in `dir`.
    pub fn start(
        dir: PathBuf,
        options: ExportOptions,
        out: PathBuf,
        ctx: egui::Context,
    ) -> ExportTask {
        let target = out.clone();
        let task = Task::spawn("export", &ctx, move |_| {
            let ws = Workspace::open_for_reading(&dir).map_err(|e| e.to_string())?;
            export(&ws, &target, &options).map_err(|e| e.to_string())
        });
        ExportTask { task, out }
    }

    /// The result, once the task has ended (also when its thread died).
    pub fn poll(&mut self) -> Option<Result<ExportReport, String>> {
        self.task.poll()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proposed_name_follows_the_format_and_a_typed_one_stays() {
        assert_eq!(
            name_for_format("/p/export.jsonl", ExportFormat::BRAT),
            "/p/export"
        );
        assert_eq!(
            name_for_format("/p/export", ExportFormat::CSV),
            "/p/export.csv"
        );
        assert_eq!(
            name_for_format("/p/export.jsonl", ExportFormat::LABEL_STUDIO),
            "/p/export.json"
        );
        assert_eq!(
            name_for_format("/p/mine.jsonl", ExportFormat::BRAT),
            "/p/mine.jsonl"
        );
    }
}
