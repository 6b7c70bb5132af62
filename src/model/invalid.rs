//! Why a name, an attribute, a link or a record breaks the contract. Each variant displays as
//! one sentence that names what is at fault, as importers and the window show it.

/// A broken rule of the contract (`docs/contract.md`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    /// An annotator name is empty.
    #[error("an annotator name cannot be empty")]
    EmptyAnnotator,
    /// An annotator name is over 64 characters.
    #[error("annotator name '{0}' is longer than 64 characters")]
    AnnotatorTooLong(String),
    /// An annotator name starts or ends with white space.
    #[error("annotator name '{0}' starts or ends with a space")]
    AnnotatorSpaces(String),
    /// An annotator name has a control character.
    #[error("annotator name {0:?} contains a control character")]
    AnnotatorControl(String),
    /// `all`, or a name with a comma.
    #[error("'{0}' cannot name an annotator: 'all' and commas have a meaning on the command line")]
    AnnotatorReserved(String),
    /// The schema has no such relation type.
    #[error("unknown relation type '{0}'")]
    UnknownRelation(String),
    /// A relation starts or ends at a label its type does not allow there.
    #[error("a '{kind}' relation cannot {end} at a {label} (allowed: {allowed})")]
    RelationEnd {
        /// The relation type.
        kind: String,
        /// `start` or `end`.
        end: &'static str,
        /// The label found there.
        label: String,
        /// The labels allowed, comma-separated.
        allowed: String,
    },
    /// The schema has no such label.
    #[error("unknown label '{0}'")]
    UnknownLabel(String),
    /// An attribute the label does not define.
    #[error("label '{label}' has {}", match known.as_str() {
        "" => format!("no attributes, but '{name}' was given"),
        known => format!("no attribute '{name}' (it has: {known})"),
    })]
    UnknownAttribute {
        /// The label.
        label: String,
        /// The attribute given.
        name: String,
        /// The label's attributes, comma-separated (empty: none).
        known: String,
    },
    /// An attribute value outside the allowed ones.
    #[error("attribute '{name}' of '{label}' cannot be {value} (allowed: {allowed})")]
    AttributeValue {
        /// The label.
        label: String,
        /// The attribute.
        name: String,
        /// The value given, as JSON.
        value: String,
        /// The values allowed, comma-separated.
        allowed: String,
    },
    /// A document without an id.
    #[error("the document has an empty id")]
    EmptyDocumentId,
    /// An annotation's label is not in the schema.
    #[error(
        "{item}: unknown label '{label}' (the schema has: {known}); add it to project.ron, or map it with --map-label {label}=LABEL"
    )]
    LabelNotInSchema {
        /// `annotation 'a1'`.
        item: String,
        /// The label.
        label: String,
        /// The schema's labels, comma-separated.
        known: String,
    },
    /// Offsets beyond the text.
    #[error("{0}: its offsets lie outside the text")]
    OutsideText(String),
    /// The stored covered text differs from the document at the offsets.
    #[error(
        "{item}: its text {given:?} does not match the document at {at} (found {found:?}); the offsets must count code points"
    )]
    TextMismatch {
        /// `annotation 'a1'`.
        item: String,
        /// The text the annotation carries.
        given: String,
        /// Its fragments, as `[1, 5)`.
        at: String,
        /// The document's text there.
        found: String,
    },
    /// One layer uses an id twice.
    #[error("{kind} id '{id}' is used twice by {annotator}")]
    DuplicateId {
        /// `annotation` or `relation`.
        kind: &'static str,
        /// The id.
        id: String,
        /// The layer.
        annotator: String,
    },
    /// A relation names an annotation its layer does not have.
    #[error(
        "{item}: it points to annotation '{id}', which {annotator} does not have in this document"
    )]
    DanglingEnd {
        /// `relation 'r1'`.
        item: String,
        /// The missing annotation.
        id: String,
        /// The layer.
        annotator: String,
    },
    /// A relation from an annotation to itself.
    #[error("{item}: it links annotation '{id}' to itself")]
    SelfLink {
        /// `relation 'r1'`.
        item: String,
        /// The annotation.
        id: String,
    },
    /// Another rule broken by a named annotation, relation or status (`annotation 'a1': …`).
    #[error("{item}: {problem}")]
    In {
        /// What is at fault.
        item: String,
        /// What is wrong with it.
        problem: Box<Invalid>,
    },
    /// Fragments that break the rules of fragments.
    #[error("{item}: {problem}")]
    Fragments {
        /// What is at fault.
        item: String,
        /// What is wrong.
        problem: super::FragmentError,
    },
}

impl Invalid {
    /// This problem, said of `item` (`annotation 'a1'`).
    pub fn of(self, item: &str) -> Invalid {
        Invalid::In {
            item: item.to_string(),
            problem: Box::new(self),
        }
    }
}
