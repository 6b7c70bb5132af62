//! Conversions between model values and table rows.

use rusqlite::Row;

use crate::model::{Annotation, Attributes, Fragment};

/// Fragments as stored: `[[start, end], ...]`.
pub(super) fn fragments_to_json(fragments: &[Fragment]) -> String {
    let pairs: Vec<[usize; 2]> = fragments.iter().map(|f| [f.start, f.end]).collect();
    serde_json::to_string(&pairs).unwrap_or_else(|_| "[]".into())
}

pub(super) fn fragments_from_json(s: &str) -> rusqlite::Result<Vec<Fragment>> {
    let pairs: Vec<[usize; 2]> = serde_json::from_str(s).map_err(|e| bad_column("fragments", e))?;
    Ok(pairs
        .into_iter()
        .map(|[s, e]| Fragment::new(s, e))
        .collect())
}

pub(super) fn attributes_to_json(attributes: &Attributes) -> String {
    serde_json::to_string(attributes).unwrap_or_else(|_| "{}".into())
}

fn attributes_from_json(s: &str) -> rusqlite::Result<Attributes> {
    serde_json::from_str(s).map_err(|e| bad_column("attributes", e))
}

fn bad_column(name: &str, e: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("the {name} column holds invalid JSON: {e}").into(),
    )
}

/// Columns, in this order: annotator name, id, label, fragments, text, attributes, note.
pub(super) const ANNOTATION_COLUMNS: &str = "(SELECT name FROM annotators WHERE pk = a.annotator), a.id, a.label, a.fragments, a.text, a.attributes, a.note";

pub(super) fn annotation_from_row(r: &Row<'_>) -> rusqlite::Result<Annotation> {
    Ok(Annotation {
        annotator: r.get(0)?,
        id: r.get(1)?,
        label: r.get(2)?,
        fragments: fragments_from_json(&r.get::<_, String>(3)?)?,
        text: r.get(4)?,
        attributes: attributes_from_json(&r.get::<_, String>(5)?)?,
        note: r.get(6)?,
    })
}
