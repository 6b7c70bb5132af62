//! Undo and redo as a history of edits with their inverses.

use std::time::{Duration, Instant};

use super::edit::Edit;

/// One undoable step: the edit as applied and the edit that takes it back.
#[derive(Clone, Debug)]
pub struct Step {
    /// Re-applies the step.
    pub forward: Edit,
    /// Takes the step back.
    pub backward: Edit,
    merge_key: Option<String>,
    at: Instant,
}

/// Undo and redo stacks. Consecutive edits with the same merge key (see
/// [`Edit::merge_key`]) made within [`History::MERGE_WINDOW`] fold into one step, so a burst of
/// keystrokes in a note or a drag of a boundary undoes at once.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    /// How close in time two edits must be to fold into one step.
    pub const MERGE_WINDOW: Duration = Duration::from_millis(1500);
    /// How many steps are kept.
    pub const LIMIT: usize = 1000;

    /// Records an edit that was applied, with the inverse the store returned.
    pub fn record(&mut self, forward: Edit, backward: Edit) {
        self.record_at(forward, backward, Instant::now());
    }

    /// As [`History::record`], at a given time (for tests).
    pub fn record_at(&mut self, forward: Edit, backward: Edit, at: Instant) {
        self.redo.clear();
        let merge_key = forward.merge_key();
        if let (Some(key), Some(top)) = (&merge_key, self.undo.last_mut())
            && top.merge_key.as_ref() == Some(key)
            && at.saturating_duration_since(top.at) <= Self::MERGE_WINDOW
        {
            // Keep the oldest way back, take the newest way forward.
            top.forward = forward;
            top.at = at;
            return;
        }
        self.undo.push(Step {
            forward,
            backward,
            merge_key,
            at,
        });
        if self.undo.len() > Self::LIMIT {
            self.undo.remove(0);
        }
    }

    /// The edit that undoes the last step, if any; call [`History::undone`] once it is applied.
    pub fn peek_undo(&self) -> Option<&Edit> {
        self.undo.last().map(|s| &s.backward)
    }

    /// The edit that redoes the last undone step, if any; call [`History::redone`] once applied.
    pub fn peek_redo(&self) -> Option<&Edit> {
        self.redo.last().map(|s| &s.forward)
    }

    /// Moves the last step to the redo stack; `forward` is what the store answered when the
    /// step's backward edit was applied.
    pub fn undone(&mut self, forward: Edit) {
        if let Some(mut step) = self.undo.pop() {
            step.forward = forward;
            step.merge_key = None;
            self.redo.push(step);
        }
    }

    /// Moves the last undone step back to the undo stack; `backward` is what the store answered
    /// when the step's forward edit was applied.
    pub fn redone(&mut self, backward: Edit) {
        if let Some(mut step) = self.redo.pop() {
            step.backward = backward;
            step.merge_key = None;
            self.undo.push(step);
        }
    }

    /// Number of steps that can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Number of steps that can be redone.
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }

    /// Forgets everything (after the project changed underneath, e.g. an import).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::AnnRef;

    fn note(text: &str) -> Edit {
        let target = AnnRef {
            doc: "d".into(),
            annotator: "anna".into(),
            id: "a1".into(),
        };
        Edit::SetNote {
            target,
            note: text.into(),
        }
    }

    #[test]
    fn a_burst_of_typing_is_one_step() {
        let mut h = History::default();
        let t0 = Instant::now();
        h.record_at(note("a"), note(""), t0);
        h.record_at(note("ab"), note("a"), t0 + Duration::from_millis(300));
        h.record_at(note("abc"), note("ab"), t0 + Duration::from_millis(600));
        assert_eq!(h.undo_len(), 1);
        assert_eq!(h.peek_undo(), Some(&note("")));
        // a pause starts a new step
        h.record_at(note("abcd"), note("abc"), t0 + Duration::from_secs(5));
        assert_eq!(h.undo_len(), 2);
    }

    #[test]
    fn undo_then_redo_moves_steps_and_new_edit_clears_redo() {
        let mut h = History::default();
        h.record(note("x"), note(""));
        let back = h.peek_undo().cloned();
        assert_eq!(back, Some(note("")));
        h.undone(note("x"));
        assert_eq!((h.undo_len(), h.redo_len()), (0, 1));
        assert_eq!(h.peek_redo(), Some(&note("x")));
        h.redone(note(""));
        assert_eq!((h.undo_len(), h.redo_len()), (1, 0));
        h.undone(note("x"));
        h.record(note("y"), note(""));
        assert_eq!(h.redo_len(), 0);
    }
}
