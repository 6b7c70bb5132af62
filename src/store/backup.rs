//! Backups of the database, made with SQLite's online backup API into the project's
//! `backups/` folder: before every migration and once a day of use. The newest few are kept;
//! the window can put one back (the state before that is kept as a backup too).

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rusqlite::Connection;

use super::{Store, StoreError, StoreResult};

/// The folder, beside the database, that holds its backups.
pub const BACKUP_FOLDER: &str = "backups";
/// How many backups are kept; older ones made by spanbench are removed.
pub const KEEP: usize = 5;
/// How old the newest backup may be before opening the project makes another.
const DAILY: Duration = Duration::from_secs(24 * 60 * 60);
const PREFIX: &str = "spanbench-";

/// One backup file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backup {
    /// The file.
    pub path: PathBuf,
    /// When it was made (UTC, `2026-11-28 08:17:03`).
    pub when: String,
    /// Why: `daily`, `before-upgrade-v2`, `before-restore`.
    pub reason: String,
    /// Its size in bytes.
    pub bytes: u64,
}

fn folder(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join(BACKUP_FOLDER)
}

/// The backups of the database at `db`, newest first.
pub fn list_backups(db: &Path) -> Vec<Backup> {
    let Ok(entries) = std::fs::read_dir(folder(db)) else {
        return Vec::new();
    };
    let mut out: Vec<Backup> = entries
        .filter_map(|e| {
            let path = e.ok()?.path();
            let name = path.file_name()?.to_str()?.to_string();
            let stem = name.strip_prefix(PREFIX)?.strip_suffix(".db")?;
            // spanbench-YYYYMMDD-HHMMSS-reason.db
            let (date, rest) = stem.split_at_checked(8)?;
            let time = rest.strip_prefix('-')?.get(..6)?;
            let reason = rest.get(8..).unwrap_or("").to_string();
            let when = format!(
                "{}-{}-{} {}:{}:{}",
                &date[..4],
                &date[4..6],
                &date[6..],
                &time[..2],
                &time[2..4],
                &time[4..]
            );
            let bytes = std::fs::metadata(&path).ok()?.len();
            Some(Backup {
                path,
                when,
                reason,
                bytes,
            })
        })
        .collect();
    out.sort_by(|a, b| b.path.cmp(&a.path));
    out
}

/// Writes a backup of `conn` now; answers its path. Keeps the newest [`KEEP`].
pub(super) fn keep_backup(conn: &Connection, db: &Path, reason: &str) -> StoreResult<PathBuf> {
    let dir = folder(db);
    std::fs::create_dir_all(&dir).map_err(|e| backup_error(&dir, e))?;
    let stamp = utc_stamp(SystemTime::now());
    let mut path = dir.join(format!("{PREFIX}{stamp}-{reason}.db"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{PREFIX}{stamp}-{reason}-{n}.db"));
        n += 1;
    }
    let partial = dir.join(format!(".partial-{}", std::process::id()));
    std::fs::remove_file(&partial).ok();
    conn.backup(rusqlite::MAIN_DB, &partial, None)
        .map_err(|e| {
            StoreError::Database(format!("cannot write a backup to {}: {e}", dir.display()))
        })?;
    std::fs::rename(&partial, &path).map_err(|e| backup_error(&path, e))?;
    for old in list_backups(db).into_iter().skip(KEEP) {
        // Only files named as spanbench names its backups are ever removed.
        std::fs::remove_file(&old.path).ok();
    }
    Ok(path)
}

fn backup_error(path: &Path, e: std::io::Error) -> StoreError {
    StoreError::Database(format!("cannot write a backup to {}: {e}", path.display()))
}

/// Makes the day's backup when the newest one is older than a day (and there is something
/// to keep).
pub(super) fn daily_backup(conn: &Connection, db: &Path) -> StoreResult<()> {
    let has_documents: bool = conn
        .query_row("SELECT EXISTS (SELECT 1 FROM documents)", [], |r| r.get(0))
        .unwrap_or(false);
    if !has_documents {
        return Ok(());
    }
    let fresh = list_backups(db).first().is_some_and(|b| {
        std::fs::metadata(&b.path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age < DAILY)
    });
    if !fresh {
        keep_backup(conn, db, "daily")?;
    }
    Ok(())
}

/// Where a copy is saved when the database file vanished while open.
pub(super) fn recovery_path(db: &Path) -> PathBuf {
    let stamp = utc_stamp(SystemTime::now());
    db.with_file_name(format!("spanbench-recovered-{stamp}.db"))
}

impl Store {
    /// Writes a backup now (`reason` becomes part of its name); answers its path.
    pub fn backup_now(&self, reason: &str) -> StoreResult<PathBuf> {
        keep_backup(&self.conn, &self.path, reason)
    }

    /// Replaces the database's content with the backup at `from`, after keeping the current
    /// state as a backup of its own (`before-restore`), so a restore can be undone the same way.
    pub fn restore_backup(&mut self, from: &Path) -> StoreResult<()> {
        self.ensure_writable()?;
        let probe = Store::open_read_only(from).map_err(|e| {
            StoreError::Rejected(format!("{} cannot be restored: {e}", from.display()))
        })?;
        drop(probe);
        keep_backup(&self.conn, &self.path, "before-restore")?;
        self.conn
            .restore(
                rusqlite::MAIN_DB,
                from,
                None::<fn(rusqlite::backup::Progress)>,
            )
            .map_err(|e| {
                StoreError::Database(format!("restoring {} failed: {e}", from.display()))
            })?;
        *self.text_cache.borrow_mut() = None;
        self.after_write()
    }
}

/// `20261128-081703` for a time, in UTC.
pub fn utc_stamp(t: SystemTime) -> String {
    let secs = t
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = ((secs / 86_400) as i64, secs % 86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}-{:02}{:02}{:02}",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_are_utc_calendar_times() {
        let t = |s: u64| utc_stamp(SystemTime::UNIX_EPOCH + Duration::from_secs(s));
        assert_eq!(t(0), "19700101-000000");
        assert_eq!(t(951_782_400), "20000229-000000");
        assert_eq!(t(1_795_857_423), "20261128-091703");
    }
}
