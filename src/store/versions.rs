//! Row versions and guarded edits: every write stamps its rows with the project's clock,
//! ticked once per transaction, and an edit can be told which versions it expects to find —
//! which is how undo refuses to take back a row that another window or process changed since.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::{Store, StoreError, StoreResult};
use crate::model::{Edit, RowKey, Schema};

/// An edit as the store applied it.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    /// The edit that takes it back.
    pub inverse: Edit,
    /// The version of every row the edit wrote, after it (`None`: the row is gone).
    pub versions: Vec<(RowKey, Option<i64>)>,
}

/// Ticks the clock and answers the new value: the version of everything this transaction writes.
pub(super) fn tick(conn: &Connection) -> rusqlite::Result<i64> {
    conn.prepare_cached("UPDATE clock SET value = value + 1 RETURNING value")?
        .query_row([], |r| r.get(0))
}

/// The version of one row now (`None` when there is no such row).
pub(super) fn version_of(conn: &Connection, key: &RowKey) -> rusqlite::Result<Option<i64>> {
    match key {
        RowKey::Annotation(t) => conn
            .prepare_cached(
                "SELECT a.version FROM annotations a JOIN documents d ON d.pk = a.doc
                 JOIN annotators n ON n.pk = a.annotator WHERE d.id = ?1 AND n.name = ?2 AND a.id = ?3",
            )?
            .query_row(params![t.doc, t.annotator, t.id], |r| r.get(0))
            .optional(),
        RowKey::Relation(doc, annotator, id) => conn
            .prepare_cached(
                "SELECT r.version FROM relations r JOIN documents d ON d.pk = r.doc
                 JOIN annotators n ON n.pk = r.annotator WHERE d.id = ?1 AND n.name = ?2 AND r.id = ?3",
            )?
            .query_row(params![doc, annotator, id], |r| r.get(0))
            .optional(),
        RowKey::Status(doc, annotator) => conn
            .prepare_cached(
                "SELECT s.version FROM status s JOIN documents d ON d.pk = s.doc
                 JOIN annotators n ON n.pk = s.annotator WHERE d.id = ?1 AND n.name = ?2",
            )?
            .query_row(params![doc, annotator], |r| r.get(0))
            .optional(),
        RowKey::Rejection(doc, item) => conn
            .prepare_cached(
                "SELECT 0 FROM rejections x JOIN documents d ON d.pk = x.doc
                 WHERE d.id = ?1 AND x.item = ?2",
            )?
            .query_row(params![doc, item], |r| r.get(0))
            .optional(),
    }
}

fn describe(key: &RowKey) -> String {
    match key {
        RowKey::Annotation(t) => format!("{}'s annotation {}", t.annotator, t.id),
        RowKey::Relation(_, annotator, id) => format!("{annotator}'s link {id}"),
        RowKey::Status(_, annotator) => format!("{annotator}'s status of the document"),
        RowKey::Rejection(..) => "the reviewer's rejection".into(),
    }
}

impl Store {
    /// Applies `edit` in one transaction after checking it against `schema` and the document,
    /// and after checking inside the same transaction that every row it will write and that
    /// `expected` names still has the version given there. Answers the inverse edit (applying
    /// it restores the state before) and the versions the rows now have. A row changed in between (by another window or process) refuses the edit with
    /// [`StoreError::ChangedElsewhere`] and changes nothing.
    pub(crate) fn apply_checked(
        &mut self,
        edit: &Edit,
        schema: &Schema,
        expected: &HashMap<RowKey, Option<i64>>,
    ) -> StoreResult<Applied> {
        self.ensure_writable()?;
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        for key in edit.touched_rows() {
            if let Some(want) = expected.get(&key)
                && version_of(&tx, &key)? != *want
            {
                return Err(StoreError::ChangedElsewhere(describe(&key)));
            }
        }
        self.clock.set(tick(&tx)?);
        let inverse = super::edit::apply_in(&tx, self, edit, schema)?;
        let mut keys = edit.touched_rows();
        keys.extend(inverse.touched_rows());
        keys.sort();
        keys.dedup();
        let mut versions = Vec::with_capacity(keys.len());
        for key in keys {
            let v = version_of(&tx, &key)?;
            versions.push((key, v));
        }
        tx.commit()?;
        self.after_write()?;
        Ok(Applied { inverse, versions })
    }
}

/// The project's clock now (the version the last write stamped).
pub(super) fn clock(conn: &Connection) -> rusqlite::Result<i64> {
    conn.prepare_cached("SELECT value FROM clock")?
        .query_row([], |r| r.get(0))
}
