//! SQLite: migrations, transactions, queries. The only module that sees `rusqlite`.
//!
//! Every user action is one transaction: an import, an edit, a status change either happens
//! whole or not at all, also when the process is killed halfway.

mod backup;
mod check;
mod edit;
mod error;
mod files;
mod import;
mod migrations;
mod read;
mod rows;
mod search;
mod stats;
mod suggester;
mod sync;
mod versions;

use std::cell::{Cell, RefCell};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

pub use backup::{BACKUP_FOLDER, Backup, list_backups, utc_stamp};
pub use check::Problem;
pub use error::{StoreError, StoreResult};
pub use import::{ImportReport, KnownDocument};
pub use migrations::LATEST_VERSION;
pub use read::{DocSummary, LayerFilter};
pub use search::{AnnotationHit, AnnotationQuery, TextHit, TextHits, phrase_ranges};
pub use stats::Stats;
pub use suggester::StoredModel;
pub use sync::{HubLayer, SyncConflict};
pub use versions::Applied;

use crate::model::OffsetIndex;

/// The open database of one project.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The text and offset index of the document edited last, so that a burst of edits on one
    /// long article does not re-read it from disk each time.
    text_cache: RefCell<Option<CachedText>>,
    /// The version stamped on rows by the transaction under way (see `versions.rs`).
    clock: Cell<i64>,
    /// Opened without write access: every write is refused with a sentence.
    read_only: bool,
    /// Read as immutable (or from a copy in memory): changes by others are not seen.
    immutable: bool,
    /// The identity of the database file and its write-ahead log when opened, to notice
    /// them deleted or replaced underneath (see `files.rs`).
    files: Option<files::FileIds>,
    /// Set once the files were found deleted or replaced: why every further write is refused.
    broken: RefCell<Option<String>>,
}

struct CachedText {
    doc_pk: i64,
    text: Rc<str>,
    index: Rc<OffsetIndex>,
}

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// How long a write waits for another process's write to finish before it gives up.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

impl Store {
    /// Creates a new database at `path`, which must not exist yet.
    pub fn create(path: &Path) -> StoreResult<Store> {
        if std::fs::symlink_metadata(path).is_ok() {
            return Err(StoreError::Rejected(format!(
                "{} already exists; spanbench does not create a database over it",
                path.display()
            )));
        }
        let conn = Connection::open(path).map_err(|e| not_a_db(path, e.to_string()))?;
        Store::init(conn, path.to_path_buf(), false)
    }

