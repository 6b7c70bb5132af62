//! Opening a project and importing files from the window: a path field that always works, a
//! "Browse…" button that asks the platform's dialog in a background thread (where no dialog can
//! appear, the field is still there), and the import itself in a background thread with progress.

use std::path::PathBuf;

use super::command::Command;
use super::tasks::Task;
use crate::importer::{
    ImportOptions, ImportOutcome, ImportProgress, import_paths_cancellable, merge_projects,
};
use crate::workspace::Workspace;

/// What the file window is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileAction {
    /// Open a project folder.
    OpenProject,
    /// Import files or folders into the open project.
    Import,
    /// Merge colleagues' project folders into the open project.
    Merge,
}

/// The open-or-import window.
pub struct FileWindow {
    /// What it does.
    pub action: FileAction,
    /// The path typed or chosen (several, for import, separated by new lines).
    pub paths: String,
    dialog: Option<Task<Vec<PathBuf>>>,
}

impl FileWindow {
    /// A window for `action`.
    pub fn new(action: FileAction) -> FileWindow {
        FileWindow {
            action,
            paths: String::new(),
            dialog: None,
        }
    }

    /// The paths in the field.
    pub fn chosen(&self) -> Vec<PathBuf> {
        self.paths
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(PathBuf::from)
            .collect()
    }

    fn browse(&mut self, ctx: &egui::Context) {
        let action = self.action;
        self.dialog = Some(Task::spawn("file dialog", ctx, move |_| {
            Ok(match action {
                FileAction::OpenProject => rfd::FileDialog::new()
                    .set_title("Open a spanbench project folder")
                    .pick_folder()
                    .into_iter()
                    .collect(),
                FileAction::Import => rfd::FileDialog::new()
                    .set_title("Import articles")
                    .add_filter("articles", &["txt", "md", "jsonl"])
                    .pick_files()
                    .unwrap_or_default(),
                FileAction::Merge => rfd::FileDialog::new()
                    .set_title("Merge colleagues' project folders")
                    .pick_folders()
                    .unwrap_or_default(),
            })
        }));
    }
}

/// Draws the window; answers a command when the user confirms.
pub fn show_file_window(
    ctx: &egui::Context,
    window: &mut FileWindow,
    recent: &[PathBuf],
    commands: &mut Vec<Command>,
) {
    if let Some(picked) = window.dialog.as_mut().and_then(Task::poll) {
        window.dialog = None;
        // A dialog that could not appear leaves the path field, which always works.
        let picked = picked.unwrap_or_default();
        if !picked.is_empty() {
            window.paths = picked
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join("\n");
        }
    }
    let (title, verb, hint) = match window.action {
        FileAction::OpenProject => ("Open a project", "Open", "/path/to/project-folder"),
        FileAction::Import => (
            "Import articles",
            "Import",
            "files or folders, one per line (.txt, .md, .jsonl)",
        ),
        FileAction::Merge => (
            "Merge colleagues' projects",
            "Merge",
            "their project folders, one per line",
        ),
    };
    let mut open = true;
    egui::Window::new(title)
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.add(
                egui::TextEdit::multiline(&mut window.paths)
                    .hint_text(hint)
                    .desired_rows(2)
                    .desired_width(420.0),
            );
            ui.horizontal(|ui| buttons(ui, ctx, window, verb, commands));
            if window.action == FileAction::Merge {
                ui.label("Their layers come in beside yours; documents are matched by their text. Merging the same folder again changes nothing.");
            }
            if window.action == FileAction::OpenProject && !recent.is_empty() {
                ui.separator();
                ui.label("Recent projects:");
                for p in recent {
                    if ui.link(p.display().to_string()).clicked() {
                        commands.push(Command::OpenProject(p.clone()));
                    }
                }
            }
        });
    if !open {
        commands.push(Command::CloseFileWindow);
    }
}

/// "Browse…" (the system's dialog) and the button that confirms (`verb`).
fn buttons(
    ui: &mut egui::Ui,
    ctx: &egui::Context,
    window: &mut FileWindow,
    verb: &str,
    commands: &mut Vec<Command>,
) {
    let waiting = window.dialog.is_some();
    if ui
        .add_enabled(
            !waiting,
            egui::Button::new(if waiting {
                "Waiting for the dialog…"
            } else {
                "Browse…"
            }),
        )
        .clicked()
    {
        window.browse(ctx);
    }
    let chosen = window.chosen();
    if ui
        .add_enabled(!chosen.is_empty(), egui::Button::new(verb))
        .clicked()
    {
        commands.push(match window.action {
            FileAction::OpenProject => Command::OpenProject(chosen[0].clone()),
            FileAction::Import => Command::StartImport(chosen),
            FileAction::Merge => Command::StartMerge(chosen),
        });
    }
}

/// An import or merge running in the background on its own database connection.
pub struct ImportTask {
    task: Task<ImportOutcome>,
    /// True for a merge of projects, false for an import of files.
    pub merging: bool,
}

impl ImportTask {
    /// Starts importing `paths` into the project in `dir`.
    pub fn start(
        dir: PathBuf,
        paths: Vec<PathBuf>,
        annotator: String,
        ctx: egui::Context,
    ) -> ImportTask {
        let task = Task::spawn("import", &ctx, move |r| {
            let mut ws = Workspace::open(&dir).map_err(|e| e.to_string())?;
            let options = ImportOptions {
                annotator: Some(annotator),
                ..ImportOptions::default()
            };
            let report = |p: ImportProgress| {
                let (fraction, what) = fraction(&p);
                r.progress(Some(fraction), what);
            };
            import_paths_cancellable(&mut ws, &paths, &options, &mut { report }, &|| {
                r.cancelled()
            })
            .map_err(|e| crate::error_text::sentence(&e))
        });
        ImportTask {
            task,
            merging: false,
        }
    }

    /// Starts merging the projects in `others` into the project in `dir`; `files` of the
    /// outcome counts the projects.
    pub fn start_merge(dir: PathBuf, others: Vec<PathBuf>, ctx: egui::Context) -> ImportTask {
        let task = Task::spawn("merge", &ctx, move |_| {
            let mut ws = Workspace::open(&dir).map_err(|e| e.to_string())?;
            let m =
                merge_projects(&mut ws, &others).map_err(|e| crate::error_text::sentence(&e))?;
            Ok(ImportOutcome {
                files: m.projects,
                report: m.report,
                ..ImportOutcome::default()
            })
        });
        ImportTask {
            task,
            merging: true,
        }
    }

    /// The result, once the task has ended (also when its thread died).
    pub fn poll(&mut self) -> Option<Result<ImportOutcome, String>> {
        self.task.poll()
    }

    /// Asks the import to stop; it then imports nothing.
    pub fn cancel(&self) {
        self.task.cancel();
    }

    /// True once cancelled.
    pub fn is_cancelled(&self) -> bool {
        self.task.is_cancelled()
    }

    /// A fraction for the progress bar and a word for what it does.
    pub fn fraction(&self) -> (f32, &str) {
        let p = self.task.progress();
        match p.fraction {
            Some(f) => (f, p.what.as_str()),
            None => (0.0, "starting"),
        }
    }
}

/// Reading is the first half of an import, writing the second.
fn fraction(p: &ImportProgress) -> (f32, &'static str) {
    match *p {
        ImportProgress::Reading { done, total } => {
            (0.5 * done as f32 / total.max(1) as f32, "reading")
        }
        ImportProgress::Writing { done, total } => {
            (0.5 + 0.5 * done as f32 / total.max(1) as f32, "writing")
        }
    }
}
