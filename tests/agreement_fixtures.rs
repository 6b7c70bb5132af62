//! `spanbench agree --json` against values computed by the reference implementations
//! (scikit-learn, seqeval, scipy, statsmodels, `krippendorff`), stored beside the fixtures by
//! `tests/python/make_agreement_fixtures.py`; and the unitizing alpha against Krippendorff's
//! (2004, p. 254) worked example, end to end through a project.

mod common;

use common::*;
use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/agreement");

/// Asserts that `got` equals `want` to 1e-9, or both are null (an undefined measure).
fn same(got: &Value, want: &Value, what: &str) {
    match (got.as_f64(), want.as_f64()) {
        (Some(g), Some(w)) => assert!((g - w).abs() < 1e-9, "{what}: spanbench {g}, reference {w}"),
        _ => assert!(
            got.is_null() && want.is_null(),
            "{what}: spanbench {got}, reference {want}"
        ),
    }
}

#[test]
fn agree_matches_the_reference_implementations_on_the_fixtures() {
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{FIXTURES}/expected.json")).expect("expected.json"),
    )
    .expect("expected.json parses");
    let runs = expected["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 3);
    let mut nulls = 0;
    for (n, run) in runs.iter().enumerate() {
        let tmp = tempfile::tempdir().unwrap();
        let project = new_project(tmp.path(), "p");
        let file = format!("{FIXTURES}/{}", run["file"].as_str().unwrap());
        import(tmp.path(), &project, std::path::Path::new(&file));
        let who: Vec<&str> = run["annotators"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let got = agree_json(tmp.path(), &project, &["--annotators", &who.join(",")]);
        let at = |what: &str| format!("run {n} ({}, {}): {what}", run["file"], who.join(","));
        assert_eq!(got["documents"], run["documents"], "{}", at("documents"));
        let pairs = run["pairs"].as_array().unwrap();
        assert_eq!(got["pairs"].as_array().unwrap().len(), pairs.len());
        for (g, w) in got["pairs"].as_array().unwrap().iter().zip(pairs) {
            assert_eq!((&g["a"], &g["b"]), (&w["a"], &w["b"]));
            let pair = format!("{}/{}", w["a"], w["b"]);
            for measure in ["f1_exact", "f1_overlap"] {
                same(
                    &g[measure]["micro"],
                    &w[measure]["micro"],
                    &at(&format!("{pair} {measure} micro")),
                );
                for (label, value) in w[measure]["per_label"].as_object().unwrap() {
                    nulls += usize::from(value.is_null());
                    same(
                        &g[measure]["per_label"][label],
                        value,
                        &at(&format!("{pair} {measure} {label}")),
                    );
                }
            }
            for (label, value) in w["kappa"].as_object().unwrap() {
                nulls += usize::from(value.is_null());
                same(
                    &g["kappa"][label],
                    value,
                    &at(&format!("{pair} kappa {label}")),
                );
            }
            same(
                &g["relations"]["attribution"],
                &w["relations"]["attribution"],
                &at(&format!("{pair} attribution links")),
            );
        }
        if let Some(fleiss) = run.get("fleiss_kappa") {
            for (label, value) in fleiss.as_object().unwrap() {
                same(
                    &got["fleiss_kappa"][label],
                    value,
                    &at(&format!("fleiss {label}")),
                );
            }
        }
        assert_eq!(
            got["alpha_nominal"]["documents"],
            run["alpha_nominal"]["documents"],
            "{}",
            at("alpha_nominal documents (missing data: the skipped document counts)")
        );
        for (label, value) in run["alpha_nominal"]["per_label"].as_object().unwrap() {
            same(
                &got["alpha_nominal"]["per_label"][label],
                value,
                &at(&format!("alpha_nominal {label}")),
            );
        }
    }
    assert!(nulls > 0, "the fixtures include undefined measures");
}

#[test]
fn unitizing_alpha_reproduces_krippendorffs_worked_example_end_to_end() {
    let fixture: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{FIXTURES}/krippendorff_2004.json")).unwrap(),
    )
    .unwrap();
    let begin = fixture["continuum"]["begin"].as_u64().unwrap() as usize;
    let len = fixture["continuum"]["length"].as_u64().unwrap() as usize;
    // A continuum of `len` code points (with an umlaut, so bytes and code points differ).
    let text: String = "Ä bc ".chars().cycle().take(len).collect();
    // Categories c and k become the labels claim and quote; observers i and j annotators.
    let mut annotations = Vec::new();
    for (n, u) in fixture["units"].as_array().unwrap().iter().enumerate() {
        let start = u["begin"].as_u64().unwrap() as usize - begin;
        let end = start + u["length"].as_u64().unwrap() as usize;
        let label = if u["category"] == "c" {
            "claim"
        } else {
            "quote"
        };
        let covered: String = text.chars().skip(start).take(end - start).collect();
        annotations.push(serde_json::json!({
            "id": format!("a{n}"), "annotator": u["observer"], "label": label,
            "fragments": [[start, end]], "text": covered}));
    }
    let record = serde_json::json!({"id": "k2004", "text": text, "annotations": annotations});
    let tmp = tempfile::tempdir().unwrap();
    let project = new_project(tmp.path(), "p");
    let file = write(tmp.path(), "k2004.jsonl", format!("{record}\n"));
    import(tmp.path(), &project, std::path::Path::new(&file));
    let got = agree_json(tmp.path(), &project, &["--annotators", "i,j"]);
    let tolerance = fixture["tolerance"].as_f64().unwrap();
    let near = |g: &Value, w: &Value| {
        let (g, w) = (g.as_f64().unwrap(), w.as_f64().unwrap());
        assert!((g - w).abs() < tolerance, "spanbench {g}, Krippendorff {w}");
    };
    near(
        &got["alpha_u"]["per_label"]["claim"],
        &fixture["expected"]["c"]["alpha"],
    );
    near(
        &got["alpha_u"]["per_label"]["quote"],
        &fixture["expected"]["k"]["alpha"],
    );
    near(&got["alpha_u"]["overall"], &fixture["expected"]["overall"]);
    // Labels nobody used are undefined, not 1.
    assert!(got["alpha_u"]["per_label"]["speaker"].is_null());
}

