//! Issue "teams beyond one machine", item 4: a hub copy's schema belongs to the hub. Import
//! with `--extend-schema` in a copy is refused with the way to do it; `hub extend-schema` is
//! for curators (PostgreSQL refuses an annotator), only grows the schema, and every copy
//! takes the new schema at its next sync, after which the new label can be used there.

mod common;

use common::pg::test_hub;
use common::write;
use predicates::prelude::*;
use spanbench::model::Schema;
use spanbench::model::schema::LabelDef;

#[test]
fn the_schema_of_a_hub_grows_by_curators_only_and_reaches_every_copy() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let Some(hub) = test_hub(t, "extend schema") else {
        return;
    };
    hub.publish_demo(t);
    let (anna, anna_url) = hub.person(t, "anna", false);
    let (_, carla_url) = hub.person(t, "carla", true);
    let copy = hub.clone_into(t, &anna_url, &anna, "anna-copy");
    // A file with a label the schema lacks.
    let text = "Maria Alvarez leitet das Amt.";
    let person = write(
        t,
        "person.jsonl",
        serde_json::json!({"id": "new", "text": text, "annotations": [
            {"annotator": anna, "label": "person", "start": 0, "end": 13, "text": "Maria Alvarez"}]})
        .to_string(),
    );
    // In the copy, --extend-schema is refused, with the way to do it.
    hub.spanbench(t)
        .arg("import")
        .arg(&copy)
        .arg(&person)
        .args(["--annotator", &anna, "--extend-schema"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("spanbench hub extend-schema"));
    // The schema with one more label.
    let mut schema = Schema::default_news();
    schema.labels.push(LabelDef {
        name: "person".into(),
        colour: "#009E73".into(),
        hotkeys: vec!["P".into()],
        description: "A person named.".into(),
        attributes: Vec::new(),
    });
    let grown = write(t, "grown.ron", ron::ser::to_string(&schema).unwrap());
    // An annotator may not change it: the database refuses.
    hub.spanbench(t)
        .args(["hub", "extend-schema", &anna_url])
        .arg(&grown)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "only the hub's curators change the schema",
        ));
    // A schema that drops a label is refused: a hub's schema only grows.
    let mut smaller = Schema::default_news();
    smaller.labels.retain(|l| l.name != "rebuttal");
    let smaller = write(t, "smaller.ron", ron::ser::to_string(&smaller).unwrap());
    hub.spanbench(t)
        .args(["hub", "extend-schema", &carla_url])
        .arg(&smaller)
        .assert()
        .failure()
        .stderr(predicate::str::contains("rebuttal"));
    // The curator grows it; the copy takes it at its next sync and can use the label.
    hub.spanbench(t)
        .args(["hub", "extend-schema", &carla_url])
        .arg(&grown)
        .assert()
        .success();
    hub.spanbench(t).arg("sync").arg(&copy).assert().success();
    let ron = std::fs::read_to_string(copy.join("project.ron")).unwrap();
    assert!(ron.contains("\"person\""), "{ron}");
    hub.spanbench(t)
        .arg("import")
        .arg(&copy)
        .arg(&person)
        .args(["--annotator", &anna])
        .assert()
        .success();
}
