//! The edit API: every change of annotations, relations and status goes through
//! [`Store::apply_checked`] (called by `Workspace::apply`, undo and redo), in one transaction, and answers with the edit that takes it back.

use rusqlite::{Connection, OptionalExtension, params};

use super::rows::{
    ANNOTATION_COLUMNS, RELATION_SELECT, annotation_from_row, attributes_to_json,
    fragments_to_json, insert_annotation, relation_from_row,
};
use super::{Store, StoreError, StoreResult, annotator_pk, next_id};
use crate::model::annotation::{covered_text, normalize_fragments};
use crate::model::layer::validate_annotator_name;
use crate::model::{AnnRef, Annotation, DocStatus, Edit, Origin, Relation, Schema};

fn rejected(msg: impl Into<String>) -> StoreError {
    StoreError::Rejected(msg.into())
}

/// Applies `edit` inside the caller's transaction; every row written gets the version
/// `store.clock`.
pub(super) fn apply_in(
    conn: &Connection,
    store: &Store,
    edit: &Edit,
    schema: &Schema,
) -> StoreResult<Edit> {
    let version = store.clock.get();
    match edit {
        Edit::AddAnnotation { doc, annotation } => {
            add_annotation(conn, store, doc, annotation, schema)
        }
        Edit::DeleteAnnotation(target) => delete_annotation(conn, target, version),
        Edit::Relabel { target, label } => relabel(conn, target, label, schema, version),
        Edit::SetFragments { target, fragments } => {
            set_fragments(conn, store, target, fragments, version)
        }
        Edit::SetAttribute {
            target,
            name,
            value,
        } => set_attribute(conn, target, name, value.as_ref(), schema, version),
        Edit::SetNote { target, note } => {
            let (pk, ann) = load_annotation(conn, target)?;
            conn.prepare_cached("UPDATE annotations SET note = ?1, version = ?3 WHERE pk = ?2")?
                .execute(params![note, pk, version])?;
            Ok(Edit::SetNote {
                target: target.clone(),
                note: ann.note,
            })
        }
        Edit::SetOrigin { target, origin } => {
            let (pk, ann) = load_annotation(conn, target)?;
            set_origin(conn, pk, *origin, version)?;
            Ok(Edit::SetOrigin {
                target: target.clone(),
                origin: ann.origin,
            })
        }
        Edit::Link { doc, relation } => link(conn, store, doc, relation, schema),
        Edit::Unlink { doc, annotator, id } => {
            let doc_pk = store.doc_pk(doc)?;
            let (pk, relation) = load_relation(conn, doc_pk, annotator, id)?.ok_or_else(|| {
                StoreError::NotFound(format!(
                    "{annotator} has no relation '{id}' in document '{doc}'"
                ))
            })?;
            delete_relation(conn, pk, version)?;
            Ok(Edit::Link {
                doc: doc.clone(),
                relation,
            })
        }
        Edit::SetStatus {
            doc,
            annotator,
            status,
        } => set_status(conn, store, doc, annotator, *status, version),
        Edit::SetRejected {
            doc,
            item,
            rejected,
        } => set_rejected(conn, store, doc, item, *rejected),
        Edit::Batch(edits) => {
            let mut inverses = Vec::with_capacity(edits.len());
            for e in edits {
                inverses.push(apply_in(conn, store, e, schema)?);
            }
            inverses.reverse();
            Ok(Edit::Batch(inverses))
        }
    }
}

/// Moves an annotation to other fragments; its covered text follows.
fn set_fragments(
    conn: &Connection,
    store: &Store,
    target: &AnnRef,
    fragments: &[crate::model::Fragment],
    version: i64,
) -> StoreResult<Edit> {
    let (pk, old) = load_annotation(conn, target)?;
    let doc_pk = store.doc_pk(&target.doc)?;
    let (text, index) = store.doc_text(doc_pk)?;
    let fragments = normalize_fragments(fragments.to_vec(), index.len_codepoints())
        .map_err(|e| rejected(e.to_string()))?;
    let covered = covered_text(&text, &index, &fragments)
        .ok_or_else(|| rejected("the span lies outside the text"))?;
    conn.prepare_cached(
        "UPDATE annotations SET fragments = ?1, start = ?2, text = ?3, version = ?5 WHERE pk = ?4",
    )?
    .execute(params![
        fragments_to_json(&fragments),
        fragments[0].start as i64,
        covered,
        pk,
        version
    ])?;
    let inverse = Edit::SetFragments {
        target: target.clone(),
        fragments: old.fragments,
    };
    mark_edited(conn, pk, target, old.origin, version, inverse)
}

