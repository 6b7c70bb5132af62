//! CoNLL, IOB2: one token per line, one tag column per label.

use super::{Exporter, Output, Part, PartWriter, layer_view};
use crate::exporter::{ExportError, files::StreamedFile};
use crate::formats::conll;
use crate::model::{DocumentRecord, OffsetUnit, Schema};

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

    fn start_part<'a>(
        &self,
        part: &Part<'a>,
        out: &mut Output,
    ) -> Result<Box<dyn PartWriter + 'a>, ExportError> {
        Ok(Box::new(Blocks {
            file: out.files.create(part.target)?,
            layers: part.layers,
            labels: part.schema.labels.iter().map(|l| l.name.clone()).collect(),
            report: conll::ConllReport::default(),
        }))
    }
}

/// A CoNLL file being written.
struct Blocks<'a> {
    file: StreamedFile,
    layers: &'a [String],
    labels: Vec<String>,
    report: conll::ConllReport,
}

impl PartWriter for Blocks<'_> {
    fn record(&mut self, r: &DocumentRecord, _out: &mut Output) -> Result<(), ExportError> {
        for layer in self.layers {
            let (anns, _) = layer_view(r, layer);
            let block = conll::write_document(r, &anns, &self.labels, &mut self.report);
            self.file.append(block.as_bytes())?;
        }
        Ok(())
    }

    fn finish(self: Box<Self>, out: &mut Output) -> Result<(), ExportError> {
        let report = &self.report;
        if report.misaligned > 0 {
            out.warnings.push(format!(
                "conll: {} fragments start or end inside a token; the whole token was tagged",
                report.misaligned
            ));
        }
        if report.dropped_nested > 0 {
            out.warnings.push(format!(
                "conll: {} fragments lay inside (or across) another of the same label in the same layer and were left out: one tag column holds one chunk per token",
                report.dropped_nested
            ));
        }
        if report.split > 0 {
            out.warnings.push(format!(
                "conll: {} discontinuous annotations became one chunk per fragment",
                report.split
            ));
        }
        out.files.close(self.file)
    }
}
