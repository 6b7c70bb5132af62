//! Applying commands: the one place where the window's state changes, and every edit of
//! annotations goes through the workspace's edit API.

use super::*;

impl SpanbenchApp {
    /// Applies one command: the only place where state changes.
    pub fn apply(&mut self, command: Command) {
        if let Err(message) = self.try_apply(command) {
            self.status = message;
        }
    }

    fn try_apply(&mut self, command: Command) -> Result<(), String> {
        match command.group() {
            Group::Editing => self.run_editing(command),
            Group::Navigation => self.run_navigation(command),
            Group::Review => self.run_review(command),
            Group::Files => self.run_files(command),
            Group::Window => self.run_window(command),
            Group::Suggestions => self.run_suggestions(command),
            Group::Team => self.run_team(command),
        }
    }

    /// Takes in a finished background import: new documents appear in the list.
    pub(super) fn poll_import(&mut self) {
        let Some(result) = self.import_task.as_mut().and_then(ImportTask::poll) else {
            return;
        };
        let task = self.import_task.take();
        let merging = task.as_ref().is_some_and(|t| t.merging);
        if task.is_some_and(|t| t.is_cancelled()) && result.is_err() {
            self.status = "Import cancelled — nothing was imported.".into();
            return;
        }
        match result {
            Ok(outcome) if merging => {
                let r = &outcome.report;
                self.status = format!(
                    "Merged {} project{}: {} new documents, {}.",
                    outcome.files,
                    if outcome.files == 1 { "" } else { "s" },
                    r.documents_added,
                    r.changes()
                );
                self.reload_documents();
                if let Err(e) = self.refresh_review() {
                    self.status = e;
                }
            }
            Err(e) if merging => self.status = format!("Nothing was merged: {e}"),
            Ok(outcome) => {
                let r = &outcome.report;
                self.status = format!(
                    "Imported {} files: {} new documents, {} already present, {} annotations.",
                    outcome.files,
                    r.documents_added,
                    r.documents_known.len(),
                    r.annotations_added
                );
                if let Some(note) = outcome.notes.first() {
                    self.status.push_str(&format!(" Note: {note}"));
                }
                self.reload_documents();
                if self.view.is_none()
                    && let Some(first) = self.docs.first().map(|d| d.id.clone())
                {
                    self.apply(Command::OpenDocument(first));
                }
            }
            Err(e) => self.status = format!("Nothing was imported: {e}"),
        }
    }

    /// Takes in a finished background export.
    pub(super) fn poll_export(&mut self) {
        let Some(result) = self.export_task.as_mut().and_then(|t| t.poll()) else {
            return;
        };
        let out = self.export_task.take().map(|t| t.out).unwrap_or_default();
        self.status = match result {
            Ok(r) => format!(
                "Exported {} documents, {} annotations to {} ({} files){}",
                r.documents,
                r.annotations,
                out.display(),
                r.files.len(),
                if r.left_out > 0 {
                    format!(
                        ". {} documents were left out for their status (gold: not adjudicated)",
                        r.left_out
                    )
                } else {
                    r.warnings
                        .first()
                        .map(|w| format!(". Note: {w}"))
                        .unwrap_or_default()
                }
            ),
            Err(e) => format!("Nothing was exported: {e}"),
        };
    }

    pub(super) fn open_document(&mut self, id: &str) -> Result<(), String> {
        let ws = self.ws.as_ref().ok_or("No project is open.")?;
        let doc = ws.store.document(id).map_err(|e| e.to_string())?;
        let (annotations, relations) = ws
            .store
            .layer(id, &LayerFilter::Only(vec![self.layer.clone()]))
            .map_err(|e| e.to_string())?;
        self.view = Some(DocView::new(doc, annotations, relations));
        if self.review.is_some() {
            let mut review = self.build_review(id)?;
            review.step(true);
            self.review = Some(review);
        }
        self.text_selection = None;
        self.selected_id = None;
        self.link_picker = None;
        self.frame.scroll_to = Some(0);
        self.remember_place();
        self.refresh_offers();
        Ok(())
    }

    pub(super) fn select(&mut self, id: Option<String>, scroll: bool) {
        if let Some(view) = &mut self.view {
            if let Some(old) = &self.selected_id {
                view.invalidate_annotation(old);
            }
            if let Some(new) = &id {
                view.invalidate_annotation(new);
                if scroll {
                    self.frame.scroll_to = view
                        .annotation(new)
                        .and_then(|a| a.fragments.first())
                        .and_then(|f| view.paragraph_of(f.start));
                }
            }
            self.drafts.note_draft = id
                .as_ref()
                .and_then(|i| view.annotation(i))
                .map(|a| a.note.clone())
                .unwrap_or_default();
        }
        self.selected_id = id;
    }

