//! Balanced assignment of documents to annotators: each document to `per_document` of them,
//! every annotator getting as many as the others (±1), chosen by a seeded hash so the same
//! seed gives the same plan, and stable when documents are added: what is assigned stays, only
//! documents with fewer than `per_document` annotators get more. Pure.

use std::collections::HashMap;

/// Why no plan could be made.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum AssignError {
    /// More annotators per document than annotators.
    #[error("--per-document {per_document} needs at least that many annotators (got {annotators})")]
    TooFew {
        /// As asked.
        per_document: usize,
        /// As given.
        annotators: usize,
    },
    /// Nothing to do.
    #[error("--per-document must be at least 1")]
    Zero,
}

/// The new (document, annotator) pairs that bring every document in `docs` to `per_document`
/// annotators among `annotators`, given the pairs that exist already.
pub fn plan(
    docs: &[String],
    annotators: &[String],
    per_document: usize,
    seed: u64,
    existing: &[(String, String)],
) -> Result<Vec<(String, String)>, AssignError> {
    if per_document == 0 {
        return Err(AssignError::Zero);
    }
    if annotators.len() < per_document {
        return Err(AssignError::TooFew {
            per_document,
            annotators: annotators.len(),
        });
    }
    let mut load: HashMap<&str, usize> = annotators.iter().map(|a| (a.as_str(), 0)).collect();
    let mut has: HashMap<&str, Vec<&str>> = HashMap::new();
    for (d, a) in existing {
        if let Some(n) = load.get_mut(a.as_str()) {
            *n += 1;
        }
        has.entry(d.as_str()).or_default().push(a.as_str());
    }
    // Documents in a seeded order, so a plan does not favour the first imported.
    let mut order: Vec<&String> = docs.iter().collect();
    order.sort_by_key(|d| hash(seed, d, ""));
    let mut out = Vec::new();
    for doc in order {
        let mut taken: Vec<&str> = has.get(doc.as_str()).cloned().unwrap_or_default();
        while taken.iter().filter(|a| load.contains_key(*a)).count() < per_document {
            let next = annotators
                .iter()
                .filter(|a| !taken.contains(&a.as_str()))
                .min_by_key(|a| (load[a.as_str()], hash(seed, doc, a)))
                .map(|a| a.as_str());
            let Some(next) = next else { break };
            *load.entry(next).or_default() += 1;
            taken.push(next);
            out.push((doc.clone(), next.to_string()));
        }
    }
    Ok(out)
}

/// A seeded 64-bit FNV-1a hash of a document and an annotator.
fn hash(seed: u64, doc: &str, annotator: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for b in doc.bytes().chain([0xff]).chain(annotator.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(prefix: &str, n: usize) -> Vec<String> {
        (0..n).map(|i| format!("{prefix}{i}")).collect()
    }

    fn loads(pairs: &[(String, String)]) -> HashMap<String, usize> {
        let mut m = HashMap::new();
        for (_, a) in pairs {
            *m.entry(a.clone()).or_default() += 1;
        }
        m
    }

    #[test]
    fn every_document_gets_n_distinct_annotators_and_loads_differ_by_one_at_most() {
        let docs = names("d", 101);
        let people = names("p", 7);
        let pairs = plan(&docs, &people, 2, 42, &[]).unwrap();
        assert_eq!(pairs.len(), 202);
        for d in &docs {
            let mut who: Vec<&String> = pairs
                .iter()
                .filter(|(x, _)| x == d)
                .map(|(_, a)| a)
                .collect();
            who.dedup();
            assert_eq!(who.len(), 2, "{d}");
        }
        let l = loads(&pairs);
        let (lo, hi) = (l.values().min().unwrap(), l.values().max().unwrap());
        assert!(hi - lo <= 1, "{l:?}");
    }

    #[test]
    fn the_same_seed_gives_the_same_plan_and_another_seed_another() {
        let docs = names("d", 30);
        let people = names("p", 4);
        assert_eq!(
            plan(&docs, &people, 2, 7, &[]),
            plan(&docs, &people, 2, 7, &[])
        );
        assert_ne!(
            plan(&docs, &people, 2, 7, &[]),
            plan(&docs, &people, 2, 8, &[])
        );
    }

    #[test]
    fn added_documents_leave_earlier_assignments_alone_and_stay_balanced() {
        let people = names("p", 3);
        let first = plan(&names("d", 10), &people, 1, 1, &[]).unwrap();
        let mut more = names("d", 10);
        more.extend(names("e", 5));
        let next = plan(&more, &people, 1, 1, &first).unwrap();
        assert_eq!(next.len(), 5, "only the new documents: {next:?}");
        assert!(next.iter().all(|(d, _)| d.starts_with('e')));
        let mut all = first.clone();
        all.extend(next);
        let l = loads(&all);
        assert!(
            l.values().max().unwrap() - l.values().min().unwrap() <= 1,
            "{l:?}"
        );
    }

    #[test]
    fn impossible_requests_are_refused() {
        let docs = names("d", 3);
        assert_eq!(
            plan(&docs, &names("p", 1), 2, 0, &[]),
            Err(AssignError::TooFew {
                per_document: 2,
                annotators: 1
            })
        );
        assert_eq!(
            plan(&docs, &names("p", 2), 0, 0, &[]),
            Err(AssignError::Zero)
        );
    }
}
