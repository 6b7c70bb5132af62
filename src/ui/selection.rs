//! The article's text selection. Each paragraph is its own text widget and selects within
//! itself; a selection that runs over several paragraphs is kept here as an [`Across`]:
//! dragged from one paragraph into another, Shift+clicked in another, or carried over a
//! paragraph's edge with Shift+arrow keys.

use std::sync::Arc;

use egui::text::{CCursor, CCursorRange};
use egui::text_edit::{TextEditOutput, TextEditState};
use egui::{Galley, Key, Pos2, Rect, Ui, Vec2};

use super::article::{paragraph_id, span_rects};
use super::command::Command;
use super::doc_view::DocView;

/// A selection stretched over paragraph boundaries (code points of the document, with the
/// paragraph each end lies in).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Across {
    /// Where the selection was begun; it stays put.
    pub anchor: usize,
    /// The paragraph of `anchor`.
    pub anchor_paragraph: usize,
    /// The end that moves with the pointer or the arrow keys.
    pub end: usize,
    /// The paragraph of `end`.
    pub end_paragraph: usize,
}

impl Across {
    /// The selected range, start before end.
    pub fn range(self) -> (usize, usize) {
        (self.anchor.min(self.end), self.anchor.max(self.end))
    }
}

/// A paragraph as laid out on screen this frame.
pub struct Placed {
    /// Its index among the document's paragraphs.
    pub index: usize,
    /// Its laid-out text.
    pub galley: Arc<Galley>,
    /// Where the galley's top left corner is on screen.
    pub origin: Pos2,
    /// The widget's rectangle.
    pub rect: Rect,
}

/// Which way a Shift+arrow key moves the selection's end.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Step {
    Left,
    Right,
    Up,
    Down,
}

/// Paints the part of a selection that runs over several paragraphs lying in paragraph
/// `cps`, into the shape slot `under_text` reserved beneath its text; a selection inside one
/// paragraph is painted by its widget.
pub fn paint_selection_across(
    ui: &Ui,
    under_text: egui::layers::ShapeIdx,
    selection: Option<(usize, usize)>,
    cps: &std::ops::Range<usize>,
    output: &TextEditOutput,
) {
    let Some((s, e)) =
        selection.filter(|&(s, e)| (s < cps.start || e > cps.end) && s < cps.end && cps.start < e)
    else {
        return;
    };
    let colour = ui.visuals().selection.bg_fill;
    let (from, to) = (s.max(cps.start) - cps.start, e.min(cps.end) - cps.start);
    let shapes = span_rects(&output.galley, output.galley_pos, from, to)
        .into_iter()
        .map(|rect| egui::Shape::rect_filled(rect, 0.0, colour))
        .collect();
    ui.painter().set(under_text, egui::Shape::Vec(shapes));
}

/// What a click or drag in paragraph `i` means: a selection made in it, a Shift+click that
/// stretches a selection from another paragraph over to here, or a click that selects the
/// annotation under the pointer.
pub fn read_pointer(
    ui: &Ui,
    view: &mut DocView,
    i: usize,
    selection: Option<(usize, usize)>,
    output: &TextEditOutput,
    commands: &mut Vec<Command>,
) {
    let response = &output.response.response;
    let cps = view.paragraphs[i].cps.clone();
    if response.drag_started() {
        view.across = None;
    }
    // Where a click landed, from the pointer (the widget's cursor may not be set yet in the
    // frame that gave it the focus).
    let clicked_at = response
        .clicked()
        .then(|| response.interact_pointer_pos().or(response.hover_pos()))
        .flatten()
        .map(|pos| output.galley.cursor_from_pos(pos - output.galley_pos));
    let shift = ui.input(|inp| {
        inp.modifiers.shift
            || inp.events.iter().any(
                |e| matches!(e, egui::Event::PointerButton { modifiers, .. } if modifiers.shift),
            )
    });
    let elsewhere = selection.is_some_and(|(s, e)| s < cps.start || e > cps.end);
    if let Some(at) = clicked_at.filter(|_| shift && elsewhere) {
        let end = cps.start + at.index.0;
        stretch_to(view, selection, end, i, commands);
        // This paragraph's own selection stays a cursor, so it does not take over.
        let id = paragraph_id(i);
        let mut state = TextEditState::load(ui.ctx(), id).unwrap_or_default();
        state.cursor.set_char_range(Some(CCursorRange::one(at)));
        state.store(ui.ctx(), id);
        return;
    }
    if view.across.is_some() && clicked_at.is_none() {
        return;
    }
    if let Some(range) = output.cursor_range {
        let (a, b) = (range.primary.index.0, range.secondary.index.0);
        if a != b && response.has_focus() {
            commands.push(Command::SetSelection(Some((
                cps.start + a.min(b),
                cps.start + a.max(b),
            ))));
            return;
        }
    }
    if let Some(at) = clicked_at {
        view.across = None;
        let cp = cps.start + at.index.0;
        let hit = view.annotations_at(cp).last().map(|a| a.id.clone());
        commands.push(Command::SetSelection(None));
        match (&hit, super::suggestion_marks::offer_at(view, cp)) {
            (None, Some(n)) => commands.push(Command::FocusSuggestion(n)),
            _ => commands.push(Command::Select(hit)),
        }
    }
}

