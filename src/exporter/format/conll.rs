//! CoNLL, IOB2: one token per line, one tag column per label.

use super::{Exporter, Output, Part, layer_view, write_text};
use crate::exporter::ExportError;
use crate::formats::conll;
use crate::model::{OffsetUnit, Schema};

/// CoNLL.
pub(crate) struct Conll;

impl Exporter for Conll {
    fn name(&self) -> &'static str {
        "conll"
    }

    fn extension(&self) -> &'static str {
        "conll"
    }

    fn only_unit(&self) -> Option<OffsetUnit> {
        Some(OffsetUnit::Codepoint)
    }

    fn card_lines(&self, schema: &Schema) -> String {
        let mut s = String::from(
            "- tokens: the matches of the Unicode-aware regex `\\w+|[^\\w\\s]`; a line break in the text ends a sentence\n",
        );
        s.push_str("- columns: the token, then one IOB2 tag column per label, in this order:");
        for l in &schema.labels {
            s.push_str(&format!(" {}", l.name));
        }
        s.push_str(
            "\n- one `-DOCSTART-` block per document and layer, in the order of the files above\n",
        );
        s
    }

    fn write_part(&self, part: &Part<'_>, out: &mut Output) -> Result<(), ExportError> {
        let labels: Vec<String> = part.schema.labels.iter().map(|l| l.name.clone()).collect();
        let mut text = String::new();
        let mut report = conll::ConllReport::default();
        for r in part.records {
            for layer in part.layers {
                let (anns, _) = layer_view(r, layer);
                text.push_str(&conll::write_document(r, &anns, &labels, &mut report));
            }
        }
        if report.misaligned > 0 {
            out.warnings.push(format!(
                "conll: {} fragments start or end inside a token; the whole token was tagged",
                report.misaligned
            ));
        }
        if report.split > 0 {
            out.warnings.push(format!(
                "conll: {} discontinuous annotations became one chunk per fragment",
                report.split
            ));
        }
        write_text(out, part.target, &text)
    }
}
