//! spaCy's `.spacy` DocBin, written directly (zlib-compressed msgpack, as
//! `spacy.tokens.DocBin.to_bytes` writes it), so spaCy is no dependency of spanbench. CI proves
//! the files with spaCy itself.
//!
//! Tokens are the contract's regex tokens, further split at every span boundary, so that every
//! fragment is a whole number of tokens and nothing has to be dropped. Whitespace between
//! tokens follows spaCy's convention: one space is the previous token's trailing space, any
//! other whitespace is a token of its own. Every fragment goes into `doc.spans["sc"]`;
//! `doc.ents` holds the spans too when they neither overlap nor nest.

use rmpv::Value;

use super::spacy_symbols::SYMBOLS;
use crate::model::Annotation;
use crate::model::tokens::tokenize;

const ORTH: u64 = 65;
const ENT_IOB: u64 = 77;
const ENT_TYPE: u64 = 78;
const IOB_OUTSIDE: u64 = 2;
const IOB_INSIDE: u64 = 1;
const IOB_BEGIN: u64 = 3;

/// The id spaCy's StringStore gives a string: its fixed symbol id for spaCy's own symbols
/// (`X`, `PUNCT`, `PERSON`, ...), else its hash.
pub fn string_id(s: &str) -> u64 {
    match SYMBOLS.binary_search_by(|(name, _)| name.cmp(&s)) {
        Ok(i) => SYMBOLS[i].1,
        Err(_) => hash_string(s),
    }
}

