//! Every key of the window in one table: which chord, in which mode, makes which command, and
//! how the sheet of keys and the tooltips say it. Key handling, the `?` sheet and the hover
//! texts are all made from [`BINDINGS`] and the schema's label keys, so they cannot disagree.

use egui::{Key, Modifiers};

use super::command::{Command, Scroll};
use crate::model::Schema;

/// Where a key acts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Annotating the article.
    Annotating,
    /// Reviewing and adjudicating.
    Reviewing,
    /// Both.
    Both,
}

impl Mode {
    fn covers(self, mode: Mode) -> bool {
        self == Mode::Both || self == mode
    }
}

/// One key binding.
pub struct Binding {
    /// Where it acts.
    pub mode: Mode,
    /// The chords, any of which makes the command; the index of the one pressed goes to
    /// `command` (1–9 pick the n-th version).
    pub chords: &'static [(Modifiers, Key)],
    /// The command a chord makes.
    pub command: fn(usize) -> Command,
    /// What it does, for the sheet and tooltips.
    pub text: &'static str,
}

const NONE: Modifiers = Modifiers::NONE;
const SHIFT: Modifiers = Modifiers::SHIFT;
const ALT: Modifiers = Modifiers::ALT;
const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    alt: false,
    ctrl: false,
    shift: true,
    mac_cmd: false,
    command: true,
};

