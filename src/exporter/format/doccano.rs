//! doccano JSONL: one line per document and layer, `entities` and `relations`.

use super::{Exporter, Output, Part, layer_view, write_text};
use crate::exporter::ExportError;
use crate::formats::doccano;

/// doccano JSONL.
pub(crate) struct Doccano;

impl Exporter for Doccano {
    fn name(&self) -> &'static str {
        "doccano"
    }

    fn extension(&self) -> &'static str {
        "jsonl"
    }

    fn write_part(&self, part: &Part<'_>, out: &mut Output) -> Result<(), ExportError> {
        let mut text = String::new();
        let mut n = 0;
        for r in part.records {
            for layer in part.layers {
                let (anns, rels) = layer_view(r, layer);
                n += 1;
                text.push_str(&doccano::write_line(r, layer, &anns, &rels, part.unit, n));
                text.push('\n');
            }
        }
        let split = part
            .records
            .iter()
            .flat_map(|r| &r.annotations)
            .filter(|a| a.fragments.len() > 1)
            .count();
        if split > 0 {
            out.warnings.push(format!(
                "doccano: {split} discontinuous annotations became one entity per fragment"
            ));
        }
        write_text(out, part.target, &text)
    }
}
