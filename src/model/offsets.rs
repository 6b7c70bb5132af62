//! Offsets: code points inside spanbench, UTF-8 bytes and UTF-16 code units at the edges.
//!
//! Every offset stored or passed around in spanbench counts Unicode scalar values ("code
//! points", what Python's `str` indexes), end-exclusive. Formats that need another unit convert
//! through [`OffsetIndex`], which is exact in both directions and refuses positions that fall
//! inside a character.

use serde::{Deserialize, Serialize};

/// The unit an offset counts in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum OffsetUnit {
    /// Unicode scalar values (Python `str` indices). spanbench's own unit.
    #[default]
    Codepoint,
    /// UTF-16 code units (JavaScript string indices).
    Utf16,
    /// UTF-8 bytes.
    Utf8,
}

impl OffsetUnit {
    /// The name used in files and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            OffsetUnit::Codepoint => "codepoint",
            OffsetUnit::Utf16 => "utf16",
            OffsetUnit::Utf8 => "utf8",
        }
    }

    /// Parses a name as written by [`OffsetUnit::name`].
    pub fn parse(name: &str) -> Option<OffsetUnit> {
        match name {
            "codepoint" => Some(OffsetUnit::Codepoint),
            "utf16" => Some(OffsetUnit::Utf16),
            "utf8" => Some(OffsetUnit::Utf8),
            _ => None,
        }
    }
}

/// A position table for one text: converts between code points, UTF-8 bytes and UTF-16 units.
///
/// Building it is one pass over the text; each conversion is then a lookup (code points to
/// other units) or a binary search (other units to code points).
#[derive(Clone, Debug)]
pub struct OffsetIndex {
    /// `bytes[i]` is the UTF-8 byte offset of code point `i`; one extra entry for the end.
    bytes: Vec<u32>,
    /// `utf16[i]` is the UTF-16 offset of code point `i`; one extra entry for the end.
    utf16: Vec<u32>,
}

impl OffsetIndex {
    /// Builds the table for `text`.
    pub fn new(text: &str) -> OffsetIndex {
        let mut bytes = Vec::with_capacity(text.len() + 1);
        let mut utf16 = Vec::with_capacity(text.len() + 1);
        let mut u16_pos = 0u32;
        for (byte, ch) in text.char_indices() {
            bytes.push(byte as u32);
            utf16.push(u16_pos);
            u16_pos += ch.len_utf16() as u32;
        }
        bytes.push(text.len() as u32);
        utf16.push(u16_pos);
        OffsetIndex { bytes, utf16 }
    }

    /// Length of the text in code points.
    pub fn len_codepoints(&self) -> usize {
        self.bytes.len() - 1
    }

    /// Converts a code point offset to `unit`; `None` when past the end.
    pub fn from_codepoint(&self, cp: usize, unit: OffsetUnit) -> Option<usize> {
        match unit {
            OffsetUnit::Codepoint => (cp <= self.len_codepoints()).then_some(cp),
            OffsetUnit::Utf8 => self.bytes.get(cp).map(|&b| b as usize),
            OffsetUnit::Utf16 => self.utf16.get(cp).map(|&u| u as usize),
        }
    }

    /// Converts an offset in `unit` to code points; `None` when past the end or inside a
    /// character (the middle of a multi-byte sequence or of a surrogate pair).
    pub fn to_codepoint(&self, offset: usize, unit: OffsetUnit) -> Option<usize> {
        let table = match unit {
            OffsetUnit::Codepoint => {
                return (offset <= self.len_codepoints()).then_some(offset);
            }
            OffsetUnit::Utf8 => &self.bytes,
            OffsetUnit::Utf16 => &self.utf16,
        };
        let offset = u32::try_from(offset).ok()?;
        table.binary_search(&offset).ok()
    }

    /// The UTF-8 byte range of the code point range `[start, end)`, if it lies in the text.
    pub fn byte_range(&self, start: usize, end: usize) -> Option<std::ops::Range<usize>> {
        if start > end {
            return None;
        }
        let s = *self.bytes.get(start)? as usize;
        let e = *self.bytes.get(end)? as usize;
        Some(s..e)
    }
}

/// The UTF-8 byte offset of each code point offset in `sorted` (ascending; an offset at or
/// past the end gives `text.len()`), in one pass over the text: for cutting a paragraph into
/// styled pieces without an [`OffsetIndex`] of it.
pub fn byte_offsets(text: &str, sorted: &[usize]) -> Vec<usize> {
    let mut bytes = Vec::with_capacity(sorted.len());
    let mut next = 0;
    for (cp, (b, _)) in text.char_indices().enumerate() {
        while next < sorted.len() && sorted[next] == cp {
            bytes.push(b);
            next += 1;
        }
    }
    bytes.resize(sorted.len(), text.len());
    bytes
}

/// Number of code points in `text`.
pub fn len_codepoints(text: &str) -> usize {
    text.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_combining_and_crlf_convert_exactly() {
        // "a😀" + "e\u{301}" (e with combining acute) + CRLF + "ß"
        let text = "a😀e\u{301}\r\nß";
        let idx = OffsetIndex::new(text);
        assert_eq!(idx.len_codepoints(), 7);
        // code point 2 is 'e': after 'a' (1 byte) and the emoji (4 bytes, 2 UTF-16 units)
        assert_eq!(idx.from_codepoint(2, OffsetUnit::Utf8), Some(5));
        assert_eq!(idx.from_codepoint(2, OffsetUnit::Utf16), Some(3));
        // the end
        assert_eq!(idx.from_codepoint(7, OffsetUnit::Utf8), Some(text.len()));
        assert_eq!(idx.from_codepoint(8, OffsetUnit::Utf8), None);
        // inside the emoji is no position
        assert_eq!(idx.to_codepoint(2, OffsetUnit::Utf8), None);
        assert_eq!(idx.to_codepoint(2, OffsetUnit::Utf16), None);
        assert_eq!(idx.to_codepoint(3, OffsetUnit::Utf16), Some(2));
        let slice = |s, e| idx.byte_range(s, e).map(|r| &text[r]);
        assert_eq!(slice(2, 4), Some("e\u{301}"));
        assert_eq!(slice(4, 6), Some("\r\n"));
        assert_eq!(slice(7, 7), Some(""));
        assert_eq!(slice(6, 8), None);
        assert_eq!(slice(3, 2), None);
        assert_eq!(byte_offsets(text, &[0, 2, 4, 7, 9]), vec![0, 5, 8, 12, 12]);
    }
}