/// Every fixed key. Label keys come from the schema (see [`label_chords`]). A chord with more
/// modifiers comes before the same key with fewer (egui matches Ctrl+Z on Ctrl+Shift+Z too).
pub const BINDINGS: &[Binding] = &[
    Binding {
        mode: Mode::Both,
        chords: &[(CTRL, Key::F)],
        command: |_| Command::ToggleSearch,
        text: "search the project (words, names, annotations)",
    },
    Binding {
        mode: Mode::Both,
        chords: &[(SHIFT, Key::F3)],
        command: |_| Command::PreviousSearchHit,
        text: "previous search hit",
    },
    Binding {
        mode: Mode::Both,
        chords: &[(NONE, Key::F3)],
        command: |_| Command::NextSearchHit,
        text: "next search hit (opens its document with the hit selected)",
    },
    Binding {
        mode: Mode::Both,
        chords: &[(CTRL_SHIFT, Key::Z), (CTRL, Key::Y)],
        command: |_| Command::Redo,
        text: "redo",
    },
    Binding {
        mode: Mode::Both,
        chords: &[(CTRL, Key::Z)],
        command: |_| Command::Undo,
        text: "undo",
    },
    Binding {
        mode: Mode::Both,
        chords: &[(ALT, Key::ArrowDown)],
        command: |_| Command::NextDocument,
        text: "next document",
    },
    Binding {
        mode: Mode::Both,
        chords: &[(ALT, Key::ArrowUp)],
        command: |_| Command::PreviousDocument,
        text: "previous document",
    },
    Binding {
        mode: Mode::Both,
        chords: &[(SHIFT, Key::Questionmark), (NONE, Key::Questionmark)],
        command: |_| Command::ToggleKeys,
        text: "this sheet of keys",
    },
    Binding {
        mode: Mode::Annotating,
        chords: &[(CTRL, Key::Enter)],
        command: |_| Command::MarkDoneAndNext,
        text: "mark done, open the next unfinished document",
    },
    Binding {
        mode: Mode::Annotating,
        chords: &[(NONE, Key::J)],
        command: |_| Command::NextSuggestion,
        text: "next suggestion (dashed outline): quote, speaker and link proposed",
    },
    Binding {
        mode: Mode::Annotating,
        chords: &[(NONE, Key::K)],
        command: |_| Command::PreviousSuggestion,
        text: "previous suggestion",
    },
    Binding {
        mode: Mode::Annotating,
        chords: &[(SHIFT, Key::A)],
        command: |_| Command::AcceptAllSuggestions,
        text: "accept every suggestion in this document (one undo step)",
    },
    Binding {
        mode: Mode::Annotating,
        chords: &[(NONE, Key::A), (NONE, Key::Enter)],
        command: |_| Command::AcceptSuggestion,
        text: "accept the focused suggestion, its speaker and link (words selected over it set its span)",
    },
    Binding {
        mode: Mode::Annotating,
        chords: &[(NONE, Key::X)],
        command: |_| Command::RejectSuggestion,
        text: "reject the focused suggestion (it is not offered here again)",
    },
    Binding {
        mode: Mode::Annotating,
        chords: &[(SHIFT, Key::F)],
        command: |_| Command::Reshape,
        text: "move the selected annotation to the selection (adjust its boundaries)",
    },
    Binding {
        mode: Mode::Annotating,
        chords: &[(NONE, Key::F)],
        command: |_| Command::AddFragment,
        text: "add the selection as a further fragment of the selected annotation",
    },
    Binding {
        mode: Mode::Annotating,
        chords: &[(NONE, Key::PageDown)],
        command: |_| Command::ScrollArticle(Scroll::PageDown),
        text: "scroll the article one screen down",
    },
    Binding {
        mode: Mode::Annotating,
        chords: &[(NONE, Key::PageUp)],
        command: |_| Command::ScrollArticle(Scroll::PageUp),
        text: "scroll the article one screen up",
    },
    Binding {
        mode: Mode::Annotating,
        chords: &[(CTRL, Key::Home), (NONE, Key::Home)],
        command: |_| Command::ScrollArticle(Scroll::Start),
        text: "go to the beginning of the article",
    },
    Binding {
        mode: Mode::Annotating,
        chords: &[(CTRL, Key::End), (NONE, Key::End)],
        command: |_| Command::ScrollArticle(Scroll::End),
        text: "go to the end of the article",
    },
    Binding {
        mode: Mode::Both,
        chords: &[(NONE, Key::F7)],
        command: |_| Command::ToggleDocumentsPanel,
        text: "show or hide the documents panel",
    },
    Binding {
        mode: Mode::Both,
        chords: &[(NONE, Key::F8)],
        command: |_| Command::ToggleAnnotationsPanel,
        text: "show or hide the annotations panel",
    },
    Binding {
        mode: Mode::Annotating,
        chords: &[(SHIFT, Key::L)],
        command: |_| Command::ToggleAllLinks,
        text: "show every link of the document, or only the selected annotation's",
    },
    Binding {
        mode: Mode::Annotating,
        chords: &[(NONE, Key::L)],
        command: |_| Command::StartLink,
        text: "link the selected quote, claim or rebuttal (then 1–9 or click)",
    },
    Binding {
        mode: Mode::Annotating,
        chords: &[(SHIFT, Key::Tab)],
        command: |_| Command::SelectPrevious,
        text: "previous annotation",
    },
    Binding {
        mode: Mode::Annotating,
        chords: &[(NONE, Key::Tab)],
        command: |_| Command::SelectNext,
        text: "next annotation",
    },
    Binding {
        mode: Mode::Annotating,
        chords: &[(NONE, Key::Delete), (NONE, Key::Backspace)],
        command: |_| Command::Delete,
        text: "delete the selected annotation",
    },
    Binding {
        mode: Mode::Annotating,
        chords: &[(NONE, Key::Escape)],
        command: |_| Command::ClearSelection,
        text: "clear the selection",
    },
    Binding {
        mode: Mode::Reviewing,
        chords: &[(CTRL, Key::Enter)],
        command: |_| Command::MarkAdjudicated,
        text: "mark adjudicated, open the next document",
    },
    Binding {
        mode: Mode::Reviewing,
        chords: &[(NONE, Key::N)],
        command: |_| Command::NextDisagreement,
        text: "next disagreement",
    },
    Binding {
        mode: Mode::Reviewing,
        chords: &[(NONE, Key::P)],
        command: |_| Command::PreviousDisagreement,
        text: "previous disagreement",
    },
    Binding {
        mode: Mode::Reviewing,
        chords: &[(NONE, Key::X)],
        command: |_| Command::RejectAll,
        text: "reject all versions (take it out of gold)",
    },
    Binding {
        mode: Mode::Reviewing,
        chords: &[
            (NONE, Key::Num1),
            (NONE, Key::Num2),
            (NONE, Key::Num3),
            (NONE, Key::Num4),
            (NONE, Key::Num5),
            (NONE, Key::Num6),
            (NONE, Key::Num7),
            (NONE, Key::Num8),
            (NONE, Key::Num9),
        ],
        command: Command::AcceptVersionNumber,
        text: "put the 1st…9th annotator's version into gold",
    },
    Binding {
        mode: Mode::Reviewing,
        chords: &[(NONE, Key::Escape)],
        command: |_| Command::ToggleReview,
        text: "back to annotating",
    },
];

