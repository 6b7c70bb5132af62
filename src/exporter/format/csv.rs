//! One CSV row per annotation.

use super::{Exporter, Output, Part, PartWriter};
use crate::exporter::{ExportError, files::StreamedFile, files::werr};
use crate::formats::csv as csv_rows;
use crate::model::{Annotation, DocumentRecord, OffsetUnit};

/// CSV.
pub(crate) struct Csv;

impl Exporter for Csv {
    fn name(&self) -> &'static str {
        "csv"
    }

    fn extension(&self) -> &'static str {
        "csv"
    }

    fn start_part<'a>(
        &self,
        part: &Part<'a>,
        out: &mut Output,
    ) -> Result<Box<dyn PartWriter + 'a>, ExportError> {
        let mut rows = Rows {
            writer: ::csv::Writer::from_writer(out.files.create(part.target)?),
            unit: part.unit,
        };
        rows.check(|w| w.write_record(csv_rows::HEADER))?;
        Ok(Box::new(rows))
    }
}

/// A CSV file being written.
struct Rows {
    writer: ::csv::Writer<StreamedFile>,
    unit: OffsetUnit,
}

impl Rows {
    /// Runs a write, naming the file when it fails.
    fn check(
        &mut self,
        write: impl FnOnce(&mut ::csv::Writer<StreamedFile>) -> Result<(), ::csv::Error>,
    ) -> Result<(), ExportError> {
        write(&mut self.writer).map_err(|e| ExportError::Write {
            path: self.writer.get_ref().path().to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })
    }
}

impl PartWriter for Rows {
    fn record(&mut self, r: &DocumentRecord, _out: &mut Output) -> Result<(), ExportError> {
        let anns: Vec<&Annotation> = r.annotations.iter().collect();
        let unit = self.unit;
        self.check(|w| csv_rows::write_rows(w, r, &anns, unit))
    }

    fn finish(self: Box<Self>, out: &mut Output) -> Result<(), ExportError> {
        let path = self.writer.get_ref().path().to_path_buf();
        let file = self
            .writer
            .into_inner()
            .map_err(|e| werr(&path)(e.into_error()))?;
        out.files.close(file)
    }
}