fn set_origin(conn: &Connection, pk: i64, origin: Origin, version: i64) -> StoreResult<()> {
    conn.prepare_cached("UPDATE annotations SET origin = ?1, version = ?3 WHERE pk = ?2")?
        .execute(params![origin.name(), pk, version])?;
    Ok(())
}

/// An accepted suggestion whose span or label changed becomes an edited one; answers the
/// inverse of the whole change (`inverse`, and the mark taken back).
fn mark_edited(
    conn: &Connection,
    pk: i64,
    target: &AnnRef,
    was: Origin,
    version: i64,
    inverse: Edit,
) -> StoreResult<Edit> {
    if was != Origin::Suggestion {
        return Ok(inverse);
    }
    set_origin(conn, pk, Origin::EditedSuggestion, version)?;
    Ok(Edit::Batch(vec![
        inverse,
        Edit::SetOrigin {
            target: target.clone(),
            origin: was,
        },
    ]))
}

/// Sets (or, with `None`, removes) one attribute, checked against the schema.
fn set_attribute(
    conn: &Connection,
    target: &AnnRef,
    name: &str,
    value: Option<&serde_json::Value>,
    schema: &Schema,
    version: i64,
) -> StoreResult<Edit> {
    let (pk, mut ann) = load_annotation(conn, target)?;
    if let Some(v) = value {
        schema.check_attribute(&ann.label, name, v)?;
    }
    let old = match value {
        Some(v) => ann.attributes.insert(name.to_string(), v.clone()),
        None => ann.attributes.remove(name),
    };
    conn.prepare_cached("UPDATE annotations SET attributes = ?1, version = ?3 WHERE pk = ?2")?
        .execute(params![attributes_to_json(&ann.attributes), pk, version])?;
    Ok(Edit::SetAttribute {
        target: target.clone(),
        name: name.to_string(),
        value: old,
    })
}

/// Sets an annotator's status of a document; `new` removes the row.
fn set_status(
    conn: &Connection,
    store: &Store,
    doc: &str,
    annotator: &str,
    status: DocStatus,
    version: i64,
) -> StoreResult<Edit> {
    validate_annotator_name(annotator)?;
    let doc_pk = store.doc_pk(doc)?;
    let old = store.status(doc, annotator)?;
    let layer = annotator_pk(conn, annotator)?;
    if status == DocStatus::New {
        // `new` is what no recorded status means; keeping no row makes undo exact.
        conn.prepare_cached("DELETE FROM status WHERE doc = ?1 AND annotator = ?2")?
            .execute(params![doc_pk, layer])?;
    } else {
        conn.prepare_cached(
            "INSERT INTO status (doc, annotator, status, version) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (doc, annotator)
             DO UPDATE SET status = excluded.status, version = excluded.version",
        )?
        .execute(params![doc_pk, layer, status.name(), version])?;
    }
    Ok(Edit::SetStatus {
        doc: doc.to_string(),
        annotator: annotator.to_string(),
        status: old,
    })
}

/// Records (or forgets) that a reviewer rejected a disagreement.
fn set_rejected(
    conn: &Connection,
    store: &Store,
    doc: &str,
    item: &str,
    rejected: bool,
) -> StoreResult<Edit> {
    let doc_pk = store.doc_pk(doc)?;
    let was: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM rejections WHERE doc = ?1 AND item = ?2)")?
        .query_row(params![doc_pk, item], |r| r.get(0))?;
    if rejected {
        conn.prepare_cached("INSERT OR IGNORE INTO rejections (doc, item) VALUES (?1, ?2)")?
            .execute(params![doc_pk, item])?;
    } else {
        conn.prepare_cached("DELETE FROM rejections WHERE doc = ?1 AND item = ?2")?
            .execute(params![doc_pk, item])?;
    }
    // In a hub copy a rejection travels with its layer: that layer has changed.
    if was != rejected {
        let layer = super::annotator_pk(conn, crate::model::layer::rejection_layer(item))?;
        conn.prepare_cached(
            "INSERT OR IGNORE INTO sync_dirty (doc, annotator)
             SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM sync_state WHERE key = 'hub')",
        )?
        .execute(params![doc_pk, layer])?;
    }
    Ok(Edit::SetRejected {
        doc: doc.to_string(),
        item: item.to_string(),
        rejected: was,
    })
}

