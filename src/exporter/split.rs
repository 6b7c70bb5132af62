//! Splitting an export by document: `--split train=0.8,dev=0.1,test=0.1 --seed N`.

use sha2::{Digest, Sha256};

use super::safe_file_name;

/// Why `--split` cannot be read.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SplitError {
    /// A part without `=`.
    #[error("'{0}' is not NAME=SHARE")]
    NotAPart(String),
    /// A share that is not a number.
    #[error("'{0}' is not a number")]
    NotANumber(String),
    /// A share below 0 or above 1.
    #[error("the share of {0} must be between 0 and 1")]
    OutOfRange(String),
    /// Shares that do not add up to 1.
    #[error("the shares add up to {0}, not 1")]
    Total(f64),
}

/// Parses `train=0.8,dev=0.1,test=0.1`.
pub fn parse_split(s: &str) -> Result<Vec<(String, f64)>, SplitError> {
    let mut parts = Vec::new();
    for item in s.split(',') {
        let (name, share) = item
            .split_once('=')
            .ok_or_else(|| SplitError::NotAPart(item.to_string()))?;
        let share: f64 = share
            .trim()
            .parse()
            .map_err(|_| SplitError::NotANumber(share.to_string()))?;
        let name = safe_file_name(name.trim());
        if !(0.0..=1.0).contains(&share) {
            return Err(SplitError::OutOfRange(name));
        }
        parts.push((name, share));
    }
    let total: f64 = parts.iter().map(|p| p.1).sum();
    if (total - 1.0).abs() > 1e-6 {
        return Err(SplitError::Total(total));
    }
    Ok(parts)
}

/// A document to be exported, as the split sees it.
pub(super) struct Entry {
    /// The document's id.
    pub id: String,
    /// The SHA-256 of its text.
    pub sha256: String,
}

/// The documents of each part, each part's in the order of their ids: by a hash of seed and
/// text, so the same project and seed always give the same split, whatever order documents
/// were imported in.
pub(super) fn split_entries(
    entries: Vec<Entry>,
    parts: &[(String, f64)],
    seed: u64,
) -> Vec<(String, Vec<String>)> {
    let mut keyed: Vec<([u8; 32], String)> = entries
        .into_iter()
        .map(|e| {
            let mut h = Sha256::new();
            h.update(seed.to_le_bytes());
            h.update(e.sha256.as_bytes());
            (h.finalize().into(), e.id)
        })
        .collect();
    keyed.sort();
    let n = keyed.len();
    let mut out = Vec::new();
    let mut taken = 0usize;
    let mut cumulative = 0.0;
    for (i, (name, share)) in parts.iter().enumerate() {
        cumulative += share;
        let until = if i + 1 == parts.len() {
            n
        } else {
            ((cumulative * n as f64).round() as usize).min(n)
        };
        let mut chosen: Vec<String> = keyed[taken..until.max(taken)]
            .iter()
            .map(|(_, id)| id.clone())
            .collect();
        chosen.sort();
        taken = until.max(taken);
        out.push((name.clone(), chosen));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_are_parsed_and_checked() {
        assert_eq!(parse_split("train=0.8,dev=0.1,test=0.1").unwrap().len(), 3);
        assert!(
            parse_split("train=0.8,dev=0.1")
                .unwrap_err()
                .to_string()
                .contains("add up to")
        );
        assert!(parse_split("train").is_err());
    }
}
