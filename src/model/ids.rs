//! Ids of new annotations and relations: random, so that they are never reused — not after a
//! deletion, not by a second window on the same layer, not on another machine of the same
//! annotator (whose work is synced later). An id names one row for ever; undo relies on it.

/// Characters of the random part: Crockford's base 32 (no i, l, o, u), lower case.
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// Random characters after the prefix: 10 × 5 = 50 bits.
const RANDOM_CHARS: usize = 10;

/// A new id `{prefix}` followed by ten random characters, e.g. `a7k3m9q2x4z`.
///
/// Fifty random bits make a repeat within one layer of one document practically impossible;
/// the store still checks uniqueness and draws again if it ever happens.
pub fn fresh_id(prefix: &str) -> String {
    let mut bits: u64 = rand::random();
    let mut id = String::with_capacity(prefix.len() + RANDOM_CHARS);
    id.push_str(prefix);
    for _ in 0..RANDOM_CHARS {
        id.push(ALPHABET[(bits & 31) as usize] as char);
        bits >>= 5;
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_the_prefix_and_do_not_repeat() {
        let ids: std::collections::HashSet<String> = (0..10_000).map(|_| fresh_id("a")).collect();
        assert_eq!(ids.len(), 10_000);
        for id in &ids {
            assert!(id.starts_with('a') && id.len() == 11, "{id}");
            assert!(id[1..].bytes().all(|b| ALPHABET.contains(&b)), "{id}");
        }
    }
}
