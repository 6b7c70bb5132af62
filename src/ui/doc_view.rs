//! The document on screen: its text cut into paragraphs, the shown layer's annotations, and a
//! layout job per paragraph that is rebuilt only when that paragraph's annotations change.

use std::ops::Range;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId};

use super::theme;
use crate::model::{Annotation, Document, OffsetIndex, Relation, Schema};

/// What of an annotation decides how a paragraph looks: id, label, fragments.
type SpanKey<'a> = (&'a str, &'a str, &'a [crate::model::Fragment]);

/// The spans of `list` that reach into the code point range `cps`.
fn span_keys<'a>(list: &'a [Annotation], cps: &Range<usize>) -> Vec<SpanKey<'a>> {
    list.iter()
        .filter(|a| {
            a.fragments
                .iter()
                .any(|f| f.start < cps.end && cps.start < f.end)
        })
        .map(|a| (a.id.as_str(), a.label.as_str(), a.fragments.as_slice()))
        .collect()
}

/// One paragraph: a line of the text without its line break.
#[derive(Clone, Debug)]
pub struct Paragraph {
    /// Code point range in the document.
    pub cps: Range<usize>,
    /// Byte range in the document.
    pub bytes: Range<usize>,
    /// Cached layout, `None` when it must be rebuilt.
    job: Option<LayoutJob>,
}

/// A loaded document and the layer shown on it.
pub struct DocView {
    /// The document.
    pub doc: Document,
    /// Offsets table of its text.
    pub index: OffsetIndex,
    /// Non-empty lines of the text.
    pub paragraphs: Vec<Paragraph>,
    /// The shown layer's annotations, in text order.
    pub annotations: Vec<Annotation>,
    /// The shown layer's relations.
    pub relations: Vec<Relation>,
}

impl DocView {
    /// Cuts `doc` into paragraphs and attaches a layer.
    pub fn new(doc: Document, annotations: Vec<Annotation>, relations: Vec<Relation>) -> DocView {
        let index = OffsetIndex::new(&doc.text);
        let mut paragraphs = Vec::new();
        let mut byte = 0usize;
        let mut cp = 0usize;
        for line in doc.text.split_inclusive('\n') {
            let content = line.trim_end_matches(['\n', '\r']);
            let cps = content.chars().count();
            if !content.trim().is_empty() {
                paragraphs.push(Paragraph {
                    cps: cp..cp + cps,
                    bytes: byte..byte + content.len(),
                    job: None,
                });
            }
            byte += line.len();
            cp += line.chars().count();
        }
        let mut view = DocView {
            doc,
            index,
            paragraphs,
            annotations: Vec::new(),
            relations: Vec::new(),
        };
        view.set_layer(annotations, relations);
        view
    }

    /// Replaces the shown annotations; only paragraphs whose spans changed are laid out anew.
    pub fn set_layer(&mut self, mut annotations: Vec<Annotation>, relations: Vec<Relation>) {
        annotations.sort_by_key(|a| {
            (
                a.fragments.first().map(|f| f.start),
                std::cmp::Reverse(a.fragments.last().map(|f| f.end)),
            )
        });
        for p in &mut self.paragraphs {
            if span_keys(&self.annotations, &p.cps) != span_keys(&annotations, &p.cps) {
                p.job = None;
            }
        }
        self.annotations = annotations;
        self.relations = relations;
    }

    /// Forgets every cached layout (after the selection, theme or font size changed).
    pub fn invalidate(&mut self) {
        for p in &mut self.paragraphs {
            p.job = None;
        }
    }

    /// Forgets the layouts of paragraphs that show annotation `id`.
    pub fn invalidate_annotation(&mut self, id: &str) {
        if let Some(a) = self.annotations.iter().find(|a| a.id == id) {
            for p in &mut self.paragraphs {
                if a.fragments
                    .iter()
                    .any(|f| f.start < p.cps.end && p.cps.start < f.end)
                {
                    p.job = None;
                }
            }
        }
    }

