//! A document with its annotations, relations and status: what an importer produces and an
//! exporter consumes, and the rules every such record must satisfy before it is stored.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::annotation::{Annotation, Relation, covered_text, normalize_fragments};
use super::document::Document;
use super::invalid::Invalid;
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
    /// Leaves out the annotations accepted from suggestions and the relations that touch
    /// them; answers how many annotations went.
    pub fn leave_out_accepted(&mut self) -> usize {
        let gone: Vec<(String, String)> = self
            .annotations
            .iter()
            .filter(|a| a.origin.is_accepted())
            .map(|a| (a.annotator.clone(), a.id.clone()))
            .collect();
        let touches = |who: &str, id: &str| gone.iter().any(|(a, i)| a == who && i == id);
        self.relations
            .retain(|r| !touches(&r.annotator, &r.from) && !touches(&r.annotator, &r.to));
        self.annotations.retain(|a| !a.origin.is_accepted());
        gone.len()
    }

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

    /// The annotations of one layer (annotator, `gold` or `suggested`), in record order.
    pub fn layer_annotations(&self, layer: &str) -> Vec<&Annotation> {
        self.annotations
            .iter()
            .filter(|a| a.annotator == layer)
            .collect()
    }

    /// Checks every rule of the contract (`docs/contract.md`) against this record and normalises the fragments.
    ///
    /// On success every annotation has sorted, merged fragments and a `text` equal to its
    /// covered text. An error names the annotation or relation at fault.
    pub fn validate(&mut self, schema: &Schema) -> Result<(), Invalid> {
        if self.document.id.trim().is_empty() {
            return Err(Invalid::EmptyDocumentId);
        }
        let index = OffsetIndex::new(&self.document.text);
        for (n, ann) in self.annotations.iter_mut().enumerate() {
            validate_annotation(ann, n, &self.document.text, &index, schema)?;
        }
        let mut ids: HashSet<(&str, &str)> = HashSet::new();
        for ann in &self.annotations {
            if !ann.id.is_empty() && !ids.insert((ann.annotator.as_str(), ann.id.as_str())) {
                return Err(Invalid::DuplicateId {
                    kind: "annotation",
                    id: ann.id.clone(),
                    annotator: ann.annotator.clone(),
                });
            }
        }
        self.validate_relations(schema)?;
        for annotator in self.status.keys() {
            validate_annotator_name(annotator).map_err(|e| e.of("status"))?;
        }
        Ok(())
    }

    /// Checks every relation: ids unique per layer, both ends in the layer, types and labels
    /// as the schema allows.
    fn validate_relations(&self, schema: &Schema) -> Result<(), Invalid> {
        let by_id: HashMap<(&str, &str), &Annotation> = self
            .annotations
            .iter()
            .filter(|a| !a.id.is_empty())
            .map(|a| ((a.annotator.as_str(), a.id.as_str()), a))
            .collect();
        let mut rel_ids: HashSet<(&str, &str)> = HashSet::new();
        for (n, rel) in self.relations.iter().enumerate() {
            let item = item_name("relation", &rel.id, n);
            validate_annotator_name(&rel.annotator).map_err(|e| e.of(&item))?;
            if !rel.id.is_empty() && !rel_ids.insert((rel.annotator.as_str(), rel.id.as_str())) {
                return Err(Invalid::DuplicateId {
                    kind: "relation",
                    id: rel.id.clone(),
                    annotator: rel.annotator.clone(),
                });
            }
            let end = |id: &str| {
                by_id
                    .get(&(rel.annotator.as_str(), id))
                    .copied()
                    .ok_or_else(|| Invalid::DanglingEnd {
                        item: item.clone(),
                        id: id.into(),
                        annotator: rel.annotator.clone(),
                    })
            };
            let from = end(&rel.from)?;
            let to = end(&rel.to)?;
            if rel.from == rel.to {
                return Err(Invalid::SelfLink {
                    item,
                    id: rel.from.clone(),
                });
            }
            schema
                .check_relation(&rel.kind, &from.label, &to.label)
                .map_err(|e| e.of(&item))?;
        }
        Ok(())
    }
}

/// `annotation 'a1'`, or `annotation 3` (counting from 1) for one without an id.
fn item_name(kind: &str, id: &str, n: usize) -> String {
    if id.is_empty() {
        format!("{kind} {}", n + 1)
    } else {
        format!("{kind} '{id}'")
    }
}

/// Checks the `n`th annotation against `text` and the schema and normalises its fragments.
fn validate_annotation(
    ann: &mut Annotation,
    n: usize,
    text: &str,
    index: &OffsetIndex,
    schema: &Schema,
) -> Result<(), Invalid> {
    let item = item_name("annotation", &ann.id, n);
    validate_annotator_name(&ann.annotator).map_err(|e| e.of(&item))?;
    if schema.label(&ann.label).is_none() {
        let known: Vec<&str> = schema.labels.iter().map(|l| l.name.as_str()).collect();
        return Err(Invalid::LabelNotInSchema {
            item,
            label: ann.label.clone(),
            known: known.join(", "),
        });
    }
    let fragments = normalize_fragments(std::mem::take(&mut ann.fragments), index.len_codepoints())
        .map_err(|problem| Invalid::Fragments {
            item: item.clone(),
            problem,
        })?;
    let actual =
        covered_text(text, index, &fragments).ok_or_else(|| Invalid::OutsideText(item.clone()))?;
    if ann.text != actual {
        return Err(Invalid::TextMismatch {
            item,
            given: ann.text.clone(),
            at: describe_fragments(&fragments),
            found: actual,
        });
    }
    ann.fragments = fragments;
    for (key, value) in &ann.attributes {
        schema
            .check_attribute(&ann.label, key, value)
            .map_err(|e| e.of(&item))?;
    }
    Ok(())
}

/// `[120, 188)` or `[1, 5) + [9, 12)`.
pub fn describe_fragments(fragments: &[super::annotation::Fragment]) -> String {
    fragments
        .iter()
        .map(|f| format!("[{}, {})", f.start, f.end))
        .collect::<Vec<_>>()
        .join(" + ")
}
