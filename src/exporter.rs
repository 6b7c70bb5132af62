//! `spanbench export`: datasets written atomically (a temporary file, then a rename).

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::formats::jsonl;
use crate::model::OffsetUnit;
use crate::store::{LayerFilter, StoreError};
use crate::workspace::Workspace;

/// A format `export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// Native JSONL.
    Jsonl,
}

/// What an export wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportReport {
    /// Documents written.
    pub documents: usize,
    /// Annotations written.
    pub annotations: usize,
    /// Relations written.
    pub relations: usize,
}

/// Why an export wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The output could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The layer asked for does not exist.
    #[error("{0}")]
    UnknownLayer(String),
    /// Reading the project failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Writes the project's documents with the layers `filter` admits to `out`.
pub fn export(
    ws: &Workspace,
    format: ExportFormat,
    out: &Path,
    filter: &LayerFilter,
    unit: OffsetUnit,
) -> Result<ExportReport, ExportError> {
    if let LayerFilter::Only(names) = filter {
        let known = ws.store.annotators()?;
        for name in names {
            if !known.contains(name) {
                let list = if known.is_empty() {
                    "none yet".to_string()
                } else {
                    known.join(", ")
                };
                return Err(ExportError::UnknownLayer(format!(
                    "the project has no layer '{name}' (layers: {list})"
                )));
            }
        }
    }
    let werr = |source: std::io::Error| ExportError::Write {
        path: out.to_path_buf(),
        source,
    };
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(werr)?;
    }
    let file_name = out.file_name().and_then(|n| n.to_str()).unwrap_or("export");
    let tmp = out.with_file_name(format!(".{file_name}.partial"));
    let result = write_to(ws, format, &tmp, filter, unit);
    match result {
        Ok(report) => {
            std::fs::rename(&tmp, out).map_err(werr)?;
            Ok(report)
        }
        Err(e) => {
            // The partial file is ours and useless; its removal failing changes nothing.
            std::fs::remove_file(&tmp).ok();
            Err(e)
        }
    }
}

fn write_to(
    ws: &Workspace,
    format: ExportFormat,
    tmp: &Path,
    filter: &LayerFilter,
    unit: OffsetUnit,
) -> Result<ExportReport, ExportError> {
    let werr = |source: std::io::Error| ExportError::Write {
        path: tmp.to_path_buf(),
        source,
    };
    let file = std::fs::File::create(tmp).map_err(werr)?;
    let mut w = BufWriter::new(file);
    let mut report = ExportReport::default();
    ws.store.for_each_record(filter, |record| {
        report.documents += 1;
        report.annotations += record.annotations.len();
        report.relations += record.relations.len();
        let line = match format {
            ExportFormat::Jsonl => jsonl::write_line(&record, unit),
        };
        writeln!(w, "{line}").map_err(werr)
    })?;
    let file = w.into_inner().map_err(|e| werr(e.into_error()))?;
    file.sync_all().map_err(werr)?;
    Ok(report)
}
