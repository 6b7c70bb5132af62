//! Review commands: comparing annotators on the open document and settling gold, every change
//! through the workspace's edit API (so Ctrl+Z undoes it).

use super::apply::not_in_group;
use super::*;
use crate::adjudication::{accept_agreed, accept_version, reject_all};
use crate::store::LayerFilter;
use crate::ui::agreement_window::AgreementScreen;

impl SpanbenchApp {
    /// Applies a command of the review group.
    pub(super) fn run_review(&mut self, command: Command) -> Result<(), String> {
        let command = &command;
        match command {
            Command::ToggleReview => {
                if self.review.is_some() {
                    self.review = None;
                    self.reload_documents();
                    if let Some(id) = self.current_doc().map(str::to_string) {
                        self.open_document(&id)?;
                    }
                    self.status = "Back to annotating.".into();
                } else {
                    self.start_review()?;
                }
            }
            Command::CompareAnnotators(names) => {
                self.review_setup.annotators = names.clone();
                self.refresh_review()?;
            }
            Command::SetReviewLayout(layout) => {
                self.review_setup.layout = *layout;
                if let Some(r) = &mut self.review {
                    r.layout = *layout;
                    r.scroll_to = r
                        .current_disagreement()
                        .map(|d| d.start)
                        .and_then(|s| self.view.as_ref()?.paragraph_of(s));
                }
            }
            Command::FocusDisagreement(i) => self.reviewing()?.focus(*i),
            Command::NextDisagreement => self.reviewing()?.step(true),
            Command::PreviousDisagreement => self.reviewing()?.step(false),
            Command::AcceptVersion(who) => self.accept(who)?,
            Command::AcceptVersionNumber(k) => {
                let who = self
                    .reviewing()?
                    .annotators
                    .get(*k)
                    .cloned()
                    .ok_or("There is no such annotator in this review.")?;
                self.accept(&who)?;
            }
            Command::RejectAll => {
                let review = self.reviewing()?;
                let d = review
                    .current_disagreement()
                    .ok_or("Choose a disagreement first (N or click).")?;
                match reject_all(&review.record, d, &review.rejected) {
                    Some(edit) => self.gold_edit(edit)?,
                    None => self.status = "Already rejected.".into(),
                }
            }
            Command::AcceptAgreed => {
                let review = self.reviewing()?;
                match accept_agreed(&review.record, &review.annotators) {
                    Some(edit) => self.gold_edit(edit)?,
                    None => {
                        self.status = "Gold already holds everything they agree on here.".into();
                    }
                }
            }
            Command::AcceptAgreedEverywhere => self.accept_agreed_everywhere()?,
            Command::EditInGold => self.edit_in_gold()?,
            Command::MarkAdjudicated => self.mark_adjudicated()?,
            Command::ReviewDocument(id) => {
                self.agreement = None;
                if self.review.is_none() {
                    self.review = Some(self.build_review(id)?);
                    self.reload_documents();
                }
                // Opening a document in the review focuses its first disagreement.
                self.open_document(id)?;
            }
            other => return Err(not_in_group(other)),
        }
        Ok(())
    }

    /// Leaves the review for the gold layer at the focused disagreement, to edit it by hand.
    fn edit_in_gold(&mut self) -> Result<(), String> {
        let review = self.review.take().ok_or("Press Review first.")?;
        // Coming back to the review of this document returns to this disagreement.
        self.review_setup.return_to = review.current.map(|i| (review.doc().to_string(), i));
        let target = review.current_disagreement().map(|d| {
            let gold = review.record.annotations.iter().find(|g| {
                g.annotator == GOLD
                    && g.fragments
                        .iter()
                        .any(|f| f.start < d.end && d.start < f.end)
            });
            (gold.map(|g| g.id.clone()), d.start)
        });
        self.layer = GOLD.to_string();
        self.reload_documents();
        self.open_document(review.doc())?;
        match target {
            Some((Some(id), _)) => self.apply(Command::Reveal(id)),
            Some((None, start)) => {
                self.frame.scroll_to = self.view.as_ref().and_then(|v| v.paragraph_of(start));
            }
            None => {}
        }
        self.status =
                "Editing gold: select text and tag it, or change the selected annotation. Review brings you back.".into();
        Ok(())
    }

    /// Marks the document adjudicated and opens the next one that a compared annotator worked
    /// on and that is not adjudicated yet — never one nobody touched.
    fn mark_adjudicated(&mut self) -> Result<(), String> {
        let review = self.reviewing()?;
        let (doc, annotators) = (review.doc().to_string(), review.annotators.clone());
        self.gold_edit(Edit::SetStatus {
            doc: doc.clone(),
            annotator: GOLD.to_string(),
            status: DocStatus::Adjudicated,
        })?;
        let next = self.next_to_adjudicate(&doc, &annotators);
        match next {
            Some(id) => {
                self.open_document(&id)?;
                self.status = "Marked adjudicated — opened the next document to review.".into();
            }
            None => {
                self.status = "Marked adjudicated — every document that was annotated is.".into()
            }
        }
        Ok(())
    }

    /// The document after `doc` (in list order, wrapping) that is not adjudicated and that one
    /// of `annotators` has annotated or given a status past `new`.
    fn next_to_adjudicate(&self, doc: &str, annotators: &[String]) -> Option<String> {
        let ws = self.ws.as_ref()?;
        let pos = self.docs.iter().position(|d| d.id == doc).unwrap_or(0);
        let worked_on = |id: &str| {
            let statuses = ws.store.statuses(id).unwrap_or_default();
            let started = annotators
                .iter()
                .any(|a| statuses.get(a).is_some_and(|s| *s != DocStatus::New));
            started
                || ws
                    .store
                    .layer(id, &LayerFilter::Only(annotators.to_vec()))
                    .is_ok_and(|(anns, _)| !anns.is_empty())
        };
        self.docs
            .iter()
            .skip(pos + 1)
            .chain(self.docs.iter().take(pos))
            .filter(|d| d.status != DocStatus::Adjudicated)
            .find(|d| worked_on(&d.id))
            .map(|d| d.id.clone())
    }

