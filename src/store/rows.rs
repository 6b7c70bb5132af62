//! Conversions between model values and table rows.

use rusqlite::Row;

use crate::model::{Annotation, Attributes, Fragment, Origin, Relation};

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

/// Columns, in this order: annotator name, id, label, fragments, text, attributes, note,
/// origin.
pub(super) const ANNOTATION_COLUMNS: &str = "(SELECT name FROM annotators WHERE pk = a.annotator), a.id, a.label, a.fragments, a.text, a.attributes, a.note, a.origin";

pub(super) fn annotation_from_row(r: &Row<'_>) -> rusqlite::Result<Annotation> {
    annotation_from_row_at(r, 0)
}

/// The annotation whose [`ANNOTATION_COLUMNS`] start at column `at`.
pub(super) fn annotation_from_row_at(r: &Row<'_>, at: usize) -> rusqlite::Result<Annotation> {
    Ok(Annotation {
        origin: Origin::from_name(&r.get::<_, String>(at + 7)?),
        annotator: r.get(at)?,
        id: r.get(at + 1)?,
        label: r.get(at + 2)?,
        fragments: fragments_from_json(&r.get::<_, String>(at + 3)?)?,
        text: r.get(at + 4)?,
        attributes: attributes_from_json(&r.get::<_, String>(at + 5)?)?,
        note: r.get(at + 6)?,
    })
}

/// `SELECT r.pk, <relation columns> FROM <joins>`: every query of relations starts so and
/// adds its `WHERE`; [`relation_from_row`] reads the row.
pub(super) const RELATION_SELECT: &str = "SELECT r.pk, n.name, r.id, r.kind, s.id, t.id
     FROM relations r
     JOIN annotators n ON n.pk = r.annotator
     JOIN annotations s ON s.pk = r.source
     JOIN annotations t ON t.pk = r.target";

/// A row of [`RELATION_SELECT`]: the relation's key and the relation.
pub(super) fn relation_from_row(r: &Row<'_>) -> rusqlite::Result<(i64, Relation)> {
    Ok((
        r.get(0)?,
        Relation {
            annotator: r.get(1)?,
            id: r.get(2)?,
            kind: r.get(3)?,
            from: r.get(4)?,
            to: r.get(5)?,
        },
    ))
}

/// Inserts one annotation row, stamped with `version`. Its fragments and covered text must
/// already be checked against the document. Answers SQLite's error (a taken id is a
/// constraint violation) for the caller to word.
pub(super) fn insert_annotation(
    conn: &rusqlite::Connection,
    doc_pk: i64,
    annotator_pk: i64,
    id: &str,
    ann: &Annotation,
    version: i64,
) -> rusqlite::Result<usize> {
    let start = ann.fragments.first().map_or(0, |f| f.start) as i64;
    conn.prepare_cached(
        "INSERT INTO annotations (doc, annotator, id, label, fragments, start, text, attributes, note, version, origin)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(rusqlite::params![
        doc_pk,
        annotator_pk,
        id,
        ann.label,
        fragments_to_json(&ann.fragments),
        start,
        ann.text,
        attributes_to_json(&ann.attributes),
        ann.note,
        version,
        ann.origin.name()
    ])
}
