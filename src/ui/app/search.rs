//! The search window's commands: run a search, open a hit, walk the hits, tag them all.

use super::*;
use crate::store::AnnotationQuery;
use crate::ui::search_panel::{Found, MAX_HITS, SearchKind};

impl SpanbenchApp {
    /// Opens the search window with the keyboard in its field, or closes it.
    pub(super) fn toggle_search(&mut self) {
        self.search.open = !self.search.open;
        self.search.focus_query = self.search.open;
    }

    /// Searches the project for the window's query.
    pub(super) fn run_search(&mut self) -> Result<(), String> {
        let ws = self.ws.as_ref().ok_or("No project is open.")?;
        let query = self.search.query.trim().to_string();
        let kind = self.search.kind;
        let found = match kind {
            SearchKind::Text => Found::Text(
                ws.store
                    .search_text(&query, MAX_HITS)
                    .map_err(|e| e.to_string())?,
            ),
            SearchKind::Annotations => {
                let parsed = AnnotationQuery::parse(&query);
                if parsed.is_empty() {
                    return Err("Type what to look for: a label (label:quote), an annotator (by:anna), an attribute (form=direct) or words.".into());
                }
                Found::Annotations(
                    ws.store
                        .search_annotations(&parsed, MAX_HITS)
                        .map_err(|e| e.to_string())?,
                )
            }
        };
        self.status = match found.len() {
            0 => format!("“{query}”: nothing found."),
            n => format!("“{query}”: {n} hits. Enter or F3 opens the next one."),
        };
        self.search.searched = Some((self.search.query.clone(), kind));
        self.search.found = Some(found);
        self.search.current = None;
        // The keyboard stays in the field: Enter again opens the first hit.
        self.search.focus_query = true;
        Ok(())
    }

    /// Opens the next (or previous) hit.
    pub(super) fn step_search(&mut self, forward: bool) -> Result<(), String> {
        let n = self
            .search
            .step(forward)
            .ok_or("No search hits: Ctrl+F searches the project.")?;
        self.open_search_hit(n)
    }

    /// Opens hit `n`: its document, with a text hit selected (a label key tags it) or an
    /// annotation hit selected in its layer.
    pub(super) fn open_search_hit(&mut self, n: usize) -> Result<(), String> {
        let found = self
            .search
            .found
            .as_ref()
            .ok_or("Nothing was searched yet.")?;
        let total = found.len();
        match found {
            Found::Text(t) => {
                let hit = t.hits.get(n).ok_or("That hit is gone.")?.clone();
                if self.current_doc() != Some(hit.doc.as_str()) {
                    self.open_document(&hit.doc)?;
                }
                self.select(None, false);
                self.text_selection = Some((hit.start, hit.end));
                if let Some(view) = &mut self.view {
                    view.pending_selection = Some((hit.start, hit.end));
                    self.frame.scroll_to = view.paragraph_of(hit.start);
                }
                self.status = format!(
                    "Hit {} of {total} selected: a label key tags it, F3 goes to the next.",
                    n + 1
                );
            }
            Found::Annotations(a) => {
                let hit = a.get(n).ok_or("That hit is gone.")?.clone();
                let layer = hit.annotation.annotator.clone();
                if self.layer != layer && self.layers.contains(&layer) {
                    self.layer = layer;
                    self.reload_documents();
                    self.open_document(&hit.doc)?;
                } else if self.current_doc() != Some(hit.doc.as_str()) {
                    self.open_document(&hit.doc)?;
                }
                self.select(Some(hit.annotation.id.clone()), true);
                self.status = format!(
                    "Annotation {} of {total}: {} in {}'s layer.",
                    n + 1,
                    hit.annotation.label,
                    hit.annotation.annotator
                );
            }
        }
        self.search.current = Some(n);
        Ok(())
    }

    /// Tags every listed text hit with `label` in the shown layer, as one undo step; hits the
    /// layer already has with that label are left alone.
    pub(super) fn tag_search_hits(&mut self, label: &str) -> Result<(), String> {
        self.ensure_editable()?;
        let Some(Found::Text(found)) = &self.search.found else {
            return Err("Search for words first; annotations found are already tagged.".into());
        };
        let ws = self.ws.as_ref().ok_or("No project is open.")?;
        let mut edits = Vec::new();
        let mut layers: std::collections::HashMap<String, Vec<Annotation>> = Default::default();
        for hit in &found.hits {
            if !layers.contains_key(&hit.doc) {
                let (annotations, _) = ws
                    .store
                    .layer(&hit.doc, &LayerFilter::Only(vec![self.layer.clone()]))
                    .map_err(|e| e.to_string())?;
                layers.insert(hit.doc.clone(), annotations);
            }
            let fragments = vec![Fragment::new(hit.start, hit.end)];
            let there = layers[&hit.doc]
                .iter()
                .any(|a| a.label == label && a.fragments == fragments);
            if there {
                continue;
            }
            edits.push(Edit::AddAnnotation {
                doc: hit.doc.clone(),
                annotation: Annotation {
                    origin: Default::default(),
                    id: String::new(),
                    annotator: self.layer.clone(),
                    label: label.to_string(),
                    fragments,
                    text: String::new(),
                    attributes: Default::default(),
                    note: String::new(),
                },
            });
        }
        if edits.is_empty() {
            self.status = format!("Every hit is already tagged as {label}.");
            return Ok(());
        }
        let (count, documents) = (
            edits.len(),
            edits
                .iter()
                .filter_map(Edit::doc)
                .collect::<std::collections::BTreeSet<_>>()
                .len(),
        );
        self.edit(Edit::Batch(edits))?;
        self.reload_documents();
        if let Some(id) = self.current_doc().map(str::to_string) {
            self.open_document(&id)?;
        }
        self.status = format!(
            "{count} hits tagged as {label} in {documents} document{} — Ctrl+Z undoes all of them",
            if documents == 1 { "" } else { "s" }
        );
        Ok(())
    }
}
