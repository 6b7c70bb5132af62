//! One row per annotation, for spreadsheets.

use crate::model::{Annotation, DocumentRecord, OffsetIndex, OffsetUnit};

/// The header row.
pub const HEADER: [&str; 11] = [
    "document",
    "title",
    "annotator",
    "id",
    "label",
    "start",
    "end",
    "fragments",
    "text",
    "attributes",
    "note",
];

/// Writes the rows of one document to `w`.
pub fn write_rows<W: std::io::Write>(
    w: &mut csv::Writer<W>,
    record: &DocumentRecord,
    annotations: &[&Annotation],
    unit: OffsetUnit,
) -> csv::Result<()> {
    let index = OffsetIndex::new(&record.document.text);
    let at = |cp: usize| index.from_codepoint(cp, unit).unwrap_or(cp);
    for a in annotations {
        let fragments: Vec<[usize; 2]> = a
            .fragments
            .iter()
            .map(|f| [at(f.start), at(f.end)])
            .collect();
        let (start, end) = (
            fragments.first().map_or(0, |f| f[0]),
            fragments.last().map_or(0, |f| f[1]),
        );
        w.write_record([
            record.document.id.as_str(),
            record.document.title.as_str(),
            a.annotator.as_str(),
            a.id.as_str(),
            a.label.as_str(),
            &start.to_string(),
            &end.to_string(),
            &serde_json::to_string(&fragments).unwrap_or_default(),
            a.text.as_str(),
            &serde_json::to_string(&a.attributes).unwrap_or_default(),
            a.note.as_str(),
        ])?;
    }
    Ok(())
}
