//! Colours and text styles. Label colours come only from the schema; this file says how strong
//! they are drawn.

use egui::Color32;

use crate::model::schema::{Schema, parse_hex_colour};

/// Colour of a label as the schema gives it (grey for a label the schema does not know).
pub fn label_colour(schema: &Schema, label: &str) -> Color32 {
    schema
        .label(label)
        .and_then(|l| parse_hex_colour(&l.colour))
        .map_or(Color32::GRAY, |[r, g, b]| Color32::from_rgb(r, g, b))
}

/// Background tint of a highlighted span: about a third of the label colour.
pub fn tint(colour: Color32, selected: bool) -> Color32 {
    colour.gamma_multiply(if selected { 0.55 } else { 0.3 })
}

/// The widest the text column gets, in points (about 80 characters at the reading size).
pub const MEASURE: f32 = 720.0;
/// Space between paragraphs.
pub const PARAGRAPH_GAP: f32 = 10.0;
