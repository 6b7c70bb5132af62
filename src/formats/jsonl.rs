//! The native format: one JSON document per line, as the contract (`docs/contract.md`) fixes it.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::malformed::Malformed;
use crate::model::document::{sha256_hex, title_from_text};
use crate::model::{
    Annotation, DocStatus, Document, DocumentRecord, Fragment, OffsetIndex, OffsetUnit, Origin,
    Relation,
};

/// One line as read, before checks.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LineIn {
    id: Option<Value>,
    title: Option<String>,
    text: String,
    sha256: Option<String>,
    offsets: Option<String>,
    meta: Option<Map<String, Value>>,
    #[serde(default)]
    annotations: Vec<AnnotationIn>,
    #[serde(default)]
    relations: Vec<RelationIn>,
    #[serde(default)]
    status: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnnotationIn {
    id: Option<Value>,
    annotator: Option<String>,
    label: String,
    fragments: Option<Vec<[usize; 2]>>,
    start: Option<usize>,
    end: Option<usize>,
    text: Option<String>,
    #[serde(default)]
    attributes: BTreeMap<String, Value>,
    #[serde(default)]
    note: String,
    /// `suggestion` or `edited-suggestion` for an annotation accepted from a suggestion.
    #[serde(default)]
    origin: Origin,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RelationIn {
    id: Option<Value>,
    annotator: Option<String>,
    #[serde(rename = "type")]
    kind: String,
    from: Value,
    to: Value,
}

/// An id written as a string or a number; `item` names whose id it is.
fn id_text(v: &Value, item: impl FnOnce() -> String) -> Result<String, Malformed> {
    match v {
        Value::String(s) if !s.is_empty() => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        other => Err(Malformed::BadId {
            item: item(),
            found: other.to_string(),
        }),
    }
}

/// Parses one line of native JSONL into a record. `fallback_id` names the document when the
/// line has no `id`; `annotator` stands in where an annotation or relation names none.
///
/// The record still has to pass [`DocumentRecord::validate`] against the schema.
pub fn parse_line(
    line: &str,
    fallback_id: &str,
    annotator: Option<&str>,
) -> Result<DocumentRecord, Malformed> {
    let line = line.strip_prefix('\u{feff}').unwrap_or(line);
    let input: LineIn = serde_json::from_str(line).map_err(|e| {
        let what = e.to_string();
        let what = what
            .rsplit_once(" at line ")
            .map_or(what.as_str(), |(w, _)| w)
            .to_string();
        Malformed::Record {
            what,
            column: e.column(),
        }
    })?;
    let unit = match input.offsets.as_deref() {
        None => OffsetUnit::Codepoint,
        Some(name) => {
            OffsetUnit::parse(name).ok_or_else(|| Malformed::OffsetUnit(name.to_string()))?
        }
    };
    let sha256 = sha256_hex(&input.text);
    if let Some(given) = &input.sha256
        && !given.eq_ignore_ascii_case(&sha256)
    {
        return Err(Malformed::ChangedText {
            given: given.clone(),
            actual: sha256,
        });
    }
    let (id, id_given) = match &input.id {
        Some(v) => (id_text(v, || "document".into())?, true),
        None => (fallback_id.to_string(), false),
    };
    let title = input
        .title
        .clone()
        .or_else(|| title_from_text(&input.text))
        .unwrap_or_else(|| id.clone());
    let reading = Reading {
        unit,
        index: (unit != OffsetUnit::Codepoint).then(|| OffsetIndex::new(&input.text)),
        annotator,
    };
    // Pushed into vectors of their own size: collecting the mapped input in place would keep
    // the input's (larger) allocation for every record of an import.
    let mut annotations = Vec::with_capacity(input.annotations.len());
    for (n, a) in input.annotations.into_iter().enumerate() {
        annotations.push(reading.annotation(n, a)?);
    }
    let mut relations = Vec::with_capacity(input.relations.len());
    for (n, r) in input.relations.into_iter().enumerate() {
        relations.push(reading.relation(n, r)?);
    }
    let status = read_status(input.status)?;
    let document = Document {
        id,
        title,
        sha256,
        text: input.text,
        meta: input.meta.unwrap_or_default(),
    };
    Ok(DocumentRecord {
        document,
        id_given,
        annotations,
        relations,
        status,
    })
}

/// The statuses of a line, each one of the four.
fn read_status(given: BTreeMap<String, String>) -> Result<BTreeMap<String, DocStatus>, Malformed> {
    let mut status = BTreeMap::new();
    for (name, value) in given {
        let Some(s) = DocStatus::parse(&value) else {
            return Err(Malformed::Status {
                annotator: name,
                value,
            });
        };
        status.insert(name, s);
    }
    Ok(status)
}

/// How a line's annotations and relations are read: its offset unit and the layer for those
/// that name none.
struct Reading<'a> {
    unit: OffsetUnit,
    /// The text's offset index, when offsets are not code points.
    index: Option<OffsetIndex>,
    annotator: Option<&'a str>,
}

