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
        if self.apply_review(&command)? {
            return Ok(());
        }
        match command {
            Command::OpenDocument(id) => self.open_document(&id)?,
            Command::NextDocument | Command::PreviousDocument => {
                let pos = self
                    .current_doc()
                    .and_then(|c| self.docs.iter().position(|d| d.id == c));
                let next = match (command, pos) {
                    (Command::NextDocument, Some(p)) => (p + 1 < self.docs.len()).then_some(p + 1),
                    (Command::PreviousDocument, Some(p)) => p.checked_sub(1),
                    (_, None) => (!self.docs.is_empty()).then_some(0),
                    _ => None,
                };
                if let Some(n) = next {
                    let id = self.docs[n].id.clone();
                    self.open_document(&id)?;
                }
            }
            Command::SetSelection(s) => self.selection = s,
            Command::Select(id) => self.select(id, false),
            Command::SelectNext | Command::SelectPrevious => {
                let Some(view) = &self.view else {
                    return Ok(());
                };
                let ids: Vec<String> = view.annotations.iter().map(|a| a.id.clone()).collect();
                if ids.is_empty() {
                    return Ok(());
                }
                let pos = self
                    .selected
                    .as_ref()
                    .and_then(|s| ids.iter().position(|i| i == s));
                let n = match (command, pos) {
                    (Command::SelectNext, Some(p)) => (p + 1) % ids.len(),
                    (Command::SelectPrevious, Some(p)) => (p + ids.len() - 1) % ids.len(),
                    (Command::SelectNext, None) => 0,
                    _ => ids.len() - 1,
                };
                self.select(Some(ids[n].clone()), true);
            }
            Command::Tag(label) => self.tag_with(&label, self.settings.snap_to_words)?,
            Command::AddFragment => {
                let (target, ann) = self.selected_annotation()?;
                let (s, e) = self.snapped_selection()?;
                let mut fragments = ann.fragments.clone();
                fragments.push(Fragment::new(s, e));
                self.edit(Edit::SetFragments { target, fragments })?;
                self.selection = None;
                self.clear_text_selection = true;
            }
            Command::Reveal(id) => self.select(Some(id), true),
            Command::Reshape => {
                let (target, _) = self.selected_annotation()?;
                let (s, e) = self.snapped_selection()?;
                self.edit(Edit::SetFragments {
                    target,
                    fragments: vec![Fragment::new(s, e)],
                })?;
                self.selection = None;
                self.clear_text_selection = true;
            }
            Command::LinkToNew { kind, label } => {
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
                self.selection = None;
                self.clear_text_selection = true;
            }
            Command::Delete => {
                let (target, _) = self.selected_annotation()?;
                self.edit(Edit::DeleteAnnotation(target))?;
                self.selected = None;
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
            Command::StartLink => {
                let (_, ann) = self.selected_annotation()?;
                let schema = &self
                    .ws
                    .as_ref()
                    .ok_or("No project is open.")?
                    .project
                    .schema;
                self.link_picker = Some(
                    LinkPicker::for_annotation(&ann, schema)
                        .ok_or(format!("A {} cannot be linked to anything.", ann.label))?,
                );
            }
            Command::CancelLink => self.link_picker = None,
            Command::ShowBackups => self.show_backups()?,
            Command::CloseBackups => self.backups = None,
            Command::RestoreBackup(path) => self.restore_backup(&path)?,
            Command::Undo | Command::Redo => {
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
                        self.status =
                            format!("Nothing to {}.", word.to_lowercase().trim_end_matches('e'))
                    }
                }
            }
            Command::MarkDoneAndNext => {
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
                        self.status =
                            format!("Marked {} — every document is finished.", finished.name())
                    }
                }
            }
            Command::ShowLayer(layer) => {
                self.layer = layer;
                self.selected = None;
                self.reload_documents();
                if let Some(id) = self.current_doc().map(str::to_string) {
                    self.open_document(&id)?;
                }
            }
            Command::ToggleKeys => self.show_keys = !self.show_keys,
            Command::TagExact(label) => self.tag_with(&label, false)?,
            Command::SetFontSize(size) => {
                self.settings.font_size = size.clamp(10.0, 32.0);
                if let Some(v) = &mut self.view {
                    v.invalidate();
                }
                self.save_settings();
            }
            Command::SetTheme(theme) => {
                self.settings.theme = theme;
                self.save_settings();
            }
            Command::SetSnap(snap) => {
                self.settings.snap_to_words = snap;
                self.save_settings();
            }
            Command::ToggleSettings => self.show_settings = !self.show_settings,
            Command::ShowFileWindow(action) => self.file_window = Some(FileWindow::new(action)),
            Command::CloseFileWindow => self.file_window = None,
            Command::ShowExportWindow => {
                let dir = self.ws.as_ref().ok_or("No project is open.")?.dir.clone();
                self.export_window = Some(crate::ui::export_window::ExportWindow::new(&dir));
            }
            Command::CloseExportWindow => self.export_window = None,
            Command::StartExport(options, out) => {
                if self.export_task.is_some() {
                    return Err("An export is already running.".into());
                }
                let dir = self.ws.as_ref().ok_or("No project is open.")?.dir.clone();
                let ctx = self.ctx.clone().ok_or("The window is not ready yet.")?;
                self.export_task = Some(crate::ui::export_window::ExportTask::start(
                    dir, options, out, ctx,
                ));
                self.export_window = None;
                self.status = "Exporting in the background — keep working.".into();
            }
            Command::OpenProject(dir) => {
                let ws = Workspace::open_for_reading(&dir).map_err(|e| format!("{e}"))?;
                let mut settings = std::mem::take(&mut self.settings);
                settings.remember_project(&dir);
                let (path, annotator) = (self.settings_path.take(), self.annotator.clone());
                *self = SpanbenchApp::new(ws, annotator).with_settings(settings, path, None);
                self.save_settings();
                self.status = format!("Opened {}.", dir.display());
            }
            Command::StartImport(paths) => {
                if self.import_task.is_some() {
                    return Err("An import is already running.".into());
                }
                let dir = self.ws.as_ref().ok_or("No project is open.")?.dir.clone();
                let ctx = self.ctx.clone().ok_or("The window is not ready yet.")?;
                self.import_task = Some(ImportTask::start(dir, paths, self.annotator.clone(), ctx));
                self.file_window = None;
                self.status = "Importing in the background — keep working.".into();
            }
            Command::ToggleAgreement => self.toggle_agreement()?,
            Command::CompareForAgreement(names, gamma) => {
                self.compare_for_agreement(names, gamma)?
            }
            Command::StartMerge(paths) => self.start_merge(paths)?,
            // Applied by `apply_review`.
            Command::ToggleReview
            | Command::CompareAnnotators(_)
            | Command::SetReviewLayout(_)
            | Command::FocusDisagreement(_)
            | Command::NextDisagreement
            | Command::PreviousDisagreement
            | Command::AcceptVersion(_)
            | Command::AcceptVersionNumber(_)
            | Command::RejectAll
            | Command::AcceptAgreed
            | Command::AcceptAgreedEverywhere
            | Command::EditInGold
            | Command::MarkAdjudicated
            | Command::ReviewDocument(_) => {}
            Command::DismissHint => {
                self.show_hint = false;
                self.settings.hint_dismissed = true;
                self.save_settings();
            }
            Command::ClearSelection => {
                self.selection = None;
                self.clear_text_selection = true;
                self.select(None, false);
            }
        }
        Ok(())
    }

    /// Takes in a finished background import: new documents appear in the list.
    pub(super) fn poll_import(&mut self) {
        let Some(result) = self.import_task.as_mut().and_then(ImportTask::poll) else {
            return;
        };
        let merging = self.import_task.take().is_some_and(|t| t.merging);
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
        let Some(result) = self.export_task.as_ref().and_then(|t| t.poll()) else {
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
                r.warnings
                    .first()
                    .map(|w| format!(". Note: {w}"))
                    .unwrap_or_default()
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
        self.selection = None;
        self.selected = None;
        self.link_picker = None;
        self.scroll_to = Some(0);
        Ok(())
    }

    fn select(&mut self, id: Option<String>, scroll: bool) {
        if let Some(view) = &mut self.view {
            if let Some(old) = &self.selected {
                view.invalidate_annotation(old);
            }
            if let Some(new) = &id {
                view.invalidate_annotation(new);
                if scroll {
                    self.scroll_to = view
                        .annotation(new)
                        .and_then(|a| a.fragments.first())
                        .and_then(|f| view.paragraph_of(f.start));
                }
            }
            self.note_draft = id
                .as_ref()
                .and_then(|i| view.annotation(i))
                .map(|a| a.note.clone())
                .unwrap_or_default();
        }
        self.selected = id;
    }

    fn ensure_editable(&self) -> Result<(), String> {
        if let Some(why) = &self.stopped {
            return Err(why.clone());
        }
        if self.editable() {
            Ok(())
        } else {
            Err(format!(
                "You are looking at {}'s layer, which is read-only. Switch to your own ({}) to edit.",
                self.layer, self.annotator
            ))
        }
    }

    fn selected_annotation(&self) -> Result<(AnnRef, Annotation), String> {
        self.ensure_editable()?;
        let view = self.view.as_ref().ok_or("No document is open.")?;
        let id = self
            .selected
            .as_ref()
            .ok_or("Select an annotation first (click it, or Tab).")?;
        let ann = view
            .annotation(id)
            .ok_or("The selected annotation is gone.")?
            .clone();
        Ok((AnnRef::of(&view.doc.id, &ann), ann))
    }

    fn snapped_selection(&self) -> Result<(usize, usize), String> {
        self.selection_span(self.settings.snap_to_words)
    }

    /// The selection, snapped to words or only trimmed of spaces and dangling punctuation.
    fn selection_span(&self, snap: bool) -> Result<(usize, usize), String> {
        let view = self.view.as_ref().ok_or("No document is open.")?;
        let (s, e) = self
            .selection
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

    fn tag_with(&mut self, label: &str, snap: bool) -> Result<(), String> {
        self.ensure_editable()?;
        if self.selection.is_none() {
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
        self.selection = None;
        self.clear_text_selection = true;
        let new_id = find_deleted_id(&inverse);
        self.select(new_id, false);
        Ok(())
    }

    /// Applies an edit through the workspace and refreshes what is shown.
    fn edit(&mut self, edit: Edit) -> Result<Edit, String> {
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
    fn after_edit(&mut self, touched: Vec<AnnRef>) -> Result<(), String> {
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
        if let Some(sel) = &self.selected {
            if view.annotation(sel).is_none() {
                self.selected = None;
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
                Ok(docs) => self.docs = docs,
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

/// The id an `AddAnnotation` got, read from its inverse (a `DeleteAnnotation`).
fn find_deleted_id(inverse: &Edit) -> Option<String> {
    match inverse {
        Edit::DeleteAnnotation(r) => Some(r.id.clone()),
        Edit::Batch(edits) => edits.iter().find_map(find_deleted_id),
        _ => None,
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}
