//! Window commands: settings, the sheet of keys, the hint, the agreement screen.

use super::apply::not_in_group;
use super::*;

impl SpanbenchApp {
    /// Applies a command of the window group.
    pub(super) fn run_window(&mut self, command: Command) -> Result<(), String> {
        match command {
            Command::ToggleKeys => self.show_keys = !self.show_keys,
            Command::ToggleDocumentsPanel => {
                let shown = self.frame.documents_shown;
                self.frame.documents_panel = Some(!shown);
            }
            Command::ToggleAnnotationsPanel => {
                let shown = self.frame.annotations_shown;
                self.frame.annotations_panel = Some(!shown);
            }
            Command::ScrollArticle(scroll) => self.frame.scroll_by = Some(scroll),
            Command::ToggleAllLinks => {
                self.settings.show_all_links = !self.settings.show_all_links;
                self.save_settings();
            }
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
            Command::ToggleAgreement => self.toggle_agreement()?,
            Command::CompareForAgreement(names, choice) => {
                self.compare_for_agreement(names, choice)?
            }
            Command::ToggleSearch => self.toggle_search(),
            Command::RunSearch => self.run_search()?,
            Command::DismissHint => {
                self.show_hint = false;
                self.settings.hint_dismissed = true;
                self.save_settings();
            }
            other => return Err(not_in_group(&other)),
        }
        Ok(())
    }
}