fn add_annotation(
    conn: &Connection,
    store: &Store,
    doc: &str,
    ann: &Annotation,
    schema: &Schema,
) -> StoreResult<Edit> {
    validate_annotator_name(&ann.annotator)?;
    if schema.label(&ann.label).is_none() {
        return Err(rejected(format!("unknown label '{}'", ann.label)));
    }
    for (name, value) in &ann.attributes {
        schema.check_attribute(&ann.label, name, value)?;
    }
    let doc_pk = store.doc_pk(doc)?;
    let (text, index) = store.doc_text(doc_pk)?;
    let fragments = normalize_fragments(ann.fragments.clone(), index.len_codepoints())
        .map_err(|e| rejected(e.to_string()))?;
    let covered = covered_text(&text, &index, &fragments)
        .ok_or_else(|| rejected("the span lies outside the text"))?;
    let layer = annotator_pk(conn, &ann.annotator)?;
    let id = if ann.id.is_empty() {
        next_id(conn, "annotations", doc_pk, layer, "a")?
    } else {
        ann.id.clone()
    };
    let row = Annotation {
        fragments,
        text: covered,
        ..ann.clone()
    };
    insert_annotation(conn, doc_pk, layer, &id, &row, store.clock.get()).map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            rejected(format!(
                "{} already has an annotation '{id}' in this document",
                ann.annotator
            ))
        }
        other => other.into(),
    })?;
    Ok(Edit::DeleteAnnotation(AnnRef {
        doc: doc.to_string(),
        annotator: ann.annotator.clone(),
        id,
    }))
}

fn delete_annotation(conn: &Connection, target: &AnnRef, version: i64) -> StoreResult<Edit> {
    let (pk, ann) = load_annotation(conn, target)?;
    let relations = relations_touching(conn, pk)?;
    let mut restore = vec![Edit::AddAnnotation {
        doc: target.doc.clone(),
        annotation: ann,
    }];
    for (rel_pk, relation) in relations {
        delete_relation(conn, rel_pk, version)?;
        restore.push(Edit::Link {
            doc: target.doc.clone(),
            relation,
        });
    }
    conn.prepare_cached("DELETE FROM annotations WHERE pk = ?1")?
        .execute([pk])?;
    Ok(if restore.len() == 1 {
        restore.remove(0)
    } else {
        Edit::Batch(restore)
    })
}

fn relabel(
    conn: &Connection,
    target: &AnnRef,
    label: &str,
    schema: &Schema,
    version: i64,
) -> StoreResult<Edit> {
    let (pk, ann) = load_annotation(conn, target)?;
    let def = schema
        .label(label)
        .ok_or_else(|| rejected(format!("unknown label '{label}'")))?;
    let mut restore = vec![Edit::Relabel {
        target: target.clone(),
        label: ann.label.clone(),
    }];
    // Attributes the new label does not have go, and come back on undo.
    let mut attributes = ann.attributes.clone();
    for (name, value) in &ann.attributes {
        if schema.check_attribute(label, name, value).is_err() {
            attributes.remove(name);
            restore.push(Edit::SetAttribute {
                target: target.clone(),
                name: name.clone(),
                value: Some(value.clone()),
            });
        }
    }
    // So do relations the new label cannot take part in.
    for (rel_pk, rel) in relations_touching(conn, pk)? {
        let (from_label, to_label) = relation_end_labels(conn, rel_pk)?;
        let (from_label, to_label) = if rel.from == target.id && rel.to == target.id {
            (label.to_string(), label.to_string())
        } else if rel.from == target.id {
            (label.to_string(), to_label)
        } else {
            (from_label, label.to_string())
        };
        if schema
            .check_relation(&rel.kind, &from_label, &to_label)
            .is_err()
        {
            delete_relation(conn, rel_pk, version)?;
            restore.push(Edit::Link {
                doc: target.doc.clone(),
                relation: rel,
            });
        }
    }
    conn.prepare_cached(
        "UPDATE annotations SET label = ?1, attributes = ?2, version = ?4 WHERE pk = ?3",
    )?
    .execute(params![
        def.name,
        attributes_to_json(&attributes),
        pk,
        version
    ])?;
    let inverse = if restore.len() == 1 {
        restore.remove(0)
    } else {
        Edit::Batch(restore)
    };
    if ann.label == def.name {
        return Ok(inverse);
    }
    mark_edited(conn, pk, target, ann.origin, version, inverse)
}

