//! "Team": the window a team works from — the items one's two machines changed differently,
//! with a choice of version for each; everyone's progress (live from the hub for a hub copy,
//! refreshed every few seconds in the background); and who the open document — or any
//! document, in the table of `team_assign` — is assigned to, changed by a click (on the hub:
//! curators only, the database refuses others).

use std::time::{Duration, Instant};

use super::*;
use crate::hub::merge::{Keep, describe};
use crate::hub::progress::HubProgress;
use crate::store::SyncConflict;
use crate::ui::tasks::Task;

/// How often the open window asks the hub for everyone's progress.
const REFRESH: Duration = Duration::from_secs(10);

/// The team window's state.
#[derive(Default)]
pub struct TeamWindow {
    /// The last progress read (hub or project).
    pub progress: Option<HubProgress>,
    /// Why the last read failed.
    pub error: Option<String>,
    /// A read or an assignment under way (both answer the progress after).
    task: Option<Task<HubProgress>>,
    /// When to read again.
    next: Option<Instant>,
    /// The task under way changes an assignment (its failure goes to the status line).
    assigning: bool,
    /// The conflicts of this copy's annotator, read when the window opens and after a sync.
    pub conflicts: Vec<SyncConflict>,
    /// Every assignment, (document, person), read with the progress.
    pub assignments: Vec<(String, String)>,
}

impl TeamWindow {
    /// A window opened on these conflicts.
    pub fn with_conflicts(conflicts: Vec<SyncConflict>) -> TeamWindow {
        TeamWindow {
            conflicts,
            ..TeamWindow::default()
        }
    }
}

impl SpanbenchApp {
    /// Applies a command of the team group.
    pub(super) fn run_team(&mut self, command: Command) -> Result<(), String> {
        match command {
            Command::ToggleTeam => {
                self.team = match self.team.take() {
                    Some(_) => None,
                    None => Some(TeamWindow {
                        conflicts: self.own_conflicts(),
                        assignments: self.assignments(),
                        ..TeamWindow::default()
                    }),
                };
            }
            Command::KeepVersion { doc, item, keep } => {
                let ws = self.ws.as_ref().ok_or("No project is open.")?;
                let me = self.hub_sync.me.clone().ok_or("This is not a hub copy.")?;
                ws.store
                    .keep_version(&me, doc.as_deref(), item.as_deref(), keep.name())
                    .map_err(|e| e.to_string())?;
                let conflicts = self.own_conflicts();
                if let Some(t) = &mut self.team {
                    t.conflicts = conflicts;
                }
                self.sync_soon();
                self.status = match keep {
                    Keep::Mine => "Keeping this machine's version — sent at the next sync.",
                    Keep::Hub => "Keeping the hub's version — taken at the next sync.",
                }
                .into();
            }
            Command::Assign(doc, who, on) => {
                let (dir, ctx) = self.for_background()?;
                let team = self.team.get_or_insert_with(TeamWindow::default);
                team.assigning = true;
                team.task = Some(Task::spawn("assignment", &ctx, move |_| {
                    let ws = Workspace::open(&dir).map_err(|e| e.to_string())?;
                    crate::hub::assign::set_one(&ws, &doc, &who, on).map_err(|e| e.to_string())?;
                    read_progress(&ws)
                }));
            }
            other => return Err(super::apply::not_in_group(&other)),
        }
        Ok(())
    }

    /// Every assignment in the project, (document, person).
    fn assignments(&self) -> Vec<(String, String)> {
        self.ws
            .as_ref()
            .and_then(|ws| ws.store.assignments().ok())
            .unwrap_or_default()
    }

    /// This copy's annotator's conflicts (none outside a hub copy).
    pub(super) fn own_conflicts(&self) -> Vec<SyncConflict> {
        match (&self.ws, &self.hub_sync.me) {
            (Some(ws), Some(me)) => ws.store.sync_conflicts(me).unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// Takes in the progress read in the background and starts the next read when due.
    pub(super) fn poll_team(&mut self, ctx: &egui::Context) {
        let Some(team) = &mut self.team else { return };
        if let Some(task) = &mut team.task
            && let Some(result) = task.poll()
        {
            team.task = None;
            let assigning = std::mem::take(&mut team.assigning);
            match result {
                Ok(p) => {
                    team.progress = Some(p);
                    team.error = None;
                }
                Err(e) if assigning => self.status = format!("Could not assign: {e}"),
                Err(e) => team.error = Some(e),
            }
            team.next = Some(Instant::now() + REFRESH);
            let assignments = self.assignments();
            if let Some(team) = &mut self.team {
                team.assignments = assignments;
            }
            // The list puts one's assigned documents first: an assignment made here reorders
            // it (ones brought in by a sync reload it as any outside change does).
            if assigning {
                self.reload_documents();
            }
            return;
        }
        let due = team.next.is_none_or(|t| Instant::now() >= t);
        if team.task.is_some() || !due {
            if let Some(t) = team.next {
                ctx.request_repaint_after(t.saturating_duration_since(Instant::now()));
            }
            return;
        }
        let Some(dir) = self.ws.as_ref().map(|ws| ws.dir.clone()) else {
            return;
        };
        team.task = Some(Task::spawn("progress", ctx, move |_| {
            let ws = Workspace::open_for_reading(&dir).map_err(|e| e.to_string())?;
            read_progress(&ws)
        }));
    }
}

/// Everyone's progress: from the hub for a hub copy, else from the project.
fn read_progress(ws: &Workspace) -> Result<HubProgress, String> {
    let hub = ws.store.sync_value("hub").map_err(|e| e.to_string())?;
    match hub {
        Some(url) => crate::hub::progress::progress(&url),
        None => crate::hub::progress::of_project(ws),
    }
    .map_err(|e| e.to_string())
}

/// What the team window needs to draw.
pub(super) struct TeamView<'a> {
    /// The window's state.
    pub team: &'a TeamWindow,
    /// The open document (id, title), for its assignment.
    pub doc: Option<(&'a str, &'a str)>,
    /// Whether the project is a hub copy.
    pub hub: bool,
    /// The project's documents, for their titles.
    pub docs: &'a [crate::store::DocSummary],
}

/// Draws the team window.
pub(super) fn show_team(ctx: &egui::Context, view: &TeamView<'_>, commands: &mut Vec<Command>) {
    let mut open = true;
    egui::Window::new("Team")
        .open(&mut open)
        .collapsible(false)
        .resizable(true)
        .vscroll(true)
        .default_width(560.0)
        .max_height(ctx.content_rect().height() - 120.0)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 70.0])
        .show(ctx, |ui| {
            conflicts(ui, view, commands);
            progress(ui, view);
            ui.add_space(8.0);
            assignment(ui, view, commands);
        });
    if !open {
        commands.push(Command::ToggleTeam);
    }
}