/// Keys the text view itself reads (the caret and selection); listed in the sheet, bound to
/// no command.
pub const TEXT_KEYS: &[(&str, &str)] = &[
    (
        "Shift+←/→/↑/↓",
        "extend the selection, over paragraph ends too (click into the text first)",
    ),
    ("Ctrl+Shift+←/→", "extend the selection by a word"),
    (
        "drag",
        "select; drag on into the next paragraphs for a longer quote",
    ),
    (
        "Shift+click",
        "stretch the selection to here, also into another paragraph",
    ),
];

/// A chord as people write it: `Ctrl+Shift+Z`, `Alt+↓`, `?`.
pub fn chord_name(modifiers: Modifiers, key: Key) -> String {
    let mut name = String::new();
    if modifiers.command || modifiers.ctrl {
        name.push_str("Ctrl+");
    }
    if modifiers.alt {
        name.push_str("Alt+");
    }
    if modifiers.shift && key != Key::Questionmark {
        name.push_str("Shift+");
    }
    name.push_str(match key {
        Key::ArrowDown => "↓",
        Key::ArrowUp => "↑",
        Key::Questionmark => "?",
        Key::Escape => "Esc",
        other => other.symbol_or_name(),
    });
    name
}

/// The keys of a binding as the sheet shows them (`Ctrl+Shift+Z / Ctrl+Y`, `1–9`).
pub fn keys_text(binding: &Binding) -> String {
    if binding.chords.len() == 9 {
        return "1–9".into();
    }
    let mut names: Vec<String> = binding
        .chords
        .iter()
        .map(|(m, k)| chord_name(*m, *k))
        .collect();
    names.dedup();
    names.join(" / ")
}

/// The keys that make `command` in `mode`, for a tooltip ("Ctrl+Z").
pub fn hint(command: &Command, mode: Mode) -> Option<String> {
    BINDINGS
        .iter()
        .find(|b| b.mode.covers(mode) && (b.command)(0) == *command)
        .map(keys_text)
}

/// The key of a label's hotkey name (`"1"`, `"Q"`), if egui knows it.
fn label_key(name: &str) -> Option<Key> {
    Key::from_name(&name.to_ascii_uppercase())
}

/// The chords of the schema's labels: each hotkey tags (and Alt + it tags exactly).
pub fn label_chords(schema: &Schema) -> Vec<(Key, String)> {
    schema
        .labels
        .iter()
        .flat_map(|l| {
            l.hotkeys
                .iter()
                .filter_map(|k| label_key(k))
                .map(|k| (k, l.name.clone()))
        })
        .collect()
}

/// The commands the keys pressed this frame make in `mode`; the keys are consumed.
pub fn read(
    input: &mut egui::InputState,
    mode: Mode,
    schema: &Schema,
    commands: &mut Vec<Command>,
) {
    for binding in BINDINGS.iter().filter(|b| b.mode.covers(mode)) {
        for (n, (m, k)) in binding.chords.iter().enumerate() {
            if input.consume_key(*m, *k) {
                commands.push((binding.command)(n));
                break;
            }
        }
    }
    if mode == Mode::Annotating {
        // Every frame: no allocation unless a label key was pressed.
        for l in &schema.labels {
            for key in l.hotkeys.iter().filter_map(|k| label_key(k)) {
                if input.consume_key(ALT, key) {
                    commands.push(Command::TagExact(l.name.clone()));
                } else if input.consume_key(NONE, key) {
                    commands.push(Command::Tag(l.name.clone()));
                }
            }
        }
    }
}

