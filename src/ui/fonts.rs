//! The window's fonts: egui's own, and Noto Emoji 3.006 (SIL Open Font License, see
//! `assets/fonts/OFL.txt`) after them, for emoji, which egui's own fonts do not draw (🤔, 🥳,
//! 😀 alike). Posts quoted in news are full of them; without it they show as empty boxes.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

/// The name the emoji font is known by in [`FontDefinitions`].
const EMOJI: &str = "noto-emoji-3";

/// egui's fonts with the emoji font as the last fallback of every family.
pub fn with_emoji() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        EMOJI.to_string(),
        Arc::new(FontData::from_static(include_bytes!(
            "../../assets/fonts/NotoEmoji-Regular.ttf"
        ))),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push(EMOJI.to_string());
    }
    fonts
}

/// Gives `ctx` the window's fonts (before its first frame, so that nothing is laid out twice).
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(with_emoji());
}
