//! Numbered schema migrations. Append new ones; never edit a released one.

use rusqlite_migration::{M, Migrations};

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

/// Every migration, oldest first. The database's `user_version` counts those applied.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![M::up(V1), M::up(V2)])
}

/// The schema version this build writes.
pub const LATEST_VERSION: i64 = 2;
