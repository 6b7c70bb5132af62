//! spaCy's DocBin (`.spacy`): one Doc per document and layer.

use super::{Exporter, Output, Part, layer_view};
use crate::exporter::ExportError;
use crate::formats::spacy;
use crate::model::{OffsetUnit, Schema};

/// spaCy DocBin.
pub(crate) struct Spacy;

impl Exporter for Spacy {
    fn name(&self) -> &'static str {
        "spacy"
    }

    fn extension(&self) -> &'static str {
        "spacy"
    }

    fn only_unit(&self) -> Option<OffsetUnit> {
        Some(OffsetUnit::Codepoint)
    }

    fn card_lines(&self, _schema: &Schema) -> String {
        "- spaCy: one Doc per document and layer (`doc.user_data` names both); tokens are the matches of `\\w+|[^\\w\\s]`, split further at span boundaries; every fragment is in `doc.spans[\"sc\"]`, and in `doc.ents` where spans do not overlap\n".into()
    }

    fn write_part(&self, part: &Part<'_>, out: &mut Output) -> Result<(), ExportError> {
        let mut report = spacy::SpacyReport::default();
        let mut docs = Vec::new();
        for r in part.records {
            for layer in part.layers {
                let (anns, _) = layer_view(r, layer);
                let user_data = vec![
                    ("spanbench_id".to_string(), r.document.id.clone()),
                    ("annotator".to_string(), layer.clone()),
                ];
                docs.push(spacy::make_doc(
                    &r.document.text,
                    &anns,
                    user_data,
                    &mut report,
                ));
            }
        }
        out.files.write(part.target, &spacy::doc_bin(&docs))?;
        if report.split > 0 {
            out.warnings.push(format!(
                "spacy: {} discontinuous annotations became one span per fragment",
                report.split
            ));
        }
        if report.no_ents > 0 {
            out.warnings.push(format!("spacy: {} documents have overlapping spans, so only doc.spans[\"sc\"] holds them, not doc.ents", report.no_ents));
        }
        if report.unaligned > 0 {
            out.warnings.push(format!(
                "spacy: {} fragments start or end in white space and were left out",
                report.unaligned
            ));
        }
        Ok(())
    }
}
