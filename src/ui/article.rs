//! The article in the centre: paragraphs as read-only, selectable text with highlighted spans.

use std::collections::HashMap;
use std::sync::Arc;

use egui::{Galley, Id, Pos2, Rect, ScrollArea, Stroke, TextBuffer, TextEdit, Ui};

use super::command::{Command, Scroll};
use super::doc_view::DocView;
use super::selection::{self, Placed};
use super::suggestion_marks;
use super::theme;
use crate::model::Schema;

/// Id of paragraph `i`'s text widget.
const READING_FOCUS: &str = "spanbench-reading-focus";

/// The article paragraph that had the keyboard focus last, if any: a text view one reads and
/// selects in, not a field one types into.
pub fn reading_focus(ctx: &egui::Context) -> Option<Id> {
    ctx.data(|d| d.get_temp(Id::unique(READING_FOCUS)))
}

/// The id of paragraph `i`'s text view.
pub fn paragraph_id(i: usize) -> Id {
    Id::unique(("spanbench-paragraph", i))
}

/// How the article is set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Look {
    /// Text size in points.
    pub font_size: f32,
    /// Draw every link of the document, not only the selected annotation's.
    pub all_links: bool,
    /// The text selection (code points): painted here where it runs over several
    /// paragraphs (within one, the paragraph's own widget shows it).
    pub selection: Option<(usize, usize)>,
}

/// Height reserved above the first paragraph for the title.
const HEADER: f32 = 80.0;
/// Paragraphs laid out beyond the visible area, above and below, in points.
const OVERSCAN: f32 = 400.0;

/// Draws the article and pushes what the user did to `commands`. Only the paragraphs in view
/// (and a margin around it) are laid out; the others take their measured or estimated height.
/// `scroll_to` brings a paragraph into view once.
#[allow(clippy::too_many_arguments)]
pub fn show_article(
    ui: &mut Ui,
    view: &mut DocView,
    schema: &Schema,
    look: Look,
    selected: Option<&str>,
    (scroll_to, scroll_by): (&mut Option<usize>, &mut Option<Scroll>),
    clear_selection: &mut bool,
    commands: &mut Vec<Command>,
) {
    selection::take_selection_requests(ui.ctx(), view, look.selection, clear_selection);
    let mut placed = std::mem::take(&mut view.placed);
    selection::read_keys(ui.ctx(), view, &placed, commands);
    placed.clear();
    // The context's style, not this Ui's copy: right after a theme switch they differ.
    let text_colour = ui.ctx().global_style().visuals.text_color();
    let mut rects: HashMap<String, Vec<Rect>> = HashMap::new();
    let width = ui.available_width().min(theme::MEASURE);
    let margin = ((ui.available_width() - width) / 2.0).max(0.0);
    let anchor = keep_top_in_place(ui, view, width, look.font_size);
    let mut area = ScrollArea::vertical()
        .auto_shrink([false, false])
        .id_salt("article");
    let scroll_by = scroll_by.take().or(anchor);
    if let Some(offset) = scroll_offset(view, scroll_to.take(), scroll_by) {
        area = area.vertical_scroll_offset(offset);
    }
    area.show_viewport(ui, |ui, viewport| {
        view.viewport = Some((viewport.top(), viewport.bottom()));
        let top = ui.cursor().top();
        ui.add_space(12.0);
        show_title(ui, view, margin, look.font_size);
        let used = ui.cursor().top() - top;
        ui.add_space((HEADER - used).max(0.0));
        for i in 0..view.paragraphs.len() {
            let y = ui.cursor().top() - top;
            let height = view.paragraphs[i].height;
            let visible =
                y + height >= viewport.top() - OVERSCAN && y <= viewport.bottom() + OVERSCAN;
            if !visible {
                ui.add_space(height + theme::PARAGRAPH_GAP);
                continue;
            }
            placed.push(show_paragraph(
                ui,
                view,
                i,
                schema,
                look,
                selected,
                width,
                margin,
                text_colour,
                &mut rects,
                commands,
            ));
            ui.add_space(theme::PARAGRAPH_GAP);
        }
        selection::drag_across(ui, view, &placed, commands);
        ui.add_space(40.0);
        connect(ui, view, schema, selected, look.all_links, &rects);
    });
    view.placed = placed;
}

