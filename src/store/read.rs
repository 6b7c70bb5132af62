//! Read-only queries: document lists, documents, layers, statuses.

use std::collections::BTreeMap;

use rusqlite::{OptionalExtension, params};

use super::rows::{ANNOTATION_COLUMNS, RELATION_SELECT, annotation_from_row, relation_from_row};
use super::{Store, StoreError, StoreResult};
use crate::model::{AnnRef, Annotation, DocStatus, Document, DocumentRecord, Relation};

/// One line of the document list.
#[derive(Clone, Debug, PartialEq)]
pub struct DocSummary {
    /// Document id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Length in code points.
    pub length: usize,
    /// Annotations in the chosen layer (or in all layers).
    pub annotations: usize,
    /// The chosen annotator's status (`new` when none is recorded or no annotator was chosen).
    pub status: DocStatus,
}

/// Which layers a query or an export takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LayerFilter {
    /// Every layer.
    All,
    /// These layers only.
    Only(Vec<String>),
}

impl LayerFilter {
    /// Parses the command line's `--layer` value: `all`, or names separated by commas.
    pub fn parse(value: &str) -> LayerFilter {
        if value == "all" {
            LayerFilter::All
        } else {
            LayerFilter::Only(
                value
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect(),
            )
        }
    }

    /// True when annotations of `annotator` pass the filter.
    pub fn admits(&self, annotator: &str) -> bool {
        match self {
            LayerFilter::All => true,
            LayerFilter::Only(names) => names.iter().any(|n| n == annotator),
        }
    }
}

