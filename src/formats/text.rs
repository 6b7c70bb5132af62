//! Plain text and Markdown articles: decoding bytes to UTF-8 and making a document of them.

use encoding_rs::{Encoding, UTF_8};
use serde_json::{Map, Value};

use crate::model::document::title_from_text;
use crate::model::{Document, DocumentRecord};

/// A text decoded to UTF-8, and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, BOM dropped, nothing else changed.
    pub text: String,
    /// The encoding's name (`UTF-8`, `windows-1252`, ...).
    pub encoding: &'static str,
    /// True when the encoding was guessed rather than certain (no BOM, not valid UTF-8).
    pub guessed: bool,
}

/// Why a file's bytes cannot become a document.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// Nothing but white space.
    #[error("the file is empty (or only white space); there is nothing to annotate")]
    Empty,
    /// The bytes do not look like text.
    #[error(
        "the file looks binary, not like text ({0}); only .txt, .md and .jsonl files can be imported"
    )]
    Binary(String),
    /// Larger than the project allows.
    #[error(
        "the file has {size} bytes, more than this project's limit of {limit}; raise max_import_bytes in project.ron to import it"
    )]
    TooLarge {
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// Not decodable in the detected encoding.
    #[error("the file is not valid {0} and no other encoding fits; convert it to UTF-8")]
    Undecodable(&'static str),
}

/// Decodes a text file's bytes: UTF-8 with or without BOM, UTF-16 with BOM, and the legacy
/// encodings German text still arrives in (Windows-1252, ISO-8859-1, ...), guessed with
/// `chardetng`. Refuses empty, oversized and binary input.
pub fn decode(bytes: &[u8], limit: u64) -> Result<Decoded, TextError> {
    if bytes.len() as u64 > limit {
        return Err(TextError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    let (text, encoding, guessed) = if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let text = encoding
            .decode_without_bom_handling_and_without_replacement(body)
            .ok_or(TextError::Undecodable(encoding.name()))?;
        (text.into_owned(), encoding, false)
    } else {
        if let Some(pos) = bytes.iter().position(|&b| b == 0) {
            return Err(TextError::Binary(format!("a NUL byte at offset {pos}")));
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), UTF_8, false),
            Err(_) => {
                let mut detector = chardetng::EncodingDetector::new();
                detector.feed(bytes, true);
                let encoding = detector.guess(Some(b"de"), true);
                let text = encoding
                    .decode_without_bom_handling_and_without_replacement(bytes)
                    .ok_or(TextError::Undecodable(encoding.name()))?;
                (text.into_owned(), encoding, true)
            }
        }
    };
    check_looks_like_text(&text)?;
    if text.trim().is_empty() {
        return Err(TextError::Empty);
    }
    Ok(Decoded {
        text,
        encoding: encoding.name(),
        guessed,
    })
}

/// Refuses text with control characters other than tab, line feed, form feed and carriage
/// return: that is what binary data decoded as a legacy encoding looks like.
fn check_looks_like_text(text: &str) -> Result<(), TextError> {
    let mut controls = 0usize;
    let mut total = 0usize;
    for ch in text.chars() {
        total += 1;
        if ch.is_control() && !matches!(ch, '\t' | '\n' | '\r' | '\u{c}') {
            if ch == '\0' {
                return Err(TextError::Binary("a NUL character".into()));
            }
            controls += 1;
        }
    }
    if controls > 0 && controls * 100 >= total.max(1) {
        return Err(TextError::Binary(format!(
            "{controls} control characters in {total}"
        )));
    }
    Ok(())
}

/// A document record for a decoded text file. `id` comes from the file name and may be made
/// unique by the store; the title is the first non-blank line.
pub fn record_from_text(id: &str, source: &str, format: &str, decoded: Decoded) -> DocumentRecord {
    let title = title_from_text(&decoded.text).unwrap_or_else(|| id.to_string());
    let mut meta = Map::new();
    meta.insert("source".into(), Value::String(source.to_string()));
    meta.insert("format".into(), Value::String(format.to_string()));
    meta.insert(
        "encoding".into(),
        Value::String(decoded.encoding.to_string()),
    );
    DocumentRecord::bare(
        Document::new(id.to_string(), title, decoded.text, meta),
        false,
    )
}

/// `name` with every character but letters, digits, `-`, `_` and `.` replaced by `with`.
pub fn replace_unsafe_chars(name: &str, with: char) -> String {
    name.chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                with
            }
        })
        .collect()
}

/// A document id made from a file name: its stem, with anything but letters, digits, `-`,
/// `_` and `.` turned into `-`.
pub fn id_from_file_name(stem: &str) -> String {
    let id = replace_unsafe_chars(stem, '-');
    let id = id.trim_matches(|c| c == '-' || c == '.').to_string();
    if id.is_empty() { "document".into() } else { id }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: u64 = 1 << 20;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("Größe 👍\r\n".as_bytes(), LIMIT).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding, d.guessed),
            ("Größe 👍\r\n", "UTF-8", false)
        );
        let d = decode(b"\xEF\xBB\xBFHallo", LIMIT).unwrap();
        assert_eq!(d.text, "Hallo");
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Grüße".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&bytes, LIMIT).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Grüße", "UTF-16LE"));
    }

    #[test]
    fn latin1_german_is_detected() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(
            "Der Präsident äußerte sich über die Vorwürfe: „Das ist völlig haltlos“, sagte er gegenüber Journalisten.",
        );
        let d = decode(&bytes, LIMIT).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.guessed);
        assert!(d.text.starts_with("Der Präsident äußerte"));
        assert!(d.text.contains("„Das ist völlig haltlos“"));
    }

    #[test]
    fn empty_binary_and_large_are_refused() {
        assert_eq!(decode(b"", LIMIT), Err(TextError::Empty));
        assert_eq!(decode(b" \n\t\r\n", LIMIT), Err(TextError::Empty));
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", LIMIT),
            Err(TextError::Binary(_))
        ));
        let noise: Vec<u8> = (0..400u32).map(|i| (i * 7 % 32) as u8 + 1).collect();
        assert!(matches!(decode(&noise, LIMIT), Err(TextError::Binary(_))));
        assert_eq!(
            decode(b"abc", 2),
            Err(TextError::TooLarge { size: 3, limit: 2 })
        );
    }

    #[test]
    fn ids_from_file_names() {
        assert_eq!(id_from_file_name("Putin NBC (2021)"), "Putin-NBC--2021");
        assert_eq!(id_from_file_name("über_uns"), "über_uns");
        assert_eq!(id_from_file_name("../.."), "document");
    }
}
