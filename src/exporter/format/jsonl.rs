//! The native JSONL: one document per line, every chosen layer in it.

use super::{Exporter, Output, Part, PartWriter};
use crate::exporter::{ExportError, files::StreamedFile};
use crate::formats::jsonl;
use crate::model::{DocumentRecord, OffsetUnit};

/// Native JSONL.
pub(crate) struct Jsonl;

impl Exporter for Jsonl {
    fn name(&self) -> &'static str {
        "jsonl"
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
            unit: part.unit,
        }))
    }
}

/// A JSONL file being written.
struct Lines {
    file: StreamedFile,
    unit: OffsetUnit,
}

impl PartWriter for Lines {
    fn record(&mut self, r: &DocumentRecord, _out: &mut Output) -> Result<(), ExportError> {
        let line = jsonl::write_line(r, self.unit) + "\n";
        self.file.append(line.as_bytes())
    }

    fn finish(self: Box<Self>, out: &mut Output) -> Result<(), ExportError> {
        out.files.close(self.file)
    }
}