    /// The text of paragraph `i`.
    pub fn paragraph_text(&self, i: usize) -> &str {
        &self.doc.text[self.paragraphs[i].bytes.clone()]
    }

    /// Annotations covering code point `cp`, outermost first.
    pub fn annotations_at(&self, cp: usize) -> Vec<&Annotation> {
        let mut v: Vec<&Annotation> = self
            .annotations
            .iter()
            .filter(|a| a.fragments.iter().any(|f| f.start <= cp && cp < f.end))
            .collect();
        v.sort_by_key(|a| std::cmp::Reverse(a.fragments.iter().map(|f| f.len()).sum::<usize>()));
        v
    }

    /// Every annotation with its nesting depth: how many other annotations contain its whole
    /// extent (an annotation with the same extent as an earlier one counts as inside it).
    pub fn nesting(&self) -> impl Iterator<Item = (&Annotation, usize)> {
        let extent = |a: &Annotation| {
            (
                a.fragments.first().map_or(0, |f| f.start),
                a.fragments.last().map_or(0, |f| f.end),
            )
        };
        self.annotations.iter().enumerate().map(move |(n, a)| {
            let (s, e) = extent(a);
            let depth = self
                .annotations
                .iter()
                .enumerate()
                .filter(|(m, b)| {
                    let (bs, be) = extent(b);
                    *m != n && bs <= s && e <= be && ((bs, be) != (s, e) || *m < n)
                })
                .count();
            (a, depth)
        })
    }

    /// The annotation called `id`.
    pub fn annotation(&self, id: &str) -> Option<&Annotation> {
        self.annotations.iter().find(|a| a.id == id)
    }

    /// The paragraph holding code point `cp`.
    pub fn paragraph_of(&self, cp: usize) -> Option<usize> {
        self.paragraphs
            .iter()
            .position(|p| p.cps.start <= cp && cp <= p.cps.end)
    }

    /// The layout job of paragraph `i`, built if needed.
    pub fn job(
        &mut self,
        i: usize,
        schema: &Schema,
        selected: Option<&str>,
        text_colour: Color32,
        font_size: f32,
    ) -> LayoutJob {
        if let Some(job) = &self.paragraphs[i].job {
            return job.clone();
        }
        let job = self.build_job(i, schema, selected, text_colour, font_size);
        self.paragraphs[i].job = Some(job.clone());
        job
    }

    fn build_job(
        &self,
        i: usize,
        schema: &Schema,
        selected: Option<&str>,
        text_colour: Color32,
        font_size: f32,
    ) -> LayoutJob {
        let p = &self.paragraphs[i];
        let text = self.paragraph_text(i);
        let mut cuts = vec![p.cps.start, p.cps.end];
        for a in &self.annotations {
            for f in &a.fragments {
                for x in [f.start, f.end] {
                    if p.cps.start < x && x < p.cps.end {
                        cuts.push(x);
                    }
                }
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut job = LayoutJob::default();
        let font = FontId::proportional(font_size);
        let local = OffsetIndex::new(text);
        for w in cuts.windows(2) {
            let (s, e) = (w[0], w[1]);
            let Some(range) = local.byte_range(s - p.cps.start, e - p.cps.start) else {
                continue;
            };
            let covering = self.annotations_at(s);
            let mut format = TextFormat {
                font_id: font.clone(),
                color: text_colour,
                line_height: Some(font_size * 1.5),
                ..Default::default()
            };
            if let Some(outer) = covering.first() {
                let chosen = covering.iter().find(|a| Some(a.id.as_str()) == selected);
                let background = chosen.unwrap_or(outer);
                format.background = theme::tint(
                    theme::label_colour(schema, &background.label),
                    chosen.is_some(),
                );
            }
            job.append(&text[range], 0.0, format);
        }
        job
    }
}
