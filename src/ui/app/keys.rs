//! Keys: read before the widgets so that they are consumed, turned into commands by the
//! one table in `ui/keymap.rs`.

use super::*;
use crate::ui::keymap;

impl SpanbenchApp {
    /// True when the sheet of keys or a window lies over the article.
    fn has_overlay(&self) -> bool {
        self.show_keys
            || self.show_settings
            || self.file_window.is_some()
            || self.export_window.is_some()
            || self.backups.is_some()
            || self.search.open
    }

    /// Closes the topmost of the sheet of keys and the windows.
    fn close_overlay(&mut self) {
        if self.show_keys {
            self.show_keys = false;
        } else if self.show_settings {
            self.show_settings = false;
        } else if self.file_window.is_some() {
            self.file_window = None;
        } else if self.export_window.is_some() {
            self.export_window = None;
        } else if self.search.open {
            self.search.open = false;
        } else {
            self.backups = None;
        }
    }

    pub(super) fn read_keys(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let focused = ctx.memory(|m| m.focused());
        // Any text field with the focus owns the keyboard — in any window — except the
        // article's own text, where keys tag and navigate.
        let typing = ctx.text_edit_focused() && focused != crate::ui::article::reading_focus(ctx);
        if self.link_picker.is_some() {
            if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
                commands.push(Command::CancelLink);
            }
            return;
        }
        if typing {
            if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
                ctx.memory_mut(|m| m.surrender_focus(focused.unwrap_or(egui::Id::NULL)));
            }
            return;
        }
        // Esc closes what lies on top — the sheet of keys, a window — before it leaves a mode
        // or clears the selection.
        if self.has_overlay() && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            self.close_overlay();
            return;
        }
        let mode = if self.review.is_some() {
            keymap::Mode::Reviewing
        } else {
            keymap::Mode::Annotating
        };
        if let Some(ws) = &self.ws {
            let schema = &ws.project.schema;
            let before = commands.len();
            ctx.input_mut(|i| keymap::read(i, mode, schema, commands));
            // Tab walks the annotations, not egui's widgets: no button takes the focus (and
            // then Enter) by accident.
            if commands[before..]
                .iter()
                .any(|c| matches!(c, Command::SelectNext | Command::SelectPrevious))
            {
                ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
            }
        }
    }
}
