//! brat standoff: a folder with `.txt` + `.ann` per document (a subfolder per layer when there
//! are several), `annotation.conf` and `visual.conf`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::{Exporter, Output, Part, PartWriter, layer_view, write_text};
use crate::exporter::{ExportError, files::werr, safe_file_name};
use crate::formats::brat;
use crate::model::{DocumentRecord, OffsetUnit, Schema};

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

    fn check_schema(&self, schema: &Schema) -> Result<(), ExportError> {
        brat::renamed(schema)?;
        Ok(())
    }

    fn card_lines(&self, schema: &Schema) -> String {
        let renamed = brat::renamed(schema).unwrap_or_default();
        if renamed.is_empty() {
            return String::new();
        }
        let pairs: Vec<String> = renamed
            .iter()
            .map(|(name, brat)| format!("`{name}` → `{brat}`"))
            .collect();
        format!(
            "- names: brat names have no spaces, so these are written with `_` (and listed in `annotation.conf`): {}; importing the export into a project with this schema restores them\n",
            pairs.join(", ")
        )
    }

    fn start_part<'a>(
        &self,
        part: &Part<'a>,
        _out: &mut Output,
    ) -> Result<Box<dyn PartWriter + 'a>, ExportError> {
        let several = part.layers.len() > 1;
        let mut dirs = Vec::new();
        for layer in part.layers {
            let dir = if several {
                part.target.join(safe_file_name(layer))
            } else {
                part.target.to_path_buf()
            };
            std::fs::create_dir_all(&dir).map_err(werr(&dir))?;
            dirs.push((layer.as_str(), dir));
        }
        Ok(Box::new(Pairs {
            dirs,
            used: HashSet::new(),
            pending: Vec::new(),
            pending_bytes: 0,
            report: brat::BratReport::default(),
        }))
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

/// Files written in batches of about this many bytes (from several threads at once).
const BATCH_BYTES: usize = 16 << 20;

/// The `.txt` and `.ann` files of a part, written in batches.
struct Pairs<'a> {
    /// Each layer with its folder.
    dirs: Vec<(&'a str, PathBuf)>,
    /// File names taken so far, lowercased (file systems that ignore case).
    used: HashSet<String>,
    pending: Vec<(PathBuf, Vec<u8>)>,
    pending_bytes: usize,
    report: brat::BratReport,
}

impl Pairs<'_> {
    fn flush(&mut self, out: &mut Output) -> Result<(), ExportError> {
        self.pending_bytes = 0;
        out.files.write_many(std::mem::take(&mut self.pending))
    }
}

impl PartWriter for Pairs<'_> {
    fn record(&mut self, r: &DocumentRecord, out: &mut Output) -> Result<(), ExportError> {
        let mut base = safe_file_name(&r.document.id);
        while !self.used.insert(base.to_lowercase()) {
            base.push('_');
        }
        for (layer, dir) in &self.dirs {
            let (anns, rels) = layer_view(r, layer);
            let ann = brat::write_ann(&r.document.text, &anns, &rels, &mut self.report);
            self.pending_bytes += r.document.text.len() + ann.len();
            self.pending.push((
                dir.join(format!("{base}.txt")),
                r.document.text.clone().into_bytes(),
            ));
            self.pending
                .push((dir.join(format!("{base}.ann")), ann.into_bytes()));
        }
        if self.pending_bytes >= BATCH_BYTES {
            self.flush(out)?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>, out: &mut Output) -> Result<(), ExportError> {
        self.flush(out)?;
        if self.report.cut_at_line_breaks > 0 {
            out.warnings.push(format!(
                "brat: {} annotations crossed a line end (a line break, or a character brat's reader ends a line at: U+2028, U+2029, U+0085, form feed, vertical tab, U+001C–U+001E) and were cut there",
                self.report.cut_at_line_breaks
            ));
        }
        Ok(())
    }
}
