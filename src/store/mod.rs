//! SQLite: migrations, transactions, queries. The only module that sees `rusqlite`.
//!
//! Every user action is one transaction: an import, an edit, a status change either happens
//! whole or not at all, also when the process is killed halfway.

mod check;
mod edit;
mod error;
mod import;
mod migrations;
mod read;
mod rows;
mod stats;

use std::cell::RefCell;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use rusqlite::{Connection, OptionalExtension, params};

pub use check::Problem;
pub use error::{StoreError, StoreResult};
pub use import::{ImportReport, KnownDocument};
pub use migrations::LATEST_VERSION;
pub use read::{DocSummary, LayerFilter};
pub use stats::Stats;

use crate::model::OffsetIndex;

/// The open database of one project.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The text and offset index of the document edited last, so that a burst of edits on one
    /// long article does not re-read it from disk each time.
    text_cache: RefCell<Option<CachedText>>,
}

struct CachedText {
    doc_pk: i64,
    text: Rc<str>,
    index: Rc<OffsetIndex>,
}

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

impl Store {
    /// Opens (or creates) the database at `path` and brings it to the latest schema version.
    ///
    /// Refuses files that are not SQLite databases and databases written by a newer
    /// spanbench, without touching them.
    pub fn open(path: &Path) -> StoreResult<Store> {
        let not_a_db = |reason: String| StoreError::NotADatabase {
            path: path.to_path_buf(),
            reason,
        };
        if path.exists() {
            let mut header = [0u8; 16];
            let mut file = std::fs::File::open(path).map_err(|e| not_a_db(e.to_string()))?;
            let read = file
                .read(&mut header)
                .map_err(|e| not_a_db(e.to_string()))?;
            if read > 0 && (read < 16 || &header != SQLITE_HEADER) {
                return Err(not_a_db(
                    "the file does not start with an SQLite header".into(),
                ));
            }
        }
        let conn = Connection::open(path).map_err(|e| not_a_db(e.to_string()))?;
        Store::init(conn, path.to_path_buf())
    }

    /// A fresh database in memory (for tests and benchmarks).
    pub fn open_in_memory() -> StoreResult<Store> {
        Store::init(Connection::open_in_memory()?, PathBuf::from(":memory:"))
    }

    fn init(mut conn: Connection, path: PathBuf) -> StoreResult<Store> {
        let not_a_db = |e: rusqlite::Error| StoreError::NotADatabase {
            path: path.clone(),
            reason: e.to_string(),
        };
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(not_a_db)?;
        if version > LATEST_VERSION {
            return Err(StoreError::TooNew {
                path,
                found: version,
                known: LATEST_VERSION,
            });
        }
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(not_a_db)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        migrations::migrations().to_latest(&mut conn)?;
        conn.execute(
            "INSERT INTO app_meta (key, value) VALUES ('written_by', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![concat!("spanbench ", env!("CARGO_PKG_VERSION"))],
        )?;
        Ok(Store {
            conn,
            path,
            text_cache: RefCell::new(None),
        })
    }

    /// Where the database lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> StoreResult<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    fn doc_pk(&self, id: &str) -> StoreResult<i64> {
        self.conn
            .prepare_cached("SELECT pk FROM documents WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| {
                StoreError::NotFound(format!("there is no document '{id}' in this project"))
            })
    }

    /// Text and offset index of a document, from the one-entry cache when possible.
    fn doc_text(&self, doc_pk: i64) -> StoreResult<(Rc<str>, Rc<OffsetIndex>)> {
        if let Some(c) = self.text_cache.borrow().as_ref()
            && c.doc_pk == doc_pk
        {
            return Ok((c.text.clone(), c.index.clone()));
        }
        let text: String = self
            .conn
            .prepare_cached("SELECT text FROM documents WHERE pk = ?1")?
            .query_row([doc_pk], |r| r.get(0))?;
        let index = Rc::new(OffsetIndex::new(&text));
        let text: Rc<str> = Rc::from(text);
        *self.text_cache.borrow_mut() = Some(CachedText {
            doc_pk,
            text: text.clone(),
            index: index.clone(),
        });
        Ok((text, index))
    }
}

/// Finds or creates an annotator by name inside a transaction; returns its key.
fn annotator_pk(conn: &Connection, name: &str) -> rusqlite::Result<i64> {
    if let Some(pk) = conn
        .prepare_cached("SELECT pk FROM annotators WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?
    {
        return Ok(pk);
    }
    conn.prepare_cached("INSERT INTO annotators (name) VALUES (?1)")?
        .execute([name])?;
    Ok(conn.last_insert_rowid())
}

/// The highest `n` of the ids `{prefix}{n}` in one layer of one document (0 when none).
fn max_id_number(
    conn: &Connection,
    table: &str,
    doc_pk: i64,
    annotator: i64,
    prefix: &str,
) -> rusqlite::Result<u64> {
    let sql = format!("SELECT id FROM {table} WHERE doc = ?1 AND annotator = ?2");
    let mut stmt = conn.prepare_cached(&sql)?;
    let ids = stmt
        .query_map(params![doc_pk, annotator], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(crate::model::annotation::highest_id_number(
        prefix,
        ids.iter().map(String::as_str),
    ))
}

/// The next free id `{prefix}{n}` in one layer of one document.
fn next_id(
    conn: &Connection,
    table: &str,
    doc_pk: i64,
    annotator: i64,
    prefix: &str,
) -> rusqlite::Result<String> {
    Ok(format!(
        "{prefix}{}",
        max_id_number(conn, table, doc_pk, annotator, prefix)? + 1
    ))
}