/// The title as a heading, unless the text begins with it: a title made from the first line
/// (a dateline, a caption) is not said twice; the text shows as imported.
fn show_title(ui: &mut Ui, view: &DocView, margin: f32, font_size: f32) {
    let first_line = view
        .paragraphs
        .first()
        .map(|_| view.paragraph_text(0).trim());
    if first_line != Some(view.doc.title.trim()) {
        ui.horizontal(|ui| {
            ui.add_space(margin);
            ui.add(
                egui::Label::new(
                    egui::RichText::new(&view.doc.title)
                        .size(font_size + 5.0)
                        .strong(),
                )
                .wrap(),
            );
        });
    }
}

/// Lays the paragraphs out for `width` and `font_size`. A new width or text size re-flows
/// every paragraph: the one at the top is kept in place, set again for a few frames while the
/// paragraphs around it are measured anew. Answers the scroll that keeps it there.
fn keep_top_in_place(ui: &Ui, view: &mut DocView, width: f32, font_size: f32) -> Option<Scroll> {
    if view.layout_changes(width, font_size)
        && let Some(top) = top_paragraph(view)
    {
        view.keep_top = Some((top, 3));
    }
    view.prepare_heights(width, font_size);
    match view.keep_top.take() {
        Some((top, frames)) if frames > 0 => {
            view.keep_top = Some((top, frames - 1));
            ui.ctx().request_repaint();
            Some(Scroll::Paragraph(top))
        }
        _ => None,
    }
}

/// Where the article must scroll to: to bring paragraph `to` into view (only when it is out
/// of view, so a click on what is on screen never moves the text), or by a key.
fn scroll_offset(view: &DocView, to: Option<usize>, by: Option<Scroll>) -> Option<f32> {
    let height_until = |i: usize| offset_of(view, i);
    if let Some(Scroll::Paragraph(i)) = by {
        return Some(height_until(i));
    }
    if let Some(i) = to {
        let y = height_until(i);
        let bottom = y + view.paragraphs.get(i).map_or(0.0, |p| p.height);
        let in_view = view
            .viewport
            .is_some_and(|(top, end)| y >= top && bottom <= end);
        return (!in_view).then_some((y - 120.0).max(0.0));
    }
    let (top, bottom) = view.viewport?;
    let page = (bottom - top - 60.0).max(40.0);
    Some(match by? {
        Scroll::PageDown => top + page,
        Scroll::PageUp => (top - page).max(0.0),
        Scroll::Start => 0.0,
        Scroll::End => (height_until(view.paragraphs.len()) + 40.0 - (bottom - top)).max(0.0),
        Scroll::Paragraph(i) => height_until(i),
    })
}

/// Where paragraph `i` begins in the article's scroll area (its heights as now known).
fn offset_of(view: &DocView, i: usize) -> f32 {
    HEADER
        + view.paragraphs[..i.min(view.paragraphs.len())]
            .iter()
            .map(|p| p.height + theme::PARAGRAPH_GAP)
            .sum::<f32>()
}

/// The paragraph at the top of the article's view as last drawn.
pub fn top_paragraph(view: &DocView) -> Option<usize> {
    let (top, _) = view.viewport?;
    let mut y = HEADER;
    for (i, p) in view.paragraphs.iter().enumerate() {
        y += p.height + theme::PARAGRAPH_GAP;
        if y > top {
            return Some(i);
        }
    }
    view.paragraphs.len().checked_sub(1)
}

