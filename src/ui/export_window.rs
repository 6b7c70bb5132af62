//! Export from the window: format, layer and target, written in a background thread on its own
//! database connection while the window stays responsive.

use std::path::PathBuf;

use super::command::Command;
use super::tasks::Task;
use crate::exporter::{ExportFormat, ExportOptions, ExportReport, export, parse_split};
use crate::model::{DocStatus, OffsetUnit};
use crate::store::LayerFilter;
use crate::workspace::Workspace;

/// Which documents an export takes, by status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusChoice {
    /// As the command line does without `--status`: every document, but for `gold` alone the
    /// adjudicated ones.
    Default,
    /// Every document, whatever its status (`--status any`).
    Any,
    /// Documents a chosen layer has at this status.
    Only(DocStatus),
}

/// The export window's fields.
pub struct ExportWindow {
    /// Chosen format.
    pub format: ExportFormat,
    /// `all` or one layer.
    pub layer: String,
    /// Which documents, by status.
    pub status: StatusChoice,
    /// The offset unit (`None`: the format's own).
    pub offsets: Option<OffsetUnit>,
    /// `train=0.8,dev=0.1,test=0.1`, or empty for no split.
    pub split: String,
    /// Seed of the split, as typed.
    pub seed: String,
    /// Where to write.
    pub out: String,
    dialog: Option<Task<Option<PathBuf>>>,
}

impl ExportWindow {
    /// A window with JSONL of every layer preselected, for the project in `project`: written
    /// beside the project folder (`<project>-export.jsonl`), since nothing may be written
    /// inside it.
    pub fn new(project: &std::path::Path) -> ExportWindow {
        let name = project
            .file_name()
            .map_or("project".into(), |n| n.to_string_lossy().into_owned());
        let beside = project.parent().unwrap_or(project);
        ExportWindow {
            format: ExportFormat::JSONL,
            layer: "all".into(),
            status: StatusChoice::Default,
            offsets: None,
            split: String::new(),
            seed: "0".into(),
            out: beside
                .join(format!("{name}-export.jsonl"))
                .display()
                .to_string(),
            dialog: None,
        }
    }

    /// The options as chosen, or why they cannot be used (a split that does not parse).
    pub fn options(&self) -> Result<ExportOptions, String> {
        let mut options = ExportOptions::new(self.format);
        options.layers = LayerFilter::parse(&self.layer);
        match self.status {
            StatusChoice::Default => {}
            StatusChoice::Any => options.any_status = true,
            StatusChoice::Only(s) => options.status = Some(s),
        }
        options.offsets = self.offsets;
        if !self.split.trim().is_empty() {
            options.split =
                Some(parse_split(self.split.trim()).map_err(|e| format!("split: {e}"))?);
            options.seed = self
                .seed
                .trim()
                .parse()
                .map_err(|_| format!("seed: '{}' is not a whole number", self.seed.trim()))?;
        }
        Ok(options)
    }

    /// True when the export writes a folder (brat, or any split).
    fn writes_folder(&self) -> bool {
        self.format.writes_folder() || !self.split.trim().is_empty()
    }
}

/// The output path for `format`: a name spanbench proposed (one ending in `export`, e.g.
/// `news-export.jsonl`) follows the format (no folder called `export.jsonl` for brat); a name
/// the user typed stays. `folder` says whether the export writes a folder (brat, or a split).
pub fn name_for_format(out: &str, format: ExportFormat, folder: bool) -> String {
    let path = std::path::Path::new(out.trim());
    let Some(stem) = path
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|stem| stem.ends_with("export"))
    else {
        return out.to_string();
    };
    let name = if folder {
        stem.to_string()
    } else {
        format!("{stem}.{}", format.extension())
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
                            w.out = name_for_format(&w.out, f, w.writes_folder());
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
            choices(ui, w);
            ui.add(
                egui::TextEdit::singleline(&mut w.out)
                    .hint_text("where to write")
                    .desired_width(420.0),
            );
            ui.horizontal(|ui| buttons(ui, w, commands));
            ui.weak(if w.writes_folder() {
                "This writes a folder, with a data card (README.md) in it."
            } else {
                "A data card (README.md) is written beside the file."
            });
        });
    if !open {
        commands.push(Command::CloseExportWindow);
    }
}

