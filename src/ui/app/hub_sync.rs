//! A hub copy syncs in the background every few seconds, never in a frame; the status line
//! says when it last did, or that the hub cannot be reached and how many changed layers wait.

use std::time::{Duration, Instant};

use super::*;
use crate::hub::sync::Synced;
use crate::ui::tasks::Task;

/// How long after one sync the next one starts.
const EVERY: Duration = Duration::from_secs(5);

/// The background sync of a hub copy.
#[derive(Default)]
pub struct HubSync {
    /// The annotator whose layer this copy sends, when the project is a hub copy.
    pub me: Option<String>,
    /// A sync under way.
    task: Option<Task<Synced>>,
    /// When the last sync ended well.
    pub last_ok: Option<Instant>,
    /// Why the last sync failed (the hub unreachable, mostly).
    pub last_error: Option<String>,
    /// When the next sync may start.
    next: Option<Instant>,
    /// Layers changed here and not yet on the hub.
    pub waiting: usize,
    /// Documents whose own layer changed here and on the hub.
    pub conflicts: Vec<String>,
    /// The hub counts this copy's annotator among its curators (who write gold).
    pub curator: bool,
    /// The team window was opened once for this session's conflicts.
    pub told: bool,
    /// The hub's schema version when an older spanbench made it (its owner should run
    /// `spanbench hub init` again).
    pub hub_behind: Option<usize>,
}

impl SpanbenchApp {
    /// Notes whether the open project is a hub copy (when it opens).
    pub(super) fn load_hub_copy(&mut self) {
        self.hub_sync = HubSync {
            me: self
                .ws
                .as_ref()
                .and_then(|ws| ws.store.sync_value("annotator").ok().flatten())
                .filter(|_| self.ws.as_ref().is_some_and(|ws| !ws.is_read_only())),
            curator: self
                .ws
                .as_ref()
                .and_then(|ws| ws.store.sync_value("curator").ok().flatten())
                .is_some_and(|v| v == "yes"),
            ..HubSync::default()
        };
    }

    /// Takes in a finished sync and starts the next one when it is time.
    pub(super) fn poll_hub_sync(&mut self, ctx: &egui::Context) {
        let Some(me) = self.hub_sync.me.clone() else {
            return;
        };
        if let Some(task) = &mut self.hub_sync.task
            && let Some(result) = task.poll()
        {
            self.hub_sync.task = None;
            match result {
                Ok(done) => {
                    self.hub_sync.last_ok = Some(Instant::now());
                    self.hub_sync.last_error = None;
                    self.hub_sync.conflicts = done.conflicts;
                    self.hub_sync.hub_behind = done.hub_behind;
                    let conflicts = self.own_conflicts();
                    if let Some(team) = &mut self.team {
                        team.conflicts = conflicts;
                    } else if !self.hub_sync.conflicts.is_empty() && !self.hub_sync.told {
                        // The first time: open the window that settles them.
                        self.hub_sync.told = true;
                        self.team = Some(super::team::TeamWindow::with_conflicts(conflicts));
                    }
                }
                Err(e) => self.hub_sync.last_error = Some(e),
            }
            if let Some(ws) = &self.ws {
                self.hub_sync.waiting = ws.store.dirty_layers(&me).map_or(0, |d| d.len());
                self.hub_sync.curator =
                    ws.store.sync_value("curator").ok().flatten().as_deref() == Some("yes");
            }
            self.hub_sync.next = Some(Instant::now() + EVERY);
        }
        let due = self.hub_sync.next.is_none_or(|t| Instant::now() >= t);
        if self.hub_sync.task.is_some() || !due {
            if let Some(t) = self.hub_sync.next {
                ctx.request_repaint_after(t.saturating_duration_since(Instant::now()));
            }
            return;
        }
        let Some(dir) = self.ws.as_ref().map(|ws| ws.dir.clone()) else {
            return;
        };
        self.hub_sync.task = Some(Task::spawn("sync with the hub", ctx, move |_| {
            let mut ws = crate::workspace::Workspace::open(&dir).map_err(|e| e.to_string())?;
            crate::hub::sync::sync(&mut ws).map_err(|e| e.to_string())
        }));
    }

    /// Starts the next sync at once (after a choice of version, say).
    pub(super) fn sync_soon(&mut self) {
        self.hub_sync.next = None;
    }

    /// The status line's words on the sync: "synced 4 s ago", or offline and what waits.
    pub(super) fn hub_sync_status(&self) -> Option<String> {
        self.hub_sync.me.as_ref()?;
        let s = &self.hub_sync;
        let said = match (&s.last_error, s.last_ok) {
            (Some(_), _) => format!(
                "offline — {} changed documents kept here, sent when the hub is back",
                s.waiting
            ),
            (None, Some(t)) if !s.conflicts.is_empty() => format!(
                "synced {} s ago; {} changed differently on your other machine — choose versions in Team",
                t.elapsed().as_secs(),
                match s.conflicts.len() {
                    1 => "1 document".to_string(),
                    n => format!("{n} documents"),
                }
            ),
            (None, Some(t)) => format!("synced {} s ago", t.elapsed().as_secs()),
            (None, None) => "syncing with the hub…".to_string(),
        };
        Some(match s.hub_behind {
            Some(v) if s.last_error.is_none() => format!(
                "{said}; an older spanbench made this hub (version {v}): its owner should run `spanbench hub init`"
            ),
            _ => said,
        })
    }
}
