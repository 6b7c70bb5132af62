//! The document on screen: its text cut into paragraphs, the shown layer's annotations indexed
//! by paragraph, nesting depths, and per paragraph a cached layout job and a measured height.
//!
//! Everything here is rebuilt when the layer changes, in time linear in the number of
//! annotations and paragraphs; a paragraph's layout is rebuilt only when its spans change.

use std::ops::Range;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId};

use super::theme;
#[cfg(test)]
use crate::model::Fragment;
use crate::model::{Annotation, Document, Relation, Schema};

/// One paragraph: a line of the text without its line break.
#[derive(Clone, Debug)]
pub struct Paragraph {
    /// Code point range in the document.
    pub cps: Range<usize>,
    /// Byte range in the document.
    pub bytes: Range<usize>,
    /// Indices into [`DocView::annotations`] of the annotations reaching into it.
    pub spans: Vec<usize>,
    /// Height when last laid out (or estimated), in points.
    pub height: f32,
    /// True when `height` was measured at the current width and size.
    pub measured: bool,
    /// Cached layout, `None` when it must be rebuilt.
    job: Option<LayoutJob>,
}

/// A loaded document and the layer shown on it.
pub struct DocView {
    /// The document.
    pub doc: Document,
    /// Non-empty lines of the text.
    pub paragraphs: Vec<Paragraph>,
    /// The shown layer's annotations, in text order.
    pub annotations: Vec<Annotation>,
    /// Nesting depth of each annotation (parallel to `annotations`).
    pub depths: Vec<usize>,
    /// The shown layer's relations.
    pub relations: Vec<Relation>,
    /// How many annotations each label has (counted when the layer changes, not per frame).
    pub label_counts: std::collections::HashMap<String, usize>,
    /// Width and text size the heights were measured at.
    layout_key: (f32, f32),
    /// Text colour and size the cached layout jobs were built with.
    look: (Color32, f32),
    /// The part of the article in view last frame (top and bottom, in the article's
    /// coordinates); `None` before the first frame.
    pub(crate) viewport: Option<(f32, f32)>,
    /// A range (code points) to select in the text on the next frame, as if dragged over: a
    /// search hit opened.
    pub(crate) pending_selection: Option<(usize, usize)>,
    /// A paragraph to keep at the top of the view after a re-flow, for this many more frames.
    pub(crate) keep_top: Option<(usize, u8)>,
    /// A selection stretched over several paragraphs, while it lasts.
    pub(crate) across: Option<super::selection::Across>,
    /// The paragraphs laid out on screen in the last frame.
    pub(crate) placed: Vec<super::selection::Placed>,
    /// What is suggested on this document (read once when it opens).
    pub suggested: Option<(Vec<Annotation>, Vec<Relation>)>,
    /// The suggestions offered on this document, in text order.
    pub offers: Vec<crate::suggest::offer::Offer>,
    /// The suggestion the keys act on.
    pub focused_offer: Option<usize>,
    /// For each paragraph, the suggestions (their numbers) drawn in it: a frame paints only
    /// the visible paragraphs' own.
    pub offers_in: Vec<Vec<usize>>,
}

