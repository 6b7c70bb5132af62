//! doccano JSONL: one line per document and layer, `entities` and `relations`.

use super::{Exporter, Output, Part, PartWriter, layer_view};
use crate::exporter::{ExportError, files::StreamedFile};
use crate::formats::doccano;
use crate::model::{DocumentRecord, OffsetUnit};

/// doccano JSONL.
pub(crate) struct Doccano;

impl Exporter for Doccano {
    fn name(&self) -> &'static str {
        "doccano"
    }

    fn extension(&self) -> &'static str {
        "jsonl"
    }

    fn start_part<'a>(
        &self,
        part: &Part<'a>,
        out: &mut Output,
    ) -> Result<Box<dyn PartWriter + 'a>, ExportError> {
        Ok(Box::new(Lines {
            file: out.files.create(part.target)?,
            layers: part.layers,
            unit: part.unit,
            lines: 0,
            split: 0,
            overlapping: 0,
        }))
    }
}

/// A doccano file being written.
struct Lines<'a> {
    file: StreamedFile,
    layers: &'a [String],
    unit: OffsetUnit,
    /// Lines written so far (doccano's ids count from 1).
    lines: usize,
    /// Discontinuous annotations, which doccano cannot hold.
    split: usize,
    /// Lines (document and layer) with spans that overlap, which doccano drops unless the
    /// project allows overlapping spans.
    overlapping: usize,
}

impl PartWriter for Lines<'_> {
    fn record(&mut self, r: &DocumentRecord, _out: &mut Output) -> Result<(), ExportError> {
        for layer in self.layers {
            let (anns, rels) = layer_view(r, layer);
            let mut spans: Vec<(usize, usize)> = anns
                .iter()
                .flat_map(|a| a.fragments.iter().map(|f| (f.start, f.end)))
                .collect();
            spans.sort_unstable();
            if spans.windows(2).any(|w| w[1].0 < w[0].1) {
                self.overlapping += 1;
            }
            self.lines += 1;
            let line = doccano::write_line(r, layer, &anns, &rels, self.unit, self.lines) + "\n";
            self.file.append(line.as_bytes())?;
        }
        self.split += r
            .annotations
            .iter()
            .filter(|a| a.fragments.len() > 1)
            .count();
        Ok(())
    }

    fn finish(self: Box<Self>, out: &mut Output) -> Result<(), ExportError> {
        if self.split > 0 {
            out.warnings.push(format!(
                "doccano: {} discontinuous annotations became one entity per fragment",
                self.split
            ));
        }
        if self.overlapping > 0 {
            out.warnings.push(format!(
                "doccano: {} documents (per layer) have overlapping spans; doccano keeps them only in a project with \"Allow overlapping spans\" switched on, and drops them otherwise",
                self.overlapping
            ));
        }
        out.files.close(self.file)
    }
}
