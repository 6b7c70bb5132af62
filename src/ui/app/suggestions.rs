//! Suggestions in the window: offered on opening a document, walked with J/K, accepted with
//! A or Enter (the quote, its speaker and their link in one undoable step; with the boundaries
//! of words selected over it, when there are), rejected with X
//! (remembered), or all accepted at once with Shift+A.

use super::*;
use crate::store::StoredModel;
use crate::suggest::learn::{Learned, Training};
use crate::suggest::offer::{self, Offer};
use crate::ui::article::short;
use crate::ui::tasks::Task;

/// Documents longer than this (bytes) have their suggestions worked out in the background:
/// the rules take about 0.2 s per megabyte, and the first frame does not wait for them.
const LONG_DOCUMENT: usize = 50_000;

/// A document's suggested annotations and links.
type Found = (Vec<Annotation>, Vec<Relation>);

/// Fewest done documents before the window learns a suggester.
const FIRST_LEARNING: usize = 10;

/// The learned suggester in the window: the model in use and its training in the background.
#[derive(Default)]
pub struct Learner {
    /// The model suggestions come from (with the rules); `None`: rules alone.
    pub model: Option<Learned>,
    /// What the model learned from.
    pub stored: Option<StoredModel>,
    /// Training under way: the model learned, for the window to store.
    task: Option<Task<StoredModel>>,
    /// Look whether there is enough new to learn from (set when a project opens and when a
    /// document is marked done).
    pub check: bool,
    /// A long document's suggestions worked out in the background: its id, and the task.
    finding: Option<(String, Task<Found>)>,
    /// A long document opened before the first frame: its finding starts at that frame.
    find_later: bool,
    /// The stored model was learned by an earlier version: the next one learned replaces it,
    /// and the window says so.
    replaces_outdated: bool,
}

/// The layers the window's suggester learns from: `learn_from` in `project.ron`, else those
/// the stored model learned from, else every annotator's and gold.
fn learning_layers(ws: &crate::workspace::Workspace, stored: Option<&StoredModel>) -> Vec<String> {
    if !ws.project.settings.learn_from.is_empty() {
        ws.project.settings.learn_from.clone()
    } else if let Some(s) = stored {
        s.layers.clone()
    } else {
        let mut all = ws.comparable_annotators().unwrap_or_default();
        all.push(GOLD.to_string());
        all
    }
}

/// How many done documents make (re)learning worth it, given how many the model learned from.
fn worth_learning(before: usize) -> usize {
    if before == 0 {
        FIRST_LEARNING
    } else {
        before + (before / 10).max(5)
    }
}

/// Trains a suggester on what `layers` marked done in the project in `dir` (opened only to
/// read); the window stores it.
fn learn_in_background(dir: &std::path::Path, layers: &[String]) -> Result<StoredModel, String> {
    let ws = crate::workspace::Workspace::open_for_reading(dir).map_err(|e| e.to_string())?;
    let records = crate::suggester::training_records(&ws, layers).map_err(|e| e.to_string())?;
    crate::suggester::train_on(&records, layers, Training::default()).map_err(|e| e.to_string())
}

impl SpanbenchApp {
    /// Applies a command of the suggestions group.
    pub(super) fn run_suggestions(&mut self, command: Command) -> Result<(), String> {
        match command {
            Command::NextSuggestion => self.step_offer(1),
            Command::PreviousSuggestion => self.step_offer(-1),
            Command::FocusSuggestion(n) => self.focus_offer(n),
            Command::AcceptSuggestion => {
                let (doc, chosen) = self.focused_offer()?;
                let (chosen, reshaped) = match self.selection_over(&chosen) {
                    Some(own) => (own, " with the boundaries you selected"),
                    None => (chosen, ""),
                };
                self.accept_offers(&doc, &[&chosen])?;
                if !reshaped.is_empty() {
                    self.text_selection = None;
                    self.frame.clear_text_selection = true;
                }
                let speaker = chosen
                    .speaker
                    .as_ref()
                    .map(|(s, _)| format!(" with its speaker {} and the link", short(&s.text, 30)))
                    .unwrap_or_default();
                let left = self.view.as_ref().map_or(0, |v| v.offers.len());
                self.status = format!(
                    "Accepted the {}{reshaped}{speaker} — Ctrl+Z to undo; {left} suggestions left",
                    chosen.annotation.label
                );
                Ok(())
            }
            Command::RejectSuggestion => {
                let (doc, chosen) = self.focused_offer()?;
                self.edit(offer::reject(&doc, &chosen, &self.annotator))?;
                self.status = format!(
                    "Suggested {} rejected; it will not be offered again here — Ctrl+Z to undo",
                    chosen.annotation.label
                );
                Ok(())
            }
            Command::AcceptAllSuggestions => {
                let view = self.view.as_ref().ok_or("No document is open.")?;
                let all = view.offers.clone();
                if all.is_empty() {
                    return Err("No suggestions are offered on this document.".into());
                }
                let doc = view.doc.id.clone();
                self.accept_offers(&doc, &all.iter().collect::<Vec<_>>())?;
                self.status = format!(
                    "{} suggestions accepted — Ctrl+Z takes them all back",
                    all.len()
                );
                Ok(())
            }
            other => Err(super::apply::not_in_group(&other)),
        }
    }

