//! Why a line or a file of another tool's format cannot be read. Each variant displays as one
//! sentence naming the item at fault (`annotation 'a1'`, `task 3`, `relation 2`), as the
//! importer prints it after the file and line.

use crate::model::OffsetUnit;

/// A reader's complaint about its input.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Malformed {
    /// The input is not JSON at all.
    #[error("not valid JSON: {0}")]
    Json(String),
    /// A native record breaks the format's grammar (unknown key, wrong type).
    #[error("not a valid record: {what} (column {column})")]
    Record {
        /// serde's description.
        what: String,
        /// The column where it went wrong.
        column: usize,
    },
    /// A `.json` file that is not a Label Studio export; says what it looks like instead.
    #[error(
        "this is not a Label Studio export (a list of tasks, each with \"data\"): {0}. A .json file is read as Label Studio, the only JSON format spanbench imports; spanbench's own and doccano's files are JSON lines (.jsonl)"
    )]
    NotLabelStudio(String),
    /// Something the item needs is not there.
    #[error("{item} has no {field}")]
    Missing {
        /// The item (`the line`, `entity 2`, `task 1: a relation`).
        item: String,
        /// What it lacks (`"text"`, `label`, `from_id`).
        field: String,
    },
    /// A field that must hold a number holds something else.
    #[error("{0} is not a number")]
    NotANumber(String),
    /// An id that is neither a non-empty string nor a number.
    #[error("{item}: an id must be a non-empty string or a number, not {found}")]
    BadId {
        /// Whose id (`document`, `annotation 3`, `relation 'r1'`: "from"`).
        item: String,
        /// The JSON found.
        found: String,
    },
    /// An offset beyond the text, or one that falls inside a character in its unit.
    #[error("{item}: offset {offset} ({}) lies past the end of the text or inside a character", unit.name())]
    Offset {
        /// The item.
        item: String,
        /// The offset as written.
        offset: usize,
        /// The unit it was read in.
        unit: OffsetUnit,
    },
    /// A span that does not lie inside the text.
    #[error("{item}: [{start}, {end}) lies outside the text")]
    OutsideText {
        /// The item.
        item: String,
        /// Its start.
        start: usize,
        /// Its end.
        end: usize,
    },
    /// `"offsets"` names no unit.
    #[error("\"offsets\" is {0:?}; it must be \"codepoint\", \"utf16\" or \"utf8\"")]
    OffsetUnit(String),
    /// The text does not have the SHA-256 the record gives.
    #[error("\"sha256\" is {given}, but the text's SHA-256 is {actual}: the text was changed")]
    ChangedText {
        /// The hash in the record.
        given: String,
        /// The text's hash.
        actual: String,
    },
    /// A status value outside the four.
    #[error(
        "status of {annotator} is {value:?}; it must be \"new\", \"in progress\", \"done\" or \"adjudicated\""
    )]
    Status {
        /// The layer.
        annotator: String,
        /// The value given.
        value: String,
    },
    /// An annotation or relation without a layer, and no `--annotator`.
    #[error("{0} names no annotator; add \"annotator\" or pass --annotator NAME")]
    NoAnnotator(String),
    /// An annotation with neither `fragments` nor `start`/`end`.
    #[error("{0} has no \"fragments\" (or \"start\" and \"end\")")]
    NoSpan(String),
    /// An annotation with both `fragments` and `start`/`end`.
    #[error("{0} has both \"fragments\" and \"start\"/\"end\"; give one")]
    TwoSpans(String),
    /// A native annotation without its covered text.
    #[error("{0} has no \"text\"; spanbench keeps the covered text to catch wrong offsets")]
    NoCoveredText(String),
    /// A reference to an item the input does not have.
    #[error("{item} points to {target}, which is not in the file")]
    UnknownTarget {
        /// The item that points.
        item: String,
        /// The id it points to.
        target: String,
    },
    /// A piece of a line that does not have the expected shape.
    #[error("cannot read '{found}' as {expected}")]
    Shape {
        /// The text found.
        found: String,
        /// The shape expected (`LABEL START END`).
        expected: &'static str,
    },
    /// A brat line kind spanbench does not read.
    #[error(
        "{0}: brat events, normalizations and equivalences are not supported; remove the line or convert it"
    )]
    Unsupported(String),
    /// A brat line whose id starts with no known letter.
    #[error("'{0}' is not a brat annotation id (T, R, A, M, #)")]
    UnknownKind(String),
}

impl Malformed {
    /// `item` lacks `field`.
    pub fn missing(item: impl Into<String>, field: impl Into<String>) -> Malformed {
        Malformed::Missing {
            item: item.into(),
            field: field.into(),
        }
    }

    /// `found` does not have the shape `expected`.
    pub fn shape(found: &str, expected: &'static str) -> Malformed {
        Malformed::Shape {
            found: found.to_string(),
            expected,
        }
    }
}
