//! A document with its annotations, relations and status: what an importer produces and an
//! exporter consumes, and the rules every such record must satisfy before it is stored.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::annotation::{Annotation, Relation, covered_text, normalize_fragments};
use super::document::Document;
use super::layer::validate_annotator_name;
use super::offsets::OffsetIndex;
use super::schema::Schema;
use super::status::DocStatus;

/// One document and everything attached to it, as read from or written to a file.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentRecord {
    /// The document.
    pub document: Document,
    /// True when the document id came from the data and must be kept as it is; false when it
    /// was made up (from a file name) and may be made unique with a suffix.
    pub id_given: bool,
    /// Annotations, any layers. An empty `id` asks the store to assign one.
    pub annotations: Vec<Annotation>,
    /// Relations between annotations of the same layer. An empty `id` asks for one.
    pub relations: Vec<Relation>,
    /// Status per annotator.
    pub status: BTreeMap<String, DocStatus>,
}

impl DocumentRecord {
    /// A record of a bare document, without annotations.
    pub fn bare(document: Document, id_given: bool) -> DocumentRecord {
        DocumentRecord {
            document,
            id_given,
            annotations: Vec::new(),
            relations: Vec::new(),
            status: BTreeMap::new(),
        }
    }

    /// Checks every rule of the contract (`docs/contract.md`) against this record and normalises the fragments.
    ///
    /// On success every annotation has sorted, merged fragments and a `text` equal to its
    /// covered text. An error is a sentence naming the annotation or relation at fault.
    pub fn validate(&mut self, schema: &Schema) -> Result<(), String> {
        if self.document.id.trim().is_empty() {
            return Err("the document has an empty id".into());
        }
        let index = OffsetIndex::new(&self.document.text);
        let len = index.len_codepoints();
        let mut ids: HashSet<(&str, &str)> = HashSet::new();
        for (n, ann) in self.annotations.iter_mut().enumerate() {
            let name = if ann.id.is_empty() {
                format!("annotation {}", n + 1)
            } else {
                format!("annotation '{}'", ann.id)
            };
            validate_annotator_name(&ann.annotator).map_err(|e| format!("{name}: {e}"))?;
            if schema.label(&ann.label).is_none() {
                let known: Vec<&str> = schema.labels.iter().map(|l| l.name.as_str()).collect();
                return Err(format!(
                    "{name}: unknown label '{}' (the schema has: {}); add it to project.ron, or map it with --map-label {}=LABEL",
                    ann.label,
                    known.join(", "),
                    ann.label
                ));
            }
            let fragments = normalize_fragments(std::mem::take(&mut ann.fragments), len)
                .map_err(|e| format!("{name}: {e}"))?;
            let actual = covered_text(&self.document.text, &index, &fragments)
                .ok_or_else(|| format!("{name}: its offsets lie outside the text"))?;
            if ann.text != actual {
                return Err(format!(
                    "{name}: its text {:?} does not match the document at {} (found {:?}); the offsets must count code points",
                    ann.text,
                    describe_fragments(&fragments),
                    actual
                ));
            }
            ann.fragments = fragments;
            for (key, value) in &ann.attributes {
                schema
                    .check_attribute(&ann.label, key, value)
                    .map_err(|e| format!("{name}: {e}"))?;
            }
        }
        for ann in &self.annotations {
            if !ann.id.is_empty() && !ids.insert((ann.annotator.as_str(), ann.id.as_str())) {
                return Err(format!(
                    "annotation id '{}' is used twice by {}",
                    ann.id, ann.annotator
                ));
            }
        }
        let by_id: HashMap<(&str, &str), &Annotation> = self
            .annotations
            .iter()
            .filter(|a| !a.id.is_empty())
            .map(|a| ((a.annotator.as_str(), a.id.as_str()), a))
            .collect();
        let mut rel_ids: HashSet<(&str, &str)> = HashSet::new();
        for (n, rel) in self.relations.iter().enumerate() {
            let name = if rel.id.is_empty() {
                format!("relation {}", n + 1)
            } else {
                format!("relation '{}'", rel.id)
            };
            validate_annotator_name(&rel.annotator).map_err(|e| format!("{name}: {e}"))?;
            if !rel.id.is_empty() && !rel_ids.insert((rel.annotator.as_str(), rel.id.as_str())) {
                return Err(format!(
                    "relation id '{}' is used twice by {}",
                    rel.id, rel.annotator
                ));
            }
            let end = |id: &str| {
                by_id.get(&(rel.annotator.as_str(), id)).copied().ok_or_else(|| {
                    format!("{name}: it points to annotation '{id}', which {} does not have in this document", rel.annotator)
                })
            };
            let from = end(&rel.from)?;
            let to = end(&rel.to)?;
            if rel.from == rel.to {
                return Err(format!(
                    "{name}: it links annotation '{}' to itself",
                    rel.from
                ));
            }
            schema
                .check_relation(&rel.kind, &from.label, &to.label)
                .map_err(|e| format!("{name}: {e}"))?;
        }
        for annotator in self.status.keys() {
            validate_annotator_name(annotator).map_err(|e| format!("status: {e}"))?;
        }
        Ok(())
    }
}

/// `[120, 188)` or `[1, 5) + [9, 12)`.
pub fn describe_fragments(fragments: &[super::annotation::Fragment]) -> String {
    fragments
        .iter()
        .map(|f| format!("[{}, {})", f.start, f.end))
        .collect::<Vec<_>>()
        .join(" + ")
}