    /// Puts what all compared annotators agree on into gold, in every document, as one step.
    fn accept_agreed_everywhere(&mut self) -> Result<(), String> {
        let annotators = self.reviewing()?.annotators.clone();
        let ws = self.ws.as_mut().ok_or("No project is open.")?;
        let added = ws
            .accept_agreed_everywhere(&annotators)
            .map_err(|e| format!("Not saved: {e}"))?;
        self.status = format!(
            "Gold: added {} annotations and {} links that {} all agree on, in {} documents — Ctrl+Z to undo",
            added.annotations,
            added.links,
            annotators.join(", "),
            added.documents
        );
        self.refresh_review()?;
        self.reload_documents();
        Ok(())
    }

    fn reviewing(&mut self) -> Result<&mut Review, String> {
        self.review
            .as_mut()
            .ok_or_else(|| "Press Review first.".to_string())
    }

    fn start_review(&mut self) -> Result<(), String> {
        let doc = self
            .current_doc()
            .ok_or("Open a document to review.")?
            .to_string();
        let mut review = self.build_review(&doc)?;
        match self.review_setup.return_to.take() {
            Some((d, i)) if d == doc && i < review.comparison.disagreements.len() => {
                review.focus(i)
            }
            _ => review.step(true),
        }
        let n = review.comparison.disagreements.len();
        let who = review.annotators.join(", ");
        self.status = if review.annotators.len() < 2 {
            "Reviewing — this document has fewer than two annotators to compare.".into()
        } else {
            format!(
                "Reviewing {who}: {n} disagreements. N / P walk through them, 1–9 accept a version, X rejects."
            )
        };
        self.review = Some(review);
        self.reload_documents();
        Ok(())
    }

    /// The review of document `id`, comparing the chosen annotators.
    pub(super) fn build_review(&self, id: &str) -> Result<Review, String> {
        let ws = self.ws.as_ref().ok_or("No project is open.")?;
        let record = ws
            .store
            .record(id, &LayerFilter::All)
            .map_err(|e| e.to_string())?;
        let rejected = ws.store.rejections(id).map_err(|e| e.to_string())?;
        Ok(Review::new(
            record,
            rejected,
            &self.review_setup.annotators,
            self.review_setup.layout,
            &ws.project.schema,
        ))
    }

    /// Rebuilds the review from the database, keeping the focused disagreement.
    pub(super) fn refresh_review(&mut self) -> Result<(), String> {
        let Some(old) = &self.review else {
            return Ok(());
        };
        let doc = old.doc().to_string();
        let current = old.current;
        let mut fresh = self.build_review(&doc)?;
        fresh.current = current.filter(|&i| i < fresh.comparison.disagreements.len());
        self.review = Some(fresh);
        Ok(())
    }

    fn accept(&mut self, who: &str) -> Result<(), String> {
        let review = self.reviewing()?;
        let d = review
            .current_disagreement()
            .ok_or("Choose a disagreement first (N or click).")?;
        match accept_version(&review.record, d, who, &review.rejected) {
            Some(edit) => self.gold_edit(edit)?,
            None => self.status = format!("Gold is already like {who}'s version."),
        }
        Ok(())
    }

    /// Applies an edit of the gold layer and refreshes the review and the document list.
    fn gold_edit(&mut self, edit: Edit) -> Result<(), String> {
        let ws = self.ws.as_mut().ok_or("No project is open.")?;
        let describe = edit.describe();
        ws.apply(edit).map_err(|e| match e {
            StoreError::Rejected(m) | StoreError::NotFound(m) => m,
            other => format!("Not saved: {other}"),
        })?;
        self.status = format!("Gold: {describe} — Ctrl+Z to undo");
        self.refresh_review()?;
        self.reload_documents();
        Ok(())
    }

    pub(super) fn toggle_agreement(&mut self) -> Result<(), String> {
        if self.agreement.take().is_some() {
            return Ok(());
        }
        let ws = self.ws.as_ref().ok_or("No project is open.")?;
        let candidates = ws.comparable_annotators().map_err(|e| e.to_string())?;
        self.agreement = Some(AgreementScreen::start(
            ws.dir.clone(),
            candidates.clone(),
            candidates,
            Default::default(),
            self.frame.ctx.clone(),
        ));
        Ok(())
    }

    pub(super) fn compare_for_agreement(
        &mut self,
        annotators: Vec<String>,
        choice: crate::ui::agreement_window::AgreementChoice,
    ) -> Result<(), String> {
        let ws = self.ws.as_ref().ok_or("No project is open.")?;
        let candidates = ws.comparable_annotators().map_err(|e| e.to_string())?;
        self.agreement = Some(AgreementScreen::start(
            ws.dir.clone(),
            candidates,
            annotators,
            choice,
            self.frame.ctx.clone(),
        ));
        Ok(())
    }

    pub(super) fn start_merge(&mut self, paths: Vec<std::path::PathBuf>) -> Result<(), String> {
        if self.import_task.is_some() {
            return Err("An import or merge is already running.".into());
        }
        let (dir, ctx) = self.for_background()?;
        self.import_task = Some(ImportTask::start_merge(dir, paths, ctx));
        self.file_window = None;
        self.status = "Merging in the background — keep working.".into();
        Ok(())
    }
}
