//! brat standoff: a folder with `.txt` + `.ann` per document (a subfolder per layer when there
//! are several), `annotation.conf` and `visual.conf`.

use std::path::{Path, PathBuf};

use super::{Exporter, Output, Part, layer_view, write_text};
use crate::exporter::{ExportError, files::werr, safe_file_name};
use crate::formats::brat;
use crate::model::{OffsetUnit, Schema};

/// brat.
pub(crate) struct Brat;

impl Exporter for Brat {
    fn name(&self) -> &'static str {
        "brat"
    }

    fn extension(&self) -> &'static str {
        ""
    }

    fn writes_folder(&self) -> bool {
        true
    }

    fn only_unit(&self) -> Option<OffsetUnit> {
        Some(OffsetUnit::Codepoint)
    }

    fn write_part(&self, part: &Part<'_>, out: &mut Output) -> Result<(), ExportError> {
        let several = part.layers.len() > 1;
        let mut report = brat::BratReport::default();
        let mut pending: Vec<(PathBuf, Vec<u8>)> = Vec::new();
        for layer in part.layers {
            let dir = if several {
                part.target.join(safe_file_name(layer))
            } else {
                part.target.to_path_buf()
            };
            std::fs::create_dir_all(&dir).map_err(werr(&dir))?;
            let mut used = std::collections::HashSet::new();
            for r in part.records {
                let mut base = safe_file_name(&r.document.id);
                while !used.insert(base.to_lowercase()) {
                    base.push('_');
                }
                let (anns, rels) = layer_view(r, layer);
                let ann = brat::write_ann(&r.document.text, &anns, &rels, &mut report);
                pending.push((
                    dir.join(format!("{base}.txt")),
                    r.document.text.clone().into_bytes(),
                ));
                pending.push((dir.join(format!("{base}.ann")), ann.into_bytes()));
            }
        }
        out.files.write_many(pending)?;
        if report.cut_at_line_breaks > 0 {
            out.warnings.push(format!(
                "brat: {} annotations crossed a line break and were cut there",
                report.cut_at_line_breaks
            ));
        }
        Ok(())
    }

    fn write_extras(
        &self,
        schema: &Schema,
        staging: &Path,
        _name: &str,
        _folder: bool,
        out: &mut Output,
    ) -> Result<(), ExportError> {
        write_text(
            out,
            &staging.join("annotation.conf"),
            &brat::annotation_conf(schema),
        )?;
        write_text(
            out,
            &staging.join("visual.conf"),
            &brat::visual_conf(schema),
        )
    }
}