/// Stretches the selection (`selection`, or the one already across) so that its moving end is
/// at `end`, in paragraph `end_paragraph`; its other end stays.
fn stretch_to(
    view: &mut DocView,
    selection: Option<(usize, usize)>,
    end: usize,
    end_paragraph: usize,
    commands: &mut Vec<Command>,
) {
    let anchor = match (view.across, selection) {
        (Some(across), _) => Some((across.anchor, across.anchor_paragraph)),
        (None, Some((s, e))) => {
            let anchor = if end < s { e } else { s };
            view.paragraph_of(anchor).map(|p| (anchor, p))
        }
        (None, None) => None,
    };
    if let Some(anchor) = anchor {
        set_across(view, anchor, (end, end_paragraph), commands);
    }
}

/// Keeps a selection from `anchor` to `end` (each a code point and its paragraph) as the one
/// across paragraphs, and tells the window.
fn set_across(
    view: &mut DocView,
    (anchor, anchor_paragraph): (usize, usize),
    (end, end_paragraph): (usize, usize),
    commands: &mut Vec<Command>,
) {
    let across = Across {
        anchor,
        anchor_paragraph,
        end,
        end_paragraph,
    };
    view.across = Some(across);
    commands.push(Command::SetSelection(Some(across.range())));
}

/// While the text of one paragraph is dragged and the pointer is over another, selects from
/// where the drag began to the pointer; near the article's top or bottom edge the text
/// scrolls along.
pub fn drag_across(ui: &Ui, view: &mut DocView, placed: &[Placed], commands: &mut Vec<Command>) {
    let ctx = ui.ctx();
    let (Some(dragged), Some(pos)) = (ctx.dragged_id(), ctx.pointer_latest_pos()) else {
        return;
    };
    let Some(from) = placed.iter().find(|p| paragraph_id(p.index) == dragged) else {
        return;
    };
    let clip = ui.clip_rect();
    if pos.y > clip.bottom() - 24.0 || pos.y < clip.top() + 24.0 {
        let speed = if pos.y > clip.center().y { -12.0 } else { 12.0 };
        ui.scroll_with_delta(Vec2::new(0.0, speed));
        ctx.request_repaint();
    }
    let over = placed
        .iter()
        .rfind(|p| p.rect.top() <= pos.y)
        .or(placed.first());
    let Some(over) = over.filter(|p| p.index != from.index) else {
        if view
            .across
            .is_some_and(|a| a.anchor_paragraph == from.index)
        {
            // Back in the paragraph it began in: its own widget selects again.
            view.across = None;
        }
        return;
    };
    let Some(range) = TextEditState::load(ctx, dragged).and_then(|s| s.cursor.char_range()) else {
        return;
    };
    let start = |p: usize| view.paragraphs[p].cps.start;
    let anchor = start(from.index) + range.secondary.index.0;
    let end = start(over.index) + over.galley.cursor_from_pos(pos - over.origin).index.0;
    set_across(view, (anchor, from.index), (end, over.index), commands);
}

