//! Keys: read before the widgets so that they are consumed, turned into commands.

use super::*;

impl SpanbenchApp {
    pub(super) fn read_keys(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let focused = ctx.memory(|m| m.focused());
        let typing = focused.is_some_and(|id| {
            id == panels::note_id() || id == panels::filter_id() || id == link_picker::filter_id()
        });
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
        if self.review.is_some() {
            self.read_review_keys(ctx, commands);
            return;
        }
        ctx.input_mut(|i| {
            read_common_keys(i, Command::MarkDoneAndNext, commands);
            if i.consume_key(Modifiers::SHIFT, Key::Tab) {
                commands.push(Command::SelectPrevious);
            } else if i.consume_key(Modifiers::NONE, Key::Tab) {
                commands.push(Command::SelectNext);
            }
            if i.consume_key(Modifiers::NONE, Key::Delete)
                || i.consume_key(Modifiers::NONE, Key::Backspace)
            {
                commands.push(Command::Delete);
            }
            if i.consume_key(Modifiers::NONE, Key::Escape) {
                commands.push(Command::ClearSelection);
            }
            if i.consume_key(Modifiers::SHIFT, Key::Questionmark)
                || i.consume_key(Modifiers::NONE, Key::Questionmark)
            {
                commands.push(Command::ToggleKeys);
            }
            if i.consume_key(Modifiers::SHIFT, Key::F) {
                commands.push(Command::Reshape);
            } else if i.consume_key(Modifiers::NONE, Key::F) {
                commands.push(Command::AddFragment);
            }
            if i.consume_key(Modifiers::NONE, Key::L) {
                commands.push(Command::StartLink);
            }
        });
        if let Some(ws) = &self.ws {
            for label in &ws.project.schema.labels {
                for key in label
                    .hotkeys
                    .iter()
                    .filter_map(|k| Key::from_name(&k.to_ascii_uppercase()))
                {
                    if ctx.input_mut(|i| i.consume_key(Modifiers::ALT, key)) {
                        commands.push(Command::TagExact(label.name.clone()));
                    } else if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key)) {
                        commands.push(Command::Tag(label.name.clone()));
                    }
                }
            }
        }
    }

    /// Keys of the review: N / P walk the disagreements, 1–9 accept a version, X rejects all,
    /// Ctrl+Enter marks the document adjudicated; undo, redo and document keys as usual.
    fn read_review_keys(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        const NUMBERS: [Key; 9] = [
            Key::Num1,
            Key::Num2,
            Key::Num3,
            Key::Num4,
            Key::Num5,
            Key::Num6,
            Key::Num7,
            Key::Num8,
            Key::Num9,
        ];
        ctx.input_mut(|i| {
            read_common_keys(i, Command::MarkAdjudicated, commands);
            if i.consume_key(Modifiers::NONE, Key::N) {
                commands.push(Command::NextDisagreement);
            }
            if i.consume_key(Modifiers::NONE, Key::P) {
                commands.push(Command::PreviousDisagreement);
            }
            if i.consume_key(Modifiers::NONE, Key::X) {
                commands.push(Command::RejectAll);
            }
            for (k, key) in NUMBERS.iter().enumerate() {
                if i.consume_key(Modifiers::NONE, *key) {
                    commands.push(Command::AcceptVersionNumber(k));
                }
            }
            if i.consume_key(Modifiers::SHIFT, Key::Questionmark)
                || i.consume_key(Modifiers::NONE, Key::Questionmark)
            {
                commands.push(Command::ToggleKeys);
            }
            if i.consume_key(Modifiers::NONE, Key::Escape) {
                commands.push(Command::ToggleReview);
            }
        });
    }
}

/// Keys both modes share: undo and redo, Ctrl+Enter (`finish`), Alt+↓/↑ between documents.
fn read_common_keys(i: &mut egui::InputState, finish: Command, commands: &mut Vec<Command>) {
    if i.consume_key(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z)
        || i.consume_key(Modifiers::COMMAND, Key::Y)
    {
        commands.push(Command::Redo);
    } else if i.consume_key(Modifiers::COMMAND, Key::Z) {
        commands.push(Command::Undo);
    }
    if i.consume_key(Modifiers::COMMAND, Key::Enter) {
        commands.push(finish);
    }
    if i.consume_key(Modifiers::ALT, Key::ArrowDown) {
        commands.push(Command::NextDocument);
    }
    if i.consume_key(Modifiers::ALT, Key::ArrowUp) {
        commands.push(Command::PreviousDocument);
    }
}
