//! Three-way merge of one layer changed on two machines of the same annotator: each
//! annotation, relation and the status is compared between the version both started from
//! (the base), this machine's and the hub's. What only one side changed is taken from that
//! side; what both changed alike is taken once; what both changed differently is a clash,
//! settled only by the annotator's choice — never silently. Pure: JSON in, JSON out.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::{Value, json};

/// Which version of a clashing item the annotator keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    /// This machine's.
    Mine,
    /// The hub's (what the other machine sent).
    Hub,
}

impl Keep {
    /// The stored name: `mine` or `hub`.
    pub fn name(self) -> &'static str {
        match self {
            Keep::Mine => "mine",
            Keep::Hub => "hub",
        }
    }

    /// The choice a stored name stands for.
    pub fn parse(name: &str) -> Option<Keep> {
        match name {
            "mine" => Some(Keep::Mine),
            "hub" => Some(Keep::Hub),
            _ => None,
        }
    }
}

/// One item changed differently on both sides.
#[derive(Clone, Debug, PartialEq)]
pub struct Clash {
    /// `annotation ID`, `relation ID` or `status`.
    pub item: String,
    /// This machine's version (`None`: deleted here).
    pub mine: Option<Value>,
    /// The hub's version (`None`: deleted there).
    pub hub: Option<Value>,
}

/// A merged layer, and the clashes no choice settled (this machine's version stands in for
/// them in `content` until one is made).
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    /// The layer's JSON after the merge.
    pub content: Value,
    /// Items both sides changed differently, without a choice.
    pub clashes: Vec<Clash>,
}

/// Merges `mine` and `hub`, both changed from `base`; `choices` settles clashes by item.
pub fn three_way(
    base: &Value,
    mine: &Value,
    hub: &Value,
    choices: &BTreeMap<String, Keep>,
) -> Merged {
    let mut clashes = Vec::new();
    let mut pick = |item: String, b: Option<&Value>, m: Option<&Value>, h: Option<&Value>| {
        let taken = if m == h || m == b {
            h
        } else if h == b {
            m
        } else {
            match choices.get(&item) {
                Some(Keep::Hub) => h,
                Some(Keep::Mine) => m,
                None => {
                    clashes.push(Clash {
                        item,
                        mine: m.cloned(),
                        hub: h.cloned(),
                    });
                    m
                }
            }
        };
        taken.cloned()
    };
    let mut annotations = Vec::new();
    for (id, [b, m, h]) in by_id(base, mine, hub, "annotations") {
        if let Some(a) = pick(format!("annotation {id}"), b, m, h) {
            annotations.push(a);
        }
    }
    let mut relations = Vec::new();
    for (id, [b, m, h]) in by_id(base, mine, hub, "relations") {
        if let Some(r) = pick(format!("relation {id}"), b, m, h) {
            relations.push(r);
        }
    }
    let status = |v: &Value| v.get("status").filter(|s| !s.is_null()).cloned();
    let (b, m, h) = (status(base), status(mine), status(hub));
    let status = pick("status".into(), b.as_ref(), m.as_ref(), h.as_ref());
    // A relation whose annotation the other side deleted has nothing left to link.
    let ids: Vec<&str> = annotations
        .iter()
        .filter_map(|a| a.get("id").and_then(Value::as_str))
        .collect();
    let linked = |r: &Value, end: &str| {
        r.get(end)
            .and_then(Value::as_str)
            .is_some_and(|id| ids.contains(&id))
    };
    let relations: Vec<Value> = relations
        .iter()
        .filter(|r| linked(r, "from") && linked(r, "to"))
        .cloned()
        .collect();
    let mut content = json!({"annotations": annotations, "relations": relations, "status": status});
    let rejected = merged_set(base, mine, hub, "rejected");
    if !rejected.is_empty() {
        content["rejected"] = json!(rejected);
    }
    Merged { content, clashes }
}