/// "Browse…" (the system's dialog) and "Export", with why the options cannot be used.
fn buttons(ui: &mut egui::Ui, w: &mut ExportWindow, commands: &mut Vec<Command>) {
    let waiting = w.dialog.is_some();
    if ui
        .add_enabled(!waiting, egui::Button::new("Browse…"))
        .clicked()
    {
        let folder = w.writes_folder();
        w.dialog = Some(Task::spawn("file dialog", ui.ctx(), move |_| {
            Ok(if folder {
                rfd::FileDialog::new().pick_folder()
            } else {
                rfd::FileDialog::new().save_file()
            })
        }));
    }
    let options = w.options();
    if ui
        .add_enabled(
            !w.out.trim().is_empty() && options.is_ok(),
            egui::Button::new("Export"),
        )
        .clicked()
        && let Ok(options) = options.clone()
    {
        commands.push(Command::StartExport(options, PathBuf::from(w.out.trim())));
    }
    if let Err(why) = options {
        ui.colored_label(ui.visuals().error_fg_color, why);
    }
}

/// Status, offsets and split, as the command line has them.
fn choices(ui: &mut egui::Ui, w: &mut ExportWindow) {
    let status_text = |s: StatusChoice| match s {
        StatusChoice::Default => "every document (gold alone: adjudicated ones)".to_string(),
        StatusChoice::Any => "any status".to_string(),
        StatusChoice::Only(s) => format!("only {}", s.name()),
    };
    egui::ComboBox::new("export-status", "documents")
        .selected_text(status_text(w.status))
        .show_ui(ui, |ui| {
            let mut all = vec![StatusChoice::Default, StatusChoice::Any];
            all.extend(DocStatus::ALL.map(StatusChoice::Only));
            for s in all {
                ui.selectable_value(&mut w.status, s, status_text(s));
            }
        });
    let fixed = w.format.only_unit().is_some();
    ui.add_enabled_ui(!fixed, |ui| {
        let unit_text = |u: Option<OffsetUnit>| match u {
            None => format!("{} (the format's)", w.format.default_unit().name()),
            Some(u) => u.name().to_string(),
        };
        egui::ComboBox::new("export-offsets", "offsets")
            .selected_text(unit_text(if fixed { None } else { w.offsets }))
            .show_ui(ui, |ui| {
                for u in [
                    None,
                    Some(OffsetUnit::Codepoint),
                    Some(OffsetUnit::Utf16),
                    Some(OffsetUnit::Utf8),
                ] {
                    ui.selectable_value(&mut w.offsets, u, unit_text(u));
                }
            });
    });
    let was_folder = w.writes_folder();
    ui.horizontal(|ui| {
        let label = ui.label("split");
        ui.add(
            egui::TextEdit::singleline(&mut w.split)
                .hint_text("none, or e.g. train=0.8,dev=0.1,test=0.1")
                .desired_width(300.0),
        )
        .labelled_by(label.id);
    });
    if !w.split.trim().is_empty() {
        ui.horizontal(|ui| {
            let label = ui.label("seed of the split");
            ui.add(egui::TextEdit::singleline(&mut w.seed).desired_width(80.0))
                .labelled_by(label.id);
        });
    }
    if was_folder != w.writes_folder() {
        w.out = name_for_format(&w.out, w.format, w.writes_folder());
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
            name_for_format(
                "/p/export.jsonl",
                ExportFormat::BRAT,
                ExportFormat::BRAT.writes_folder()
            ),
            "/p/export"
        );
        assert_eq!(
            name_for_format(
                "/p/export",
                ExportFormat::CSV,
                ExportFormat::CSV.writes_folder()
            ),
            "/p/export.csv"
        );
        assert_eq!(
            name_for_format(
                "/p/export.jsonl",
                ExportFormat::LABEL_STUDIO,
                ExportFormat::LABEL_STUDIO.writes_folder()
            ),
            "/p/export.json"
        );
        assert_eq!(
            name_for_format(
                "/p/mine.jsonl",
                ExportFormat::BRAT,
                ExportFormat::BRAT.writes_folder()
            ),
            "/p/mine.jsonl"
        );
        // A split writes a folder, whatever the format.
        assert_eq!(
            name_for_format("/p/export.jsonl", ExportFormat::JSONL, true),
            "/p/export"
        );
    }
}
