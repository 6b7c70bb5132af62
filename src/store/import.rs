//! Writing imported records: all of them in one transaction, or none.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::rows::{attributes_to_json, fragments_to_json, insert_annotation};
use super::{Store, StoreError, StoreResult, annotator_pk};
use crate::model::{Annotation, DocumentRecord, offsets::len_codepoints};

/// What an import changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Documents that were new to the project.
    pub documents_added: usize,
    /// Documents whose text the project already had (matched by SHA-256).
    pub documents_known: Vec<KnownDocument>,
    /// Annotations added.
    pub annotations_added: usize,
    /// Annotations that were already there, identical.
    pub annotations_unchanged: usize,
    /// Relations added.
    pub relations_added: usize,
    /// Relations that were already there, identical.
    pub relations_unchanged: usize,
}

/// An imported document whose text the project already held.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnownDocument {
    /// The id the imported data gave it.
    pub imported_id: String,
    /// The id it has in the project.
    pub existing_id: String,
}

impl ImportReport {
    /// "3 annotations added (1 unchanged), 2 relations added (0 unchanged)".
    pub fn changes(&self) -> String {
        format!(
            "{} annotations added ({} unchanged), {} relations added ({} unchanged)",
            self.annotations_added,
            self.annotations_unchanged,
            self.relations_added,
            self.relations_unchanged
        )
    }
}

impl Store {
    /// Writes validated records (see [`DocumentRecord::validate`]) in one transaction.
    ///
    /// A text the project already has is not added again: its annotations join the existing
    /// document, identical ones are counted as unchanged, and an annotation whose id is taken
    /// by different content rejects the whole import. `progress` hears `(done, total)` now and
    /// then. On any error nothing is written.
    pub fn import_records(
        &mut self,
        records: &[DocumentRecord],
        progress: &mut dyn FnMut(usize, usize),
    ) -> StoreResult<ImportReport> {
        self.import_records_cancellable(records, progress, &|| false)
    }

    /// As [`Store::import_records`]; stops with [`StoreError::Cancelled`], having written
    /// nothing, once `cancelled` says so (asked every 250 records).
    pub fn import_records_cancellable(
        &mut self,
        records: &[DocumentRecord],
        progress: &mut dyn FnMut(usize, usize),
        cancelled: &dyn Fn() -> bool,
    ) -> StoreResult<ImportReport> {
        let tx = self.begin_write()?;
        let version = super::versions::tick(&tx)?;
        let mut report = ImportReport::default();
        let mut annotators: HashMap<String, i64> = HashMap::new();
        for (n, record) in records.iter().enumerate() {
            import_one(&tx, record, &mut annotators, &mut report, version).map_err(
                |e| match e {
                    StoreError::Rejected(msg) => {
                        StoreError::Rejected(format!("document '{}': {msg}", record.document.id))
                    }
                    other => other,
                },
            )?;
            if (n + 1) % 250 == 0 || n + 1 == records.len() {
                if cancelled() {
                    // Dropping the transaction rolls everything back.
                    return Err(StoreError::Cancelled);
                }
                progress(n + 1, records.len());
            }
        }
        tx.commit()?;
        *self.text_cache.borrow_mut() = None;
        self.after_write()?;
        Ok(report)
    }
}