impl DocView {
    /// Cuts `doc` into paragraphs and attaches a layer.
    pub fn new(doc: Document, annotations: Vec<Annotation>, relations: Vec<Relation>) -> DocView {
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
                    spans: Vec::new(),
                    height: 0.0,
                    measured: false,
                    job: None,
                });
            }
            byte += line.len();
            cp += line.chars().count();
        }
        let mut view = DocView {
            doc,
            paragraphs,
            annotations: Vec::new(),
            depths: Vec::new(),
            relations: Vec::new(),
            label_counts: Default::default(),
            keep_top: None,
            layout_key: (0.0, 0.0),
            look: (Color32::TRANSPARENT, 0.0),
            viewport: None,
            pending_selection: None,
            across: None,
            placed: Vec::new(),
            suggested: None,
            offers_in: Vec::new(),
            offers: Vec::new(),
            focused_offer: None,
        };
        view.set_layer(annotations, relations);
        view
    }

    /// Replaces the shown annotations; only paragraphs whose spans changed are laid out anew.
    pub fn set_layer(&mut self, mut annotations: Vec<Annotation>, relations: Vec<Relation>) {
        annotations.sort_by_key(|a| (a.extent().0, std::cmp::Reverse(a.extent().1)));
        let spans = index_by_paragraph(&self.paragraphs, &annotations);
        for (p, new) in self.paragraphs.iter_mut().zip(spans) {
            let same = p.spans.len() == new.len()
                && p.spans
                    .iter()
                    .zip(&new)
                    .all(|(&a, &b)| same_look(&self.annotations[a], &annotations[b]));
            if !same {
                p.job = None;
            }
            p.spans = new;
        }
        self.depths = nesting_depths(&annotations);
        self.label_counts.clear();
        for a in &annotations {
            *self.label_counts.entry(a.label.clone()).or_default() += 1;
        }
        self.annotations = annotations;
        self.relations = relations;
    }

    /// Replaces, adds or removes the annotations named by `updates` (`None`: it is gone) and
    /// sets the relations; cheaper than [`DocView::set_layer`] with a fresh copy of everything.
    pub fn update_annotations(
        &mut self,
        updates: Vec<(String, Option<Annotation>)>,
        relations: Vec<Relation>,
    ) {
        let mut annotations = self.annotations.clone();
        for (id, new) in updates {
            let pos = annotations.iter().position(|a| a.id == id);
            match (pos, new) {
                (Some(i), Some(a)) => annotations[i] = a,
                (Some(i), None) => {
                    annotations.remove(i);
                }
                (None, Some(a)) => annotations.push(a),
                (None, None) => {}
            }
        }
        self.set_layer(annotations, relations);
    }

    /// Forgets every cached layout (after the theme or text size changed).
    pub fn invalidate(&mut self) {
        for p in &mut self.paragraphs {
            p.job = None;
        }
    }

    /// Forgets the layouts of paragraphs that show annotation `id`.
    pub fn invalidate_annotation(&mut self, id: &str) {
        if let Some(a) = self.annotation(id) {
            let hit: Vec<usize> = a
                .fragments
                .iter()
                .flat_map(|f| self.paragraphs_in(f.start, f.end))
                .collect();
            for i in hit {
                self.paragraphs[i].job = None;
            }
        }
    }

    /// Indices of the paragraphs that the code point range `[start, end)` reaches into.
    pub fn paragraphs_in(&self, start: usize, end: usize) -> Range<usize> {
        let first = self.paragraphs.partition_point(|p| p.cps.end <= start);
        let last = self.paragraphs.partition_point(|p| p.cps.start < end);
        first..last.max(first)
    }

    /// True when a layout was made before and `width` or `font_size` differ from it.
    pub fn layout_changes(&self, width: f32, font_size: f32) -> bool {
        self.layout_key != (0.0, 0.0) && self.layout_key != (width, font_size)
    }

    /// Makes sure every paragraph has a height for `width` and `font_size`: measured heights
    /// are kept while both stay the same; otherwise they are estimated until drawn.
    pub fn prepare_heights(&mut self, width: f32, font_size: f32) {
        if self.layout_key == (width, font_size) {
            return;
        }
        self.layout_key = (width, font_size);
        let chars_per_line = (width / (font_size * 0.48)).max(10.0);
        for p in &mut self.paragraphs {
            let lines = ((p.cps.len() as f32) / chars_per_line).ceil().max(1.0);
            p.height = lines * font_size * 1.5;
            p.measured = false;
        }
    }

    /// The text of paragraph `i`.
    pub fn paragraph_text(&self, i: usize) -> &str {
        &self.doc.text[self.paragraphs[i].bytes.clone()]
    }

    /// Annotations covering code point `cp`, outermost first.
    pub fn annotations_at(&self, cp: usize) -> Vec<&Annotation> {
        let Some(p) = self.paragraph_of(cp) else {
            return Vec::new();
        };
        let mut v: Vec<(usize, &Annotation)> = self.paragraphs[p]
            .spans
            .iter()
            .map(|&i| (i, &self.annotations[i]))
            .filter(|(_, a)| a.fragments.iter().any(|f| f.start <= cp && cp < f.end))
            .collect();
        v.sort_by_key(|(i, _)| self.depths[*i]);
        v.into_iter().map(|(_, a)| a).collect()
    }

    /// The annotation called `id`.
    pub fn annotation(&self, id: &str) -> Option<&Annotation> {
        self.annotations.iter().find(|a| a.id == id)
    }

    /// The paragraph holding code point `cp` (or ending right at it).
    /// Sets the offered suggestions and indexes them by paragraph.
    pub fn set_offers(&mut self, offers: Vec<crate::suggest::offer::Offer>) {
        let mut offers_in = vec![Vec::new(); self.paragraphs.len()];
        for (n, o) in offers.iter().enumerate() {
            let speaker = o.speaker.as_ref().map(|(s, _)| s);
            for f in std::iter::once(&o.annotation)
                .chain(speaker)
                .flat_map(|a| &a.fragments)
            {
                let first = self.paragraphs.partition_point(|p| p.cps.end <= f.start);
                for (i, p) in self.paragraphs.iter().enumerate().skip(first) {
                    if p.cps.start >= f.end {
                        break;
                    }
                    if offers_in[i].last() != Some(&n) {
                        offers_in[i].push(n);
                    }
                }
            }
        }
        self.offers = offers;
        self.offers_in = offers_in;
    }

    pub fn paragraph_of(&self, cp: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.cps.end < cp);
        (i < self.paragraphs.len() && self.paragraphs[i].cps.start <= cp).then_some(i)
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
        if self.look != (text_colour, font_size) {
            // A theme or text size change: every cached layout has the old look.
            self.invalidate();
            self.look = (text_colour, font_size);
        }
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
        let local: Vec<(usize, &Annotation)> =
            p.spans.iter().map(|&k| (k, &self.annotations[k])).collect();
        let mut cuts = vec![p.cps.start, p.cps.end];
        for (_, a) in &local {
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
        // Byte offset of every cut.
        let in_paragraph: Vec<usize> = cuts.iter().map(|c| c - p.cps.start).collect();
        let bytes = crate::model::offsets::byte_offsets(text, &in_paragraph);
        let mut job = LayoutJob::default();
        let font = FontId::proportional(font_size);
        for (w, b) in cuts.windows(2).zip(bytes.windows(2)) {
            let s = w[0];
            let covering: Vec<&(usize, &Annotation)> = local
                .iter()
                .filter(|(_, a)| a.fragments.iter().any(|f| f.start <= s && s < f.end))
                .collect();
            let mut format = TextFormat {
                font_id: font.clone(),
                color: text_colour,
                line_height: Some(font_size * 1.5),
                ..Default::default()
            };
            let outer = covering.iter().min_by_key(|(k, _)| self.depths[*k]);
            if let Some((_, outer)) = outer {
                let chosen = covering
                    .iter()
                    .find(|(_, a)| Some(a.id.as_str()) == selected)
                    .map(|(_, a)| *a);
                let background = chosen.unwrap_or(outer);
                format.background = theme::tint(
                    theme::label_colour(schema, &background.label),
                    chosen.is_some(),
                );
            }
            job.append(&text[b[0]..b[1]], 0.0, format);
        }
        job
    }
}