/// Lays out, draws and reads paragraph `i`, and records its measured height.
#[allow(clippy::too_many_arguments)]
fn show_paragraph(
    ui: &mut Ui,
    view: &mut DocView,
    i: usize,
    schema: &Schema,
    look: Look,
    selected: Option<&str>,
    width: f32,
    margin: f32,
    text_colour: egui::Color32,
    rects: &mut HashMap<String, Vec<Rect>>,
    commands: &mut Vec<Command>,
) -> Placed {
    let job = view.job(i, schema, selected, text_colour, look.font_size);
    let start = view.paragraphs[i].cps.start;
    let mut layouter = move |ui: &Ui, _text: &dyn TextBuffer, wrap_width: f32| -> Arc<Galley> {
        let mut job = job.clone();
        job.wrap.max_width = wrap_width;
        ui.ctx().fonts_mut(|f| f.layout_job(job))
    };
    let mut text: &str = view.paragraph_text(i);
    // A place under the text for a selection that runs over several paragraphs.
    let under_text = ui.painter().add(egui::Shape::Noop);
    let under_offers = ui.painter().add(egui::Shape::Noop);
    let output = ui
        .horizontal(|ui| {
            ui.add_space(margin);
            TextEdit::multiline(&mut text)
                .id(paragraph_id(i))
                .frame(egui::Frame::NONE)
                .desired_width(width)
                .desired_rows(1)
                .layouter(&mut layouter)
                .show(ui)
        })
        .inner;
    let response = &output.response.response;
    if response.has_focus() {
        // The article is read, not typed into: its keys are the window's (see `reading_focus`).
        ui.ctx()
            .data_mut(|d| d.insert_temp(Id::unique(READING_FOCUS), paragraph_id(i)));
    }
    let p = &mut view.paragraphs[i];
    p.height = response.rect.height();
    p.measured = true;
    decorate(
        ui,
        view,
        i,
        &output.galley,
        output.galley_pos,
        schema,
        selected,
        rects,
    );
    if !view.offers.is_empty() {
        let laid_out = (&*output.galley, output.galley_pos);
        suggestion_marks::paint_offers(ui, view, i, laid_out, schema, under_offers);
    }
    selection::paint_selection_across(
        ui,
        under_text,
        look.selection,
        &view.paragraphs[i].cps,
        &output,
    );
    selection::read_pointer(ui, view, i, look.selection, &output, commands);
    name_under_pointer(view, start, &output);
    Placed {
        index: i,
        galley: output.galley.clone(),
        origin: output.galley_pos,
        rect: response.rect,
    }
}

/// A tooltip naming the annotations (and the suggestion) under the pointer, if any.
fn name_under_pointer(view: &DocView, start: usize, output: &egui::text_edit::TextEditOutput) {
    let response = &output.response.response;
    let Some(pos) = response.hover_pos() else {
        return;
    };
    let cp = start
        + output
            .galley
            .cursor_from_pos(pos - output.galley_pos)
            .index
            .0;
    let mut names: Vec<String> = view
        .annotations_at(cp)
        .iter()
        .map(|a| format!("{} — {}", a.label, short(&a.text, 60)))
        .collect();
    if let Some(n) = suggestion_marks::offer_at(view, cp) {
        let label = &view.offers[n].annotation.label;
        names.push(format!(
            "suggested {label} — click to focus it, then A accepts, X rejects"
        ));
    }
    if !names.is_empty() {
        response.clone().on_hover_text_at_pointer(names.join("\n"));
    }
}

/// `text` cut to `max` characters with an ellipsis.
pub fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max).collect();
        s.push('…');
        s
    }
}

