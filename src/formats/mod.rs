//! File formats: one file per format. Pure functions from bytes and lines to records and back.

pub mod brat;
pub mod conll;
pub mod csv;
pub mod doccano;
pub mod jsonl;
pub mod label_studio;
pub mod spacy;
pub mod spacy_symbols;
pub mod text;

/// A format `import` understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportFormat {
    /// Decide by file extension.
    Auto,
    /// Plain text article.
    Txt,
    /// Markdown article.
    Md,
    /// Native JSONL.
    Jsonl,
    /// brat standoff: a `.txt` with its `.ann` beside it.
    Brat,
    /// doccano JSONL.
    Doccano,
    /// Label Studio tasks JSON.
    LabelStudio,
}

impl ImportFormat {
    /// The format a file's extension names, if any.
    pub fn from_extension(ext: &str) -> Option<ImportFormat> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(ImportFormat::Txt),
            "md" | "markdown" => Some(ImportFormat::Md),
            "jsonl" | "ndjson" => Some(ImportFormat::Jsonl),
            "ann" => Some(ImportFormat::Brat),
            "json" => Some(ImportFormat::LabelStudio),
            _ => None,
        }
    }
}