    /// Opens the existing database at `path` for reading and writing, and brings it to the
    /// latest schema version (keeping a backup first when it migrates).
    ///
    /// Refuses, without touching them: a missing or empty file, files that are not SQLite
    /// databases, damaged databases (SQLite's `quick_check`), and databases written by a newer
    /// spanbench.
    pub fn open(path: &Path) -> StoreResult<Store> {
        check_header(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| not_a_db(path, e.to_string()))?;
        // SQLite opens a write-protected file read-only without a word: say so before reading.
        if conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(StoreError::NoWriteAccess(path.to_path_buf()));
        }
        Store::init(conn, path.to_path_buf(), false).map_err(|e| no_write_access_or(e, path))
    }

    /// Opens the existing database at `path` without writing anything to it or beside it
    /// (a colleague's project, a read-only share). Every write is refused. A database of an
    /// older spanbench is upgraded in a copy in memory; the file stays as it is.
    pub fn open_read_only(path: &Path) -> StoreResult<Store> {
        Store::read_only(path, true)
    }

    /// As [`Store::open_read_only`], without refusing a database that fails SQLite's quick
    /// check: for `spanbench check`, which reports what is wrong.
    pub fn open_for_check(path: &Path) -> StoreResult<Store> {
        Store::read_only(path, false)
    }

    fn read_only(path: &Path, refuse_damage: bool) -> StoreResult<Store> {
        let (conn, immutable) = Store::read_only_connection(path)?;
        if refuse_damage {
            quick_check(&conn, path)?;
        }
        let mut store = Store::init(conn, path.to_path_buf(), true)?;
        store.immutable = immutable;
        Ok(store)
    }

    /// A read-only connection, and whether it reads the file as immutable (then changes by
    /// others are not seen).
    fn read_only_connection(path: &Path) -> StoreResult<(Connection, bool)> {
        check_header(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let immutable = || {
            Connection::open_with_flags(
                files::immutable_uri(path),
                flags | OpenFlags::SQLITE_OPEN_URI,
            )
            .map_err(|e| not_a_db(path, e.to_string()))
        };
        // Without a write-ahead log the file holds everything: read it as immutable, which
        // leaves no -shm or -wal file behind in someone else's folder. With a log, SQLite must
        // read it too; where it cannot (a read-only folder), immutable is the way left.
        let (conn, is_immutable) = if !files::has_wal(path) {
            (immutable()?, true)
        } else {
            match Connection::open_with_flags(path, flags) {
                Ok(conn)
                    if conn
                        .query_row("PRAGMA user_version", [], |_| Ok(()))
                        .is_ok() =>
                {
                    (conn, false)
                }
                _ => (immutable()?, true),
            }
        };
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| not_a_db(path, e.to_string()))?;
        if version >= LATEST_VERSION {
            return Ok((conn, is_immutable));
        }
        // An older database: upgrade a copy in memory, never the file.
        let mut copy = Connection::open_in_memory()?;
        rusqlite::backup::Backup::new(&conn, &mut copy)
            .and_then(|b| b.run_to_completion(1000, std::time::Duration::ZERO, None))
            .map_err(|e| not_a_db(path, e.to_string()))?;
        migrations::to_latest(&mut copy, version, path)?;
        Ok((copy, true))
    }

    /// A fresh database in memory (for tests and benchmarks).
    pub fn open_in_memory() -> StoreResult<Store> {
        Store::init(
            Connection::open_in_memory()?,
            PathBuf::from(":memory:"),
            false,
        )
    }

    fn init(mut conn: Connection, path: PathBuf, read_only: bool) -> StoreResult<Store> {
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| not_a_db(&path, e.to_string()))?;
        if version > LATEST_VERSION {
            return Err(StoreError::TooNew {
                path,
                found: version,
                known: LATEST_VERSION,
            });
        }
        conn.busy_timeout(BUSY_TIMEOUT)?;
        if !read_only {
            quick_check(&conn, &path)?;
            conn.pragma_update(None, "journal_mode", "WAL")
                .map_err(|e| match e.sqlite_error_code() {
                    Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen) => {
                        StoreError::NoWriteAccess(path.clone())
                    }
                    _ => not_a_db(&path, e.to_string()),
                })?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            if version < LATEST_VERSION && migrations::has_tables(&conn)? {
                backup::keep_backup(&conn, &path, &format!("before-upgrade-v{version}"))?;
            }
            migrations::to_latest(&mut conn, version, &path)?;
            let written_by = concat!("spanbench ", env!("CARGO_PKG_VERSION"));
            conn.execute(
                "INSERT INTO app_meta (key, value) VALUES ('written_by', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value
                 WHERE value IS NOT excluded.value",
                params![written_by],
            )?;
            backup::daily_backup(&conn, &path)?;
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let files = (!read_only).then(|| files::FileIds::of(&path)).flatten();
        Ok(Store {
            conn,
            path,
            text_cache: RefCell::new(None),
            clock: Cell::new(0),
            read_only,
            immutable: false,
            files,
            broken: RefCell::new(None),
        })
    }

    /// True when the database was opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// A number that changes whenever another connection (another window, a command, a
    /// background task) commits a change to the database: poll it to notice their edits.
    /// `None` when this store cannot see others' changes (read as immutable).
    pub fn data_version(&self) -> StoreResult<Option<i64>> {
        if self.immutable {
            return Ok(None);
        }
        // A read-only connection whose shared-memory file it cannot write sees SQLite's
        // data_version move on every read; the project's clock moves only with real writes,
        // and a read-only store makes none of its own.
        let sql = if self.read_only {
            "SELECT value FROM clock"
        } else {
            "PRAGMA data_version"
        };
        Ok(self.conn.query_row(sql, [], |r| r.get(0)).map(Some)?)
    }

    /// Starts a write: refused when read-only or the files are gone, else an `IMMEDIATE`
    /// transaction (it waits for other writers up to the busy timeout).
    fn begin_write(&self) -> StoreResult<rusqlite::Transaction<'_>> {
        self.ensure_writable()?;
        Ok(rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Immediate,
        )?)
    }

    /// Refuses a write before it starts: read-only, or the files are gone.
    fn ensure_writable(&self) -> StoreResult<()> {
        if self.read_only {
            return Err(StoreError::ReadOnly(self.path.clone()));
        }
        self.verify_files()
    }

    /// Checks after a write that it reached the files on disk; see [`Store::verify_files`].
    fn after_write(&self) -> StoreResult<()> {
        self.verify_files()
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

fn not_a_db(path: &Path, reason: String) -> StoreError {
    StoreError::NotADatabase {
        path: path.to_path_buf(),
        reason,
    }
}

/// SQLite's "read-only" and "cannot open" while opening for writing mean a folder or file
/// without write permission (the log or shared-memory file cannot be made), not damage.
fn no_write_access_or(e: StoreError, path: &Path) -> StoreError {
    match &e {
        StoreError::NotADatabase { reason, .. }
            if reason.contains("readonly database") || reason.contains("unable to open") =>
        {
            StoreError::NoWriteAccess(path.to_path_buf())
        }
        _ => e,
    }
}

/// The file must exist, be non-empty and start like an SQLite database.
fn check_header(path: &Path) -> StoreResult<()> {
    let meta = std::fs::metadata(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            StoreError::Missing(path.to_path_buf())
        } else {
            not_a_db(path, e.to_string())
        }
    })?;
    if !meta.is_file() {
        return Err(not_a_db(path, "it is not a regular file".into()));
    }
    if meta.len() == 0 {
        return Err(StoreError::Damaged {
            path: path.to_path_buf(),
            reason: "the file is empty (0 bytes)".into(),
        });
    }
    let mut header = [0u8; 16];
    let mut file = std::fs::File::open(path).map_err(|e| not_a_db(path, e.to_string()))?;
    let read = file
        .read(&mut header)
        .map_err(|e| not_a_db(path, e.to_string()))?;
    if read < 16 || &header != SQLITE_HEADER {
        return Err(not_a_db(
            path,
            "the file does not start with an SQLite header".into(),
        ));
    }
    Ok(())
}