/// Screen rectangles of the code point range `[start, end)` of a paragraph laid out in
/// `galley` at `origin`, one per row it spans.
pub(super) fn span_rects(galley: &Galley, origin: Pos2, start: usize, end: usize) -> Vec<Rect> {
    let mut out = Vec::new();
    let mut row_start = 0usize;
    for placed in &galley.rows {
        let row = &placed.row;
        let row_len = placed.char_count_including_newline().0;
        let (a, b) = (
            start.max(row_start),
            end.min(row_start + row.char_count_excluding_newline().0),
        );
        if a < b {
            let x0 = row.x_offset(egui::text::CharIndex(a - row_start));
            let x1 = row.x_offset(egui::text::CharIndex(b - row_start));
            let top = origin + placed.pos.to_vec2();
            out.push(Rect::from_min_max(
                Pos2::new(top.x + x0, top.y),
                Pos2::new(top.x + x1, top.y + row.size.y),
            ));
        }
        row_start += row_len;
        if row_start >= end {
            break;
        }
    }
    out
}

/// Paints the underlines of paragraph `i` — one per annotation, stacked below each other where
/// spans nest, so a claim inside a quote shows both — and an outline around the selected one.
/// Collects each annotation's rectangles for the relation connectors.
#[allow(clippy::too_many_arguments)]
fn decorate(
    ui: &Ui,
    view: &DocView,
    i: usize,
    galley: &Galley,
    origin: Pos2,
    schema: &Schema,
    selected: Option<&str>,
    rects: &mut HashMap<String, Vec<Rect>>,
) {
    let para = &view.paragraphs[i].cps;
    let painter = ui.painter();
    for &k in &view.paragraphs[i].spans {
        let (ann, depth) = (&view.annotations[k], view.depths[k]);
        for f in &ann.fragments {
            let (s, e) = (f.start.max(para.start), f.end.min(para.end));
            if s >= e {
                continue;
            }
            let colour = theme::label_colour(schema, &ann.label);
            for r in span_rects(galley, origin, s - para.start, e - para.start) {
                let y = r.bottom() - 3.0 + 3.0 * depth.min(3) as f32;
                painter.line_segment(
                    [Pos2::new(r.left(), y), Pos2::new(r.right(), y)],
                    Stroke::new(2.0, colour),
                );
                if Some(ann.id.as_str()) == selected {
                    let outline = Stroke::new(1.5, ui.visuals().strong_text_color());
                    painter.rect_stroke(r.expand(1.0), 3.0, outline, egui::StrokeKind::Outside);
                }
                rects.entry(ann.id.clone()).or_default().push(r);
            }
        }
    }
}

/// Draws a thin connector for each link of the selected annotation (or, with `all`, for every
/// link of the document) whose two ends are on screen: from the source down and over to the
/// target, with a dot at the target, in the target's colour.
fn connect(
    ui: &Ui,
    view: &DocView,
    schema: &Schema,
    selected: Option<&str>,
    all: bool,
    rects: &HashMap<String, Vec<Rect>>,
) {
    let clip = ui.clip_rect();
    for rel in view
        .relations
        .iter()
        .filter(|r| all || selected.is_some_and(|sel| r.from == sel || r.to == sel))
    {
        let (Some(from), Some(to)) = (
            rects.get(&rel.from).and_then(|r| r.first()),
            rects.get(&rel.to).and_then(|r| r.first()),
        ) else {
            continue;
        };
        if !clip.intersects(*to) && !clip.intersects(*from) {
            continue;
        }
        let colour = view.annotation(&rel.to).map_or(egui::Color32::GRAY, |a| {
            theme::label_colour(schema, &a.label)
        });
        let (a, b) = (from.center_bottom(), to.center_bottom());
        let dip = Pos2::new((a.x + b.x) / 2.0, a.y.max(b.y) + 14.0);
        let curve = egui::epaint::QuadraticBezierShape::from_points_stroke(
            [a, dip, b],
            false,
            egui::Color32::TRANSPARENT,
            Stroke::new(1.5, colour),
        );
        ui.painter().add(curve);
        ui.painter().circle_filled(b, 3.0, colour);
    }
}
