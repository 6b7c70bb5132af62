//! One CSV row per annotation.

use super::{Exporter, Output, Part};
use crate::exporter::ExportError;
use crate::formats::csv as csv_rows;
use crate::model::Annotation;

/// CSV.
pub(crate) struct Csv;

impl Exporter for Csv {
    fn name(&self) -> &'static str {
        "csv"
    }

    fn extension(&self) -> &'static str {
        "csv"
    }

    fn write_part(&self, part: &Part<'_>, out: &mut Output) -> Result<(), ExportError> {
        let target = part.target;
        let mut w = ::csv::Writer::from_writer(Vec::new());
        let to_err = |e: ::csv::Error| ExportError::Write {
            path: target.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        };
        w.write_record(csv_rows::HEADER).map_err(to_err)?;
        for r in part.records {
            let anns: Vec<&Annotation> = r.annotations.iter().collect();
            csv_rows::write_rows(&mut w, r, &anns, part.unit).map_err(to_err)?;
        }
        let bytes = w.into_inner().map_err(|e| ExportError::Write {
            path: target.to_path_buf(),
            source: e.into_error(),
        })?;
        out.files.write(target, &bytes)
    }
}