/// The conflicts, each with its two versions and a button for each.
fn conflicts(ui: &mut Ui, view: &TeamView<'_>, commands: &mut Vec<Command>) {
    let list = &view.team.conflicts;
    if list.is_empty() {
        return;
    }
    ui.heading("Changed differently on your two machines");
    ui.label(
        "Nothing was overwritten. Choose the version to keep; the next sync sends it or takes it.",
    );
    ui.add_space(4.0);
    for c in list {
        let title = view
            .docs
            .iter()
            .find(|d| d.id == c.doc)
            .map_or(c.doc.as_str(), |d| d.title.as_str());
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.strong(item_words(&c.item));
                ui.weak(format!("in {title}"));
            });
            let chosen = c.keep.as_deref().and_then(Keep::parse);
            egui::Grid::new(("conflict", &c.doc, &c.item))
                .num_columns(3)
                .spacing([12.0, 4.0])
                .show(ui, |ui| {
                    for (keep, side, words, version) in [
                        (Keep::Mine, "Here", "Keep mine", &c.mine),
                        (Keep::Hub, "On the hub", "Keep the hub's", &c.hub),
                    ] {
                        ui.label(side);
                        ui.label(describe(version.as_deref()));
                        let button = egui::Button::new(words).selected(chosen == Some(keep));
                        if ui.add(button).clicked() {
                            commands.push(Command::KeepVersion {
                                doc: Some(c.doc.clone()),
                                item: Some(c.item.clone()),
                                keep,
                            });
                        }
                        ui.end_row();
                    }
                });
        });
    }
    ui.separator();
}

/// A conflict's item in words: "An annotation", "A link", "The status".
fn item_words(item: &str) -> &'static str {
    match item.split_once(' ').map_or(item, |(kind, _)| kind) {
        "annotation" => "An annotation",
        "relation" => "A link",
        _ => "The document's status",
    }
}

/// Everyone's progress, as a table.
fn progress(ui: &mut Ui, view: &TeamView<'_>) {
    ui.heading("Progress");
    let Some(p) = &view.team.progress else {
        ui.weak(match &view.team.error {
            Some(e) => format!("Could not read the progress: {e}"),
            None => "Reading…".to_string(),
        });
        return;
    };
    if let Some(e) = &view.team.error {
        ui.weak(format!("Offline — showing the last figures read ({e})."));
    }
    ui.weak(format!(
        "{} documents{}",
        p.documents,
        if view.hub { ", live from the hub" } else { "" }
    ));
    egui::Grid::new("progress")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            for h in ["who", "assigned", "done", "in progress"] {
                ui.strong(h);
            }
            ui.end_row();
            for (who, q) in &p.people {
                ui.label(who);
                ui.label(q.assigned.to_string());
                ui.label(q.done.to_string());
                ui.label(q.in_progress.to_string());
                ui.end_row();
            }
        });
}

/// Who the open document is assigned to, a box per person; then every document's boxes.
fn assignment(ui: &mut Ui, view: &TeamView<'_>, commands: &mut Vec<Command>) {
    let people: Vec<&String> = view
        .team
        .progress
        .iter()
        .flat_map(|p| p.people.keys())
        .filter(|who| who.as_str() != crate::model::layer::GOLD)
        .collect();
    if let Some((doc, title)) = view.doc {
        ui.heading("Who annotates this document");
        ui.weak(title);
        ui.horizontal_wrapped(|ui| {
            for who in &people {
                let assigned = view
                    .team
                    .assignments
                    .iter()
                    .any(|(d, w)| d == doc && w == *who);
                let mut on = assigned;
                if ui.checkbox(&mut on, who.as_str()).changed() {
                    commands.push(Command::Assign(doc.to_string(), who.to_string(), on));
                }
            }
        });
    }
    ui.add_space(6.0);
    super::team_assign::all_documents(ui, view, &people, commands);
    if view.hub {
        ui.weak("On the hub only curators assign; the hub refuses anyone else.");
    }
}
