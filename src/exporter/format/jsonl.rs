//! The native JSONL: one document per line, every chosen layer in it.

use super::{Exporter, Output, Part, write_text};
use crate::exporter::ExportError;
use crate::formats::jsonl;

/// Native JSONL.
pub(crate) struct Jsonl;

impl Exporter for Jsonl {
    fn name(&self) -> &'static str {
        "jsonl"
    }

    fn extension(&self) -> &'static str {
        "jsonl"
    }

    fn write_part(&self, part: &Part<'_>, out: &mut Output) -> Result<(), ExportError> {
        let text: String = part
            .records
            .iter()
            .map(|r| jsonl::write_line(r, part.unit) + "\n")
            .collect();
        write_text(out, part.target, &text)
    }
}