/// Every row of the sheet of keys, for `schema`: (keys, what they do).
pub fn sheet(schema: &Schema) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    for l in &schema.labels {
        let keys: Vec<String> = l.hotkeys.iter().map(|k| k.to_ascii_uppercase()).collect();
        if keys.is_empty() {
            continue;
        }
        rows.push((
            keys.join(" / "),
            format!(
                "tag the selection as {}, or relabel the selected annotation",
                l.name
            ),
        ));
        let alt: Vec<String> = keys.iter().map(|k| format!("Alt+{k}")).collect();
        rows.push((
            alt.join(" / "),
            format!(
                "tag exactly the selected characters as {} (no snapping)",
                l.name
            ),
        ));
    }
    for (keys, text) in TEXT_KEYS {
        rows.push((keys.to_string(), text.to_string()));
    }
    for b in BINDINGS {
        let text = match b.mode {
            Mode::Reviewing => format!("review: {}", b.text),
            _ => b.text.to_string(),
        };
        rows.push((keys_text(b), text));
    }
    rows
}

/// Label keys that collide with a fixed key of the annotating mode (or with each other), in
/// words; empty when the schema's keys are fine.
pub fn conflicts(schema: &Schema) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen: Vec<(Key, String)> = Vec::new();
    for (key, label) in label_chords(schema) {
        for b in BINDINGS.iter().filter(|b| b.mode.covers(Mode::Annotating)) {
            if b.chords
                .iter()
                .any(|(m, k)| *k == key && (*m == NONE || *m == ALT))
            {
                problems.push(format!(
                    "the key {} of label '{label}' is already the key to {}",
                    chord_name(NONE, key),
                    b.text
                ));
            }
        }
        if let Some((_, other)) = seen.iter().find(|(k, l)| *k == key && *l != label) {
            problems.push(format!(
                "the key {} is given to both '{other}' and '{label}'",
                chord_name(NONE, key)
            ));
        }
        seen.push((key, label));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bound_key_is_in_the_sheet() {
        let schema = Schema::default_news();
        let sheet = sheet(&schema);
        for b in BINDINGS {
            for (m, k) in b.chords {
                let name = chord_name(*m, *k);
                let shown = sheet.iter().any(|(keys, _)| {
                    keys.split(" / ").any(|part| part == name)
                        || (keys == "1–9" && b.chords.len() == 9)
                });
                assert!(shown, "{name} ({}) is missing from the sheet", b.text);
            }
        }
        for (key, label) in label_chords(&schema) {
            let name = chord_name(NONE, key);
            assert!(
                sheet
                    .iter()
                    .any(|(keys, text)| keys.split(" / ").any(|p| p == name)
                        && text.contains(&label)),
                "label key {name} of {label} is missing"
            );
        }
        assert!(sheet.iter().any(|(k, _)| k == "Ctrl+Shift+Z / Ctrl+Y"));
        assert!(sheet.iter().any(|(k, _)| k.contains("Backspace")));
        assert!(sheet.iter().any(|(k, _)| k.contains("Alt+Q")));
    }

    #[test]
    fn the_default_schema_has_no_conflicts_and_a_clash_is_named() {
        assert!(conflicts(&Schema::default_news()).is_empty());
        let mut schema = Schema::default_news();
        schema.labels[0].hotkeys.push("L".into());
        schema.labels[1].hotkeys.push("Q".into());
        let problems = conflicts(&schema);
        assert!(
            problems
                .iter()
                .any(|p| p.contains("key L of label 'quote'") && p.contains("link")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("'quote' and 'claim'")),
            "{problems:?}"
        );
    }

    #[test]
    fn tooltips_come_from_the_table() {
        assert_eq!(
            hint(&Command::Undo, Mode::Annotating).as_deref(),
            Some("Ctrl+Z")
        );
        assert_eq!(
            hint(&Command::MarkAdjudicated, Mode::Reviewing).as_deref(),
            Some("Ctrl+Enter")
        );
    }
}
