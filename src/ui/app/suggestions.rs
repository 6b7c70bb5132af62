//! Suggestions in the window: offered on opening a document, walked with J/K, accepted with
//! A or Enter (the quote, its speaker and their link in one undoable step), rejected with X
//! (remembered), or all accepted at once with Shift+A.

use super::*;
use crate::store::StoredModel;
use crate::suggest::learn::{Learned, Training};
use crate::suggest::offer::{self, Offer};
use crate::ui::tasks::Task;

/// Fewest done documents before the window learns a suggester.
const FIRST_LEARNING: usize = 10;

/// The learned suggester in the window: the model in use and its training in the background.
#[derive(Default)]
pub struct Learner {
    /// The model suggestions come from (with the rules); `None`: rules alone.
    pub model: Option<Learned>,
    /// What the model learned from.
    pub stored: Option<StoredModel>,
    /// Training under way: the stored model when it ends, `None` when there was nothing new.
    task: Option<Task<Option<StoredModel>>>,
    /// Look whether there is enough new to learn from (set when a project opens and when a
    /// document is marked done).
    pub check: bool,
}

/// Trains the project's suggester in `dir` when its layers marked enough documents done
/// since the stored model learned; answers the model stored, or `None` when there was too
/// little new.
fn learn_if_worth_it(dir: &std::path::Path) -> Result<Option<StoredModel>, String> {
    let ws = crate::workspace::Workspace::open(dir).map_err(|e| e.to_string())?;
    let stored = ws.store.model().map_err(|e| e.to_string())?;
    let layers = if !ws.project.settings.learn_from.is_empty() {
        ws.project.settings.learn_from.clone()
    } else if let Some(s) = &stored {
        s.layers.clone()
    } else {
        let mut all = ws.comparable_annotators().map_err(|e| e.to_string())?;
        all.push(GOLD.to_string());
        all
    };
    let records = match crate::suggester::training_records(&ws, &layers) {
        Ok(r) => r,
        Err(crate::suggester::LearnError::NothingDone(_)) => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    let before = stored.as_ref().map_or(0, |s| s.documents);
    let enough = before.max(FIRST_LEARNING) + (before / 10).max(5) * usize::from(before > 0);
    if records.len() < enough {
        return Ok(None);
    }
    let model = crate::suggester::train_on(&records, &layers, Training::default())
        .map_err(|e| e.to_string())?;
    ws.store.save_model(&model).map_err(|e| e.to_string())?;
    Ok(Some(model))
}
use crate::ui::article::short;

impl SpanbenchApp {
    /// Applies a command of the suggestions group.
    pub(super) fn run_suggestions(&mut self, command: Command) -> Result<(), String> {
        match command {
            Command::NextSuggestion => self.step_offer(1),
            Command::PreviousSuggestion => self.step_offer(-1),
            Command::FocusSuggestion(n) => self.focus_offer(n),
            Command::AcceptSuggestion => {
                let (doc, chosen) = self.focused_offer()?;
                self.accept_offers(&doc, &[&chosen])?;
                let speaker = chosen
                    .speaker
                    .as_ref()
                    .map(|(s, _)| format!(" with its speaker {} and the link", short(&s.text, 30)))
                    .unwrap_or_default();
                let left = self.view.as_ref().map_or(0, |v| v.offers.len());
                self.status = format!(
                    "Accepted the {}{speaker} — Ctrl+Z to undo; {left} suggestions left",
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
            Err(e) => self.status = format!("The learned suggester is not used: {e}"),
        }
    }

    /// Starts learning in the background when it is worth it; takes in a finished learning.
    pub(super) fn poll_learning(&mut self, ctx: &egui::Context) {
        if let Some(task) = &mut self.learner.task
            && let Some(result) = task.poll()
        {
            self.learner.task = None;
            match result {
                Ok(Some(stored)) => match Learned::from_file(&stored.model) {
                    Ok(model) => {
                        self.status = format!(
                            "Suggestions now also come from a model learned from {} done documents ({} annotations).",
                            stored.documents, stored.annotations
                        );
                        self.learner.model = Some(model);
                        self.learner.stored = Some(stored);
                    }
                    Err(e) => self.status = format!("The learned suggester is not used: {e}"),
                },
                Ok(None) => {}
                Err(e) => self.status = format!("Learning suggestions failed: {e}"),
            }
        }
        let editable_project = self.ws.as_ref().is_some_and(|ws| {
            !ws.is_read_only() && ws.project.settings.offers_suggestions_to(&self.annotator)
        });
        if !std::mem::take(&mut self.learner.check)
            || self.learner.task.is_some()
            || !editable_project
        {
            return;
        }
        if let Some(dir) = self.ws.as_ref().map(|ws| ws.dir.clone()) {
            self.learner.task = Some(Task::spawn("learning of suggestions", ctx, move |_| {
                learn_if_worth_it(&dir)
            }));
        }
    }

    /// Reads the suggestions offered on the open document again (after it was opened or
    /// edited), keeping the focus on the same place in the list.
    pub(super) fn refresh_offers(&mut self) {
        let Some(view) = &mut self.view else { return };
        let offers = match &self.ws {
            Some(ws) if self.layer == self.annotator && self.review.is_none() => ws
                .offers(&view.doc.id, &self.annotator, self.learner.model.as_ref())
                .unwrap_or_else(|e| {
                    self.status = format!("Suggestions could not be read: {e}");
                    Vec::new()
                }),
            _ => Vec::new(),
        };
        view.focused_offer = view
            .focused_offer
            .filter(|_| !offers.is_empty())
            .map(|n| n.min(offers.len() - 1));
        view.offers = offers;
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