/// A list of strings (`rejected`) merged as a set: what either side added stays, what either
/// side removed goes (a rejection cannot clash: it is there or not).
fn merged_set(base: &Value, mine: &Value, hub: &Value, key: &str) -> Vec<String> {
    let set = |v: &Value| -> std::collections::BTreeSet<String> {
        v.get(key)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (b, m, h) = (set(base), set(mine), set(hub));
    m.union(&h)
        .filter(|i| (m.contains(*i) && h.contains(*i)) || !b.contains(*i))
        .cloned()
        .collect()
}

/// One version of a clashing item in words: `quote „Wir haben …“ at 120–188`, a status
/// name, or `deleted`.
pub fn describe(version: Option<&str>) -> String {
    let Some(v) = version.and_then(|s| serde_json::from_str::<Value>(s).ok()) else {
        return "deleted".into();
    };
    if let Some(status) = v.as_str() {
        return format!("status {status}");
    }
    let text = |key: &str| v.get(key).and_then(Value::as_str).unwrap_or_default();
    if v.get("type").is_some() {
        return format!("{} link {} → {}", text("type"), text("from"), text("to"));
    }
    let spans: Vec<String> = v
        .get("fragments")
        .and_then(Value::as_array)
        .map(|f| {
            f.iter()
                .filter_map(|p| Some(format!("{}–{}", p.get(0)?.as_u64()?, p.get(1)?.as_u64()?)))
                .collect()
        })
        .unwrap_or_default();
    let covered: String = text("text").chars().take(40).collect();
    let more = if text("text").chars().count() > 40 {
        "…"
    } else {
        ""
    };
    format!(
        "{} „{covered}{more}“ at {}",
        text("label"),
        spans.join(", ")
    )
}

/// The items of `key` (`annotations` or `relations`) of the three versions, by id, in the
/// hub's order and then this machine's new ones.
fn by_id<'a>(
    base: &'a Value,
    mine: &'a Value,
    hub: &'a Value,
    key: &str,
) -> Vec<(String, [Option<&'a Value>; 3])> {
    let items = |v: &'a Value| -> Vec<(&'a str, &'a Value)> {
        v.get(key)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|x| Some((x.get("id")?.as_str()?, x)))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (b, m, h) = (items(base), items(mine), items(hub));
    // By id (the first of a repeated one), for layers of thousands of annotations.
    let index = |list: &[(&'a str, &'a Value)]| {
        let mut map: HashMap<&'a str, &'a Value> = HashMap::new();
        for &(id, v) in list {
            map.entry(id).or_insert(v);
        }
        map
    };
    let (bi, mi, hi) = (index(&b), index(&m), index(&h));
    let mut seen = HashSet::new();
    h.iter()
        .chain(&m)
        .chain(&b)
        .filter(|(id, _)| seen.insert(*id))
        .map(|&(id, _)| {
            let versions = [
                bi.get(id).copied(),
                mi.get(id).copied(),
                hi.get(id).copied(),
            ];
            (id.to_string(), versions)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ann(id: &str, start: u64, label: &str) -> Value {
        json!({"id": id, "label": label, "fragments": [[start, start + 4]], "text": "abcd",
               "attributes": {}, "note": "", "origin": "hand"})
    }

    fn layer(anns: &[Value], rels: &[Value], status: Option<&str>) -> Value {
        json!({"annotations": anns, "relations": rels, "status": status})
    }

    fn ids(v: &Value) -> Vec<String> {
        v["annotations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                format!(
                    "{}:{}",
                    a["id"].as_str().unwrap(),
                    a["label"].as_str().unwrap()
                )
            })
            .collect()
    }

    #[test]
    fn changes_to_different_annotations_merge_without_a_clash() {
        let base = layer(&[ann("a1", 0, "claim"), ann("a2", 10, "claim")], &[], None);
        // Here: a2 relabelled, a3 added. There: a1 deleted, a4 added, status done.
        let mine = layer(
            &[
                ann("a1", 0, "claim"),
                ann("a2", 10, "quote"),
                ann("a3", 20, "claim"),
            ],
            &[],
            None,
        );
        let hub = layer(
            &[ann("a2", 10, "claim"), ann("a4", 30, "speaker")],
            &[],
            Some("done"),
        );
        let m = three_way(&base, &mine, &hub, &BTreeMap::new());
        assert!(m.clashes.is_empty(), "{:?}", m.clashes);
        assert_eq!(ids(&m.content), ["a2:quote", "a4:speaker", "a3:claim"]);
        assert_eq!(m.content["status"], "done");
    }

    #[test]
    fn the_same_annotation_changed_differently_is_a_clash_until_chosen() {
        let base = layer(&[ann("a1", 0, "claim")], &[], Some("in-progress"));
        let mine = layer(&[ann("a1", 0, "quote")], &[], Some("done"));
        let hub = layer(&[ann("a1", 0, "rebuttal")], &[], Some("in-progress"));
        let m = three_way(&base, &mine, &hub, &BTreeMap::new());
        assert_eq!(m.clashes.len(), 1);
        assert_eq!(m.clashes[0].item, "annotation a1");
        assert_eq!(m.clashes[0].mine.as_ref().unwrap()["label"], "quote");
        assert_eq!(m.clashes[0].hub.as_ref().unwrap()["label"], "rebuttal");
        // Until chosen, this machine's version stands; the status changed here only.
        assert_eq!(ids(&m.content), ["a1:quote"]);
        assert_eq!(m.content["status"], "done");
        let choose = |k| BTreeMap::from([("annotation a1".to_string(), k)]);
        let hub_kept = three_way(&base, &mine, &hub, &choose(Keep::Hub));
        assert!(hub_kept.clashes.is_empty());
        assert_eq!(ids(&hub_kept.content), ["a1:rebuttal"]);
        let mine_kept = three_way(&base, &mine, &hub, &choose(Keep::Mine));
        assert_eq!(ids(&mine_kept.content), ["a1:quote"]);
    }

    #[test]
    fn deleted_on_one_side_and_changed_on_the_other_is_a_clash() {
        let base = layer(&[ann("a1", 0, "claim")], &[], None);
        let mine = layer(&[], &[], None);
        let hub = layer(&[ann("a1", 0, "quote")], &[], None);
        let m = three_way(&base, &mine, &hub, &BTreeMap::new());
        assert_eq!(m.clashes.len(), 1);
        assert_eq!(m.clashes[0].mine, None);
        assert!(ids(&m.content).is_empty());
        // Deleted on both sides, or deleted here and untouched there: gone, no clash.
        let m = three_way(&base, &mine, &base, &BTreeMap::new());
        assert!(m.clashes.is_empty() && ids(&m.content).is_empty());
        let m = three_way(&base, &mine, &mine, &BTreeMap::new());
        assert!(m.clashes.is_empty() && ids(&m.content).is_empty());
    }

    #[test]
    fn rejections_merge_as_a_set() {
        let with = |items: &[&str]| {
            let mut v = layer(&[], &[], None);
            v["rejected"] = json!(items);
            v
        };
        // Kept: one both had and nobody removed; added here; added there. Gone: removed here.
        let base = with(&["kept", "removed here"]);
        let mine = with(&["kept", "added here"]);
        let hub = with(&["kept", "removed here", "added there"]);
        let m = three_way(&base, &mine, &hub, &BTreeMap::new());
        assert!(m.clashes.is_empty());
        assert_eq!(
            m.content["rejected"],
            json!(["added here", "added there", "kept"])
        );
        // None left: no key at all, as a layer without rejections is written.
        let m = three_way(
            &with(&["x"]),
            &layer(&[], &[], None),
            &with(&["x"]),
            &BTreeMap::new(),
        );
        assert_eq!(m.content.get("rejected"), None);
    }

    #[test]
    fn versions_are_described_in_words() {
        let a = ann("a1", 120, "quote").to_string();
        assert_eq!(describe(Some(&a)), "quote „abcd“ at 120–124");
        assert_eq!(describe(None), "deleted");
        assert_eq!(describe(Some("\"done\"")), "status done");
        let r = json!({"id": "r", "type": "attribution", "from": "q", "to": "s"}).to_string();
        assert_eq!(describe(Some(&r)), "attribution link q → s");
    }

    #[test]
    fn a_relation_to_an_annotation_deleted_elsewhere_is_dropped() {
        let base = layer(&[ann("q", 0, "quote"), ann("s", 10, "speaker")], &[], None);
        let link = json!({"id": "r1", "type": "attribution", "from": "q", "to": "s"});
        let mine = layer(
            &[ann("q", 0, "quote"), ann("s", 10, "speaker")],
            std::slice::from_ref(&link),
            None,
        );
        let hub = layer(&[ann("q", 0, "quote")], &[], None);
        let m = three_way(&base, &mine, &hub, &BTreeMap::new());
        assert!(m.clashes.is_empty());
        assert_eq!(ids(&m.content), ["q:quote"]);
        assert_eq!(m.content["relations"], json!([]));
    }
}