impl Reading<'_> {
    /// An offset in code points.
    fn to_cp(&self, offset: usize, what: &str) -> Result<usize, Malformed> {
        match &self.index {
            None => Ok(offset),
            Some(index) => index
                .to_codepoint(offset, self.unit)
                .ok_or_else(|| Malformed::Offset {
                    item: what.to_string(),
                    offset,
                    unit: self.unit,
                }),
        }
    }

    /// The layer: the one given, else `--annotator`.
    fn layer_of(&self, given: &Option<String>, what: &str) -> Result<String, Malformed> {
        given
            .clone()
            .or_else(|| self.annotator.map(str::to_string))
            .ok_or_else(|| Malformed::NoAnnotator(what.to_string()))
    }

    /// The `n`th annotation (counting from 0).
    fn annotation(&self, n: usize, a: AnnotationIn) -> Result<Annotation, Malformed> {
        let id =
            a.id.as_ref()
                .map(|v| id_text(v, || format!("annotation {}", n + 1)))
                .transpose()?;
        let name = id.as_ref().map_or(format!("annotation {}", n + 1), |id| {
            format!("annotation '{id}'")
        });
        let pairs = match (a.fragments, a.start, a.end) {
            (Some(f), None, None) => f,
            (None, Some(s), Some(e)) => vec![[s, e]],
            (None, _, _) => return Err(Malformed::NoSpan(name)),
            (Some(_), _, _) => return Err(Malformed::TwoSpans(name)),
        };
        let fragments = pairs
            .into_iter()
            .map(|[s, e]| Ok(Fragment::new(self.to_cp(s, &name)?, self.to_cp(e, &name)?)))
            .collect::<Result<Vec<_>, Malformed>>()?;
        let Some(text) = a.text else {
            return Err(Malformed::NoCoveredText(name));
        };
        Ok(Annotation {
            origin: a.origin,
            id: id.unwrap_or_default(),
            annotator: self.layer_of(&a.annotator, &name)?,
            label: a.label,
            fragments,
            text,
            attributes: a.attributes,
            note: a.note,
        })
    }

    /// The `n`th relation (counting from 0).
    fn relation(&self, n: usize, r: RelationIn) -> Result<Relation, Malformed> {
        let id =
            r.id.as_ref()
                .map(|v| id_text(v, || format!("relation {}", n + 1)))
                .transpose()?;
        let name = id.as_ref().map_or(format!("relation {}", n + 1), |id| {
            format!("relation '{id}'")
        });
        Ok(Relation {
            id: id.unwrap_or_default(),
            annotator: self.layer_of(&r.annotator, &name)?,
            kind: r.kind,
            from: id_text(&r.from, || format!("{name}: \"from\""))?,
            to: id_text(&r.to, || format!("{name}: \"to\""))?,
        })
    }
}

