//! Errors of the store, in words a user can act on.

use std::path::PathBuf;

/// What went wrong in the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file is not an SQLite database (or is damaged beyond reading).
    #[error("{} is not a spanbench database or is damaged: {reason}", path.display())]
    NotADatabase {
        /// The file.
        path: PathBuf,
        /// SQLite's words.
        reason: String,
    },
    /// The database was written by a newer spanbench.
    #[error(
        "{} was written by a newer spanbench (database version {found}; this spanbench knows up to {known}). Open it with that newer spanbench; nothing was changed.",
        path.display()
    )]
    TooNew {
        /// The file.
        path: PathBuf,
        /// Version found in the file.
        found: i64,
        /// Latest version this build knows.
        known: i64,
    },
    /// The database file is missing where a project expects it.
    #[error(
        "{} is missing: this project's annotations live in it. Restore it from a backup (the project's backups/ folder; see README), or start over with `spanbench new` in another folder. Nothing was created in its place",
        .0.display()
    )]
    Missing(PathBuf),
    /// The database is damaged: empty, truncated, or failing SQLite's integrity check.
    #[error(
        "{} is damaged ({reason}); spanbench will not show it as an empty project or write into it. Restore the newest copy from the project's backups/ folder (Project → Restore a backup…, or see README), or run `spanbench check` on it for details. Nothing was changed",
        path.display()
    )]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What SQLite found.
        reason: String,
    },
    /// The database was opened read-only.
    #[error(
        "{} is open read-only (a colleague's project or a read-only folder); nothing can be changed in it. Copy the project folder somewhere you can write to work on it",
        .0.display()
    )]
    ReadOnly(PathBuf),
    /// The database cannot be written here (file or folder without write permission).
    #[error(
        "{} cannot be written here (no write permission for the file or its folder); nothing was changed. It can still be read, checked and exported; copy the project folder somewhere you can write to change it",
        .0.display()
    )]
    NoWriteAccess(PathBuf),
    /// Undo or a guarded edit found a row changed by another window or process.
    #[error("{0} was changed elsewhere — not undone (another window or program changed it since)")]
    ChangedElsewhere(String),
    /// The database or its write-ahead log was deleted or replaced while open.
    #[error("{0}")]
    FilesChanged(String),
    /// The user cancelled; nothing was written.
    #[error("cancelled; nothing was changed")]
    Cancelled,
    /// Something named does not exist.
    #[error("{0}")]
    NotFound(String),
    /// An edit or import breaks a rule; nothing was changed.
    #[error("{0}")]
    Rejected(String),
    /// Any other database failure.
    #[error("database error: {0}")]
    Database(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Database(e.to_string())
    }
}

/// Result of store operations.
pub type StoreResult<T> = Result<T, StoreError>;

impl From<crate::model::Invalid> for StoreError {
    /// A broken rule of the contract refuses the edit or import.
    fn from(e: crate::model::Invalid) -> StoreError {
        StoreError::Rejected(e.to_string())
    }
}
