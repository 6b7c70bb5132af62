//! The files behind an open database. A database in write-ahead-log mode keeps recent commits
//! in `spanbench.db-wal`; if another program deletes that file (or the database itself) while
//! spanbench has it open, SQLite goes on writing into a file nobody will ever read again, and
//! every later edit is lost at close. So the store remembers which files it opened, checks
//! them before and after each write, and stops writing — after saving what it acknowledged —
//! the moment they are gone or replaced.

use std::path::{Path, PathBuf};

use super::{Store, StoreError, StoreResult};

/// The identity (device and inode, where the system has them) of the database file and of
/// its write-ahead log.
#[derive(Clone, Debug)]
pub(super) struct FileIds {
    db: Identity,
    wal: std::cell::Cell<Option<Identity>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Identity(u64, u64);

fn identity(path: &Path) -> Option<Identity> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(Identity(meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        Some(Identity(0, u64::from(meta.is_file())))
    }
}

fn wal_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}

impl FileIds {
    /// The files of the database at `path` as they are now.
    pub(super) fn of(path: &Path) -> Option<FileIds> {
        Some(FileIds {
            db: identity(path)?,
            wal: std::cell::Cell::new(identity(&wal_path(path))),
        })
    }

    /// What changed since the store opened them, in words, or `None`.
    fn changed(&self, path: &Path) -> Option<String> {
        let name = |p: &Path| {
            p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        };
        match identity(path) {
            None => return Some(format!("{} was deleted", name(path))),
            Some(id) if id != self.db => return Some(format!("{} was replaced", name(path))),
            Some(_) => {}
        }
        let wal = wal_path(path);
        match (self.wal.get(), identity(&wal)) {
            (None, now) => {
                self.wal.set(now);
                None
            }
            (Some(_), None) => Some(format!("{} was deleted", name(&wal))),
            (Some(was), Some(now)) if was != now => Some(format!("{} was replaced", name(&wal))),
            _ => None,
        }
    }
}

/// True when the database at `path` has a write-ahead log file beside it.
pub(super) fn has_wal(path: &Path) -> bool {
    std::fs::symlink_metadata(wal_path(path)).is_ok()
}

/// `file:` URI of `path` with `immutable=1`: how SQLite reads a write-ahead-log database in a
/// folder where it may not create its shared-memory file.
pub(super) fn immutable_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for c in absolute.to_string_lossy().chars() {
        match c {
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            '%' => uri.push_str("%25"),
            '\\' => uri.push('/'),
            c => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

impl Store {
    /// Checks that the database file and its write-ahead log are still the ones opened.
    ///
    /// When one was deleted or replaced, what this connection had acknowledged is saved — the
    /// log is folded into the database file, or, when the database file itself is gone, a
    /// copy is written beside it — and from then on every write is refused with a sentence
    /// that says what happened and what to do.
    pub fn verify_files(&self) -> StoreResult<()> {
        if let Some(why) = self.broken.borrow().as_ref() {
            return Err(StoreError::FilesChanged(why.clone()));
        }
        let Some(ids) = &self.files else {
            return Ok(());
        };
        let Some(problem) = ids.changed(&self.path) else {
            return Ok(());
        };
        let saved = if identity(&self.path) == Some(ids.db) {
            // Only the log is gone: fold what this connection still holds into the database.
            match self
                .conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                    r.get::<_, i64>(0)
                }) {
                Ok(0) => format!(
                    "every edit acknowledged until now was saved into {}",
                    self.path.display()
                ),
                _ => "spanbench could not save the edits still in the log".to_string(),
            }
        } else {
            let copy = super::backup::recovery_path(&self.path);
            match self.conn.backup(rusqlite::MAIN_DB, &copy, None) {
                Ok(()) => format!(
                    "everything spanbench had open was saved to {}; put it back as {} to go on",
                    copy.display(),
                    self.path.display()
                ),
                Err(e) => format!("spanbench could not save a copy ({e})"),
            }
        };
        let message = format!(
            "{problem} by another program while spanbench had the project open, so edits can no longer be saved safely; {saved}. Close spanbench and open the project again; nothing more was changed"
        );
        *self.broken.borrow_mut() = Some(message.clone());
        Err(StoreError::FilesChanged(message))
    }
}
