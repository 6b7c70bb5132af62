//! The review view: annotators' layers side by side on the same text (with gold beside them),
//! or one inline text that marks where they differ; the list of disagreements with each
//! annotator's version and the buttons that settle it in gold.

use std::collections::BTreeSet;

use egui::text::LayoutJob;
use egui::{Color32, FontId, RichText, ScrollArea, Sense, Stroke, TextFormat, Ui};

use super::command::Command;
use super::doc_view::DocView;
use super::theme;
use crate::adjudication::{GoldState, gold_states};
use crate::model::layer::GOLD;
use crate::model::{DocumentRecord, Schema};
use crate::review::{Comparison, Disagreement, compare};

pub use super::review_panel::{describe, show_panel, version_text};

/// How the review shows the text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// One column per annotator, and gold.
    #[default]
    SideBySide,
    /// One text with the differences marked.
    Inline,
}

/// A stretch of text drawn in one colour.
#[derive(Clone, Debug)]
struct Mark {
    start: usize,
    end: usize,
    colour: Color32,
    /// Which disagreement it belongs to, if any.
    item: Option<usize>,
}

/// The review of one document.
pub struct Review {
    /// The document and every layer of it.
    pub record: DocumentRecord,
    /// Annotators who could be compared (everyone who annotated the document).
    pub candidates: Vec<String>,
    /// Those compared; the first is the reference.
    pub annotators: Vec<String>,
    /// Their comparison.
    pub comparison: Comparison,
    /// What gold holds for each disagreement.
    pub gold: Vec<GoldState>,
    /// The keys of the disagreements the reviewer rejected.
    pub rejected: BTreeSet<String>,
    /// The disagreement in focus.
    pub current: Option<usize>,
    /// Side by side or inline.
    pub layout: Layout,
    /// Paragraph to bring into view once.
    pub scroll_to: Option<usize>,
    /// Row of the disagreement list to bring into view once.
    pub list_to: Option<usize>,
    paragraphs: DocView,
    /// Marks per column (annotators, then gold), per paragraph.
    columns: Vec<Vec<Vec<Mark>>>,
    /// Difference marks per paragraph, for the inline layout.
    differences: Vec<Vec<Mark>>,
    /// Measured height of each paragraph row.
    heights: Vec<f32>,
}

/// Below this column width (points) the review suggests fewer columns.
const NARROW: f32 = 170.0;

/// Colour of a difference in the inline layout (reddish purple, Okabe–Ito).
pub(super) const DIFFERENCE: Color32 = Color32::from_rgb(0xCC, 0x79, 0xA7);

impl Review {
    /// Compares `annotators` (all who annotated the document when empty) on `record`.
    pub fn new(
        record: DocumentRecord,
        rejected: BTreeSet<String>,
        annotators: &[String],
        layout: Layout,
        schema: &Schema,
    ) -> Review {
        let mut candidates: Vec<String> = Vec::new();
        for a in &record.annotations {
            if !crate::model::layer::is_reserved_layer(&a.annotator)
                && !candidates.contains(&a.annotator)
            {
                candidates.push(a.annotator.clone());
            }
        }
        for name in record.status.keys() {
            if !crate::model::layer::is_reserved_layer(name) && !candidates.contains(name) {
                candidates.push(name.clone());
            }
        }
        let annotators: Vec<String> = if annotators.is_empty() {
            candidates.clone()
        } else {
            annotators
                .iter()
                .filter(|a| candidates.contains(a))
                .cloned()
                .collect()
        };
        let comparison = compare(&record, &annotators);
        let gold = gold_states(&record, &comparison, &rejected);
        let paragraphs = DocView::new(record.document.clone(), Vec::new(), Vec::new());
        let n = paragraphs.paragraphs.len();
        let mut review = Review {
            record,
            candidates,
            annotators,
            comparison,
            gold,
            rejected,
            current: None,
            layout,
            scroll_to: None,
            list_to: None,
            paragraphs,
            columns: Vec::new(),
            differences: vec![Vec::new(); n],
            heights: vec![0.0; n],
        };
        review.index_marks(schema);
        review
    }

    /// The document's id.
    pub fn doc(&self) -> &str {
        &self.record.document.id
    }

    /// The disagreement in focus.
    pub fn current_disagreement(&self) -> Option<&Disagreement> {
        self.current
            .and_then(|i| self.comparison.disagreements.get(i))
    }

    /// Focuses disagreement `i` and scrolls to it.
    pub fn focus(&mut self, i: usize) {
        if let Some(d) = self.comparison.disagreements.get(i) {
            self.current = Some(i);
            self.scroll_to = self.paragraphs.paragraph_of(d.start);
            self.list_to = Some(i);
        }
    }