#[test]
fn gamma_matches_pygamma_agreement() {
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{FIXTURES}/expected.json")).unwrap(),
    )
    .unwrap();
    let reference = expected["gamma_anna_ben"]
        .as_object()
        .expect("pygamma's values");
    let tmp = tempfile::tempdir().unwrap();
    let project = new_project(tmp.path(), "p");
    import(
        tmp.path(),
        &project,
        std::path::Path::new(&format!("{FIXTURES}/cases.jsonl")),
    );
    let args = ["--annotators", "anna,ben", "--gamma", "--seed", "1"];
    let got = agree_json(tmp.path(), &project, &args);
    let gamma = &got["pairs"][0]["gamma"];
    assert_eq!(gamma["samples"], 30);
    let docs = gamma["documents"].as_array().unwrap();
    assert_eq!(docs.len(), reference.len());
    for d in docs {
        let want = &reference[d["id"].as_str().unwrap()];
        // The best alignment is exact (pygamma reports it in single precision).
        let (o, wo) = (
            d["observed"].as_f64().unwrap(),
            want["observed"].as_f64().unwrap(),
        );
        assert!(
            (o - wo).abs() < 1e-6,
            "{}: observed {o}, pygamma {wo}",
            d["id"]
        );
        // The expected disorder is sampled on both sides: close, not equal.
        let (g, wg) = (
            d["gamma"].as_f64().unwrap(),
            want["gamma"].as_f64().unwrap(),
        );
        assert!(
            (g - wg).abs() < 0.05,
            "{}: gamma {g}, pygamma {wg}",
            d["id"]
        );
    }
    // Seeded: the same command gives the same figures.
    assert_eq!(
        agree_json(tmp.path(), &project, &args)["pairs"][0]["gamma"],
        *gamma
    );
    spanbench(tmp.path())
        .arg("agree")
        .arg(&project)
        .args(["--gamma", "--gamma-samples", "0"])
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "--gamma-samples must be at least 1",
        ));
    // Without --gamma there is none (it is the slow one).
    let plain = agree_json(tmp.path(), &project, &["--annotators", "anna,ben"]);
    assert!(plain["pairs"][0].get("gamma").is_none());
}
