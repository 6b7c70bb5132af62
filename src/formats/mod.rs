//! File formats: one file per format. Pure functions from bytes and lines to records and back.

pub mod brat;
mod brat_names;
pub mod conll;
pub mod csv;
pub mod doccano;
pub mod jsonl;
pub mod label_studio;
mod label_studio_read;
pub mod malformed;
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
    /// Every import format, as `--format` lists them.
    pub const ALL: [ImportFormat; 7] = [
        ImportFormat::Auto,
        ImportFormat::Txt,
        ImportFormat::Md,
        ImportFormat::Jsonl,
        ImportFormat::Brat,
        ImportFormat::Doccano,
        ImportFormat::LabelStudio,
    ];

    /// The name on the command line (`label-studio`).
    pub fn name(self) -> &'static str {
        match self {
            ImportFormat::Auto => "auto",
            ImportFormat::Txt => "txt",
            ImportFormat::Md => "md",
            ImportFormat::Jsonl => "jsonl",
            ImportFormat::Brat => "brat",
            ImportFormat::Doccano => "doccano",
            ImportFormat::LabelStudio => "label-studio",
        }
    }

    /// The format with this command-line name.
    pub fn named(name: &str) -> Option<ImportFormat> {
        ImportFormat::ALL.into_iter().find(|f| f.name() == name)
    }

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