    pub(super) fn ensure_editable(&self) -> Result<(), String> {
        if let Some(why) = &self.stopped {
            return Err(why.clone());
        }
        if self.editable() {
            Ok(())
        } else if let Some(me) = self.hub_sync.me.as_ref().filter(|me| **me != self.layer) {
            Err(format!(
                "This working copy of the hub is {me}'s: {}'s layer comes from the hub and is read-only here.",
                self.layer
            ))
        } else {
            Err(format!(
                "You are looking at {}'s layer, which is read-only. Switch to your own ({}) to edit.",
                self.layer, self.annotator
            ))
        }
    }

    pub(super) fn selected_annotation(&self) -> Result<(AnnRef, Annotation), String> {
        self.ensure_editable()?;
        let view = self.view.as_ref().ok_or("No document is open.")?;
        let id = self
            .selected_id
            .as_ref()
            .ok_or("Select an annotation first (click it, or Tab).")?;
        let ann = view
            .annotation(id)
            .ok_or("The selected annotation is gone.")?
            .clone();
        Ok((AnnRef::of(&view.doc.id, &ann), ann))
    }

    pub(super) fn snapped_selection(&self) -> Result<(usize, usize), String> {
        self.selection_span(self.settings.snap_to_words)
    }

    /// The selection, snapped to words or only trimmed of spaces and dangling punctuation.
    pub(super) fn selection_span(&self, snap: bool) -> Result<(usize, usize), String> {
        let view = self.view.as_ref().ok_or("No document is open.")?;
        let (s, e) = self
            .text_selection
            .ok_or("Select some text first (drag over it).")?;
        let (s, e) = (s.min(e), s.max(e));
        // Only the paragraphs the selection touches are looked at, however long the article.
        let paras = view.paragraphs_in(s, e.max(s + 1));
        let (first, last) = (paras.start, paras.end.saturating_sub(1).max(paras.start));
        let (Some(p0), Some(p1)) = (view.paragraphs.get(first), view.paragraphs.get(last)) else {
            return Err("The selection holds no words.".into());
        };
        let (base, window) = (p0.cps.start, &view.doc.text[p0.bytes.start..p1.bytes.end]);
        let (ls, le) = (
            s.saturating_sub(base),
            e.saturating_sub(base).min(p1.cps.end - base),
        );
        let span = if snap {
            snap_to_words(window, ls, le)
        } else {
            trim(window, ls, le)
        };
        span.map(|(a, b)| (a + base, b + base))
            .ok_or_else(|| "The selection holds no words.".to_string())
    }

    pub(super) fn tag_with(&mut self, label: &str, snap: bool) -> Result<(), String> {
        self.ensure_editable()?;
        if self.text_selection.is_none() {
            let (target, ann) = self.selected_annotation().map_err(|_| {
                "Select some text first (drag over it), or an annotation to relabel.".to_string()
            })?;
            if ann.label != label {
                self.edit(Edit::Relabel {
                    target,
                    label: label.to_string(),
                })?;
            }
            return Ok(());
        }
        let (s, e) = self.selection_span(snap)?;
        let doc = self
            .current_doc()
            .ok_or("No document is open.")?
            .to_string();
        let annotation = Annotation {
            origin: Default::default(),
            id: String::new(),
            annotator: self.layer.clone(),
            label: label.to_string(),
            fragments: vec![Fragment::new(s, e)],
            text: String::new(),
            attributes: Default::default(),
            note: String::new(),
        };
        let mut edits = vec![Edit::AddAnnotation {
            doc: doc.clone(),
            annotation,
        }];
        // The status as stored now, not as this window last saw it: another window may have
        // marked the document done meanwhile, and that must not be undone by this one.
        let stored = self
            .ws
            .as_ref()
            .ok_or("No project is open.")?
            .store
            .status(&doc, &self.layer)
            .map_err(|e| e.to_string())?;
        if stored == DocStatus::New {
            edits.push(Edit::SetStatus {
                doc,
                annotator: self.layer.clone(),
                status: DocStatus::InProgress,
            });
        }
        let inverse = self.edit(Edit::Batch(edits))?;
        self.text_selection = None;
        self.frame.clear_text_selection = true;
        let new_id = added_annotation_id(&inverse);
        self.select(new_id, false);
        Ok(())
    }

