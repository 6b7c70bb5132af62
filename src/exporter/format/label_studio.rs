//! Label Studio tasks JSON, one annotation per layer, with a matching labelling config.

use std::path::Path;

use super::{Exporter, Output, Part, layer_view, write_text};
use crate::exporter::ExportError;
use crate::formats::label_studio;
use crate::model::{Annotation, OffsetUnit, Relation, Schema};

/// Label Studio tasks.
pub(crate) struct LabelStudio;

impl Exporter for LabelStudio {
    fn name(&self) -> &'static str {
        "label-studio"
    }

    fn extension(&self) -> &'static str {
        "json"
    }

    fn default_unit(&self) -> OffsetUnit {
        OffsetUnit::Utf16
    }

    fn write_part(&self, part: &Part<'_>, out: &mut Output) -> Result<(), ExportError> {
        let tasks: Vec<serde_json::Value> = part
            .records
            .iter()
            .enumerate()
            .map(|(n, r)| {
                let per_layer: Vec<(String, Vec<&Annotation>, Vec<&Relation>)> = part
                    .layers
                    .iter()
                    .map(|l| {
                        let (a, x) = layer_view(r, l);
                        (l.clone(), a, x)
                    })
                    .collect();
                label_studio::write_task(r, &per_layer, part.unit, n + 1)
            })
            .collect();
        let text = serde_json::to_string_pretty(&tasks)
            .map_err(|e| ExportError::Invalid(e.to_string()))?;
        write_text(out, part.target, &(text + "\n"))
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
