//! The local side of a hub copy: which (document, layer) pairs changed since the last sync
//! (kept by triggers once [`Store::become_hub_copy`] ran), the hub version each pair was last
//! in step with, and layers replaced by what the hub holds. Each write is one transaction, so
//! a sync killed at any point leaves the copy as before that step.

use rusqlite::{OptionalExtension, params};

use super::import::{import_layers, remove_layer};
use super::{Store, StoreResult};
use crate::model::{Annotation, DocStatus, Relation};

/// One layer of one document as the hub holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct HubLayer {
    /// Document id.
    pub doc: String,
    /// Whose layer.
    pub annotator: String,
    /// Its annotations.
    pub annotations: Vec<Annotation>,
    /// Its relations.
    pub relations: Vec<Relation>,
    /// Its status on the document.
    pub status: Option<DocStatus>,
    /// Its rejection rows (see [`crate::model::layer::rejection_layer`]).
    pub rejected: Vec<String>,
    /// The hub's version of it.
    pub version: i64,
    /// Its JSON as the hub holds it: the base of a later three-way merge.
    pub content: String,
}

/// One item of a layer that an annotator's two machines changed differently.
#[derive(Clone, Debug, PartialEq)]
pub struct SyncConflict {
    /// Document id.
    pub doc: String,
    /// Whose layer.
    pub annotator: String,
    /// `annotation ID`, `relation ID` or `status`.
    pub item: String,
    /// This copy's version, JSON (`None`: deleted here).
    pub mine: Option<String>,
    /// The hub's version, JSON (`None`: deleted there).
    pub hub: Option<String>,
    /// The version chosen to keep (`mine` or `hub`), once the annotator chose.
    pub keep: Option<String>,
}

impl Store {
    /// Marks the project as a working copy of the hub at `url` (its changes are tracked from
    /// now on).
    pub fn become_hub_copy(&self, url: &str) -> StoreResult<()> {
        self.set_sync_value("hub", url)
    }

    /// A value of the sync's state (`hub`, `pulled`, …).
    pub fn sync_value(&self, key: &str) -> StoreResult<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM sync_state WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    /// Sets a value of the sync's state.
    pub fn set_sync_value(&self, key: &str, value: &str) -> StoreResult<()> {
        self.ensure_writable()?;
        self.conn
            .prepare_cached("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?1, ?2)")?
            .execute([key, value])?;
        self.after_write()
    }

    /// What was last about to be sent for a layer (written before sending, cleared by
    /// [`Store::mark_sent`]): after a kill, the hub may hold it without this copy knowing.
    pub fn pending_send(&self, doc: &str, annotator: &str) -> StoreResult<Option<String>> {
        self.sync_value(&pending_key(doc, annotator))
    }

    /// Remembers what is about to be sent for a layer.
    pub fn set_pending_send(&self, doc: &str, annotator: &str, content: &str) -> StoreResult<()> {
        self.set_sync_value(&pending_key(doc, annotator), content)
    }