fn import_one(
    conn: &Connection,
    record: &DocumentRecord,
    annotators: &mut HashMap<String, i64>,
    report: &mut ImportReport,
    version: i64,
) -> StoreResult<()> {
    let doc = &record.document;
    let existing: Option<(i64, String)> = conn
        .prepare_cached("SELECT pk, id FROM documents WHERE sha256 = ?1")?
        .query_row([&doc.sha256], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (doc_pk, known) = match existing {
        Some((pk, existing_id)) => {
            report.documents_known.push(KnownDocument {
                imported_id: doc.id.clone(),
                existing_id,
            });
            (pk, true)
        }
        None => {
            let id = free_document_id(conn, &doc.id, record.id_given)?;
            let meta = serde_json::to_string(&doc.meta).unwrap_or_else(|_| "{}".into());
            conn.prepare_cached(
                "INSERT INTO documents (id, title, text, sha256, meta, length) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![id, doc.title, doc.text, doc.sha256, meta, len_codepoints(&doc.text) as i64])?;
            report.documents_added += 1;
            (conn.last_insert_rowid(), false)
        }
    };
    let mut layers = Layers {
        conn,
        annotators,
        report,
        version,
        doc_pk,
        known,
    };
    let pks = layers.annotations(record)?;
    layers.relations(record, &pks)?;
    layers.statuses(record)
}

/// Writes one record's layers into a document (new, or `known` — already in the project, in
/// which case what is there already must be identical).
struct Layers<'a> {
    conn: &'a Connection,
    annotators: &'a mut HashMap<String, i64>,
    report: &'a mut ImportReport,
    version: i64,
    doc_pk: i64,
    known: bool,
}

impl Layers<'_> {
    /// The row of an annotator, created on first use.
    fn layer_pk(&mut self, name: &str) -> StoreResult<i64> {
        if let Some(&pk) = self.annotators.get(name) {
            return Ok(pk);
        }
        let pk = annotator_pk(self.conn, name)?;
        self.annotators.insert(name.to_string(), pk);
        Ok(pk)
    }

    /// Writes the annotations; answers the row of each by (annotator, id as given).
    fn annotations(
        &mut self,
        record: &DocumentRecord,
    ) -> StoreResult<HashMap<(String, String), i64>> {
        // Annotation ids: given ones are kept; missing ones get a fresh random id (never reused).
        let mut pks: HashMap<(String, String), i64> = HashMap::new();
        for ann in &record.annotations {
            let annotator = self.layer_pk(&ann.annotator)?;
            let given = !ann.id.is_empty();
            if self.known {
                let found = if given {
                    find_annotation_by_id(self.conn, self.doc_pk, annotator, ann)?
                } else {
                    find_annotation_by_content(self.conn, self.doc_pk, annotator, ann)?
                };
                if let Some((pk, same)) = found {
                    if !same {
                        return Err(StoreError::Rejected(format!(
                            "annotation '{}' of {} already exists with different content; rename it or merge the layers",
                            ann.id, ann.annotator
                        )));
                    }
                    self.report.annotations_unchanged += 1;
                    pks.insert((ann.annotator.clone(), ann.id.clone()), pk);
                    continue;
                }
            }
            let id = if given {
                ann.id.clone()
            } else {
                crate::model::ids::fresh_id("a")
            };
            insert_annotation(self.conn, self.doc_pk, annotator, &id, ann, self.version).map_err(
                |e| {
                    duplicate_or(e, || {
                        format!("annotation id '{id}' of {} is already taken", ann.annotator)
                    })
                },
            )?;
            pks.insert(
                (ann.annotator.clone(), ann.id.clone()),
                self.conn.last_insert_rowid(),
            );
            self.report.annotations_added += 1;
        }
        Ok(pks)
    }

    /// Writes the relations between the annotations in `pks`.
    fn relations(
        &mut self,
        record: &DocumentRecord,
        pks: &HashMap<(String, String), i64>,
    ) -> StoreResult<()> {
        for rel in &record.relations {
            let annotator = self.layer_pk(&rel.annotator)?;
            let end = |id: &str| {
                pks.get(&(rel.annotator.clone(), id.to_string()))
                    .copied()
                    .ok_or_else(|| {
                        StoreError::Rejected(format!(
                            "relation '{}' points to a missing annotation '{id}'",
                            rel.id
                        ))
                    })
            };
            let (source, target) = (end(&rel.from)?, end(&rel.to)?);
            if self.known {
                let found: Option<(String, String, i64, i64)> = self
                    .conn
                    .prepare_cached(
                        "SELECT id, kind, source, target FROM relations
                         WHERE doc = ?1 AND annotator = ?2 AND (id = ?3 OR (?3 = '' AND kind = ?4 AND source = ?5 AND target = ?6))",
                    )?
                    .query_row(params![self.doc_pk, annotator, rel.id, rel.kind, source, target], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                    })
                    .optional()?;
                if let Some((id, kind, s, t)) = found {
                    if kind != rel.kind || s != source || t != target {
                        return Err(StoreError::Rejected(format!(
                            "relation '{id}' of {} already exists with different content",
                            rel.annotator
                        )));
                    }
                    self.report.relations_unchanged += 1;
                    continue;
                }
            }
            let id = if rel.id.is_empty() {
                crate::model::ids::fresh_id("r")
            } else {
                rel.id.clone()
            };
            self.conn.prepare_cached(
                "INSERT INTO relations (doc, annotator, id, kind, source, target, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![self.doc_pk, annotator, id, rel.kind, source, target, self.version])
            .map_err(|e| duplicate_or(e, || format!("relation id '{id}' of {} is already taken", rel.annotator)))?;
            self.report.relations_added += 1;
        }
        Ok(())
    }

    /// Writes each annotator's status.
    fn statuses(&mut self, record: &DocumentRecord) -> StoreResult<()> {
        for (name, status) in &record.status {
            let annotator = self.layer_pk(name)?;
            self.conn
                .prepare_cached(
                    "INSERT INTO status (doc, annotator, status, version) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (doc, annotator)
                 DO UPDATE SET status = excluded.status, version = excluded.version",
                )?
                .execute(params![self.doc_pk, annotator, status.name(), self.version])?;
        }
        Ok(())
    }
}

