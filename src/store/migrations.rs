//! Numbered schema migrations. Append new ones; never edit a released one.

use std::path::Path;

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use super::{StoreError, StoreResult};

/// Migration 1: documents, annotators, annotations, relations, status.
const V1: &str = r#"
CREATE TABLE app_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE documents (
    pk       INTEGER PRIMARY KEY,
    id       TEXT NOT NULL UNIQUE,
    title    TEXT NOT NULL,
    text     TEXT NOT NULL,
    sha256   TEXT NOT NULL UNIQUE,
    meta     TEXT NOT NULL DEFAULT '{}',
    length   INTEGER NOT NULL
);
CREATE TABLE annotators (
    pk   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE annotations (
    pk         INTEGER PRIMARY KEY,
    doc        INTEGER NOT NULL REFERENCES documents(pk),
    annotator  INTEGER NOT NULL REFERENCES annotators(pk),
    id         TEXT NOT NULL,
    label      TEXT NOT NULL,
    fragments  TEXT NOT NULL,
    start      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    attributes TEXT NOT NULL DEFAULT '{}',
    note       TEXT NOT NULL DEFAULT '',
    UNIQUE (doc, annotator, id)
);
CREATE INDEX annotations_by_start ON annotations (doc, annotator, start);
CREATE TABLE relations (
    pk        INTEGER PRIMARY KEY,
    doc       INTEGER NOT NULL REFERENCES documents(pk),
    annotator INTEGER NOT NULL REFERENCES annotators(pk),
    id        TEXT NOT NULL,
    kind      TEXT NOT NULL,
    source    INTEGER NOT NULL REFERENCES annotations(pk),
    target    INTEGER NOT NULL REFERENCES annotations(pk),
    UNIQUE (doc, annotator, id)
);
CREATE INDEX relations_by_source ON relations (source);
CREATE INDEX relations_by_target ON relations (target);
CREATE TABLE status (
    doc       INTEGER NOT NULL REFERENCES documents(pk),
    annotator INTEGER NOT NULL REFERENCES annotators(pk),
    status    TEXT NOT NULL CHECK (status IN ('new', 'in progress', 'done', 'adjudicated')),
    PRIMARY KEY (doc, annotator)
);
"#;

/// Migration 2: a reviewer's rejections (a disagreement settled as "none of the versions").
const V2: &str = r#"
CREATE TABLE rejections (
    doc  INTEGER NOT NULL REFERENCES documents(pk),
    item TEXT NOT NULL,
    PRIMARY KEY (doc, item)
);
"#;

/// Migration 3: row versions. Every write of an annotation, relation or status stamps the
/// row with the value of a project-wide clock, ticked once per transaction; undo compares
/// them to notice changes made elsewhere, and a hub's sync sends what changed since a tick.
const V3: &str = r#"
ALTER TABLE annotations ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE relations ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE status ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
CREATE TABLE clock (value INTEGER NOT NULL);
INSERT INTO clock (value) VALUES (0);
"#;

/// Migration 4: a full-text index of the documents (SQLite FTS5) for searching the corpus,
/// kept in step with `documents` by triggers. Case is folded; diacritics are kept, so that
/// the hits found in the text are exactly the words the index matched.
const V4: &str = r#"
CREATE VIRTUAL TABLE documents_fts USING fts5(
    text, content = 'documents', content_rowid = 'pk', tokenize = 'unicode61 remove_diacritics 0'
);
INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts (rowid, text) VALUES (new.pk, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, text) VALUES ('delete', old.pk, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF text ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, text) VALUES ('delete', old.pk, old.text);
    INSERT INTO documents_fts (rowid, text) VALUES (new.pk, new.text);
END;
"#;

/// Migration 5: where an annotation came from (`hand`, or accepted from a suggestion:
/// `suggestion`, `edited-suggestion`), so accepted suggestions are counted and can be left out.
const V5: &str = r#"
ALTER TABLE annotations ADD COLUMN origin TEXT NOT NULL DEFAULT 'hand'
    CHECK (origin IN ('hand', 'suggestion', 'edited-suggestion'));
"#;

/// Migration 6: the suggester learned from the project's layers, with what it learned from.
const V6: &str = r#"
CREATE TABLE suggester (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    trained_at  TEXT NOT NULL,
    layers      TEXT NOT NULL,
    documents   INTEGER NOT NULL,
    annotations INTEGER NOT NULL,
    model       BLOB NOT NULL
);
"#;

/// Migration 7: documents assigned to annotators, and a working copy of a hub. Which (document, layer) pairs changed since the last
/// sync — kept by triggers, only once the project is a hub copy — the hub version each pair was
/// last in step with, and the sync's own state (the hub, the last version brought in).
const V7: &str = r#"
CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sync_dirty (
    doc       INTEGER NOT NULL REFERENCES documents(pk),
    annotator INTEGER NOT NULL REFERENCES annotators(pk),
    PRIMARY KEY (doc, annotator)
) WITHOUT ROWID;
CREATE TABLE assignments (
    doc       INTEGER NOT NULL REFERENCES documents(pk),
    annotator TEXT NOT NULL,
    PRIMARY KEY (doc, annotator)
) WITHOUT ROWID;
CREATE TABLE sync_base (
    doc       INTEGER NOT NULL REFERENCES documents(pk),
    annotator INTEGER NOT NULL REFERENCES annotators(pk),
    version   INTEGER NOT NULL,
    PRIMARY KEY (doc, annotator)
) WITHOUT ROWID;
CREATE TRIGGER annotations_dirty_insert AFTER INSERT ON annotations
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE key = 'hub') BEGIN
    INSERT OR IGNORE INTO sync_dirty (doc, annotator) VALUES (new.doc, new.annotator);
