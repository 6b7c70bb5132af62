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

impl From<rusqlite_migration::Error> for StoreError {
    fn from(e: rusqlite_migration::Error) -> Self {
        StoreError::Database(format!("migration failed: {e}"))
    }
}

/// Result of store operations.
pub type StoreResult<T> = Result<T, StoreError>;
