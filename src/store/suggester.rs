//! The learned suggester's model, kept in the database (one row): it goes wherever the
//! project's annotations go, and a write of it is one transaction like any other.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreResult};

/// A stored model and what it was learned from.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredModel {
    /// When it was trained (RFC 3339, UTC).
    pub trained_at: String,
    /// The layers it learned from.
    pub layers: Vec<String>,
    /// How many documents (done or adjudicated in those layers) it learned from.
    pub documents: usize,
    /// How many annotations those documents held.
    pub annotations: usize,
    /// The model file (see `suggest::learn::Learned::to_file`).
    pub model: Vec<u8>,
}

impl Store {
    /// Replaces the stored model.
    pub fn save_model(&self, m: &StoredModel) -> StoreResult<()> {
        self.ensure_writable()?;
        self.conn.execute(
            "INSERT OR REPLACE INTO suggester (id, trained_at, layers, documents, annotations, model)
             VALUES (1, ?1, ?2, ?3, ?4, ?5)",
            params![
                m.trained_at,
                m.layers.join(","),
                m.documents as i64,
                m.annotations as i64,
                m.model
            ],
        )?;
        self.after_write()
    }

    /// How many (document, layer) pairs of `layers` are marked done or adjudicated.
    pub fn count_done(&self, layers: &[String]) -> StoreResult<usize> {
        let mut n = 0usize;
        let mut stmt = self.conn.prepare_cached(
            "SELECT COUNT(*) FROM status s JOIN annotators a ON a.pk = s.annotator
             WHERE a.name = ?1 AND s.status IN ('done', 'adjudicated')",
        )?;
        for layer in layers {
            n += stmt.query_row([layer], |r| r.get::<_, i64>(0))? as usize;
        }
        Ok(n)
    }

    /// The stored model, if one was learned.
    pub fn model(&self) -> StoreResult<Option<StoredModel>> {
        Ok(self
            .conn
            .query_row(
                "SELECT trained_at, layers, documents, annotations, model FROM suggester WHERE id = 1",
                [],
                |r| {
                    let layers: String = r.get(1)?;
                    Ok(StoredModel {
                        trained_at: r.get(0)?,
                        layers: layers.split(',').map(str::to_string).collect(),
                        documents: r.get::<_, i64>(2)? as usize,
                        annotations: r.get::<_, i64>(3)? as usize,
                        model: r.get(4)?,
                    })
                },
            )
            .optional()?)
    }
}
