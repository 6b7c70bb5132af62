//! Pure data and rules: documents, annotations, fragments, relations, schema, offsets, edits.
//!
//! Nothing here does I/O or knows about SQLite or egui.

pub mod annotation;
pub mod document;
pub mod edit;
pub mod history;
pub mod ids;
pub mod invalid;
pub mod layer;
pub mod offsets;
pub mod record;
pub mod schema;
pub mod schema_gaps;
pub mod snap;
pub mod status;
pub mod tokens;

pub use annotation::{Annotation, Attributes, Fragment, FragmentError, Origin, Relation};
pub use document::Document;
pub use edit::{AnnRef, Edit, RowKey};
pub use history::History;
pub use invalid::Invalid;
pub use offsets::{OffsetIndex, OffsetUnit};
pub use record::DocumentRecord;
pub use schema::Schema;
pub use schema_gaps::SchemaGaps;
pub use status::DocStatus;