/// True when two annotations draw the same: same id, label and fragments.
fn same_look(a: &Annotation, b: &Annotation) -> bool {
    a.id == b.id && a.label == b.label && a.fragments == b.fragments
}

/// For each paragraph, the annotations (indices) reaching into it. Linear in paragraphs plus
/// the paragraphs each fragment touches.
fn index_by_paragraph(paragraphs: &[Paragraph], annotations: &[Annotation]) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); paragraphs.len()];
    for (k, a) in annotations.iter().enumerate() {
        for f in &a.fragments {
            let first = paragraphs.partition_point(|p| p.cps.end <= f.start);
            for (offset, p) in paragraphs[first..].iter().enumerate() {
                if p.cps.start >= f.end {
                    break;
                }
                let list = &mut out[first + offset];
                if list.last() != Some(&k) {
                    list.push(k);
                }
            }
        }
    }
    out
}

/// Nesting depth of each annotation, for annotations sorted by start and then by end
/// descending: how many earlier annotations contain its whole extent.
fn nesting_depths(annotations: &[Annotation]) -> Vec<usize> {
    let mut open: Vec<usize> = Vec::new(); // ends of the enclosing extents
    annotations
        .iter()
        .map(|a| {
            let (_, end) = a.extent();
            while open.last().is_some_and(|&e| e < end) {
                open.pop();
            }
            let depth = open.len();
            open.push(end);
            depth
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ann(id: &str, label: &str, frags: &[(usize, usize)]) -> Annotation {
        Annotation {
            origin: Default::default(),
            id: id.into(),
            annotator: "anna".into(),
            label: label.into(),
            fragments: frags.iter().map(|&(s, e)| Fragment::new(s, e)).collect(),
            text: String::new(),
            attributes: Default::default(),
            note: String::new(),
        }
    }

    #[test]
    fn paragraphs_index_and_nesting() {
        let text = "Erster Absatz mit Zitat.\r\n\r\nZweiter Absatz.\nDritter.";
        let doc = Document::new("d".into(), "t".into(), text.into(), Default::default());
        let quote = ann("a1", "quote", &[(0, 24), (28, 35)]);
        let claim = ann("a2", "claim", &[(7, 13)]);
        let speaker = ann("a3", "speaker", &[(44, 51)]);
        let view = DocView::new(doc, vec![speaker, claim, quote], vec![]);
        assert_eq!(view.paragraphs.len(), 3);
        assert_eq!(view.paragraph_text(1), "Zweiter Absatz.");
        let ids: Vec<&str> = view.annotations.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a1", "a2", "a3"], "text order");
        assert_eq!(view.depths, [0, 1, 0], "the claim sits inside the quote");
        assert_eq!(view.paragraphs[0].spans, [0, 1]);
        assert_eq!(view.paragraphs[1].spans, [0]);
        assert_eq!(view.paragraphs[2].spans, [2]);
        let at: Vec<&str> = view
            .annotations_at(8)
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(at, ["a1", "a2"], "outermost first");
        assert_eq!(view.paragraph_of(30), Some(1));
        assert_eq!(view.paragraph_of(26), None, "an empty line is no paragraph");
        assert_eq!(view.paragraphs_in(20, 30), 0..2);
    }
}
