//! The application: its state and the frame (panels, article). Keys are read in `keys.rs`;
//! commands are applied in `apply.rs`.

use egui::{Key, Modifiers, RichText, Ui};

mod apply;
mod backups;
mod editing;
mod file_commands;
mod frame;
mod hub_sync;
mod keys;
mod navigation;
mod outside;
mod review;
mod search;
mod suggestions;
mod team;
mod team_assign;
mod window_commands;

pub use outside::POLL_INTERVAL;

use super::command::{Command, Group};
use super::doc_view::DocView;
use super::files::{FileWindow, ImportTask};
use super::link_picker::LinkPicker;

use super::review_view::{Layout as ReviewLayout, Review};
use crate::model::layer::GOLD;
use crate::model::snap::{snap_to_words, trim};
use crate::model::{AnnRef, Annotation, DocStatus, Edit, Fragment, Relation};
use crate::settings::{Settings, Theme};
use crate::store::{DocSummary, LayerFilter, StoreError};
use crate::workspace::Workspace;

/// The whole window's state.
pub struct SpanbenchApp {
    /// The open project (`None` when it could not be opened; see `problem`).
    pub ws: Option<Workspace>,
    /// Why the project could not be opened, shown instead of the work area.
    pub problem: Option<String>,
    /// Whose layer edits go to.
    pub annotator: String,
    /// Whose layer is shown (the annotator's own is editable, others are read-only).
    pub layer: String,
    /// The document list.
    pub docs: Vec<DocSummary>,
    /// Every layer one can look at: the annotator's own first, then the project's others.
    pub layers: Vec<String>,
    /// The open document.
    pub view: Option<DocView>,
    /// The last text selection, in code points (kept when the text loses focus).
    pub text_selection: Option<(usize, usize)>,
    /// The selected annotation's id.
    pub selected_id: Option<String>,
    /// The status line: what just happened.
    pub status: String,
    /// The link picker, when open.
    pub link_picker: Option<LinkPicker>,
    /// Whether the sheet of keys is open.
    pub show_keys: bool,
    /// Whether the first-start hint is shown.
    pub show_hint: bool,
    /// The user's settings.
    pub settings: Settings,
    /// Where settings are saved (`None`: not saved, as in tests).
    pub settings_path: Option<std::path::PathBuf>,
    /// The settings file could not be read: it is kept as it is until the user changes a
    /// setting (then it is set aside), so remembering the place alone does not write it.
    settings_broken: bool,
    /// Whether the settings window is open.
    pub show_settings: bool,
    /// The open-or-import window, when open.
    pub file_window: Option<FileWindow>,
    /// An import running in the background.
    pub import_task: Option<ImportTask>,
    /// The export window, when open.
    pub export_window: Option<crate::ui::export_window::ExportWindow>,
    /// An export running in the background.
    pub export_task: Option<crate::ui::export_window::ExportTask>,
    /// The review of the open document, when reviewing (instead of annotating).
    pub review: Option<Review>,
    /// How the review is set up, kept while it is closed.
    review_setup: ReviewSetup,
    /// The agreement screen, when shown.
    pub agreement: Option<crate::ui::agreement_window::AgreementScreen>,
    /// Why nothing can be edited now (a read-only project, database files gone), shown above
    /// the article; `None` while editing works.
    pub stopped: Option<String>,
    /// The backups window, when open: the backups found when it opened.
    pub backups: Option<Vec<crate::store::Backup>>,
    /// The search window and its last results.
    pub search: crate::ui::search_panel::SearchWindow,
    /// The learned suggester: the model in use, and its training in the background.
    pub learner: suggestions::Learner,
    /// The background sync of a hub copy.
    pub hub_sync: hub_sync::HubSync,
    /// The team window, when open.
    pub team: Option<team::TeamWindow>,
    /// What the window knows of changes made by others.
    watch: OutsideWatch,
    /// What the panels' fields hold while the user types.
    drafts: Drafts,
    /// What the next frame has to do.
    frame: FrameState,
}

