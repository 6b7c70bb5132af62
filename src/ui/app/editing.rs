//! Editing commands: every change of annotations, links and status goes through the
//! workspace's edit API, so it is saved at once and can be undone.

use super::apply::not_in_group;
use super::*;

impl SpanbenchApp {
    /// Applies a command of the editing group.
    pub(super) fn run_editing(&mut self, command: Command) -> Result<(), String> {
        match command {
            Command::Tag(label) => self.tag_with(&label, self.settings.snap_to_words)?,
            Command::TagSearchHits(label) => self.tag_search_hits(&label)?,
            Command::AddFragment => {
                let (target, ann) = self.selected_annotation()?;
                let (s, e) = self.snapped_selection()?;
                let mut fragments = ann.fragments.clone();
                fragments.push(Fragment::new(s, e));
                self.edit(Edit::SetFragments { target, fragments })?;
                self.text_selection = None;
                self.frame.clear_text_selection = true;
            }
            Command::Reshape => {
                let (target, _) = self.selected_annotation()?;
                let (s, e) = self.snapped_selection()?;
                self.edit(Edit::SetFragments {
                    target,
                    fragments: vec![Fragment::new(s, e)],
                })?;
                self.text_selection = None;
                self.frame.clear_text_selection = true;
            }
            Command::LinkToNew { kind, label } => self.link_to_new(kind, label)?,
            Command::Delete => {
                let (target, _) = self.selected_annotation()?;
                self.edit(Edit::DeleteAnnotation(target))?;
                self.selected_id = None;
            }
            Command::SetAttribute(name, value) => {
                let (target, _) = self.selected_annotation()?;
                self.edit(Edit::SetAttribute {
                    target,
                    name,
                    value,
                })?;
            }
            Command::SetNote(note) => {
                let (target, _) = self.selected_annotation()?;
                self.edit(Edit::SetNote { target, note })?;
            }
            Command::Link { kind, to } => {
                let (target, _) = self.selected_annotation()?;
                let relation = Relation {
                    id: String::new(),
                    annotator: self.layer.clone(),
                    kind,
                    from: target.id,
                    to,
                };
                self.link_picker = None;
                self.edit(Edit::Link {
                    doc: target.doc,
                    relation,
                })?;
            }
            Command::Unlink(id) => {
                let doc = self
                    .current_doc()
                    .ok_or("No document is open.")?
                    .to_string();
                self.ensure_editable()?;
                self.edit(Edit::Unlink {
                    doc,
                    annotator: self.layer.clone(),
                    id,
                })?;
            }
            Command::Undo | Command::Redo => self.undo_or_redo(command)?,
            Command::MarkDoneAndNext => self.mark_done_and_next()?,
            Command::TagExact(label) => self.tag_with(&label, false)?,
            other => return Err(not_in_group(&other)),
        }
        Ok(())
    }

    /// Links the selected annotation to a new one made from the selection, in one step.
    fn link_to_new(&mut self, kind: String, label: String) -> Result<(), String> {
        let (from, _) = self.selected_annotation()?;
        let (s, e) = self.snapped_selection()?;
        let view = self.view.as_ref().ok_or("No document is open.")?;
        let id = loop {
            let id = crate::model::ids::fresh_id("a");
            if !view.annotations.iter().any(|a| a.id == id) {
                break id;
            }
        };
        let annotation = Annotation {
            origin: Default::default(),
            id: id.clone(),
            annotator: self.layer.clone(),
            label,
            fragments: vec![Fragment::new(s, e)],
            text: String::new(),
            attributes: Default::default(),
            note: String::new(),
        };
        let relation = Relation {
            id: String::new(),
            annotator: self.layer.clone(),
            kind,
            from: from.id.clone(),
            to: id,
        };
        self.link_picker = None;
        self.edit(Edit::Batch(vec![
            Edit::AddAnnotation {
                doc: from.doc.clone(),
                annotation,
            },
            Edit::Link {
                doc: from.doc.clone(),
                relation,
            },
        ]))?;
        self.text_selection = None;
        self.frame.clear_text_selection = true;
        Ok(())
    }

    /// Undoes or redoes one step, and shows the document it changed.
    fn undo_or_redo(&mut self, command: Command) -> Result<(), String> {
        if let Some(why) = &self.stopped {
            return Err(why.clone());
        }
        let ws = self.ws.as_mut().ok_or("No project is open.")?;
        let result = if command == Command::Undo {
            ws.undo()
        } else {
            ws.redo()
        };
        let word = if command == Command::Undo {
            "Undone"
        } else {
            "Redone"
        };
        match result.map_err(|e| self.store_error(e))? {
            Some(edit) => {
                self.status = format!("{word}: {}", edit.describe());
                // Show the document it changed, unless it also changed this one.
                if let Some(doc) = edit.doc().map(str::to_string)
                    && !self.current_doc().is_some_and(|c| edit.touches_doc(c))
                {
                    self.open_document(&doc)?;
                }
                self.after_edit(edit.touched_annotations())?;
                self.refresh_review()?;
                if self.review.is_some() {
                    self.reload_documents();
                }
            }
            None => {
                self.status = format!("Nothing to {}.", word.to_lowercase().trim_end_matches('e'))
            }
        }
        Ok(())
    }

    /// Marks the open document done (adjudicated, in gold) and opens the next unfinished one.
    fn mark_done_and_next(&mut self) -> Result<(), String> {
        self.ensure_editable()?;
        let doc = self
            .current_doc()
            .ok_or("No document is open.")?
            .to_string();
        let finished = if self.layer == GOLD {
            DocStatus::Adjudicated
        } else {
            DocStatus::Done
        };
        self.learner.check = true;
        self.edit(Edit::SetStatus {
            doc: doc.clone(),
            annotator: self.layer.clone(),
            status: finished,
        })?;
        let next = self.next_document_where(&doc, |s| !s.is_finished());
        match next {
            Some(id) => {
                self.open_document(&id)?;
                self.status = format!(
                    "Marked {} — opened the next unfinished document.",
                    finished.name()
                );
            }
            None => {
                self.status = format!("Marked {} — every document is finished.", finished.name())
            }
        }
        Ok(())
    }
}
