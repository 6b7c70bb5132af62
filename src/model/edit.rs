//! Edits: every change of annotations, relations and status, as a value.
//!
//! The store applies an [`Edit`] in one transaction and answers with its inverse, which is
//! what makes undo and redo exact: undoing a deletion brings back the annotation with its id,
//! attributes, note and the relations that hung on it.

use serde_json::Value;

use super::annotation::{Annotation, Fragment, Origin, Relation};
use super::status::DocStatus;

/// Names one annotation: document, annotator (layer) and the annotation's id.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AnnRef {
    /// Document id.
    pub doc: String,
    /// Annotator (layer) name.
    pub annotator: String,
    /// Annotation id within document and annotator.
    pub id: String,
}

impl AnnRef {
    /// A reference to `annotation` in document `doc`.
    pub fn of(doc: &str, annotation: &Annotation) -> AnnRef {
        AnnRef {
            doc: doc.to_string(),
            annotator: annotation.annotator.clone(),
            id: annotation.id.clone(),
        }
    }
}

/// One stored row an edit writes: what undo checks before it takes a step back, so that it
/// never undoes over a change made elsewhere (another window, another process).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RowKey {
    /// An annotation (its links count as part of it: linking or unlinking changes it too).
    Annotation(AnnRef),
    /// A relation: document, annotator, id.
    Relation(String, String, String),
    /// An annotator's status on a document: document, annotator.
    Status(String, String),
    /// A reviewer's rejection: document, item key.
    Rejection(String, String),
}

/// One user action on the annotations of a project.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Adds an annotation (its `text` is recomputed from the document).
    AddAnnotation {
        /// Document id.
        doc: String,
        /// The new annotation; its id must be free in its layer.
        annotation: Annotation,
    },
    /// Deletes an annotation and the relations that start or end at it.
    DeleteAnnotation(AnnRef),
    /// Gives an annotation another label; relations the new label does not allow are removed.
    Relabel {
        /// Which annotation.
        target: AnnRef,
        /// The new label.
        label: String,
    },
    /// Replaces an annotation's fragments (move a boundary, add or remove a fragment).
    SetFragments {
        /// Which annotation.
        target: AnnRef,
        /// The new fragments.
        fragments: Vec<Fragment>,
    },
    /// Sets (`Some`) or removes (`None`) one attribute.
    SetAttribute {
        /// Which annotation.
        target: AnnRef,
        /// Attribute name.
        name: String,
        /// New value, or `None` to remove it.
        value: Option<Value>,
    },
    /// Replaces an annotation's note.
    SetNote {
        /// Which annotation.
        target: AnnRef,
        /// The new note.
        note: String,
    },
    /// Says where an annotation came from (accepting a suggestion marks it; editing an
    /// accepted one marks it edited).
    SetOrigin {
        /// Which annotation.
        target: AnnRef,
        /// Its origin now.
        origin: Origin,
    },
    /// Adds a relation between two annotations of the same layer.
    Link {
        /// Document id.
        doc: String,
        /// The relation; its id must be free in its layer.
        relation: Relation,
    },
    /// Removes a relation.
    Unlink {
        /// Document id.
        doc: String,
        /// Annotator (layer).
        annotator: String,
        /// Relation id.
        id: String,
    },
    /// Sets an annotator's status on a document.
    SetStatus {
        /// Document id.
        doc: String,
        /// Annotator (layer).
        annotator: String,
        /// The new status.
        status: DocStatus,
    },
    /// Records (or withdraws) a reviewer's rejection of a disagreement: none of the versions
    /// goes into gold.
    SetRejected {
        /// Document id.
        doc: String,
        /// The disagreement's key (see `review::Disagreement::key`).
        item: String,
        /// Rejected, or not.
        rejected: bool,
    },
    /// Several edits applied in order as one step.
    Batch(Vec<Edit>),
}

impl Edit {
    /// A short sentence for the status line ("quote added").
    pub fn describe(&self) -> String {
        match self {
            Edit::AddAnnotation { annotation, .. } => format!("{} added", annotation.label),
            Edit::DeleteAnnotation(_) => "annotation deleted".into(),
            Edit::Relabel { label, .. } => format!("relabelled as {label}"),
            Edit::SetFragments { .. } => "span changed".into(),
            Edit::SetAttribute {
                name,
                value: Some(v),
                ..
            } => format!("{name} set to {}", display_value(v)),
            Edit::SetAttribute {
                name, value: None, ..
            } => format!("{name} cleared"),
            Edit::SetNote { .. } => "note changed".into(),
            Edit::SetOrigin { .. } => "origin changed".into(),
            Edit::Link { relation, .. } => format!("{} link added", relation.kind),
            Edit::Unlink { .. } => "link removed".into(),
            Edit::SetStatus { status, .. } => format!("marked {}", status.name()),
            Edit::SetRejected { rejected: true, .. } => "all versions rejected".into(),
            Edit::SetRejected {
                rejected: false, ..
            } => "rejection withdrawn".into(),
            Edit::Batch(edits) => match edits.as_slice() {
                [] => "nothing changed".into(),
                [one] => one.describe(),
                [first, ..] => format!(
                    "{} (and {} more changes)",
                    first.describe(),
                    edits.len() - 1
                ),
            },
        }
    }