fn link(
    conn: &Connection,
    store: &Store,
    doc: &str,
    rel: &Relation,
    schema: &Schema,
) -> StoreResult<Edit> {
    validate_annotator_name(&rel.annotator)?;
    let end = |id: &str| {
        load_annotation(
            conn,
            &AnnRef {
                doc: doc.to_string(),
                annotator: rel.annotator.clone(),
                id: id.to_string(),
            },
        )
    };
    let (source, from) = end(&rel.from)?;
    let (target, to) = end(&rel.to)?;
    if source == target {
        return Err(rejected("an annotation cannot be linked to itself"));
    }
    schema.check_relation(&rel.kind, &from.label, &to.label)?;
    let doc_pk = store.doc_pk(doc)?;
    let layer = annotator_pk(conn, &rel.annotator)?;
    let duplicate: Option<String> = conn
        .prepare_cached("SELECT id FROM relations WHERE doc = ?1 AND annotator = ?2 AND kind = ?3 AND source = ?4 AND target = ?5")?
        .query_row(params![doc_pk, layer, rel.kind, source, target], |r| r.get(0))
        .optional()?;
    if let Some(existing) = duplicate {
        return Err(rejected(format!(
            "these two are already linked ({existing})"
        )));
    }
    let id = if rel.id.is_empty() {
        next_id(conn, "relations", doc_pk, layer, "r")?
    } else {
        rel.id.clone()
    };
    let version = store.clock.get();
    conn.prepare_cached("INSERT INTO relations (doc, annotator, id, kind, source, target, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?
        .execute(params![doc_pk, layer, id, rel.kind, source, target, version])
        .map_err(|e| match e {
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
                rejected(format!("{} already has a relation '{id}' in this document", rel.annotator))
            }
            other => other.into(),
        })?;
    // A link is part of both its ends: they count as changed.
    conn.prepare_cached("UPDATE annotations SET version = ?1 WHERE pk IN (?2, ?3)")?
        .execute(params![version, source, target])?;
    Ok(Edit::Unlink {
        doc: doc.to_string(),
        annotator: rel.annotator.clone(),
        id,
    })
}

/// Deletes one relation; both its ends count as changed.
fn delete_relation(conn: &Connection, rel_pk: i64, version: i64) -> StoreResult<()> {
    conn.prepare_cached(
        "UPDATE annotations SET version = ?1
         WHERE pk IN (SELECT source FROM relations WHERE pk = ?2 UNION SELECT target FROM relations WHERE pk = ?2)",
    )?
    .execute(params![version, rel_pk])?;
    conn.prepare_cached("DELETE FROM relations WHERE pk = ?1")?
        .execute([rel_pk])?;
    Ok(())
}

/// Loads one annotation and its key.
fn load_annotation(conn: &Connection, target: &AnnRef) -> StoreResult<(i64, Annotation)> {
    let sql = format!(
        "SELECT {ANNOTATION_COLUMNS}, a.pk FROM annotations a
         JOIN documents d ON d.pk = a.doc JOIN annotators n ON n.pk = a.annotator
         WHERE d.id = ?1 AND n.name = ?2 AND a.id = ?3"
    );
    conn.prepare_cached(&sql)?
        .query_row(params![target.doc, target.annotator, target.id], |r| {
            Ok((r.get::<_, i64>(8)?, annotation_from_row(r)?))
        })
        .optional()?
        .ok_or_else(|| {
            StoreError::NotFound(format!(
                "{} has no annotation '{}' in document '{}'",
                target.annotator, target.id, target.doc
            ))
        })
}

fn load_relation(
    conn: &Connection,
    doc_pk: i64,
    annotator: &str,
    id: &str,
) -> StoreResult<Option<(i64, Relation)>> {
    let sql = format!("{RELATION_SELECT} WHERE r.doc = ?1 AND n.name = ?2 AND r.id = ?3");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params![doc_pk, annotator, id], relation_from_row)
        .optional()?)
}

/// Relations that start or end at the annotation with key `pk`, oldest first.
fn relations_touching(conn: &Connection, pk: i64) -> StoreResult<Vec<(i64, Relation)>> {
    let sql = format!("{RELATION_SELECT} WHERE r.source = ?1 OR r.target = ?1 ORDER BY r.pk");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([pk], relation_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn relation_end_labels(conn: &Connection, rel_pk: i64) -> StoreResult<(String, String)> {
    Ok(conn
        .prepare_cached(
            "SELECT s.label, t.label FROM relations r JOIN annotations s ON s.pk = r.source
             JOIN annotations t ON t.pk = r.target WHERE r.pk = ?1",
        )?
        .query_row([rel_pk], |r| Ok((r.get(0)?, r.get(1)?)))?)
}