END;
CREATE TRIGGER annotations_dirty_update AFTER UPDATE ON annotations
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE key = 'hub') BEGIN
    INSERT OR IGNORE INTO sync_dirty (doc, annotator) VALUES (new.doc, new.annotator);
END;
CREATE TRIGGER annotations_dirty_delete AFTER DELETE ON annotations
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE key = 'hub') BEGIN
    INSERT OR IGNORE INTO sync_dirty (doc, annotator) VALUES (old.doc, old.annotator);
END;
CREATE TRIGGER relations_dirty_insert AFTER INSERT ON relations
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE key = 'hub') BEGIN
    INSERT OR IGNORE INTO sync_dirty (doc, annotator) VALUES (new.doc, new.annotator);
END;
CREATE TRIGGER relations_dirty_update AFTER UPDATE ON relations
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE key = 'hub') BEGIN
    INSERT OR IGNORE INTO sync_dirty (doc, annotator) VALUES (new.doc, new.annotator);
END;
CREATE TRIGGER relations_dirty_delete AFTER DELETE ON relations
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE key = 'hub') BEGIN
    INSERT OR IGNORE INTO sync_dirty (doc, annotator) VALUES (old.doc, old.annotator);
END;
CREATE TRIGGER status_dirty_insert AFTER INSERT ON status
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE key = 'hub') BEGIN
    INSERT OR IGNORE INTO sync_dirty (doc, annotator) VALUES (new.doc, new.annotator);
END;
CREATE TRIGGER status_dirty_update AFTER UPDATE ON status
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE key = 'hub') BEGIN
    INSERT OR IGNORE INTO sync_dirty (doc, annotator) VALUES (new.doc, new.annotator);
END;
CREATE TRIGGER status_dirty_delete AFTER DELETE ON status
    WHEN EXISTS (SELECT 1 FROM sync_state WHERE key = 'hub') BEGIN
    INSERT OR IGNORE INTO sync_dirty (doc, annotator) VALUES (old.doc, old.annotator);
END;
"#;

/// Migration 8: what a hub copy needs to merge one annotator's two machines — the layer as
/// it was when last in step with the hub (the base of a three-way merge), and the items both
/// machines changed differently, with the version the annotator chose to keep.
const V8: &str = r#"
ALTER TABLE sync_base ADD COLUMN content TEXT;
CREATE TABLE sync_conflicts (
    doc       INTEGER NOT NULL REFERENCES documents(pk),
    annotator INTEGER NOT NULL REFERENCES annotators(pk),
    item      TEXT NOT NULL,
    mine      TEXT,
    hub       TEXT,
    keep      TEXT CHECK (keep IN ('mine', 'hub')),
    PRIMARY KEY (doc, annotator, item)
) WITHOUT ROWID;
"#;

/// Every migration, oldest first. The database's `user_version` counts those applied.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(V1),
        M::up(V2),
        M::up(V3),
        M::up(V4),
        M::up(V5),
        M::up(V6),
        M::up(V7),
        M::up(V8),
    ])
}

/// The schema version this build writes.
pub const LATEST_VERSION: i64 = 8;

/// True when the database holds any table (an empty new file holds none).
pub(super) fn has_tables(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table')",
        [],
        |r| r.get(0),
    )
}

/// Brings the database from `version` to [`LATEST_VERSION`], in one transaction per step.
/// A failure is told in words (the database's version number does not match its tables),
/// never as raw SQL.
pub(super) fn to_latest(conn: &mut Connection, version: i64, path: &Path) -> StoreResult<()> {
    migrations().to_latest(conn).map_err(|e| {
        let reason = match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => err.to_string(),
            other => other.to_string(),
        };
        // SQLite's message may quote the statement that failed; users get the words only.
        let reason = reason
            .split(" in \n")
            .next()
            .and_then(|s| s.lines().next())
            .unwrap_or("")
            .to_string();
        StoreError::Damaged {
            path: path.to_path_buf(),
            reason: format!(
                "upgrading it from database version {version} failed: {reason}; its version number may not match its tables (changed by another program?)"
            ),
        }
    })
}
