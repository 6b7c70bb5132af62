//! The window (egui only).

use crate::cli::GuiArgs;

/// Opens the window.
pub fn run(_args: GuiArgs) -> anyhow::Result<()> {
    anyhow::bail!("the window is not built yet")
}