impl Store {
    /// Every document in import order, with its annotation count and `annotator`'s status.
    pub fn list_documents(&self, annotator: Option<&str>) -> StoreResult<Vec<DocSummary>> {
        let annotator_pk: Option<i64> = match annotator {
            Some(name) => self
                .conn
                .query_row("SELECT pk FROM annotators WHERE name = ?1", [name], |r| {
                    r.get(0)
                })
                .optional()?
                .or(Some(-1)),
            None => None,
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id, d.title, d.length,
                    (SELECT COUNT(*) FROM annotations a WHERE a.doc = d.pk AND (?1 IS NULL OR a.annotator = ?1)),
                    (SELECT s.status FROM status s WHERE s.doc = d.pk AND s.annotator = ?1)
             FROM documents d ORDER BY d.pk",
        )?;
        let rows = stmt.query_map([annotator_pk], |r| {
            let status: Option<String> = r.get(4)?;
            Ok(DocSummary {
                id: r.get(0)?,
                title: r.get(1)?,
                length: r.get::<_, i64>(2)? as usize,
                annotations: r.get::<_, i64>(3)? as usize,
                status: status
                    .as_deref()
                    .and_then(DocStatus::parse)
                    .unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The number of documents.
    pub fn document_count(&self) -> StoreResult<usize> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM documents", [], |r| r.get::<_, i64>(0))?
            as usize)
    }

    /// One document, with its text.
    pub fn document(&self, id: &str) -> StoreResult<Document> {
        self.conn
            .prepare_cached("SELECT id, title, text, sha256, meta FROM documents WHERE id = ?1")?
            .query_row([id], |r| {
                let meta: String = r.get(4)?;
                Ok(Document {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    text: r.get(2)?,
                    sha256: r.get(3)?,
                    meta: serde_json::from_str(&meta).unwrap_or_default(),
                })
            })
            .optional()?
            .ok_or_else(|| {
                StoreError::NotFound(format!("there is no document '{id}' in this project"))
            })
    }

    /// The annotations and relations of one document in the layers `filter` admits, in the
    /// order they were made.
    pub fn layer(
        &self,
        doc_id: &str,
        filter: &LayerFilter,
    ) -> StoreResult<(Vec<Annotation>, Vec<Relation>)> {
        let doc_pk = self.doc_pk(doc_id)?;
        let sql = format!(
            "SELECT {ANNOTATION_COLUMNS} FROM annotations a WHERE a.doc = ?1 ORDER BY a.pk"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let annotations = stmt
            .query_map([doc_pk], annotation_from_row)?
            .filter(|a| a.as_ref().map_or(true, |a| filter.admits(&a.annotator)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok((annotations, self.relations(doc_id, filter)?))
    }

    /// The relations of one document in the layers `filter` admits, in the order they were made.
    pub fn relations(&self, doc_id: &str, filter: &LayerFilter) -> StoreResult<Vec<Relation>> {
        let doc_pk = self.doc_pk(doc_id)?;
        let sql = format!("{RELATION_SELECT} WHERE r.doc = ?1 ORDER BY r.pk");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let relations = stmt
            .query_map([doc_pk], |r| relation_from_row(r).map(|(_, rel)| rel))?
            .filter(|r| r.as_ref().map_or(true, |r| filter.admits(&r.annotator)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(relations)
    }

    /// One annotation, or `None` when it does not exist.
    pub fn annotation(&self, target: &AnnRef) -> StoreResult<Option<Annotation>> {
        let sql = format!(
            "SELECT {ANNOTATION_COLUMNS} FROM annotations a
             JOIN documents d ON d.pk = a.doc JOIN annotators n ON n.pk = a.annotator
             WHERE d.id = ?1 AND n.name = ?2 AND a.id = ?3"
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(
                params![target.doc, target.annotator, target.id],
                annotation_from_row,
            )
            .optional()?)
    }

    /// Status of every annotator who has one on this document.
    pub fn statuses(&self, doc_id: &str) -> StoreResult<BTreeMap<String, DocStatus>> {
        let doc_pk = self.doc_pk(doc_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT n.name, s.status FROM status s JOIN annotators n ON n.pk = s.annotator WHERE s.doc = ?1",
        )?;
        let rows = stmt.query_map([doc_pk], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = BTreeMap::new();
        for row in rows {
            let (name, status) = row?;
            if let Some(s) = DocStatus::parse(&status) {
                out.insert(name, s);
            }
        }
        Ok(out)
    }

    /// Every annotator (layer) with anything in the project, in the order they first appeared.
    pub fn annotators(&self) -> StoreResult<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT name FROM annotators ORDER BY pk")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every document as a full record restricted to the layers `filter` admits, in import
    /// order, handed to `each` one at a time (an export never holds the whole project).
    pub fn for_each_record<E: From<StoreError>>(
        &self,
        filter: &LayerFilter,
        mut each: impl FnMut(DocumentRecord) -> Result<(), E>,
    ) -> Result<(), E> {
        let ids = self.document_ids()?;
        for id in ids {
            each(self.record(&id, filter)?)?;
        }
        Ok(())
    }

    /// One document as a full record restricted to the layers `filter` admits.
    pub fn record(&self, id: &str, filter: &LayerFilter) -> StoreResult<DocumentRecord> {
        let document = self.document(id)?;
        let (annotations, relations) = self.layer(id, filter)?;
        let mut status = self.statuses(id)?;
        status.retain(|name, _| filter.admits(name));
        Ok(DocumentRecord {
            document,
            id_given: true,
            annotations,
            relations,
            status,
        })
    }

    /// Every document's id and the SHA-256 of its text, in import order (without the texts).
    pub fn document_digests(&self) -> StoreResult<Vec<(String, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, sha256 FROM documents ORDER BY pk")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every document id, in import order.
    pub fn document_ids(&self) -> StoreResult<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM documents ORDER BY pk")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The keys of the disagreements a reviewer rejected in a document.
    pub fn rejections(&self, doc_id: &str) -> StoreResult<std::collections::BTreeSet<String>> {
        let doc_pk = self.doc_pk(doc_id)?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT item FROM rejections WHERE doc = ?1")?;
        let rows = stmt.query_map([doc_pk], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The status of `annotator` on a document (`new` when none was recorded).
    pub fn status(&self, doc_id: &str, annotator: &str) -> StoreResult<DocStatus> {
        let doc_pk = self.doc_pk(doc_id)?;
        let status: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT s.status FROM status s JOIN annotators n ON n.pk = s.annotator WHERE s.doc = ?1 AND n.name = ?2",
            )?
            .query_row(params![doc_pk, annotator], |r| r.get(0))
            .optional()?;
        Ok(status
            .as_deref()
            .and_then(DocStatus::parse)
            .unwrap_or_default())
    }
}