    /// Loads the project's stored model (when the project opens).
    pub(super) fn load_model(&mut self) {
        self.learner = Learner {
            check: true,
            ..Learner::default()
        };
        let Some(ws) = &self.ws else { return };
        match crate::suggester::stored_model(ws) {
            Ok(Some((stored, model))) => {
                self.learner.model = Some(model);
                self.learner.stored = Some(stored);
            }
            Ok(None) => {}
            Err(crate::suggester::LearnError::Outdated(stored)) => {
                // Learned again in the background from the same layers, as soon as they
                // have enough done documents.
                self.status = "The suggester model was learned by an earlier version of spanbench; the rules suggest until it is learned again.".into();
                self.learner.replaces_outdated = true;
                self.learner.stored = Some(StoredModel {
                    documents: 0,
                    ..*stored
                });
            }
            Err(e) => self.status = format!("The learned suggester is not used: {e}"),
        }
    }

    /// Starts learning in the background when enough documents are done (counted here, in a
    /// moment); takes in and stores a finished learning.
    pub(super) fn poll_learning(&mut self, ctx: &egui::Context) {
        if let Some(task) = &mut self.learner.task
            && let Some(result) = task.poll()
        {
            self.learner.task = None;
            self.status = match result.and_then(|stored| self.keep_model(stored)) {
                Ok(msg) => msg,
                Err(e) => format!("Learning suggestions failed: {e}"),
            };
        }
        if !std::mem::take(&mut self.learner.check) || self.learner.task.is_some() {
            return;
        }
        let Some(ws) = self.ws.as_ref().filter(|ws| {
            !ws.is_read_only() && ws.project.settings.offers_suggestions_to(&self.annotator)
        }) else {
            return;
        };
        let layers = learning_layers(ws, self.learner.stored.as_ref());
        let done = ws.store.count_done(&layers).unwrap_or(0);
        let before = self.learner.stored.as_ref().map_or(0, |s| s.documents);
        if done < worth_learning(before) {
            return;
        }
        let dir = ws.dir.clone();
        self.learner.task = Some(Task::spawn("learning of suggestions", ctx, move |_| {
            learn_in_background(&dir, &layers)
        }));
    }

    /// Takes in a long document's suggestions found in the background, when that document is
    /// still open.
    pub(super) fn poll_finding(&mut self) {
        if std::mem::take(&mut self.learner.find_later) {
            self.refresh_offers();
        }
        let Some((doc, task)) = &mut self.learner.finding else {
            return;
        };
        let Some(result) = task.poll() else { return };
        let doc = doc.clone();
        self.learner.finding = None;
        match result {
            Ok(found) => {
                if let Some(view) = self.view.as_mut().filter(|v| v.doc.id == doc) {
                    view.suggested = Some(found);
                    self.refresh_offers();
                }
            }
            Err(e) => self.status = format!("Suggestions could not be found: {e}"),
        }
    }

    /// Stores a model learned in the background and uses it from now on.
    fn keep_model(&mut self, stored: StoredModel) -> Result<String, String> {
        let model = Learned::from_file(&stored.model).map_err(|e| e.to_string())?;
        let ws = self.ws.as_ref().ok_or("No project is open.")?;
        ws.store.save_model(&stored).map_err(|e| e.to_string())?;
        let mut msg = format!(
            "Suggestions now also come from a model learned from {} done documents ({} annotations).",
            stored.documents, stored.annotations
        );
        // However soon learning ends, the window says that the old model is gone.
        if std::mem::take(&mut self.learner.replaces_outdated) {
            msg =
                format!("The model learned by an earlier version of spanbench is replaced. {msg}");
        }
        self.learner.model = Some(model);
        self.learner.stored = Some(stored);
        if let Some(view) = &mut self.view {
            view.suggested = None;
        }
        self.refresh_offers();
        Ok(msg)
    }

