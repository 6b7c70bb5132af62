//! How suggestions look in the article: a pale tint under the text and a dashed underline in
//! the label's colour — clearly not yet annotations, which are underlined solid — and a solid
//! outline around the focused one and its speaker.

use egui::layers::ShapeIdx;
use egui::{Galley, Pos2, Shape, Stroke, Ui};

use super::article::span_rects;
use super::doc_view::DocView;
use super::theme;
use crate::model::{Annotation, Schema};

/// Paints the suggestions lying in paragraph `i` (laid out as `galley` at `origin`): tints into
/// the slot `under_text` beneath the text, underlines and outlines over it.
pub fn paint_offers(
    ui: &Ui,
    view: &DocView,
    i: usize,
    (galley, origin): (&Galley, Pos2),
    schema: &Schema,
    under_text: ShapeIdx,
) {
    let cps = &view.paragraphs[i].cps;
    let mut tints = Vec::new();
    let here = view.offers_in.get(i).map_or(&[][..], Vec::as_slice);
    for (n, offer) in here.iter().filter_map(|&n| Some((n, view.offers.get(n)?))) {
        let focused = view.focused_offer == Some(n);
        let speaker = offer.speaker.as_ref().map(|(s, _)| s);
        for a in std::iter::once(&offer.annotation).chain(speaker) {
            let colour = theme::label_colour(schema, &a.label);
            for rect in rects_in(a, cps, galley, origin) {
                tints.push(Shape::rect_filled(rect, 2.0, colour.gamma_multiply(0.18)));
                let y = rect.bottom() + 1.0;
                ui.painter().extend(Shape::dashed_line(
                    &[Pos2::new(rect.left(), y), Pos2::new(rect.right(), y)],
                    Stroke::new(1.5, colour),
                    5.0,
                    3.0,
                ));
                if focused {
                    ui.painter().rect_stroke(
                        rect.expand(2.0),
                        3.0,
                        Stroke::new(2.0, colour),
                        egui::StrokeKind::Outside,
                    );
                }
            }
        }
    }
    ui.painter().set(under_text, Shape::Vec(tints));
}

/// The screen rectangles of `a`'s fragments that lie in the paragraph `cps`.
fn rects_in(
    a: &Annotation,
    cps: &std::ops::Range<usize>,
    galley: &Galley,
    origin: Pos2,
) -> Vec<egui::Rect> {
    a.fragments
        .iter()
        .filter(|f| f.start < cps.end && cps.start < f.end)
        .flat_map(|f| {
            let (s, e) = (f.start.max(cps.start), f.end.min(cps.end));
            span_rects(galley, origin, s - cps.start, e - cps.start)
        })
        .collect()
}

/// The suggestion (its number) whose annotation or speaker covers code point `cp`.
pub fn offer_at(view: &DocView, cp: usize) -> Option<usize> {
    let here = view.offers_in.get(view.paragraph_of(cp)?)?;
    here.iter().copied().find(|&n| {
        let Some(o) = view.offers.get(n) else {
            return false;
        };
        let speaker = o.speaker.as_ref().map(|(s, _)| s);
        std::iter::once(&o.annotation)
            .chain(speaker)
            .any(|a| a.fragments.iter().any(|f| f.start <= cp && cp < f.end))
    })
}