/// SQLite's `quick_check` of every table but the search index's: a damaged database is
/// refused, never shown as an empty one. (`spanbench check` runs the full `integrity_check`,
/// the search index included.)
fn quick_check(conn: &Connection, path: &Path) -> StoreResult<()> {
    let damaged = |reason: String| StoreError::Damaged {
        path: path.to_path_buf(),
        reason,
    };
    // Memory-mapped reading makes the check about three times faster on a large project;
    // the mapping is dropped again right after, so it is never in place while writing.
    conn.pragma_update(None, "mmap_size", 256 * 1024 * 1024)
        .ok();
    let lines = checked_tables(conn)
        .and_then(|tables| {
            let mut out = Vec::new();
            for table in tables {
                let mut stmt = conn.prepare(&format!("PRAGMA quick_check(\"{table}\")"))?;
                let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
                for row in rows {
                    let row = row?;
                    if row != "ok" {
                        out.push(row);
                    }
                }
            }
            Ok(out)
        })
        .map_err(|e| damaged(e.to_string()));
    conn.pragma_update(None, "mmap_size", 0).ok();
    let lines = lines?;
    if lines.is_empty() {
        Ok(())
    } else {
        Err(damaged(lines.join("; ")))
    }
}

/// The tables `quick_check` looks at on opening: every table but the search index's, which
/// holds nothing that is not in `documents` and is rebuilt from it.
fn checked_tables(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'documents_fts%' ORDER BY name",
    )?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    rows.collect()
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

/// A fresh random id `{prefix}…` that no row of `table` in this layer of this document has
/// (see [`crate::model::ids`]); ids are never reused, so undo can trust them.
fn next_id(
    conn: &Connection,
    table: &str,
    doc_pk: i64,
    annotator: i64,
    prefix: &str,
) -> rusqlite::Result<String> {
    let sql = format!(
        "SELECT EXISTS (SELECT 1 FROM {table} WHERE doc = ?1 AND annotator = ?2 AND id = ?3)"
    );
    loop {
        let id = crate::model::ids::fresh_id(prefix);
        let taken: bool = conn
            .prepare_cached(&sql)?
            .query_row(params![doc_pk, annotator, id], |r| r.get(0))?;
        if !taken {
            return Ok(id);
        }
    }
}