/// spaCy's string hash: MurmurHash64A of the UTF-8 bytes with seed 1.
pub fn hash_string(s: &str) -> u64 {
    const M: u64 = 0xc6a4_a793_5bd1_e995;
    const R: u32 = 47;
    let key = s.as_bytes();
    let mut h: u64 = 1 ^ (key.len() as u64).wrapping_mul(M);
    let mut chunks = key.chunks_exact(8);
    for chunk in &mut chunks {
        let mut k = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h ^= k;
        h = h.wrapping_mul(M);
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        for (i, &b) in tail.iter().enumerate() {
            h ^= (b as u64) << (8 * i);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> R;
    h = h.wrapping_mul(M);
    h ^= h >> R;
    h
}

/// One document for the DocBin.
pub struct SpacyDoc {
    words: Vec<String>,
    spaces: Vec<bool>,
    /// Per token: (ENT_IOB, ENT_TYPE hash).
    ents: Vec<(u64, u64)>,
    /// (label, first token, end token, start char, end char).
    spans: Vec<SpanEntry>,
    user_data: Vec<(String, String)>,
}

/// What could not be kept exactly.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpacyReport {
    /// Discontinuous annotations, stored as one span per fragment.
    pub split: usize,
    /// Documents whose spans overlap, so `doc.ents` stays empty for them.
    pub no_ents: usize,
    /// Fragments that start or end inside white space, which no token holds: left out.
    pub unaligned: usize,
}

/// A span of a Doc: label, first token, end token (exclusive), start and end in code points.
pub type SpanEntry = (String, usize, usize, usize, usize);

/// Builds one document from a text and one layer's annotations.
pub fn make_doc(
    text: &str,
    annotations: &[&Annotation],
    user_data: Vec<(String, String)>,
    report: &mut SpacyReport,
) -> SpacyDoc {
    let chars: Vec<char> = text.chars().collect();
    // Cut points: regex tokens, then every fragment boundary.
    let mut cuts: Vec<usize> = Vec::new();
    for t in tokenize(text) {
        cuts.push(t.start);
        cuts.push(t.end);
    }
    for a in annotations {
        for f in &a.fragments {
            cuts.push(f.start);
            cuts.push(f.end);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let (words, starts, spaces) = words_between(&chars, &cuts);
    let spans = aligned_spans(annotations, &words, &starts, report);
    let overlapping = spans.windows(2).any(|w| w[1].1 < w[0].2);
    let mut ents = vec![(IOB_OUTSIDE, 0); words.len()];
    if overlapping {
        report.no_ents += 1;
        ents = vec![(0, 0); words.len()];
    } else {
        for (label, first, end, _, _) in &spans {
            let h = string_id(label);
            for (t, ent) in ents.iter_mut().enumerate().take(*end).skip(*first) {
                *ent = (if t == *first { IOB_BEGIN } else { IOB_INSIDE }, h);
            }
        }
    }
    SpacyDoc {
        words,
        spaces,
        ents,
        spans,
        user_data,
    }
}

/// The tokens between `cuts`: their words, start offsets and whether a space follows each.
/// Non-space pieces between cuts are tokens; whitespace runs follow spaCy's convention (one
/// space goes to the token before, the rest is a token of its own).
fn words_between(chars: &[char], cuts: &[usize]) -> (Vec<String>, Vec<usize>, Vec<bool>) {
    let mut words: Vec<String> = Vec::new();
    let mut starts: Vec<usize> = Vec::new();
    let mut spaces: Vec<bool> = Vec::new();
    let mut pos = 0usize;
    let push_gap = |gap_start: usize,
                    gap_end: usize,
                    words: &mut Vec<String>,
                    starts: &mut Vec<usize>,
                    spaces: &mut Vec<bool>| {
        if gap_start >= gap_end {
            return;
        }
        let mut s = gap_start;
        if chars[s] == ' ' && !words.is_empty() && spaces.last() == Some(&false) {
            if let Some(last) = spaces.last_mut() {
                *last = true;
            }
            s += 1;
        }
        if s < gap_end {
            words.push(chars[s..gap_end].iter().collect());
            starts.push(s);
            spaces.push(false);
        }
    };
    let boundaries: Vec<usize> = cuts
        .iter()
        .copied()
        .chain(std::iter::once(chars.len()))
        .collect();
    let mut i = 0;
    while pos < chars.len() {
        // Skip whitespace as a gap.
        let ws_end = (pos..chars.len())
            .find(|&p| !chars[p].is_whitespace())
            .unwrap_or(chars.len());
        if ws_end > pos {
            push_gap(pos, ws_end, &mut words, &mut starts, &mut spaces);
            pos = ws_end;
            continue;
        }
        while i < boundaries.len() && boundaries[i] <= pos {
            i += 1;
        }
        let next_cut = boundaries.get(i).copied().unwrap_or(chars.len());
        let end = (pos..next_cut)
            .find(|&p| chars[p].is_whitespace())
            .unwrap_or(next_cut);
        words.push(chars[pos..end].iter().collect());
        starts.push(pos);
        spaces.push(false);
        pos = end;
    }
    (words, starts, spaces)
}

/// Each fragment as a span of whole tokens (label, first token, end token, start, end),
/// sorted; fragments that do not start and end at a token edge are counted, not kept.
fn aligned_spans(
    annotations: &[&Annotation],
    words: &[String],
    starts: &[usize],
    report: &mut SpacyReport,
) -> Vec<SpanEntry> {
    let token_at = |cp: usize| starts.binary_search(&cp).ok();
    let ends: Vec<usize> = starts
        .iter()
        .zip(words)
        .map(|(s, w)| s + w.chars().count())
        .collect();
    let token_ending = |cp: usize| ends.binary_search(&cp).ok();
    let mut spans = Vec::new();
    for a in annotations {
        if a.fragments.len() > 1 {
            report.split += 1;
        }
        for f in &a.fragments {
            match (token_at(f.start), token_ending(f.end)) {
                (Some(first), Some(last)) => {
                    spans.push((a.label.clone(), first, last + 1, f.start, f.end))
                }
                _ => report.unaligned += 1,
            }
        }
    }
    spans.sort_by_key(|s| (s.1, std::cmp::Reverse(s.2)));
    spans
}

/// The DocBin bytes for these documents.
pub fn doc_bin(docs: &[SpacyDoc]) -> Vec<u8> {
    let mut strings: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    let mut tokens: Vec<u8> = Vec::new();
    let mut spaces: Vec<u8> = Vec::new();
    let mut lengths: Vec<u8> = Vec::new();
    let mut span_groups = Vec::new();
    let mut user_data = Vec::new();
    for d in docs {
        lengths.extend_from_slice(&(d.words.len() as i32).to_le_bytes());
        for ((w, sp), (iob, typ)) in d.words.iter().zip(&d.spaces).zip(&d.ents) {
            strings.insert(w);
            for v in [string_id(w), *iob, *typ] {
                tokens.extend_from_slice(&v.to_le_bytes());
            }
            spaces.push(u8::from(*sp));
        }
        for (label, ..) in &d.spans {
            strings.insert(label);
        }
        span_groups.push(span_group(d));
        let data = Value::Map(
            d.user_data
                .iter()
                .map(|(k, v)| (Value::from(k.as_str()), Value::from(v.as_str())))
                .collect(),
        );
        user_data.push(Value::Binary(pack(&data)));
    }
    let n = docs.len();
    let msg = Value::Map(vec![
        (Value::from("version"), Value::from("0.1")),
        (
            Value::from("attrs"),
            Value::Array(vec![
                Value::from(ORTH),
                Value::from(ENT_IOB),
                Value::from(ENT_TYPE),
            ]),
        ),
        (Value::from("tokens"), Value::Binary(tokens)),
        (Value::from("spaces"), Value::Binary(spaces)),
        (Value::from("lengths"), Value::Binary(lengths)),
        (
            Value::from("strings"),
            Value::Array(strings.into_iter().map(Value::from).collect()),
        ),
        (
            Value::from("cats"),
            Value::Array(vec![Value::Map(Vec::new()); n]),
        ),
        (
            Value::from("flags"),
            Value::Array(vec![
                Value::Map(vec![(
                    Value::from("has_unknown_spaces"),
                    Value::from(false)
                )]);
                n
            ]),
        ),
        (Value::from("span_groups"), Value::Array(span_groups)),
        (Value::from("user_data"), Value::Array(user_data)),
    ]);
    let raw = pack(&msg);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    // Writing into a Vec cannot fail.
    std::io::Write::write_all(&mut z, &raw).ok();
    z.finish().unwrap_or_default()
}

/// A Doc's `sc` span group, packed as spaCy's `SpanGroups.to_bytes` packs it.
fn span_group(d: &SpacyDoc) -> Value {
    let mut records = Vec::new();
    for (label, first, end, start_char, end_char) in &d.spans {
        let mut rec = Vec::with_capacity(40);
        rec.extend_from_slice(&0u64.to_be_bytes());
        rec.extend_from_slice(&0u64.to_be_bytes());
        rec.extend_from_slice(&string_id(label).to_be_bytes());
        for v in [*first, *end, *start_char, *end_char] {
            rec.extend_from_slice(&(v as i32).to_be_bytes());
        }
        records.push(Value::Binary(rec));
    }
    let group = Value::Map(vec![
        (Value::from("name"), Value::from("sc")),
        (Value::from("attrs"), Value::Map(Vec::new())),
        (Value::from("spans"), Value::Array(records)),
    ]);
    let groups = Value::Map(vec![(
        Value::Binary(pack(&group)),
        Value::Array(vec![Value::from("sc")]),
    )]);
    Value::Binary(pack(&groups))
}

fn pack(v: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    rmpv::encode::write_value(&mut out, v).ok();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_match_spacy() {
        // Values printed by spaCy 3.8: spacy.strings.hash_string("quote").
        assert_eq!(hash_string("quote"), 5727435701664101727);
        assert_eq!(hash_string(""), 14313749767032693980);
        assert_eq!(hash_string("12345678"), 9871996032675327904);
        assert_eq!(hash_string("123456789"), 2056675840866671865);
        assert_eq!(hash_string("Bürgermeisterin"), 17981677068738366675);
        assert_eq!(hash_string("\n\n"), 908432558851201422);
        assert_eq!(hash_string("👍🏽"), 13607523020581129625);
        // spaCy's own symbols keep their fixed ids.
        assert_eq!(string_id("X"), 101);
        assert_eq!(string_id("quote"), hash_string("quote"));
    }

    #[test]
    fn whitespace_follows_spacy_and_spans_align() {
        let text = "a\n\nb  c „Ja“";
        let ann = Annotation {
            origin: Default::default(),
            id: "a1".into(),
            annotator: "x".into(),
            label: "quote".into(),
            fragments: vec![crate::model::Fragment::new(8, 12)],
            text: "„Ja“".into(),
            attributes: Default::default(),
            note: String::new(),
        };
        let mut report = SpacyReport::default();
        let doc = make_doc(text, &[&ann], vec![], &mut report);
        assert_eq!(doc.words, ["a", "\n\n", "b", " ", "c", "„", "Ja", "“"]);
        assert_eq!(
            doc.spaces,
            [false, false, true, false, true, false, false, false]
        );
        assert_eq!(doc.spans, vec![("quote".to_string(), 5, 8, 8, 12)]);
        let rebuilt: String = doc
            .words
            .iter()
            .zip(&doc.spaces)
            .map(|(w, s)| format!("{w}{}", if *s { " " } else { "" }))
            .collect();
        assert_eq!(rebuilt, text);
    }
}
