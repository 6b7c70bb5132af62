//! The window (egui only): the app state and frame, the article view, the panels.
//!
//! Panels draw from borrowed state and push [`command::Command`]s; the app applies them after
//! the frame, and every change of annotations goes through the workspace's edit API.

pub(crate) mod agreement_window;
pub mod app;
pub(crate) mod article;
pub mod command;
pub mod doc_view;
pub(crate) mod export_window;
pub(crate) mod files;
pub mod fonts;
pub(crate) mod keymap;
pub(crate) mod link_picker;
pub(crate) mod panels;
pub(crate) mod review_panel;
pub mod review_view;
pub(crate) mod search_panel;
pub(crate) mod selection;
pub(crate) mod settings_window;
pub(crate) mod suggestion_marks;
pub(crate) mod tasks;
pub(crate) mod theme;

pub use app::{POLL_INTERVAL, SpanbenchApp};

use crate::model::layer::validate_annotator_name;
use crate::settings::Settings;
use crate::workspace::Workspace;

/// What the window is opened on (from the command line).
#[derive(Clone, Debug, Default)]
pub struct GuiOptions {
    /// The project folder (default: the last one opened, else the demo).
    pub project: Option<std::path::PathBuf>,
    /// Whose layer to annotate (default: the settings, else the system user).
    pub annotator: Option<String>,
}

/// The annotator's name: the command line, else `SPANBENCH_ANNOTATOR`, else the settings,
/// else the system user.
pub fn default_annotator(given: Option<String>, settings: &Settings) -> anyhow::Result<String> {
    annotator_for(given, settings, None)
}

/// The annotator's name for a project: the command line, else `SPANBENCH_ANNOTATOR`, else who
/// last worked on the project here, else the settings, else — on the demo — `anna` (whose
/// layer shows what annotated text looks like), else the system user.
fn annotator_for(
    given: Option<String>,
    settings: &Settings,
    project: Option<(&std::path::Path, bool)>,
) -> anyhow::Result<String> {
    let last = project
        .and_then(|(dir, _)| settings.place(dir))
        .map(|p| p.annotator.clone());
    let demo = project.is_some_and(|(_, demo)| demo);
    let name = given
        .or_else(|| std::env::var("SPANBENCH_ANNOTATOR").ok())
        .or(last)
        .or_else(|| settings.annotator.clone())
        .or_else(|| demo.then(|| crate::demo::DEMO_ANNOTATOR.to_string()))
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "annotator".into());
    validate_annotator_name(&name)?;
    Ok(name)
}

/// Builds the app for the given arguments: the named project, else the last one opened, else
/// the demo. A project that cannot be opened gives an app that says why. The annotator and
/// the document are those of the last time on this project, unless the command line names
/// an annotator.
pub fn build_app(
    args: GuiOptions,
    settings_path: std::path::PathBuf,
) -> anyhow::Result<SpanbenchApp> {
    let (mut settings, problem) = Settings::load(&settings_path);
    let last = settings
        .recent_projects
        .first()
        .filter(|p| p.join(crate::project::PROJECT_FILE).is_file())
        .cloned();
    let opened = match args.project.or(last) {
        Some(dir) => {
            let ws = Workspace::open_for_reading(&dir).map_err(anyhow::Error::from);
            if ws.is_ok() {
                // Saved once the app has opened its document (`returning_to`).
                settings.remember_project(&dir);
            }
            ws
        }
        None => crate::demo::open_demo(),
    };
    let project = opened
        .as_ref()
        .ok()
        .map(|ws| (ws.dir.as_path(), crate::demo::is_demo(&ws.dir)));
    let annotator = annotator_for(args.annotator, &settings, project)?;
    let (document, paragraph) = project
        .and_then(|(dir, _)| settings.place(dir))
        .filter(|p| p.annotator == annotator)
        .map_or((None, None), |p| (p.document.clone(), p.paragraph));
    let app = match opened {
        Ok(ws) => SpanbenchApp::new(ws, annotator),
        Err(e) => SpanbenchApp::failed(crate::error_text::sentence(e.as_ref()), annotator),
    };
    Ok(app
        .with_settings(settings, Some(settings_path), problem)
        .returning_to(document.as_deref(), paragraph))
}

/// Opens the window.
pub fn run(args: GuiOptions) -> anyhow::Result<()> {
    let app = build_app(args, Settings::path())?;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 500.0])
            .with_title("spanbench"),
        ..Default::default()
    };
    // The windowing layer panics when the window is destroyed from outside (seen with X11's
    // TranslateCoordinates). Every edit is saved when it is made, so the right answer is a
    // sentence and a normal error exit, not a crash report.
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        eframe::run_native(
            "spanbench",
            options,
            Box::new(|cc| {
                fonts::install(&cc.egui_ctx);
                Ok(Box::new(app))
            }),
        )
    }));
    match run {
        Ok(result) => result.map_err(|e| anyhow::anyhow!("the window could not be opened: {e}")),
        Err(_) => Err(anyhow::anyhow!(
            "the window was closed from outside (by the system or another program); every edit made before was already saved"
        )),
    }
}
