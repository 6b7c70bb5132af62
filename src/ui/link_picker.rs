//! The link picker: from a quote, claim or rebuttal, choose its speaker (or a rebuttal's claim)
//! from a short list, nearest first, typed to filter.

use egui::{Key, Modifiers, RichText};

use super::article::short;
use super::command::Command;
use super::doc_view::DocView;
use super::theme;
use crate::model::{Annotation, Schema};

/// Id of the picker's filter field.
pub fn filter_id() -> egui::Id {
    egui::Id::unique("spanbench-link-filter")
}

/// State of an open picker.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkPicker {
    /// The annotation links start from.
    pub from: String,
    /// Its label.
    pub from_label: String,
    /// Text typed to filter the candidates.
    pub filter: String,
    /// The highlighted candidate.
    pub highlighted: usize,
    opened: bool,
}

/// One possible link.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// Relation type.
    pub kind: String,
    /// Target annotation id.
    pub to: String,
    /// What the list shows.
    pub text: String,
    /// The target's label.
    pub label: String,
}

impl LinkPicker {
    /// A picker for `ann`, or `None` when the schema allows no link from its label.
    pub fn for_annotation(ann: &Annotation, schema: &Schema) -> Option<LinkPicker> {
        schema
            .relations
            .iter()
            .any(|r| r.from.contains(&ann.label))
            .then(|| LinkPicker {
                from: ann.id.clone(),
                from_label: ann.label.clone(),
                filter: String::new(),
                highlighted: 0,
                opened: false,
            })
    }

    /// The annotations this one may link to, nearest first, filtered by the typed text.
    pub fn candidates(&self, view: &DocView, schema: &Schema) -> Vec<Candidate> {
        let Some(from) = view.annotation(&self.from) else {
            return Vec::new();
        };
        let at = from.fragments.first().map_or(0, |f| f.start);
        let needle = self.filter.to_lowercase();
        let mut out: Vec<(usize, Candidate)> = Vec::new();
        for rel in schema
            .relations
            .iter()
            .filter(|r| r.from.contains(&self.from_label))
        {
            for a in view
                .annotations
                .iter()
                .filter(|a| a.id != self.from && rel.to.contains(&a.label))
            {
                let already = view
                    .relations
                    .iter()
                    .any(|r| r.kind == rel.name && r.from == self.from && r.to == a.id);
                if already || !(needle.is_empty() || a.text.to_lowercase().contains(&needle)) {
                    continue;
                }
                let start = a.fragments.first().map_or(0, |f| f.start);
                let paragraph = view.paragraph_of(start).map_or(0, |p| p + 1);
                out.push((
                    start.abs_diff(at),
                    Candidate {
                        kind: rel.name.clone(),
                        to: a.id.clone(),
                        text: format!("{} “{}” (¶{paragraph})", rel.name, short(&a.text, 40)),
                        label: a.label.clone(),
                    },
                ));
            }
        }
        out.sort_by_key(|(d, _)| *d);
        let mut out: Vec<Candidate> = out.into_iter().map(|(_, c)| c).collect();
        // Two candidates that read the same are told apart by the words before them.
        let texts: Vec<String> = out.iter().map(|c| c.text.clone()).collect();
        for c in &mut out {
            if texts.iter().filter(|t| **t == c.text).count() > 1
                && let Some(words) = view.annotation(&c.to).and_then(|a| words_before(view, a))
            {
                c.text.push_str(&format!(" after “…{words}”"));
            }
        }
        out
    }
}

/// Up to four words of the paragraph before `a`, to tell it from another with the same text.
fn words_before(view: &DocView, a: &Annotation) -> Option<String> {
    let start = a.fragments.first()?.start;
    let p = view.paragraph_of(start)?;
    let para = view.paragraphs.get(p)?;
    let before: String = view
        .paragraph_text(p)
        .chars()
        .take(start.saturating_sub(para.cps.start))
        .collect();
    let words: Vec<&str> = before.split_whitespace().collect();
    let tail = words[words.len().saturating_sub(4)..].join(" ");
    (!tail.is_empty()).then_some(tail)
}

/// Every (relation type, label) a new annotation made from the selection could be linked
/// as, from a `from_label`.
fn new_targets(schema: &Schema, from_label: &str) -> Vec<(String, String)> {
    schema
        .relations
        .iter()
        .filter(|r| r.from.iter().any(|l| l == from_label))
        .flat_map(|r| r.to.iter().map(|l| (r.name.clone(), l.clone())))
        .collect()
}

/// Draws the picker window.
pub fn show_link_picker(
    ctx: &egui::Context,
    picker: &mut LinkPicker,
    view: &DocView,
    schema: &Schema,
    selection: Option<&str>,
    commands: &mut Vec<Command>,
) {
    let candidates = picker.candidates(view, schema);
    picker.highlighted = picker.highlighted.min(candidates.len().saturating_sub(1));
    ctx.input_mut(|i| {
        if i.consume_key(Modifiers::NONE, Key::ArrowDown) {
            picker.highlighted = (picker.highlighted + 1).min(candidates.len().saturating_sub(1));
        }
        if i.consume_key(Modifiers::NONE, Key::ArrowUp) {
            picker.highlighted = picker.highlighted.saturating_sub(1);
        }
        if i.consume_key(Modifiers::NONE, Key::Enter) {
            if let Some(c) = candidates.get(picker.highlighted) {
                commands.push(Command::Link {
                    kind: c.kind.clone(),
                    to: c.to.clone(),
                });
            } else if selection.is_some()
                && let Some((kind, label)) = new_targets(schema, &picker.from_label).first()
            {
                // Nothing to choose from but "new … from the selection": Enter takes it.
                commands.push(Command::LinkToNew {
                    kind: kind.clone(),
                    label: label.clone(),
                });
            }
        }
    });
    let mut open = true;
    egui::Window::new(format!("Link this {} to…", picker.from_label))
        .id(egui::Id::unique("link-picker"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
        .show(ctx, |ui| {
            let response = ui.add(
                egui::TextEdit::singleline(&mut picker.filter)
                    .id(filter_id())
                    .hint_text("Type to filter…"),
            );
            if !picker.opened {
                response.request_focus();
                picker.opened = true;
            }
            ui.add_space(4.0);
            if let Some(text) = selection {
                for (kind, label) in new_targets(schema, &picker.from_label) {
                    let caption = format!("New {label} from the selection “{}”", short(text, 30));
                    if ui.button(caption).clicked() {
                        commands.push(Command::LinkToNew { kind, label });
                    }
                }
            }
            if candidates.is_empty() && selection.is_none() {
                ui.weak("Nothing to link to yet. Select the speaker's name in the text and press L again, or tag it first.");
            }
            for (n, c) in candidates.iter().enumerate() {
                let visuals = &ui.ctx().global_style().visuals;
                let text = RichText::new(&c.text).color(theme::label_text(schema, &c.label, visuals));
                if ui.selectable_label(n == picker.highlighted, text).clicked() {
                    commands.push(Command::Link {
                        kind: c.kind.clone(),
                        to: c.to.clone(),
                    });
                }
            }
            ui.add_space(4.0);
            ui.weak("↑ ↓ choose · Enter link · Esc cancel");
        });
    if !open {
        commands.push(Command::CancelLink);
    }
}