/// How the review is set up, kept while it is closed.
#[derive(Default)]
struct ReviewSetup {
    /// Whom the review compares (everyone who annotated the document when empty).
    annotators: Vec<String>,
    /// Side by side or inline.
    layout: ReviewLayout,
    /// Where "Edit in gold…" left the review: document and disagreement, to return to.
    return_to: Option<(String, usize)>,
}

/// What the window knows of changes made by other windows and programs.
#[derive(Default)]
struct OutsideWatch {
    /// SQLite's `data_version` when last looked at.
    data_version: Option<i64>,
    /// When it was last looked at.
    last_poll: Option<std::time::Instant>,
}

/// What the panels' fields hold while the user types.
#[derive(Default)]
struct Drafts {
    /// The document list's filter.
    doc_filter: String,
    /// The label the annotation list shows (`None`: all).
    label_filter: Option<String>,
    /// The selected annotation's note as typed.
    note_draft: String,
}

/// Per-frame state: what the next frame has to do and what it last did.
#[derive(Default)]
struct FrameState {
    /// The context, for repaints asked for from outside a frame.
    ctx: Option<egui::Context>,
    /// The theme the visuals were last set for.
    applied_theme: Option<Theme>,
    /// A paragraph to bring into view.
    scroll_to: Option<usize>,
    /// Drop the text's own selection on the next frame.
    clear_text_selection: bool,
    /// The window title last sent.
    window_title: String,
    /// A scroll of the article asked for by a key.
    scroll_by: Option<crate::ui::command::Scroll>,
    /// The documents panel shown or hidden by the user (`None`: by the window's width).
    documents_panel: Option<bool>,
    /// The annotations panel shown or hidden by the user (`None`: by the window's width).
    annotations_panel: Option<bool>,
    /// Whether the documents panel was shown in the last frame.
    documents_shown: bool,
    /// Whether the annotations panel was shown in the last frame.
    annotations_shown: bool,
}

impl SpanbenchApp {
    /// An app on an open project, showing the annotator's first unfinished document.
    pub fn new(ws: Workspace, annotator: String) -> SpanbenchApp {
        let conflicts = super::keymap::conflicts(ws.schema());
        if !conflicts.is_empty() {
            return SpanbenchApp::failed(
                format!(
                    "{}: the schema's label keys collide with the window's keys:\n  - {}\nGive those labels other hotkeys in project.ron.",
                    ws.dir.join(crate::project::PROJECT_FILE).display(),
                    conflicts.join("\n  - ")
                ),
                annotator,
            );
        }
        let mut app = SpanbenchApp::empty(annotator);
        if ws.is_read_only() {
            app.stopped = Some(format!(
                "{} is read-only here: you can read, review, check and export it, but not change it. Copy the folder somewhere you can write to annotate.",
                ws.dir.display()
            ));
        }
        app.watch.data_version = ws.store.data_version().ok().flatten();
        app.ws = Some(ws);
        app.load_model();
        // What loading the model had to say (an outdated or unusable model) outlasts the
        // opening of the first document.
        let model_note = std::mem::take(&mut app.status);
        app.load_hub_copy();
        app.reload_documents();
        if let Some(first) = app
            .docs
            .iter()
            .find(|d| !d.status.is_finished())
            .or(app.docs.first())
        {
            let id = first.id.clone();
            app.apply(Command::OpenDocument(id));
        }
        app.status = match &app.stopped {
            Some(why) => why.clone(),
            None if !model_note.is_empty() => model_note,
            None => "Select text and press 1–4 (or Q C R S) to tag it. ? shows every key.".into(),
        };
        app
    }

    /// An app that could not open its project: it shows `problem` and a way out.
    pub fn failed(problem: String, annotator: String) -> SpanbenchApp {
        let mut app = SpanbenchApp::empty(annotator);
        app.problem = Some(problem);
        app
    }