    /// Focuses the next (`forward`) or previous disagreement, wrapping around.
    pub fn step(&mut self, forward: bool) {
        let n = self.comparison.disagreements.len();
        if n == 0 {
            return;
        }
        let i = match (self.current, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        self.focus(i);
    }

    fn index_marks(&mut self, schema: &Schema) {
        let paragraphs = &self.paragraphs;
        let split = |marks: Vec<Mark>| -> Vec<Vec<Mark>> {
            let mut out = vec![Vec::new(); paragraphs.paragraphs.len()];
            for m in marks {
                for p in paragraphs.paragraphs_in(m.start, m.end) {
                    out[p].push(m.clone());
                }
            }
            // Longer marks first, so inner ones are drawn over them.
            for list in &mut out {
                list.sort_by_key(|m| std::cmp::Reverse(m.end - m.start));
            }
            out
        };
        let mut layers: Vec<&str> = self.annotators.iter().map(String::as_str).collect();
        layers.push(GOLD);
        // Which disagreement each annotator's annotation is part of (the first, in text order).
        let mut item_of: std::collections::HashMap<(&str, &str), usize> =
            std::collections::HashMap::new();
        for (i, d) in self.comparison.disagreements.iter().enumerate() {
            for v in &d.versions {
                if let Some(a) = &v.annotation {
                    item_of
                        .entry((v.annotator.as_str(), a.id.as_str()))
                        .or_insert(i);
                }
            }
        }
        let mut columns = Vec::new();
        for who in layers {
            let mut marks = Vec::new();
            for a in self
                .record
                .annotations
                .iter()
                .filter(|a| a.annotator == who)
            {
                let item = item_of.get(&(who, a.id.as_str())).copied();
                let colour = theme::label_colour(schema, &a.label);
                for f in &a.fragments {
                    marks.push(Mark {
                        start: f.start,
                        end: f.end,
                        colour,
                        item,
                    });
                }
            }
            columns.push(split(marks));
        }
        self.columns = columns;
        self.differences = split(
            self.comparison
                .disagreements
                .iter()
                .enumerate()
                .map(|(i, d)| Mark {
                    start: d.start,
                    end: d.end,
                    colour: DIFFERENCE,
                    item: Some(i),
                })
                .collect(),
        );
    }
}

/// The layout job of one paragraph with its marks: a tint per mark (inner marks over outer
/// ones), the innermost's colour as underline, stronger for the focused disagreement.
fn job(
    text: &str,
    base: usize,
    marks: &[Mark],
    current: Option<usize>,
    text_colour: Color32,
    font_size: f32,
) -> LayoutJob {
    let len = text.chars().count();
    let mut cuts = vec![0, len];
    for m in marks {
        for x in [m.start, m.end] {
            if x > base && x < base + len {
                cuts.push(x - base);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let bytes = crate::model::offsets::byte_offsets(text, &cuts);
    let mut job = LayoutJob::default();
    for (i, w) in cuts.windows(2).enumerate() {
        let at = base + w[0];
        let mut format = TextFormat {
            font_id: FontId::proportional(font_size),
            color: text_colour,
            line_height: Some(font_size * 1.5),
            ..Default::default()
        };
        if let Some(m) = marks.iter().rev().find(|m| m.start <= at && at < m.end) {
            let colour = m.colour;
            let focused = current.is_some() && m.item == current;
            if focused {
                // The disagreement in focus stands out: full colour, dark text.
                format.background = colour.gamma_multiply(0.85);
                format.color = Color32::BLACK;
                format.underline = Stroke::new(3.0, colour);
            } else {
                format.background = theme::tint(colour, false);
                format.underline = Stroke::new(2.0, colour);
            }
        }
        job.append(&text[bytes[i]..bytes[i + 1]], 0.0, format);
    }
    job
}

/// Draws the review's text area and pushes what the user did.
pub fn show_text(ui: &mut Ui, review: &mut Review, font_size: f32, commands: &mut Vec<Command>) {
    let text_colour = ui.ctx().global_style().visuals.text_color();
    // Columns are narrower than the reading measure: their text is set a little smaller.
    let font_size = match review.layout {
        Layout::SideBySide => (font_size * 0.88).max(12.0),
        Layout::Inline => font_size,
    };
    let columns: Vec<String> = match review.layout {
        Layout::SideBySide => {
            let mut c = review.annotators.clone();
            c.push(GOLD.to_string());
            c
        }
        Layout::Inline => vec!["differences".to_string()],
    };
    let gutter = 22.0;
    let gap = 16.0;
    let total = ui.available_width() - gutter;
    let width = match review.layout {
        Layout::Inline => total.min(theme::MEASURE),
        Layout::SideBySide => (total - gap * (columns.len() as f32 - 1.0)) / columns.len() as f32,
    };
    column_titles(ui, review, &columns, gutter, gap, width);
    ui.separator();
    let mut area = ScrollArea::vertical()
        .auto_shrink([false, false])
        .id_salt("review-text");
    if let Some(p) = review.scroll_to.take() {
        let y: f32 = review.heights[..p.min(review.heights.len())]
            .iter()
            .map(|h| h + theme::PARAGRAPH_GAP)
            .sum();
        area = area.vertical_scroll_offset((y - 80.0).max(0.0));
    }
    let current_para = review
        .current_disagreement()
        .and_then(|d| review.paragraphs.paragraph_of(d.start));
    area.show_viewport(ui, |ui, viewport| {
        let top = ui.cursor().top();
        for p in 0..review.paragraphs.paragraphs.len() {
            let y = ui.cursor().top() - top;
            let estimate = if review.heights[p] > 0.0 {
                review.heights[p]
            } else {
                let chars = review.paragraphs.paragraphs[p].cps.len() as f32;
                (chars * font_size * 0.5 / width.max(50.0)).ceil() * font_size * 1.5
            };
            if y + estimate < viewport.top() - 300.0 || y > viewport.bottom() + 300.0 {
                ui.add_space(estimate + theme::PARAGRAPH_GAP);
                continue;
            }
            let row = ui.horizontal_top(|ui| {
                let geometry = Geometry {
                    gutter,
                    gap,
                    width,
                    font_size,
                    text_colour,
                };
                paragraph_row(
                    ui,
                    review,
                    p,
                    columns.len(),
                    &geometry,
                    current_para,
                    commands,
                );
            });
            review.heights[p] = row.response.rect.height();
            ui.add_space(theme::PARAGRAPH_GAP);
        }
        ui.add_space(40.0);
    });
}

/// The sizes and colour the review's text is laid out with.
struct Geometry {
    gutter: f32,
    gap: f32,
    width: f32,
    font_size: f32,
    text_colour: Color32,
}

/// The heading of each column.
fn column_titles(
    ui: &mut Ui,
    review: &Review,
    columns: &[String],
    gutter: f32,
    gap: f32,
    width: f32,
) {
    ui.horizontal(|ui| {
        ui.add_space(gutter);
        for (k, name) in columns.iter().enumerate() {
            let title = match (review.layout, k) {
                (Layout::Inline, _) => {
                    "Where they differ (hover for who did what, click to focus)".to_string()
                }
                (_, 0) => format!("{name} (reference)"),
                _ => name.clone(),
            };
            ui.allocate_ui(egui::vec2(width, 20.0), |ui| {
                ui.set_width(width);
                ui.strong(title);
            });
            ui.add_space(gap - ui.spacing().item_spacing.x);
        }
    });
    if review.layout == Layout::SideBySide && width < NARROW {
        ui.label(
            RichText::new(
                "The columns are narrow: widen the window, untick annotators, or choose Inline.",
            )
            .weak(),
        );
    }
}

/// One paragraph in every column, with a dot in the gutter where the layers differ; hovering
/// a mark names who did what, clicking it focuses the disagreement.
fn paragraph_row(
    ui: &mut Ui,
    review: &Review,
    p: usize,
    columns: usize,
    g: &Geometry,
    current_para: Option<usize>,
    commands: &mut Vec<Command>,
) {
    let Geometry {
        gutter,
        gap,
        width,
        font_size,
        text_colour,
    } = *g;
    let current = review.current;
    let text = review.paragraphs.paragraph_text(p).to_string();
    let base = review.paragraphs.paragraphs[p].cps.start;
    let differs = !review.differences[p].is_empty();
    let (gutter_rect, _) =
        ui.allocate_exact_size(egui::vec2(gutter - 6.0, font_size), Sense::hover());
    if differs {
        let colour = if current_para == Some(p) {
            DIFFERENCE
        } else {
            DIFFERENCE.gamma_multiply(0.5)
        };
        ui.painter().circle_filled(
            gutter_rect.center() + egui::vec2(0.0, font_size * 0.25),
            4.0,
            colour,
        );
    }
    ui.add_space(6.0 - ui.spacing().item_spacing.x);
    for k in 0..columns {
        let marks = match review.layout {
            Layout::SideBySide => &review.columns[k][p],
            Layout::Inline => &review.differences[p],
        };
        let mut job = job(&text, base, marks, current, text_colour, font_size);
        job.wrap.max_width = width;
        let galley = ui.ctx().fonts_mut(|f| f.layout_job(job));
        let (rect, response) =
            ui.allocate_exact_size(egui::vec2(width, galley.size().y), Sense::click());
        ui.painter().galley(rect.min, galley.clone(), text_colour);
        if let Some(pos) = response.hover_pos() {
            let cp = base + galley.cursor_from_pos(pos - rect.min).index.0;
            let here: Vec<usize> = marks
                .iter()
                .filter(|m| m.start <= cp && cp < m.end)
                .filter_map(|m| m.item)
                .collect();
            if let Some(&i) = here.last() {
                let tip = describe(&review.comparison.disagreements[i]);
                if response.clicked() {
                    commands.push(Command::FocusDisagreement(i));
                }
                response.on_hover_text_at_pointer(tip);
            }
        }
        if k + 1 < columns {
            ui.add_space(gap - ui.spacing().item_spacing.x);
        }
    }
}