    /// Works out again which suggestions are offered on the open document (after it was
    /// opened or edited), keeping the focus on the same place in the list. What is suggested
    /// is read (or found) once per opened document; only the filtering is redone.
    pub(super) fn refresh_offers(&mut self) {
        let Some(view) = &mut self.view else { return };
        let offered = match &self.ws {
            Some(ws)
                if self.layer == self.annotator
                    && self.review.is_none()
                    && ws.project.settings.offers_suggestions_to(&self.annotator) =>
            {
                let model = self.learner.model.as_ref();
                if view.suggested.is_none() && view.doc.text.len() > LONG_DOCUMENT {
                    // Found in the background; offered when they are in (`poll_finding`).
                    let ctx = self.frame.ctx.clone();
                    self.learner.find_later = ctx.is_none();
                    if self
                        .learner
                        .finding
                        .as_ref()
                        .is_none_or(|(d, _)| *d != view.doc.id)
                        && let Some(ctx) = ctx
                    {
                        let (dir, doc) = (ws.dir.clone(), view.doc.id.clone());
                        let model = model.cloned();
                        let task = Task::spawn("finding of suggestions", &ctx, move |_| {
                            let ws =
                                Workspace::open_for_reading(&dir).map_err(|e| e.to_string())?;
                            ws.suggested(&doc, model.as_ref())
                                .map_err(|e| e.to_string())
                        });
                        self.learner.finding = Some((view.doc.id.clone(), task));
                    }
                    view.set_offers(Vec::new());
                    return;
                }
                let suggested = match view.suggested.take() {
                    Some(s) => Ok(s),
                    None => ws.suggested(&view.doc.id, model),
                };
                suggested.and_then(|s| {
                    // The shown layer is the annotator's own: it is in memory already.
                    let offers = ws.offers(
                        &view.doc.id,
                        &self.annotator,
                        (&s.0, &s.1),
                        &view.annotations,
                    );
                    view.suggested = Some(s);
                    offers
                })
            }
            _ => Ok(Vec::new()),
        };
        let offers = offered.unwrap_or_else(|e| {
            self.status = format!("Suggestions could not be read: {e}");
            Vec::new()
        });
        view.focused_offer = view
            .focused_offer
            .filter(|_| !offers.is_empty())
            .map(|n| n.min(offers.len() - 1));
        view.set_offers(offers);
    }

    /// The focused suggestion and its document; an error that says what to press when none is.
    fn focused_offer(&self) -> Result<(String, Offer), String> {
        self.ensure_editable()?;
        let view = self.view.as_ref().ok_or("No document is open.")?;
        match view.focused_offer.and_then(|n| view.offers.get(n)) {
            Some(o) => Ok((view.doc.id.clone(), o.clone())),
            None if view.offers.is_empty() => {
                Err("No suggestions are offered on this document.".into())
            }
            None => Err("No suggestion is focused: J goes to the next one.".into()),
        }
    }

    /// `chosen` with the boundaries of the text selected over it, when a selection overlaps
    /// it and differs from it: a suggestion's span is changed before it is accepted.
    fn selection_over(&self, chosen: &Offer) -> Option<Offer> {
        let (s, e) = self.text_selection.filter(|(s, e)| s < e)?;
        let (first, last) = chosen.annotation.extent();
        if !(s < last && first < e) || chosen.annotation.fragments == [Fragment::new(s, e)] {
            return None;
        }
        let text = &self.view.as_ref()?.doc.text;
        let own: String = text.chars().skip(s).take(e - s).collect();
        Some(chosen.reshaped(vec![Fragment::new(s, e)], own))
    }

    /// Accepts `chosen` into one's own layer in one step and selects the first one accepted
    /// (so its boundaries can be changed at once).
    fn accept_offers(&mut self, doc: &str, chosen: &[&Offer]) -> Result<(), String> {
        let view = self.view.as_ref().ok_or("No document is open.")?;
        let taken: Vec<String> = view.annotations.iter().map(|a| a.id.clone()).collect();
        let mine = view.annotations.clone();
        let mut ids = Vec::new();
        let edit = offer::accept(doc, chosen, &self.annotator, &mine, &mut || loop {
            let id = crate::model::ids::fresh_id("a");
            if !taken.contains(&id) && !ids.contains(&id) {
                ids.push(id.clone());
                break id;
            }
        });
        self.edit(edit)?;
        self.select(ids.first().cloned(), false);
        Ok(())
    }

    /// Moves the focus `by` suggestions on (wrapping around).
    fn step_offer(&mut self, by: isize) -> Result<(), String> {
        let view = self.view.as_ref().ok_or("No document is open.")?;
        let n = view.offers.len();
        if n == 0 {
            return Err("No suggestions are offered on this document.".into());
        }
        let next = match view.focused_offer {
            Some(i) => (i as isize + by).rem_euclid(n as isize) as usize,
            None if by > 0 => 0,
            None => n - 1,
        };
        self.focus_offer(next)
    }

    /// Focuses suggestion `n`, brings it into view and says what it is and what to press.
    fn focus_offer(&mut self, n: usize) -> Result<(), String> {
        let view = self.view.as_mut().ok_or("No document is open.")?;
        let Some(chosen) = view.offers.get(n) else {
            return Ok(());
        };
        let total = view.offers.len();
        let a = &chosen.annotation;
        let speaker = chosen
            .speaker
            .as_ref()
            .map(|(s, _)| format!(", speaker {}", short(&s.text, 40)))
            .unwrap_or_default();
        self.status = format!(
            "Suggestion {} of {total}: {} {}{speaker} — A accepts, X rejects, J/K walk",
            n + 1,
            a.label,
            short(&a.text, 60)
        );
        self.frame.scroll_to = view.paragraph_of(a.extent().0);
        view.focused_offer = Some(n);
        Ok(())
    }
}
