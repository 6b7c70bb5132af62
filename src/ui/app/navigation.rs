//! Navigation commands: which document, annotation, selection and layer is shown.

use super::apply::not_in_group;
use super::*;

impl SpanbenchApp {
    /// Applies a command of the navigation group.
    pub(super) fn run_navigation(&mut self, command: Command) -> Result<(), String> {
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
            Command::SetSelection(s) => self.text_selection = s,
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
                    .selected_id
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
            Command::Reveal(id) => self.select(Some(id), true),
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
            Command::ShowLayer(layer) => {
                self.layer = layer;
                self.selected_id = None;
                self.reload_documents();
                if let Some(id) = self.current_doc().map(str::to_string) {
                    self.open_document(&id)?;
                }
            }
            Command::SwitchAnnotator(name) => self.switch_annotator(name.trim())?,
            Command::OpenSearchHit(n) => self.open_search_hit(n)?,
            Command::NextSearchHit => self.step_search(true)?,
            Command::PreviousSearchHit => self.step_search(false)?,
            Command::ClearSelection => {
                self.text_selection = None;
                self.frame.clear_text_selection = true;
                self.select(None, false);
            }

            other => return Err(not_in_group(&other)),
        }
        Ok(())
    }

    /// Annotates as `name` from now on (a new name starts an empty layer), on the same
    /// document; remembered for the next start.
    fn switch_annotator(&mut self, name: &str) -> Result<(), String> {
        crate::model::layer::validate_annotator_name(name).map_err(|e| e.to_string())?;
        if crate::model::layer::is_reserved_layer(name) {
            return Err(format!(
                "'{name}' is a layer of its own, not an annotator; choose another name (gold is edited under \"layer shown\")."
            ));
        }
        self.annotator = name.to_string();
        self.layer = name.to_string();
        self.selected_id = None;
        self.reload_documents();
        if let Some(id) = self.current_doc().map(str::to_string) {
            self.open_document(&id)?;
        }
        self.remember_place();
        self.status = format!("Annotating as {name}: your edits go to {name}'s layer.");
        Ok(())
    }
}
