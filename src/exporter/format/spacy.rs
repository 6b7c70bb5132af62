//! spaCy's DocBin (`.spacy`): one Doc per document and layer.
//!
//! A DocBin is one compressed MessagePack value holding every Doc, so this format, unlike the
//! others, keeps its part's tokens (not the records) in memory until the part ends — as spaCy
//! does when it loads the file.

use super::{Exporter, Output, Part, PartWriter, layer_view};
use crate::exporter::ExportError;
use crate::formats::spacy;
use crate::model::{DocumentRecord, OffsetUnit, Schema};

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

    fn start_part<'a>(
        &self,
        part: &Part<'a>,
        _out: &mut Output,
    ) -> Result<Box<dyn PartWriter + 'a>, ExportError> {
        Ok(Box::new(Docs {
            target: part.target,
            layers: part.layers,
            docs: Vec::new(),
            report: spacy::SpacyReport::default(),
        }))
    }
}

/// The Docs of a part, gathered until it ends.
struct Docs<'a> {
    target: &'a std::path::Path,
    layers: &'a [String],
    docs: Vec<spacy::SpacyDoc>,
    report: spacy::SpacyReport,
}

impl PartWriter for Docs<'_> {
    fn record(&mut self, r: &DocumentRecord, _out: &mut Output) -> Result<(), ExportError> {
        for layer in self.layers {
            let (anns, _) = layer_view(r, layer);
            let user_data = vec![
                ("spanbench_id".to_string(), r.document.id.clone()),
                ("annotator".to_string(), layer.clone()),
            ];
            self.docs.push(spacy::make_doc(
                &r.document.text,
                &anns,
                user_data,
                &mut self.report,
            ));
        }
        Ok(())
    }

    fn finish(self: Box<Self>, out: &mut Output) -> Result<(), ExportError> {
        out.files.write(self.target, &spacy::doc_bin(&self.docs))?;
        let report = &self.report;
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
