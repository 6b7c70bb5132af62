//! Label Studio tasks JSON, one annotation per layer, with a matching labelling config.

use std::path::Path;

use super::{Exporter, Output, Part, PartWriter, layer_view, write_text};
use crate::exporter::{ExportError, files::StreamedFile};
use crate::formats::label_studio;
use crate::model::{Annotation, DocumentRecord, OffsetUnit, Relation, Schema};

/// Label Studio tasks.
pub(crate) struct LabelStudio;

impl Exporter for LabelStudio {
    fn name(&self) -> &'static str {
        "label-studio"
    }

    fn extension(&self) -> &'static str {
        "json"
    }

    fn start_part<'a>(
        &self,
        part: &Part<'a>,
        out: &mut Output,
    ) -> Result<Box<dyn PartWriter + 'a>, ExportError> {
        let mut file = out.files.create(part.target)?;
        file.append(b"[")?;
        Ok(Box::new(Tasks {
            file,
            layers: part.layers,
            unit: part.unit,
            tasks: 0,
            split: 0,
        }))
    }

    fn write_extras(
        &self,
        schema: &Schema,
        staging: &Path,
        name: &str,
        folder: bool,
        out: &mut Output,
    ) -> Result<(), ExportError> {
        let path = if folder {
            staging.join("labeling-config.xml")
        } else {
            staging.join(format!("{name}.labeling-config.xml"))
        };
        write_text(out, &path, &label_studio::labeling_config(schema))
    }
}

/// A JSON array of tasks being written, one task at a time, laid out as `serde_json`'s pretty
/// printer lays out the whole array.
struct Tasks<'a> {
    file: StreamedFile,
    layers: &'a [String],
    unit: OffsetUnit,
    tasks: usize,
    /// Discontinuous annotations written as one region per fragment.
    split: usize,
}

impl PartWriter for Tasks<'_> {
    fn record(&mut self, r: &DocumentRecord, _out: &mut Output) -> Result<(), ExportError> {
        let per_layer: Vec<(String, Vec<&Annotation>, Vec<&Relation>)> = self
            .layers
            .iter()
            .map(|l| {
                let (a, x) = layer_view(r, l);
                (l.clone(), a, x)
            })
            .collect();
        self.tasks += 1;
        self.split += per_layer
            .iter()
            .flat_map(|(_, anns, _)| anns)
            .filter(|a| a.fragments.len() > 1)
            .count();
        let task = label_studio::write_task(r, &per_layer, self.unit, self.tasks);
        let text = serde_json::to_string_pretty(&task)?;
        let mut piece = String::from(if self.tasks == 1 { "\n" } else { ",\n" });
        // JSON strings hold no raw line breaks, so indenting every line indents the task.
        for line in text.lines() {
            piece.push_str("  ");
            piece.push_str(line);
            piece.push('\n');
        }
        piece.pop();
        self.file.append(piece.as_bytes())
    }

    fn finish(mut self: Box<Self>, out: &mut Output) -> Result<(), ExportError> {
        self.file
            .append(if self.tasks == 0 { b"]\n" } else { b"\n]\n" })?;
        if self.split > 0 {
            out.warnings.push(format!(
                "label-studio: {} discontinuous annotations became one region per fragment, with the ids `ID`, `ID-2`, … (Label Studio's regions are continuous); spanbench joins them again when it imports the file",
                self.split
            ));
        }
        out.files.close(self.file)
    }
}