/// Writes one record as one line of native JSONL, offsets in `unit`.
pub fn write_line(record: &DocumentRecord, unit: OffsetUnit) -> String {
    let index = (unit != OffsetUnit::Codepoint).then(|| OffsetIndex::new(&record.document.text));
    let convert = |cp: usize| match &index {
        None => cp,
        Some(index) => index.from_codepoint(cp, unit).unwrap_or(cp),
    };
    let annotations: Vec<Value> = record
        .annotations
        .iter()
        .map(|a| {
            let fragments: Vec<[usize; 2]> = a
                .fragments
                .iter()
                .map(|f| [convert(f.start), convert(f.end)])
                .collect();
            let mut out = json!({
                "id": a.id, "annotator": a.annotator, "label": a.label, "fragments": fragments,
                "text": a.text, "attributes": a.attributes, "note": a.note,
            });
            if a.origin.is_accepted() {
                out["origin"] = json!(a.origin.name());
            }
            out
        })
        .collect();
    let relations: Vec<Value> = record
        .relations
        .iter()
        .map(|r| json!({"id": r.id, "annotator": r.annotator, "type": r.kind, "from": r.from, "to": r.to}))
        .collect();
    let status: Map<String, Value> = record
        .status
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.name().to_string())))
        .collect();
    let d = &record.document;
    let line = json!({
        "id": d.id, "title": d.title, "text": d.text, "sha256": d.sha256, "offsets": unit.name(),
        "meta": d.meta, "annotations": annotations, "relations": relations, "status": status,
    });
    line.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Schema;

    fn check_ok(line: &str) -> DocumentRecord {
        let mut rec = parse_line(line, "fallback", Some("anna")).unwrap();
        rec.validate(&Schema::default_news()).unwrap();
        rec
    }

    fn check_err(line: &str, expected: &str) {
        let result = parse_line(line, "fallback", None)
            .map_err(|e| e.to_string())
            .and_then(|mut r| {
                r.validate(&Schema::default_news())
                    .map_err(|e| e.to_string())
                    .map(|_| r)
            });
        let err = result.expect_err("the line should be refused");
        assert!(err.contains(expected), "expected {expected:?} in {err:?}");
    }

    #[test]
    fn spec_example_reads() {
        let rec = check_ok(
            r#"{"id": "d1", "text": "„Nein“, sagte Putin 😀.", "annotations": [
                {"id": "a1", "annotator": "anna", "label": "quote", "fragments": [[0, 6]], "text": "„Nein“", "attributes": {"form": "direct"}},
                {"id": "a2", "label": "speaker", "start": 14, "end": 19, "text": "Putin"}],
               "relations": [{"id": "r1", "type": "attribution", "from": "a1", "to": "a2"}],
               "status": {"anna": "done"}}"#,
        );
        assert_eq!(rec.annotations.len(), 2);
        assert_eq!(rec.annotations[1].annotator, "anna");
        assert_eq!(rec.relations[0].annotator, "anna");
        assert_eq!(rec.status.get("anna"), Some(&DocStatus::Done));
        assert_eq!(rec.document.title, "„Nein“, sagte Putin 😀.");
    }

    #[test]
    fn utf16_offsets_are_converted_and_written_back() {
        // The emoji takes two UTF-16 units: "Putin" starts at code point 3, UTF-16 unit 4.
        let rec = check_ok(
            r#"{"id": "d", "offsets": "utf16", "text": "😀: Putin", "annotations": [{"label": "speaker", "fragments": [[4, 9]], "text": "Putin"}]}"#,
        );
        assert_eq!(rec.annotations[0].fragments, vec![Fragment::new(3, 8)]);
        let out: Value = serde_json::from_str(&write_line(&rec, OffsetUnit::Utf16)).unwrap();
        assert_eq!(out["annotations"][0]["fragments"], json!([[4, 9]]));
        assert_eq!(out["offsets"], "utf16");
        let out: Value = serde_json::from_str(&write_line(&rec, OffsetUnit::Utf8)).unwrap();
        assert_eq!(out["annotations"][0]["fragments"], json!([[6, 11]]));
    }

    #[test]
    fn bad_lines_say_what_is_wrong() {
        check_err(
            r#"{"id": "d", "text": "abc"#,
            "not a valid record: EOF while parsing",
        );
        check_err(r#"{"id": "d"}"#, "missing field `text`");
        check_err(
            r#"{"id": "d", "text": "x", "colour": 1}"#,
            "unknown field `colour`",
        );
        check_err(
            r#"{"text": "Hallo Welt", "annotations": [{"annotator": "a", "label": "quote", "start": 0, "end": 5, "text": "Welt"}]}"#,
            "its text \"Welt\" does not match the document at [0, 5) (found \"Hallo\")",
        );
        check_err(
            r#"{"text": "Hallo", "annotations": [{"annotator": "a", "label": "quote", "start": 2, "end": 9, "text": "llo"}]}"#,
            "lies past the end of the text (5 code points)",
        );
        check_err(
            r#"{"text": "Hallo", "annotations": [{"annotator": "a", "label": "person", "start": 0, "end": 5, "text": "Hallo"}]}"#,
            "unknown label 'person' (the schema has: quote, claim, rebuttal, speaker)",
        );
        check_err(
            r#"{"text": "Hallo", "annotations": [{"id": "a1", "annotator": "a", "label": "quote", "start": 0, "end": 5, "text": "Hallo"}],
                "relations": [{"annotator": "a", "type": "attribution", "from": "a1", "to": "a9"}]}"#,
            "it points to annotation 'a9', which a does not have in this document",
        );
        check_err(
            r#"{"text": "Hallo", "annotations": [{"label": "quote", "start": 0, "end": 5, "text": "Hallo"}]}"#,
            "names no annotator; add \"annotator\" or pass --annotator NAME",
        );
        check_err(
            r#"{"text": "Hallo", "sha256": "00"}"#,
            "the text was changed",
        );
        check_err(
            r#"{"text": "Hallo", "status": {"a": "finished"}}"#,
            "status of a is \"finished\"",
        );
        check_err(
            r#"{"text": "😀x", "offsets": "utf16", "annotations": [{"annotator": "a", "label": "quote", "start": 1, "end": 3, "text": "x"}]}"#,
            "annotation 1: offset 1 (utf16) lies past the end of the text or inside a character",
        );
    }
}
