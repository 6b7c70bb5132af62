//! One type per export format, each behind [`Exporter`]. Adding a format is one new file here
//! and one line in [`ALL`].

use std::path::Path;

use super::{ExportError, files::Files};
use crate::model::{Annotation, DocumentRecord, OffsetUnit, Relation, Schema};

mod brat;
mod conll;
mod csv;
mod doccano;
mod jsonl;
mod label_studio;
mod spacy;

/// Every export format, in the order menus list them.
pub(super) const ALL: &[&dyn Exporter] = &[
    &jsonl::Jsonl,
    &spacy::Spacy,
    &conll::Conll,
    &brat::Brat,
    &doccano::Doccano,
    &label_studio::LabelStudio,
    &csv::Csv,
];

/// What one part of an export (all documents, or one split) is written with; its documents
/// come one at a time through [`PartWriter::record`].
pub(crate) struct Part<'a> {
    /// The file (or, for folder formats, the folder) to write.
    pub target: &'a Path,
    /// The chosen layers.
    pub layers: &'a [String],
    /// The offset unit.
    pub unit: OffsetUnit,
    /// The project's schema.
    pub schema: &'a Schema,
}

/// Where an exporter writes to: the files (hashed for the data card) and what the format could
/// not keep exactly.
pub(crate) struct Output {
    /// The files written.
    pub files: Files,
    /// Sentences for the data card and the command's notes.
    pub warnings: Vec<String>,
}

/// One export format.
pub(crate) trait Exporter: Sync {
    /// The name on the command line and in menus (`label-studio`).
    fn name(&self) -> &'static str;
    /// The extension of its files (`jsonl`); empty for a format that writes a folder.
    fn extension(&self) -> &'static str;
    /// True when it writes a folder (brat).
    fn writes_folder(&self) -> bool {
        false
    }
    /// The offset unit when none is asked for.
    fn default_unit(&self) -> OffsetUnit {
        OffsetUnit::Codepoint
    }
    /// The only unit the format can have, if it fixes one (brat, CoNLL and spaCy count code
    /// points or tokens whatever is asked).
    fn only_unit(&self) -> Option<OffsetUnit> {
        None
    }
    /// Refuses a schema the format cannot write faithfully (brat: two names it would spell
    /// alike), before anything is written.
    fn check_schema(&self, _schema: &Schema) -> Result<(), ExportError> {
        Ok(())
    }
    /// Lines the data card gives about this format (tokenization, columns), each ending in `\n`.
    fn card_lines(&self, _schema: &Schema) -> String {
        String::new()
    }
    /// Starts writing one part; its documents follow one by one, so an export of any size
    /// runs in bounded memory.
    fn start_part<'a>(
        &self,
        part: &Part<'a>,
        out: &mut Output,
    ) -> Result<Box<dyn PartWriter + 'a>, ExportError>;
    /// Writes files that go with the whole export (configurations); `name` is the output's
    /// file name, `folder` whether the export is a folder.
    fn write_extras(
        &self,
        _schema: &Schema,
        _staging: &Path,
        _name: &str,
        _folder: bool,
        _out: &mut Output,
    ) -> Result<(), ExportError> {
        Ok(())
    }
}

/// Writes the documents of one part as they come.
pub(crate) trait PartWriter {
    /// Writes one document with its chosen layers.
    fn record(&mut self, r: &DocumentRecord, out: &mut Output) -> Result<(), ExportError>;
    /// Ends the part: closes its files and adds what the format could not keep.
    fn finish(self: Box<Self>, out: &mut Output) -> Result<(), ExportError>;
}

/// One layer of a record: its annotations and relations.
pub(super) fn layer_view<'a>(
    r: &'a DocumentRecord,
    layer: &str,
) -> (Vec<&'a Annotation>, Vec<&'a Relation>) {
    (
        r.layer_annotations(layer),
        r.relations
            .iter()
            .filter(|x| x.annotator == layer)
            .collect(),
    )
}

/// Text files are written as their UTF-8 bytes.
pub(super) fn write_text(out: &mut Output, path: &Path, text: &str) -> Result<(), ExportError> {
    out.files.write(path, text.as_bytes())
}