/// `id`, or when it is taken and was made up rather than given, `id-2`, `id-3`, ...
fn free_document_id(conn: &Connection, id: &str, given: bool) -> StoreResult<String> {
    let taken = |candidate: &str| -> rusqlite::Result<bool> {
        conn.prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?
            .query_row([candidate], |_| Ok(()))
            .optional()
            .map(|o| o.is_some())
    };
    if !taken(id)? {
        return Ok(id.to_string());
    }
    if given {
        return Err(StoreError::Rejected(format!(
            "the id '{id}' already names a different text in this project; give this document another id"
        )));
    }
    for n in 2.. {
        let candidate = format!("{id}-{n}");
        if !taken(&candidate)? {
            return Ok(candidate);
        }
    }
    unreachable!("an unbounded counter finds a free id")
}

/// The stored columns that make an annotation's content: label, fragments, attributes, note.
fn content_of(ann: &Annotation) -> (String, String, String, String) {
    (
        ann.label.clone(),
        fragments_to_json(&ann.fragments),
        attributes_to_json(&ann.attributes),
        ann.note.clone(),
    )
}

/// Finds `ann` by its id; answers its key and whether the stored content equals `ann`'s.
fn find_annotation_by_id(
    conn: &Connection,
    doc: i64,
    annotator: i64,
    ann: &Annotation,
) -> rusqlite::Result<Option<(i64, bool)>> {
    let found = conn
        .prepare_cached(
            "SELECT pk, label, fragments, attributes, note FROM annotations WHERE doc = ?1 AND annotator = ?2 AND id = ?3",
        )?
        .query_row(params![doc, annotator, ann.id], |r| {
            Ok((r.get::<_, i64>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        })
        .optional()?;
    Ok(found.map(|(pk, stored)| (pk, stored == content_of(ann))))
}

/// Finds an annotation of the same label and fragments (for data without ids); answers its key
/// and whether attributes and note are equal too.
fn find_annotation_by_content(
    conn: &Connection,
    doc: i64,
    annotator: i64,
    ann: &Annotation,
) -> rusqlite::Result<Option<(i64, bool)>> {
    let found = conn
        .prepare_cached(
            "SELECT pk, label, fragments, attributes, note FROM annotations
             WHERE doc = ?1 AND annotator = ?2 AND label = ?3 AND fragments = ?4",
        )?
        .query_row(
            params![doc, annotator, ann.label, fragments_to_json(&ann.fragments)],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?),
                ))
            },
        )
        .optional()?;
    Ok(found.map(|(pk, stored)| (pk, stored == content_of(ann))))
}

/// Turns a UNIQUE constraint failure into a sentence; other errors pass through.
fn duplicate_or(e: rusqlite::Error, message: impl FnOnce() -> String) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            StoreError::Rejected(message())
        }
        _ => e.into(),
    }
}

/// Deletes one layer of one document: its relations, annotations and status.
pub(super) fn remove_layer(conn: &Connection, doc_pk: i64, layer: i64) -> StoreResult<()> {
    for table in ["relations", "annotations", "status"] {
        conn.prepare_cached(&format!(
            "DELETE FROM {table} WHERE doc = ?1 AND annotator = ?2"
        ))?
        .execute(params![doc_pk, layer])?;
    }
    Ok(())
}

/// Writes one layer of one document as the hub holds it (checked against the document
/// before), keeping its ids.
pub(super) fn import_layers(
    conn: &Connection,
    doc_pk: i64,
    l: &super::sync::HubLayer,
    version: i64,
) -> StoreResult<()> {
    let layer = annotator_pk(conn, &l.annotator)?;
    let mut pks: HashMap<&str, i64> = HashMap::new();
    for ann in &l.annotations {
        insert_annotation(conn, doc_pk, layer, &ann.id, ann, version)?;
        pks.insert(&ann.id, conn.last_insert_rowid());
    }
    for rel in &l.relations {
        let (Some(source), Some(target)) = (pks.get(rel.from.as_str()), pks.get(rel.to.as_str()))
        else {
            return Err(StoreError::Rejected(format!(
                "relation '{}' of {} points to a missing annotation",
                rel.id, l.annotator
            )));
        };
        conn.prepare_cached(
            "INSERT INTO relations (doc, annotator, id, kind, source, target, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![doc_pk, layer, rel.id, rel.kind, source, target, version])?;
    }
    if let Some(status) = l.status {
        conn.prepare_cached(
            "INSERT INTO status (doc, annotator, status, version) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![doc_pk, layer, status.name(), version])?;
    }
    // Its rejections replace the ones it had here.
    let items: Vec<String> = conn
        .prepare_cached("SELECT item FROM rejections WHERE doc = ?1")?
        .query_map([doc_pk], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for item in items
        .iter()
        .filter(|i| crate::model::layer::rejection_layer(i) == l.annotator)
    {
        conn.prepare_cached("DELETE FROM rejections WHERE doc = ?1 AND item = ?2")?
            .execute(params![doc_pk, item])?;
    }
    for item in &l.rejected {
        conn.prepare_cached("INSERT OR IGNORE INTO rejections (doc, item) VALUES (?1, ?2)")?
            .execute(params![doc_pk, item])?;
    }
    Ok(())
}