    /// Applies an edit through the workspace and refreshes what is shown.
    pub(super) fn edit(&mut self, edit: Edit) -> Result<Edit, String> {
        self.ensure_editable()?;
        let ws = self.ws.as_mut().ok_or("No project is open.")?;
        let describe = edit.describe();
        let mut touched = edit.touched_annotations();
        let applied = ws.apply(edit);
        let inverse = applied.map_err(|e| self.store_error(e))?;
        self.status = format!("{} — Ctrl+Z to undo", capitalise(&describe));
        touched.extend(inverse.touched_annotations());
        self.after_edit(touched)?;
        Ok(inverse)
    }

    /// Refreshes what an edit changed: the touched annotations of the shown layer, the
    /// document's relations, and its line in the document list. Reads only those rows, so an
    /// edit stays quick on an article with thousands of annotations.
    pub(super) fn after_edit(&mut self, touched: Vec<AnnRef>) -> Result<(), String> {
        let ws = self.ws.as_ref().ok_or("No project is open.")?;
        let Some(view) = &mut self.view else {
            return Ok(());
        };
        let id = view.doc.id.clone();
        let mut updates = Vec::new();
        for r in touched
            .into_iter()
            .filter(|r| r.doc == id && r.annotator == self.layer)
        {
            let fresh = ws.store.annotation(&r).map_err(|e| e.to_string())?;
            updates.push((r.id, fresh));
        }
        let relations = ws
            .store
            .relations(&id, &LayerFilter::Only(vec![self.layer.clone()]))
            .map_err(|e| e.to_string())?;
        view.update_annotations(updates, relations);
        if let Some(sel) = &self.selected_id {
            if view.annotation(sel).is_none() {
                self.selected_id = None;
            } else {
                view.invalidate_annotation(sel);
            }
        }
        let status = ws
            .store
            .status(&id, &self.layer)
            .map_err(|e| e.to_string())?;
        let count = view.annotations.len();
        if let Some(d) = self.docs.iter_mut().find(|d| d.id == id) {
            d.status = status;
            d.annotations = count;
        }
        self.refresh_offers();
        Ok(())
    }

    /// The first document after `doc` in the list (wrapping around) whose status passes
    /// `wanted`.
    pub(super) fn next_document_where(
        &self,
        doc: &str,
        wanted: impl Fn(DocStatus) -> bool,
    ) -> Option<String> {
        let pos = self.docs.iter().position(|d| d.id == doc).unwrap_or(0);
        self.docs
            .iter()
            .skip(pos + 1)
            .chain(self.docs.iter().take(pos))
            .find(|d| wanted(d.status))
            .map(|d| d.id.clone())
    }

    pub(super) fn reload_documents(&mut self) {
        if let Some(ws) = &self.ws {
            let layer = if self.review.is_some() {
                GOLD
            } else {
                self.layer.as_str()
            };
            match ws.store.list_documents(Some(layer)) {
                Ok(mut docs) => {
                    // Documents assigned to me first, each group in its order.
                    let mine: std::collections::HashSet<String> = ws
                        .store
                        .assignments()
                        .unwrap_or_default()
                        .into_iter()
                        .filter(|(_, who)| *who == self.annotator)
                        .map(|(d, _)| d)
                        .collect();
                    docs.sort_by_key(|d| !mine.contains(&d.id));
                    self.docs = docs;
                }
                Err(e) => self.status = format!("Could not list the documents: {e}"),
            }
            let mut layers = ws.store.annotators().unwrap_or_default();
            layers.retain(|l| *l != self.annotator && l != GOLD);
            layers.insert(0, self.annotator.clone());
            layers.push(GOLD.to_string());
            self.layers = layers;
        }
    }
}

/// The sentence for a command handed to the wrong runner (a slip in `Command::group`).
pub(super) fn not_in_group(command: &Command) -> String {
    format!(
        "Internal slip: {command:?} was handed to the wrong part of the window; nothing changed."
    )
}

/// The id an `AddAnnotation` got, read from its inverse (a `DeleteAnnotation`).
pub(super) fn added_annotation_id(inverse: &Edit) -> Option<String> {
    match inverse {
        Edit::DeleteAnnotation(r) => Some(r.id.clone()),
        Edit::Batch(edits) => edits.iter().find_map(added_annotation_id),
        _ => None,
    }
}

pub(super) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}