    fn empty(annotator: String) -> SpanbenchApp {
        SpanbenchApp {
            ws: None,
            problem: None,
            layer: annotator.clone(),
            annotator,
            docs: Vec::new(),
            layers: Vec::new(),
            view: None,
            text_selection: None,
            selected_id: None,
            status: String::new(),
            link_picker: None,
            show_keys: false,
            show_hint: true,
            settings: Settings::default(),
            settings_path: None,
            settings_broken: false,
            show_settings: false,
            file_window: None,
            import_task: None,
            export_window: None,
            export_task: None,
            review: None,
            review_setup: ReviewSetup::default(),
            agreement: None,
            stopped: None,
            backups: None,
            search: crate::ui::search_panel::SearchWindow::new("speaker"),
            learner: Default::default(),
            hub_sync: Default::default(),
            team: None,
            watch: OutsideWatch::default(),
            drafts: Drafts::default(),
            frame: FrameState::default(),
        }
    }

    /// Uses `settings`, saved to `path` when they change; `problem` (a broken settings file)
    /// goes to the status line.
    pub fn with_settings(
        mut self,
        settings: Settings,
        path: Option<std::path::PathBuf>,
        problem: Option<String>,
    ) -> SpanbenchApp {
        self.show_hint = !settings.hint_dismissed;
        self.settings = settings;
        self.settings_path = path;
        self.settings_broken = problem.is_some();
        if let Some(p) = problem {
            self.status = p;
        }
        self
    }

    /// Opens `document` when the project has it, scrolled to `paragraph` (where the annotator
    /// was last time).
    pub fn returning_to(
        mut self,
        document: Option<&str>,
        paragraph: Option<usize>,
    ) -> SpanbenchApp {
        if let Some(id) = document
            && self.docs.iter().any(|d| d.id == id)
            && self.current_doc() != Some(id)
        {
            self.apply(Command::OpenDocument(id.to_string()));
        }
        if let Some(n) = paragraph
            && document.is_some()
            && self.current_doc() == document
            && let Some(view) = &mut self.view
        {
            // Kept at the top for a few frames, while the paragraphs around it are measured.
            self.frame.scroll_to = None;
            view.keep_top = Some((n.min(view.paragraphs.len().saturating_sub(1)), 3));
        }
        // One write at start: this project first among the recent ones, and the place.
        self.note_place();
        if self.ws.is_some() && !self.settings_broken {
            self.save_settings();
        }
        self
    }

    /// What closing the window does: remembers the annotator, the open document and the
    /// paragraph at the top of the article for the next start.
    pub fn closing(&mut self) {
        self.remember_place();
    }

    /// The paragraph at the top of the article as last drawn (counting from 0).
    pub fn top_paragraph(&self) -> Option<usize> {
        self.view
            .as_ref()
            .and_then(crate::ui::article::top_paragraph)
    }

    /// Remembers the annotator and the open document for the next start.
    pub(super) fn remember_place(&mut self) {
        if self.note_place() && !self.settings_broken {
            self.save_settings();
        }
    }

    /// Puts the annotator and the open document into the settings (not saved); answers
    /// whether they changed.
    fn note_place(&mut self) -> bool {
        let Some(dir) = self.ws.as_ref().map(|w| w.dir.clone()) else {
            return false;
        };
        let document = self.current_doc().map(str::to_string);
        let paragraph = self.top_paragraph();
        let unchanged = self.settings.place(&dir).is_some_and(|p| {
            p.annotator == self.annotator
                && p.document.as_deref() == document.as_deref()
                && p.paragraph == paragraph
        });
        if !unchanged {
            self.settings
                .remember_place(&dir, &self.annotator, document.as_deref(), paragraph);
        }
        !unchanged
    }