    /// The document this edit touches (the first one, for a batch).
    pub fn doc(&self) -> Option<&str> {
        match self {
            Edit::AddAnnotation { doc, .. }
            | Edit::Link { doc, .. }
            | Edit::Unlink { doc, .. }
            | Edit::SetStatus { doc, .. }
            | Edit::SetRejected { doc, .. } => Some(doc),
            Edit::DeleteAnnotation(t)
            | Edit::Relabel { target: t, .. }
            | Edit::SetFragments { target: t, .. }
            | Edit::SetAttribute { target: t, .. }
            | Edit::SetNote { target: t, .. }
            | Edit::SetOrigin { target: t, .. } => Some(&t.doc),
            Edit::Batch(edits) => edits.iter().find_map(Edit::doc),
        }
    }

    /// True when the edit (or a part of a batch) changes document `id`.
    pub fn touches_doc(&self, id: &str) -> bool {
        match self {
            Edit::Batch(edits) => edits.iter().any(|e| e.touches_doc(id)),
            other => other.doc() == Some(id),
        }
    }

    /// This edit with the ids the store assigned filled in, read from the inverse the store
    /// answered: an `AddAnnotation` or `Link` without an id gets the one it was given, so that
    /// redoing it brings back the same id.
    pub fn with_ids_from(mut self, inverse: &Edit) -> Edit {
        fill_ids(&mut self, inverse);
        self
    }

    /// Every annotation this edit adds, removes or changes (ids within document and layer).
    pub fn touched_annotations(&self) -> Vec<AnnRef> {
        match self {
            Edit::AddAnnotation { doc, annotation } => vec![AnnRef::of(doc, annotation)],
            Edit::DeleteAnnotation(t)
            | Edit::Relabel { target: t, .. }
            | Edit::SetFragments { target: t, .. }
            | Edit::SetAttribute { target: t, .. }
            | Edit::SetNote { target: t, .. }
            | Edit::SetOrigin { target: t, .. } => vec![t.clone()],
            Edit::Link { .. }
            | Edit::Unlink { .. }
            | Edit::SetStatus { .. }
            | Edit::SetRejected { .. } => Vec::new(),
            Edit::Batch(edits) => edits.iter().flat_map(Edit::touched_annotations).collect(),
        }
    }

    /// Every row this edit writes, as far as the edit itself names them: the annotations it
    /// adds, removes or changes, the relations with both their ends, statuses and rejections.
    /// The rows an edit writes are those of the edit and of its inverse together.
    pub fn touched_rows(&self) -> Vec<RowKey> {
        let ann = |doc: &str, annotator: &str, id: &str| {
            RowKey::Annotation(AnnRef {
                doc: doc.to_string(),
                annotator: annotator.to_string(),
                id: id.to_string(),
            })
        };
        match self {
            Edit::AddAnnotation { doc, annotation } => {
                vec![RowKey::Annotation(AnnRef::of(doc, annotation))]
            }
            Edit::DeleteAnnotation(t)
            | Edit::Relabel { target: t, .. }
            | Edit::SetFragments { target: t, .. }
            | Edit::SetAttribute { target: t, .. }
            | Edit::SetNote { target: t, .. }
            | Edit::SetOrigin { target: t, .. } => vec![RowKey::Annotation(t.clone())],
            Edit::Link { doc, relation: r } => vec![
                RowKey::Relation(doc.clone(), r.annotator.clone(), r.id.clone()),
                ann(doc, &r.annotator, &r.from),
                ann(doc, &r.annotator, &r.to),
            ],
            Edit::Unlink { doc, annotator, id } => {
                vec![RowKey::Relation(doc.clone(), annotator.clone(), id.clone())]
            }
            Edit::SetStatus { doc, annotator, .. } => {
                vec![RowKey::Status(doc.clone(), annotator.clone())]
            }
            Edit::SetRejected { doc, item, .. } => {
                vec![RowKey::Rejection(doc.clone(), item.clone())]
            }
            Edit::Batch(edits) => edits.iter().flat_map(Edit::touched_rows).collect(),
        }
    }

    /// Edits that a burst of input should fold into one undo step share a key: typing a note,
    /// dragging a boundary, changing the same attribute.
    pub fn merge_key(&self) -> Option<String> {
        match self {
            Edit::SetNote { target, .. } => Some(format!("note {target:?}")),
            Edit::SetFragments { target, .. } => Some(format!("fragments {target:?}")),
            Edit::SetAttribute { target, name, .. } => Some(format!("attr {name} {target:?}")),
            _ => None,
        }
    }
}

fn fill_ids(edit: &mut Edit, inverse: &Edit) {
    match (edit, inverse) {
        (Edit::AddAnnotation { annotation, .. }, Edit::DeleteAnnotation(r))
            if annotation.id.is_empty() =>
        {
            annotation.id = r.id.clone();
        }
        (Edit::Link { relation, .. }, Edit::Unlink { id, .. }) if relation.id.is_empty() => {
            relation.id = id.clone()
        }
        (Edit::Batch(edits), Edit::Batch(inverses)) if edits.len() == inverses.len() => {
            // A batch's inverse lists the inverses in reverse order.
            for (e, i) in edits.iter_mut().zip(inverses.iter().rev()) {
                fill_ids(e, i);
            }
        }
        _ => {}
    }
}

fn display_value(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