    /// The (document, layer) pairs of `annotator` changed since they were last sent.
    pub fn dirty_layers(&self, annotator: &str) -> StoreResult<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            // Driven from the (small) table of changes: a plan that walked the documents
            // read every text page, 15 ms on 10,000 articles.
            "SELECT (SELECT id FROM documents WHERE pk = s.doc) FROM sync_dirty s
             WHERE s.annotator = (SELECT pk FROM annotators WHERE name = ?1) ORDER BY s.doc",
        )?;
        let rows = stmt.query_map([annotator], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every (document, annotator) assignment, in document order.
    pub fn assignments(&self) -> StoreResult<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT (SELECT id FROM documents WHERE pk = x.doc), x.annotator FROM assignments x
             ORDER BY x.doc, x.annotator",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds assignments (`replace`: instead of all there are), in one transaction.
    pub fn set_assignments(&self, pairs: &[(String, String)], replace: bool) -> StoreResult<()> {
        let tx = self.begin_write()?;
        if replace {
            tx.execute("DELETE FROM assignments", [])?;
        }
        for (doc, annotator) in pairs {
            let doc_pk = self.doc_pk(doc)?;
            tx.prepare_cached(
                "INSERT OR IGNORE INTO assignments (doc, annotator) VALUES (?1, ?2)",
            )?
            .execute(params![doc_pk, annotator])?;
        }
        tx.commit()?;
        self.after_write()
    }

    /// Assigns one document to one person (`on`), or takes the assignment back.
    pub fn set_assignment(&self, doc: &str, annotator: &str, on: bool) -> StoreResult<()> {
        if on {
            return self.set_assignments(&[(doc.to_string(), annotator.to_string())], false);
        }
        self.ensure_writable()?;
        let doc_pk = self.doc_pk(doc)?;
        self.conn
            .prepare_cached("DELETE FROM assignments WHERE doc = ?1 AND annotator = ?2")?
            .execute(params![doc_pk, annotator])?;
        self.after_write()
    }

    /// The hub version a layer was last in step with.
    pub fn base_version(&self, doc: &str, annotator: &str) -> StoreResult<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT b.version FROM sync_base b JOIN documents d ON d.pk = b.doc
                 JOIN annotators n ON n.pk = b.annotator WHERE d.id = ?1 AND n.name = ?2",
            )?
            .query_row([doc, annotator], |r| r.get(0))
            .optional()?)
    }

    /// The layer's JSON as it was when last in step with the hub (`None` for a copy made
    /// before spanbench kept it).
    pub fn base_content(&self, doc: &str, annotator: &str) -> StoreResult<Option<String>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT b.content FROM sync_base b JOIN documents d ON d.pk = b.doc
                 JOIN annotators n ON n.pk = b.annotator WHERE d.id = ?1 AND n.name = ?2",
            )?
            .query_row([doc, annotator], |r| r.get(0))
            .optional()?
            .flatten())
    }

    /// After a layer was sent as `content` and the hub gave it `version`: it is in step,
    /// unless it changed again since it was read for sending (`sent` is the clock value then).
    pub fn mark_sent(
        &self,
        doc: &str,
        annotator: &str,
        version: i64,
        sent: i64,
        content: &str,
    ) -> StoreResult<()> {
        let tx = self.begin_write()?;
        let doc_pk = self.doc_pk(doc)?;
        let layer = super::annotator_pk(&tx, annotator)?;
        set_base(&tx, doc_pk, layer, version, content)?;
        tx.execute(
            "DELETE FROM sync_state WHERE key = ?1",
            [pending_key(doc, annotator)],
        )?;
        tx.execute(
            "DELETE FROM sync_conflicts WHERE doc = ?1 AND annotator = ?2",
            params![doc_pk, layer],
        )?;
        if super::versions::clock(&tx)? == sent {
            tx.execute(
                "DELETE FROM sync_dirty WHERE doc = ?1 AND annotator = ?2",
                params![doc_pk, layer],
            )?;
        }
        tx.commit()?;
        self.after_write()
    }

    /// The clock now: read before a layer is read for sending, compared in [`Store::mark_sent`].
    pub fn clock_now(&self) -> StoreResult<i64> {
        Ok(super::versions::clock(&self.conn)?)
    }

    /// Replaces layers by the hub's, in one transaction (their documents must be here). The
    /// replaced layers are in step with the hub afterwards.
    pub fn take_from_hub(&mut self, layers: &[HubLayer]) -> StoreResult<()> {
        let tx = self.begin_write()?;
        let version = super::versions::tick(&tx)?;
        for l in layers {
            let doc_pk = self.doc_pk(&l.doc)?;
            let layer = super::annotator_pk(&tx, &l.annotator)?;
            remove_layer(&tx, doc_pk, layer)?;
            import_layers(&tx, doc_pk, l, version)?;
            tx.execute(
                "DELETE FROM sync_dirty WHERE doc = ?1 AND annotator = ?2",
                params![doc_pk, layer],
            )?;
            set_base(&tx, doc_pk, layer, l.version, &l.content)?;
        }
        tx.commit()?;
        self.after_write()
    }

    /// One's own layer merged with the hub's (`sent`: the clock when the layer was read for
    /// the merge): the merge replaces the layer here, still to be sent, with the base where
    /// it was — so a sync killed before the merge reaches the hub merges the same way again.
    /// Nothing changes when the layer changed meanwhile; answers whether it was replaced.
    pub fn take_merged(&mut self, merged: &HubLayer, sent: i64) -> StoreResult<bool> {
        let tx = self.begin_write()?;
        if super::versions::clock(&tx)? != sent {
            return Ok(false);
        }
        let doc_pk = self.doc_pk(&merged.doc)?;
        let layer = super::annotator_pk(&tx, &merged.annotator)?;
        let version = super::versions::tick(&tx)?;
        remove_layer(&tx, doc_pk, layer)?;
        import_layers(&tx, doc_pk, merged, version)?;
        tx.execute(
            "INSERT OR IGNORE INTO sync_dirty (doc, annotator) VALUES (?1, ?2)",
            params![doc_pk, layer],
        )?;
        tx.commit()?;
        self.after_write()?;
        Ok(true)
    }

    /// The items of `annotator`'s layers changed differently here and elsewhere, by document.
    pub fn sync_conflicts(&self, annotator: &str) -> StoreResult<Vec<SyncConflict>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id, c.item, c.mine, c.hub, c.keep FROM sync_conflicts c
             JOIN documents d ON d.pk = c.doc
             WHERE c.annotator = (SELECT pk FROM annotators WHERE name = ?1)
             ORDER BY d.id, c.item",
        )?;
        let rows = stmt.query_map([annotator], |r| {
            Ok(SyncConflict {
                doc: r.get(0)?,
                annotator: annotator.to_string(),
                item: r.get(1)?,
                mine: r.get(2)?,
                hub: r.get(3)?,
                keep: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records the clashes a merge of one layer found (replacing earlier ones of that layer;
    /// a choice already made for an item whose two versions did not change is kept).
    pub fn set_sync_conflicts(
        &self,
        doc: &str,
        annotator: &str,
        clashes: &[SyncConflict],
    ) -> StoreResult<()> {
        let tx = self.begin_write()?;
        let doc_pk = self.doc_pk(doc)?;
        let layer = super::annotator_pk(&tx, annotator)?;
        let before = self.sync_conflicts(annotator)?;
        tx.execute(
            "DELETE FROM sync_conflicts WHERE doc = ?1 AND annotator = ?2",
            params![doc_pk, layer],
        )?;
        for c in clashes {
            let kept = before
                .iter()
                .find(|b| b.doc == doc && b.item == c.item && b.mine == c.mine && b.hub == c.hub)
                .and_then(|b| b.keep.clone());
            tx.prepare_cached(
                "INSERT INTO sync_conflicts (doc, annotator, item, mine, hub, keep)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![doc_pk, layer, c.item, c.mine, c.hub, kept])?;
        }
        tx.commit()?;
        self.after_write()
    }

    /// Chooses the version to keep (`mine` or `hub`) of clashing items of `annotator`'s
    /// layers: one item of one document, every item of a document (`item` `None`), or every
    /// item (`doc` `None` too). Answers how many items it chose for.
    pub fn keep_version(
        &self,
        annotator: &str,
        doc: Option<&str>,
        item: Option<&str>,
        keep: &str,
    ) -> StoreResult<usize> {
        self.ensure_writable()?;
        let n = self
            .conn
            .prepare_cached(
                "UPDATE sync_conflicts SET keep = ?1
                 WHERE annotator = (SELECT pk FROM annotators WHERE name = ?2)
                 AND (?3 IS NULL OR doc = (SELECT pk FROM documents WHERE id = ?3))
                 AND (?4 IS NULL OR item = ?4)",
            )?
            .execute(params![keep, annotator, doc, item])?;
        self.after_write()?;
        Ok(n)
    }
}

/// The sync-state key of a layer's pending send.
fn pending_key(doc: &str, annotator: &str) -> String {
    format!("sending\u{1f}{doc}\u{1f}{annotator}")
}

fn set_base(
    conn: &rusqlite::Connection,
    doc: i64,
    layer: i64,
    version: i64,
    content: &str,
) -> rusqlite::Result<usize> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO sync_base (doc, annotator, version, content)
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![doc, layer, version, content])
}
