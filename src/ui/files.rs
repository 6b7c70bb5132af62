//! Opening a project and importing files from the window: a path field that always works, a
//! "Browse…" button that asks the platform's dialog in a background thread (where no dialog can
//! appear, the field is still there), and the import itself in a background thread with progress.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

use super::command::Command;
use crate::importer::{ImportOptions, ImportOutcome, ImportProgress, import_paths, merge_projects};
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
    dialog: Option<Receiver<Vec<PathBuf>>>,
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

    fn browse(&mut self) {
        let (tx, rx) = channel();
        let action = self.action;
        std::thread::spawn(move || {
            let picked: Vec<PathBuf> = match action {
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
            };
            // The window may have been closed meanwhile; then nobody listens.
            tx.send(picked).ok();
        });
        self.dialog = Some(rx);
    }
}

/// Draws the window; answers a command when the user confirms.
pub fn show(
    ctx: &egui::Context,
    window: &mut FileWindow,
    recent: &[PathBuf],
    commands: &mut Vec<Command>,
) {
    if let Some(rx) = &window.dialog
        && let Ok(picked) = rx.try_recv()
    {
        window.dialog = None;
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
            ui.horizontal(|ui| {
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
                    window.browse();
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
            });
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

/// Messages from a background import.
pub enum ImportMessage {
    /// How far it got.
    Progress(ImportProgress),
    /// It ended.
    Finished(Result<ImportOutcome, String>),
}

/// An import running in a background thread on its own database connection.
pub struct ImportTask {
    rx: Receiver<ImportMessage>,
    /// True for a merge of projects, false for an import of files.
    pub merging: bool,
    /// The latest progress.
    pub progress: Option<ImportProgress>,
}

impl ImportTask {
    /// Starts importing `paths` into the project in `dir`.
    pub fn start(
        dir: PathBuf,
        paths: Vec<PathBuf>,
        annotator: String,
        ctx: egui::Context,
    ) -> ImportTask {
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let result = Workspace::open(&dir)
                .map_err(|e| e.to_string())
                .and_then(|mut ws| {
                    let options = ImportOptions {
                        annotator: Some(annotator),
                        ..ImportOptions::default()
                    };
                    let progress_tx = tx.clone();
                    let repaint = ctx.clone();
                    import_paths(&mut ws, &paths, &options, &mut |p| {
                        progress_tx.send(ImportMessage::Progress(p)).ok();
                        repaint.request_repaint();
                    })
                    .map_err(|e| crate::error_text::sentence(&e))
                });
            tx.send(ImportMessage::Finished(result)).ok();
            ctx.request_repaint();
        });
        ImportTask {
            rx,
            merging: false,
            progress: None,
        }
    }

    /// Starts merging the projects in `others` into the project in `dir`; `files` of the
    /// outcome counts the projects.
    pub fn start_merge(dir: PathBuf, others: Vec<PathBuf>, ctx: egui::Context) -> ImportTask {
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let result = Workspace::open(&dir)
                .map_err(|e| e.to_string())
                .and_then(|mut ws| {
                    merge_projects(&mut ws, &others).map_err(|e| crate::error_text::sentence(&e))
                })
                .map(|m| ImportOutcome {
                    files: m.projects,
                    report: m.report,
                    notes: Vec::new(),
                });
            tx.send(ImportMessage::Finished(result)).ok();
            ctx.request_repaint();
        });
        ImportTask {
            rx,
            merging: true,
            progress: None,
        }
    }

    /// Takes in what the thread sent; answers the result once it has finished.
    pub fn poll(&mut self) -> Option<Result<ImportOutcome, String>> {
        while let Ok(message) = self.rx.try_recv() {
            match message {
                ImportMessage::Progress(p) => self.progress = Some(p),
                ImportMessage::Finished(r) => return Some(r),
            }
        }
        None
    }

    /// A fraction for the progress bar and a word for what it does.
    pub fn fraction(&self) -> (f32, &'static str) {
        match self.progress {
            Some(ImportProgress::Reading { done, total }) => {
                (0.5 * done as f32 / total.max(1) as f32, "reading")
            }
            Some(ImportProgress::Writing { done, total }) => {
                (0.5 + 0.5 * done as f32 / total.max(1) as f32, "writing")
            }
            None => (0.0, "starting"),
        }
    }
}
