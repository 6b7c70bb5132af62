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

/// WCAG AA for normal text: labels, hints and highlight text read at least this well.
const READABLE: f64 = 4.5;

/// `colour` moved toward black (on a light background) or white (on a dark one), just as far
/// as it takes to read at 4.5:1 on `background`.
pub fn readable_on(colour: Color32, background: Color32) -> Color32 {
    let towards = if contrast(background, Color32::BLACK) > contrast(background, Color32::WHITE) {
        Color32::BLACK
    } else {
        Color32::WHITE
    };
    let mix = |t: f32| {
        let m = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * t).round() as u8;
        Color32::from_rgb(
            m(colour.r(), towards.r()),
            m(colour.g(), towards.g()),
            m(colour.b(), towards.b()),
        )
    };
    (0..=20)
        .map(|step| mix(step as f32 / 20.0))
        .find(|c| contrast(*c, background) >= READABLE)
        .unwrap_or(towards)
}

/// A label's colour for text drawn on the window's panels (a label name, a count): the
/// schema's colour, made readable on the theme's panel background.
pub fn label_text(schema: &Schema, label: &str, visuals: &egui::Visuals) -> Color32 {
    readable_on(label_colour(schema, label), visuals.panel_fill)
}

/// Black or white, whichever reads better on `fill` (text on a label-coloured button).
pub fn text_on(fill: Color32) -> Color32 {
    if contrast(fill, Color32::BLACK) >= contrast(fill, Color32::WHITE) {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

/// Background tint of a highlighted span: about a third of the label colour.
pub fn tint(colour: Color32, selected: bool) -> Color32 {
    colour.gamma_multiply(if selected { 0.45 } else { 0.3 })
}

/// The widest the text column gets, in points (about 80 characters at the reading size).
pub const MEASURE: f32 = 720.0;
/// Space between paragraphs.
pub const PARAGRAPH_GAP: f32 = 10.0;

/// Body text on the light theme: about 16:1 on its panels (WCAG asks 7:1 for body text).
pub const BODY_LIGHT: Color32 = Color32::from_rgb(0x1f, 0x1f, 0x1f);
/// Body text on the dark theme: about 15:1 on its panels, 5.9:1 on the strongest highlight.
pub const BODY_DARK: Color32 = Color32::from_rgb(0xf0, 0xf0, 0xf0);
/// Hints and other weak text on the light theme: at least 4.5:1.
pub const WEAK_LIGHT: Color32 = Color32::from_rgb(0x55, 0x55, 0x55);
/// Hints and other weak text on the dark theme: at least 4.5:1.
pub const WEAK_DARK: Color32 = Color32::from_rgb(0xab, 0xab, 0xab);

/// egui's visuals for the theme, with text colours that are readable on every background the
/// window uses (see the test below, which measures them).
pub fn visuals(theme: crate::settings::Theme) -> egui::Visuals {
    let (mut v, body, weak) = match theme {
        crate::settings::Theme::Dark => (egui::Visuals::dark(), BODY_DARK, WEAK_DARK),
        crate::settings::Theme::Light => (egui::Visuals::light(), BODY_LIGHT, WEAK_LIGHT),
    };
    v.override_text_color = Some(body);
    v.weak_text_color = Some(weak);
    v
}

/// WCAG 2 contrast ratio of two opaque colours (1.0 to 21.0).
fn contrast(a: Color32, b: Color32) -> f64 {
    fn luminance(c: Color32) -> f64 {
        let channel = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    }
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// `over` (premultiplied, possibly translucent) painted on the opaque `under`.
#[cfg(test)]
fn blend(over: Color32, under: Color32) -> Color32 {
    let a = f32::from(over.a()) / 255.0;
    let mix = |o: u8, u: u8| (f32::from(o) + f32::from(u) * (1.0 - a)).round().min(255.0) as u8;
    Color32::from_rgb(
        mix(over.r(), under.r()),
        mix(over.g(), under.g()),
        mix(over.b(), under.b()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Theme;

    #[test]
    fn text_is_readable_in_both_themes_and_on_every_highlight() {
        let schema = Schema::default_news();
        for theme in [Theme::Light, Theme::Dark] {
            let v = visuals(theme);
            let body = v.text_color();
            let weak = v.weak_text_color();
            for (name, bg) in [
                ("panel", v.panel_fill),
                ("window", v.window_fill),
                ("field", v.extreme_bg_color),
            ] {
                let c = contrast(body, bg);
                assert!(c >= 7.0, "{theme:?} body text on the {name}: {c:.2}");
                let c = contrast(weak, bg);
                assert!(c >= 4.5, "{theme:?} weak text on the {name}: {c:.2}");
            }
            for label in &schema.labels {
                for selected in [false, true] {
                    let under = blend(
                        tint(label_colour(&schema, &label.name), selected),
                        v.panel_fill,
                    );
                    let c = contrast(body, under);
                    assert!(
                        c >= 4.5,
                        "{theme:?} text on a {} highlight: {c:.2}",
                        label.name
                    );
                }
            }
        }
        for theme in [Theme::Light, Theme::Dark] {
            let v = visuals(theme);
            for label in &schema.labels {
                let text = label_text(&schema, &label.name, &v);
                for (name, bg) in [("panel", v.panel_fill), ("window", v.window_fill)] {
                    let c = contrast(text, bg);
                    assert!(
                        c >= 4.5,
                        "{theme:?} label '{}' on the {name}: {c:.2}",
                        label.name
                    );
                }
                let fill = label_colour(&schema, &label.name);
                let c = contrast(text_on(fill), fill);
                assert!(c >= 4.5, "text on the '{}' button: {c:.2}", label.name);
            }
        }
        // The formula itself: black on white is 21:1, a colour on itself 1:1.
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast(BODY_DARK, BODY_DARK) - 1.0).abs() < 1e-9);
    }
}