    fn save_settings(&mut self) {
        if let Some(path) = &self.settings_path {
            match self.settings.save(path) {
                Ok(()) => self.settings_broken = false,
                Err(e) => {
                    self.status = format!("Could not save the settings to {}: {e}", path.display())
                }
            }
        }
    }

    /// True when the shown layer can be edited: the annotator's own, or the adjudicated `gold`,
    /// unless editing is stopped (see [`SpanbenchApp::stopped`]). In a hub copy only the layers
    /// it sends are: its annotator's, and gold for a curator.
    pub fn editable(&self) -> bool {
        if self.stopped.is_some() {
            return false;
        }
        match &self.hub_sync.me {
            Some(me) => {
                (self.layer == *me && self.annotator == *me)
                    || (self.layer == GOLD && self.hub_sync.curator)
            }
            None => self.layer == self.annotator || self.layer == GOLD,
        }
    }

    /// What a background task on the project needs: the project's folder and the window's
    /// context (to repaint when the task ends).
    fn for_background(&self) -> Result<(std::path::PathBuf, egui::Context), String> {
        let dir = self.ws.as_ref().ok_or("No project is open.")?.dir.clone();
        let ctx = self
            .frame
            .ctx
            .clone()
            .ok_or("The window is not ready yet.")?;
        Ok((dir, ctx))
    }

    /// The id of the open document.
    pub fn current_doc(&self) -> Option<&str> {
        self.view.as_ref().map(|v| v.doc.id.as_str())
    }

    /// Draws one frame and applies what the user asked for.
    pub fn show(&mut self, ui: &mut Ui) {
        let mut commands = Vec::new();
        if self.frame.ctx.is_none() {
            self.frame.ctx = Some(ui.ctx().clone());
        }
        self.update_title(ui.ctx());
        self.poll_import();
        self.poll_export();
        self.poll_learning(ui.ctx());
        self.poll_finding();
        self.poll_hub_sync(ui.ctx());
        self.poll_team(ui.ctx());
        self.poll_outside(ui.ctx());
        if self.frame.applied_theme != Some(self.settings.theme) {
            ui.ctx()
                .set_visuals(super::theme::visuals(self.settings.theme));
            self.frame.applied_theme = Some(self.settings.theme);
            if let Some(v) = &mut self.view {
                v.invalidate();
            }
        }
        if let Some(problem) = self.problem.clone() {
            self.show_problem(ui, &problem);
            return;
        }
        // Keys are read before the widgets so that they are consumed, but applied after what
        // the widgets report: a key acts on this frame's selection.
        let mut key_commands = Vec::new();
        self.read_keys(ui.ctx(), &mut key_commands);
        self.draw(ui, &mut commands);
        for c in commands.into_iter().chain(key_commands) {
            self.apply(c);
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let project = self
            .ws
            .as_ref()
            .map_or("no project", |w| w.project.name.as_str());
        let title = match &self.view {
            Some(v) => format!("spanbench — {project} — {}", v.doc.title),
            None => format!("spanbench — {project}"),
        };
        if title != self.frame.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.frame.window_title = title;
        }
    }

    fn show_problem(&mut self, ui: &mut Ui, problem: &str) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.add_space(40.0);
            ui.vertical_centered(|ui| {
                ui.heading("spanbench could not open this project");
                ui.add_space(12.0);
                ui.label(RichText::new(problem).monospace());
                ui.add_space(12.0);
                ui.label("Fix the file named above and start spanbench again, or look around in the demo project.");
                ui.add_space(8.0);
                if ui.button("Open the demo project").clicked() {
                    match crate::demo::open_demo() {
                        Ok(ws) => *self = SpanbenchApp::new(ws, self.annotator.clone()),
                        Err(e) => self.problem = Some(format!("{problem}\n\nThe demo could not be opened either: {}", crate::error_text::sentence(e.as_ref()))),
                    }
                }
            });
        });
    }
}

impl eframe::App for SpanbenchApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    /// Remembers where the reader was (document and paragraph) for the next start.
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.closing();
    }
}
