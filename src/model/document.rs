//! Documents: an article's text, exactly as imported, with its id, title and metadata.

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// One article. Its text never changes after import.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// The project-wide identifier (from the imported data, or made from the file name).
    pub id: String,
    /// A short human title.
    pub title: String,
    /// The text, decoded to UTF-8 with any BOM dropped, otherwise untouched (CRLF stays).
    pub text: String,
    /// Lower-case hex SHA-256 of `text`'s UTF-8 bytes.
    pub sha256: String,
    /// Source metadata (source, date, file, encoding, ...), kept as given.
    pub meta: Map<String, Value>,
}

impl Document {
    /// A document with its hash computed from `text`.
    pub fn new(id: String, title: String, text: String, meta: Map<String, Value>) -> Document {
        let sha256 = sha256_hex(&text);
        Document {
            id,
            title,
            text,
            sha256,
            meta,
        }
    }
}

/// Lower-case hex SHA-256 of a text's UTF-8 bytes.
pub fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// A title for a text that came without one: its first non-blank line, trimmed of Markdown
/// heading marks, shortened to 100 characters.
pub fn title_from_text(text: &str) -> Option<String> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let line = line.trim_start_matches('#').trim();
    if line.is_empty() {
        return None;
    }
    let mut title: String = line.chars().take(100).collect();
    if line.chars().count() > 100 {
        title.push('…');
    }
    Some(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_of_exact_text() {
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_ne!(sha256_hex("a\r\nb"), sha256_hex("a\nb"));
    }

    #[test]
    fn title_is_first_nonblank_line() {
        assert_eq!(
            title_from_text("\n\n  # Hallo Welt \nrest").as_deref(),
            Some("Hallo Welt")
        );
        assert_eq!(title_from_text("  \n \n"), None);
        let long = "x".repeat(150);
        assert_eq!(title_from_text(&long).map(|t| t.chars().count()), Some(101));
    }
}