/// Shift+arrow keys at a paragraph's edge carry the selection into the next (or previous)
/// paragraph; once across, they move its end character by character (a word with Ctrl) and
/// line by line, until it comes back into the paragraph it began in. Read before the
/// paragraphs are drawn, so their widgets do not see these keys.
pub fn read_keys(
    ctx: &egui::Context,
    view: &mut DocView,
    placed: &[Placed],
    commands: &mut Vec<Command>,
) {
    let focused = ctx.memory(|m| m.focused());
    let pressed = ctx.input(|i| {
        i.events.iter().find_map(|e| match e {
            egui::Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } if modifiers.shift => step_of(*key).map(|s| (s, *key, *modifiers)),
            _ => None,
        })
    });
    let Some((step, key, modifiers)) = pressed else {
        return;
    };
    let Some(i) = (0..view.paragraphs.len()).find(|&i| Some(paragraph_id(i)) == focused) else {
        return;
    };
    let (anchor, anchor_paragraph, end, end_paragraph) = match view.across {
        Some(a) => (a.anchor, a.anchor_paragraph, a.end, a.end_paragraph),
        None => {
            let Some(range) =
                TextEditState::load(ctx, paragraph_id(i)).and_then(|s| s.cursor.char_range())
            else {
                return;
            };
            let cps = &view.paragraphs[i].cps;
            // A cursor left from another document is clamped to this paragraph.
            let len = cps.end - cps.start;
            let (primary, secondary) = (
                range.primary.index.0.min(len),
                range.secondary.index.0.min(len),
            );
            let at_edge = match step {
                Step::Right | Step::Down => primary == len,
                Step::Left | Step::Up => primary == 0,
            };
            if !at_edge {
                return;
            }
            let (anchor, end) = (cps.start + secondary, cps.start + primary);
            (anchor, i, end, i)
        }
    };
    let word = modifiers.ctrl || modifiers.command;
    let Some((end, end_paragraph)) = step_end(view, placed, (end, end_paragraph), step, word)
    else {
        return;
    };
    ctx.input_mut(|inp| inp.consume_key(modifiers, key));
    if end_paragraph == anchor_paragraph {
        hand_back(ctx, view, anchor, end, anchor_paragraph, commands);
        return;
    }
    set_across(
        view,
        (anchor, anchor_paragraph),
        (end, end_paragraph),
        commands,
    );
}

/// The step an arrow key takes.
fn step_of(key: Key) -> Option<Step> {
    match key {
        Key::ArrowLeft => Some(Step::Left),
        Key::ArrowRight => Some(Step::Right),
        Key::ArrowUp => Some(Step::Up),
        Key::ArrowDown => Some(Step::Down),
        _ => None,
    }
}

/// Gives a selection that ends in the paragraph it began in back to that paragraph's widget.
fn hand_back(
    ctx: &egui::Context,
    view: &mut DocView,
    anchor: usize,
    end: usize,
    paragraph: usize,
    commands: &mut Vec<Command>,
) {
    view.across = None;
    let start = view.paragraphs[paragraph].cps.start;
    let id = paragraph_id(paragraph);
    let mut state = TextEditState::load(ctx, id).unwrap_or_default();
    state.cursor.set_char_range(Some(CCursorRange::two(
        CCursor::new(anchor - start),
        CCursor::new(end - start),
    )));
    state.store(ctx, id);
    let range = (anchor.min(end), anchor.max(end));
    commands.push(Command::SetSelection((range.0 < range.1).then_some(range)));
}

