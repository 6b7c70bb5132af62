//! `spanbench check`: database integrity and every stored span against its document.

use std::collections::HashMap;

use super::rows::fragments_from_json;
use super::{Store, StoreResult};
use crate::model::annotation::{covered_text, normalize_fragments};
use crate::model::document::sha256_hex;
use crate::model::{OffsetIndex, Schema};

/// One thing `check` found wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where: a document id, an annotation, or "database".
    pub place: String,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

impl Store {
    /// Checks SQLite's integrity and foreign keys, every document's hash and every
    /// annotation's fragments, text and label; answers every problem found (none: all is well).
    pub fn check(&self, schema: &Schema) -> StoreResult<Vec<Problem>> {
        let mut problems = Vec::new();
        if let Err(e) = self.check_into(schema, &mut problems) {
            // A database too damaged to read to the end: what was found, and where reading stopped.
            problems.push(Problem {
                place: "database".into(),
                message: format!("reading it failed: {e}"),
            });
        }
        Ok(problems)
    }

    fn check_into(&self, schema: &Schema, problems: &mut Vec<Problem>) -> StoreResult<()> {
        self.check_sqlite(problems)?;
        let texts = self.check_texts(problems)?;
        self.check_annotations(schema, &texts, problems)?;
        self.check_relations(problems)
    }

    /// SQLite's own integrity and foreign key checks.
    fn check_sqlite(&self, problems: &mut Vec<Problem>) -> StoreResult<()> {
        let db = |message: String| Problem {
            place: "database".into(),
            message,
        };
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        for row in rows {
            let row = row?;
            if row != "ok" {
                problems.push(db(row));
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?))
        })?;
        for row in rows {
            let (table, rowid) = row?;
            problems.push(db(format!(
                "row {rowid:?} of {table} points to a missing row"
            )));
        }
        Ok(())
    }

    /// Every document's hash and length; answers the texts by row, with their offset indexes.
    fn check_texts(
        &self,
        problems: &mut Vec<Problem>,
    ) -> StoreResult<HashMap<i64, (String, String, OffsetIndex)>> {
        let mut texts: HashMap<i64, (String, String, OffsetIndex)> = HashMap::new();
        let mut stmt = self
            .conn
            .prepare("SELECT pk, id, text, sha256, length FROM documents")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
            ))
        })?;
        for row in rows {
            let (pk, id, text, sha, length) = row?;
            if sha256_hex(&text) != sha {
                problems.push(Problem {
                    place: format!("document '{id}'"),
                    message: "its text does not match its SHA-256".into(),
                });
            }
            let index = OffsetIndex::new(&text);
            if index.len_codepoints() as i64 != length {
                problems.push(Problem {
                    place: format!("document '{id}'"),
                    message: "its stored length is wrong".into(),
                });
            }
            texts.insert(pk, (id, text, index));
        }
        Ok(texts)
    }

    /// Every annotation against the schema and its document's text.
    fn check_annotations(
        &self,
        schema: &Schema,
        texts: &HashMap<i64, (String, String, OffsetIndex)>,
        problems: &mut Vec<Problem>,
    ) -> StoreResult<()> {
        let mut stmt = self.conn.prepare(
            "SELECT a.doc, n.name, a.id, a.label, a.fragments, a.text, a.attributes FROM annotations a JOIN annotators n ON n.pk = a.annotator",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?;
        for row in rows {
            let (doc, annotator, id, label, fragments, stored, attributes) = row?;
            let Some((doc_id, text, index)) = texts.get(&doc) else {
                continue;
            };
            check_annotation(
                schema,
                (text, index),
                &place_of(doc_id, &id, &annotator),
                (&label, &fragments, &stored, &attributes),
                problems,
            );
        }
        Ok(())
    }

    /// Every relation links annotations of its own document and layer.
    fn check_relations(&self, problems: &mut Vec<Problem>) -> StoreResult<()> {
        let mut stmt = self.conn.prepare(
            "SELECT r.id, d.id FROM relations r JOIN annotations s ON s.pk = r.source JOIN annotations t ON t.pk = r.target
             JOIN documents d ON d.pk = r.doc
             WHERE s.doc != r.doc OR t.doc != r.doc OR s.annotator != r.annotator OR t.annotator != r.annotator",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (id, doc) = row?;
            problems.push(Problem {
                place: format!("document '{doc}', relation '{id}'"),
                message: "it links annotations of another document or layer".into(),
            });
        }
        Ok(())
    }
}

/// Where an annotation is, in a problem's words.
fn place_of(doc_id: &str, id: &str, annotator: &str) -> String {
    format!("document '{doc_id}', annotation '{id}' of {annotator}")
}

/// One stored annotation (label, fragments as JSON, covered text, attributes as JSON)
/// against the schema and the text of its document.
fn check_annotation(
    schema: &Schema,
    (text, index): (&str, &OffsetIndex),
    place: &str,
    (label, fragments, stored, attributes): (&str, &str, &str, &str),
    problems: &mut Vec<Problem>,
) {
    let place = place.to_string();
    if schema.label(label).is_none() {
        problems.push(Problem {
            place: place.clone(),
            message: format!("label '{label}' is not in the schema"),
        });
    }
    check_attributes(attributes, label, schema, &place, problems);
    let fragments = match fragments_from_json(fragments) {
        Ok(f) => f,
        Err(e) => {
            problems.push(Problem {
                place,
                message: e.to_string(),
            });
            return;
        }
    };
    match normalize_fragments(fragments.clone(), index.len_codepoints()) {
        Ok(normal) if normal == fragments => match covered_text(text, index, &fragments) {
            Some(actual) if actual == stored => {}
            Some(actual) => problems.push(Problem {
                place,
                message: format!("stored text {stored:?} differs from the document's {actual:?}"),
            }),
            None => problems.push(Problem {
                place,
                message: "its span lies outside the text".into(),
            }),
        },
        Ok(_) => problems.push(Problem {
            place,
            message: "its fragments are not sorted and separate".into(),
        }),
        Err(e) => problems.push(Problem {
            place,
            message: e.to_string(),
        }),
    }
}

/// Attributes must be a JSON object whose names and values the schema allows: what an export
/// would choke on is found here first.
fn check_attributes(
    json: &str,
    label: &str,
    schema: &Schema,
    place: &str,
    problems: &mut Vec<Problem>,
) {
    match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(json) {
        Err(e) => problems.push(Problem {
            place: place.to_string(),
            message: format!("its attributes are not a JSON object ({e}): {json:?}"),
        }),
        Ok(map) => {
            for (name, value) in &map {
                if schema.label(label).is_some()
                    && let Err(m) = schema.check_attribute(label, name, value)
                {
                    problems.push(Problem {
                        place: place.to_string(),
                        message: format!("attribute {name}: {m}"),
                    });
                }
            }
        }
    }
}
