//! Changes from outside the window: another window or a command writing the same project
//! (SQLite's `data_version`), and the database files deleted or replaced underneath. Checked
//! once a second, never every frame.

use std::time::{Duration, Instant};

use super::SpanbenchApp;
use crate::store::{LayerFilter, StoreError};

/// How often the window looks for changes made outside it.
pub const POLL_INTERVAL: Duration = Duration::from_millis(1000);

impl SpanbenchApp {
    /// Looks for outside changes when [`POLL_INTERVAL`] has passed since the last look, and
    /// asks for a frame when the next look is due, so an idle window still notices.
    pub(super) fn poll_outside(&mut self, ctx: &egui::Context) {
        let due = self
            .watch
            .last_poll
            .is_none_or(|t| t.elapsed() >= POLL_INTERVAL);
        if due {
            self.watch.last_poll = Some(Instant::now());
            self.notice_outside_changes();
        }
        ctx.request_repaint_after(POLL_INTERVAL);
    }

    /// Checks now: files still there (else editing stops, with the reason), and whether
    /// anyone else changed the project (then the list and the open document are read again).
    pub fn notice_outside_changes(&mut self) {
        let Some(ws) = &self.ws else { return };
        if let Err(e) = ws.store.verify_files() {
            self.stop_editing(e.to_string());
            return;
        }
        let Ok(Some(version)) = ws.store.data_version() else {
            return;
        };
        match self.watch.data_version {
            Some(seen) if seen != version => {
                self.watch.data_version = Some(version);
                self.reload_after_outside_change();
                // In a hub copy the background sync is what writes, mostly.
                let synced = self
                    .hub_sync
                    .last_ok
                    .is_some_and(|t| t.elapsed() < std::time::Duration::from_secs(3));
                self.status = if synced {
                    "Synced with the hub.".into()
                } else {
                    "Reloaded: the project was changed by another window or program.".into()
                };
            }
            _ => self.watch.data_version = Some(version),
        }
    }

    /// Stops every edit, saying why (the files are gone, the project is read-only).
    pub(super) fn stop_editing(&mut self, why: String) {
        self.status.clone_from(&why);
        self.stopped = Some(why);
    }

    /// Handles an error of the store: files gone stop editing; a change made elsewhere reloads
    /// what is shown. Answers the sentence for the status line.
    pub(super) fn store_error(&mut self, e: StoreError) -> String {
        match e {
            StoreError::FilesChanged(m) => {
                self.stop_editing(m.clone());
                m
            }
            StoreError::ChangedElsewhere(_) => {
                let message = e.to_string();
                self.reload_after_outside_change();
                message
            }
            StoreError::Rejected(m) | StoreError::NotFound(m) => m,
            other => format!("Not saved: {other}"),
        }
    }

    /// Reads the document list and the open document again, keeping the place: the same
    /// document, the same selected annotation where it still exists, no scrolling.
    pub(super) fn reload_after_outside_change(&mut self) {
        self.reload_documents();
        let Some(ws) = &self.ws else { return };
        let Some(view) = &mut self.view else { return };
        let id = view.doc.id.clone();
        match ws
            .store
            .layer(&id, &LayerFilter::Only(vec![self.layer.clone()]))
        {
            Ok((annotations, relations)) => {
                view.set_layer(annotations, relations);
                // Someone may have run `spanbench suggest`: read the suggestions anew.
                view.suggested = None;
            }
            Err(e) => self.status = format!("Could not read the document again: {e}"),
        }
        if let Some(sel) = &self.selected_id
            && view.annotation(sel).is_none()
        {
            self.selected_id = None;
        }
        self.refresh_offers();
        if self.review.is_some() {
            self.refresh_review().ok();
        }
    }
}