/// Where the selection's end goes with `step`: within its paragraph, or over the edge into
/// the next or previous one. `None` at the document's first or last character.
fn step_end(
    view: &DocView,
    placed: &[Placed],
    (end, p): (usize, usize),
    step: Step,
    word: bool,
) -> Option<(usize, usize)> {
    let cps = view.paragraphs[p].cps.clone();
    let text: Vec<char> = view.paragraph_text(p).chars().collect();
    let local = end.saturating_sub(cps.start).min(text.len());
    let galley = placed.iter().find(|q| q.index == p).map(|q| &q.galley);
    let next = |q: usize, first_row: bool, x: Option<f32>| -> Option<(usize, usize)> {
        let cps = view.paragraphs.get(q)?.cps.clone();
        let at = match (x, placed.iter().find(|r| r.index == q)) {
            (Some(x), Some(r)) => {
                let row = if first_row {
                    r.galley.rows.first()
                } else {
                    r.galley.rows.last()
                }?;
                let y = row.pos.y + row.row.size.y / 2.0;
                cps.start + r.galley.cursor_from_pos(Vec2::new(x, y)).index.0
            }
            _ if first_row => cps.start,
            _ => cps.end,
        };
        Some((at, q))
    };
    match step {
        Step::Right if local < text.len() => {
            let to = if word {
                word_end(&text, local)
            } else {
                local + 1
            };
            Some((cps.start + to, p))
        }
        Step::Right => next(p + 1, true, None),
        Step::Left if local > 0 => {
            let to = if word {
                word_start(&text, local)
            } else {
                local - 1
            };
            Some((cps.start + to, p))
        }
        Step::Left => next(p.checked_sub(1)?, false, None),
        Step::Down | Step::Up => {
            let Some(galley) = galley else {
                return match step {
                    Step::Down => next(p + 1, true, None),
                    _ => next(p.checked_sub(1)?, false, None),
                };
            };
            let cursor = CCursor::new(local);
            let here = galley.pos_from_cursor(cursor).center();
            let (first, last) = (galley.rows.first()?, galley.rows.last()?);
            if step == Step::Down && here.y >= last.pos.y {
                next(p + 1, true, Some(here.x))
            } else if step == Step::Up && here.y <= first.pos.y + first.row.size.y {
                next(p.checked_sub(1)?, false, Some(here.x))
            } else if step == Step::Down {
                Some((
                    cps.start + galley.cursor_down_one_row(&cursor, None).0.index.0,
                    p,
                ))
            } else {
                Some((
                    cps.start + galley.cursor_up_one_row(&cursor, None).0.index.0,
                    p,
                ))
            }
        }
    }
}

/// The end of the word at or after `at` (spaces before it skipped).
fn word_end(text: &[char], at: usize) -> usize {
    let mut i = at;
    while i < text.len() && text[i].is_whitespace() {
        i += 1;
    }
    while i < text.len() && !text[i].is_whitespace() {
        i += 1;
    }
    i
}

/// The start of the word before `at` (spaces after it skipped).
fn word_start(text: &[char], at: usize) -> usize {
    let mut i = at;
    while i > 0 && text[i - 1].is_whitespace() {
        i -= 1;
    }
    while i > 0 && !text[i - 1].is_whitespace() {
        i -= 1;
    }
    i
}

/// Collapses the text selection of every paragraph widget to its cursor, once the selection
/// has been used (tagged), so it is not taken up again.
fn collapse_selections(ctx: &egui::Context, paragraphs: usize) {
    for i in 0..paragraphs {
        let id = paragraph_id(i);
        if let Some(mut state) = TextEditState::load(ctx, id)
            && let Some(range) = state.cursor.char_range()
            && range.primary != range.secondary
        {
            state
                .cursor
                .set_char_range(Some(CCursorRange::one(range.primary)));
            state.store(ctx, id);
        }
    }
}

/// Drops the text's selection when it was used or cleared, and selects a search hit when
/// one was opened.
pub fn take_selection_requests(
    ctx: &egui::Context,
    view: &mut DocView,
    selection: Option<(usize, usize)>,
    clear_selection: &mut bool,
) {
    if std::mem::take(clear_selection) {
        collapse_selections(ctx, view.paragraphs.len());
        view.across = None;
    }
    if selection.is_none() {
        view.across = None;
    }
    if let Some((start, end)) = view.pending_selection.take() {
        select_in_text(ctx, view, start, end);
    }
}

/// Selects `start..end` (code points) in the paragraph that holds `start`, as a drag would,
/// and gives that paragraph the keyboard, so a label key tags the selection.
fn select_in_text(ctx: &egui::Context, view: &mut DocView, start: usize, end: usize) {
    collapse_selections(ctx, view.paragraphs.len());
    view.across = None;
    let Some(i) = view.paragraph_of(start) else {
        return;
    };
    let cps = &view.paragraphs[i].cps;
    let (a, b) = (start - cps.start, end.min(cps.end) - cps.start);
    let id = paragraph_id(i);
    let mut state = TextEditState::load(ctx, id).unwrap_or_default();
    state
        .cursor
        .set_char_range(Some(CCursorRange::two(CCursor::new(a), CCursor::new(b))));
    state.store(ctx, id);
    ctx.memory_mut(|m| m.request_focus(id));
}
