//! Issue "teams beyond one machine", item 3: sync is incremental — a copy asks the hub only
//! for what changed after the last version it took. The hub must hand out its version numbers
//! in commit order: a change whose transaction took its number first but committed last must
//! not be skipped by a copy that synced in between (the twenty-annotators test lost one claim
//! this way in one CI run).

mod common;

use common::layers::layer;
use common::pg::{TestHub, test_hub};

/// The demo published on a hub for `test`, carl's working copy of it, and the hub's owner:
/// (hub, copy, the owner's role), or `None` when there is no PostgreSQL to test with.
fn carl_on_a_hub(t: &std::path::Path, test: &str) -> Option<(TestHub, std::path::PathBuf, String)> {
    let hub = test_hub(t, test)?;
    hub.publish_demo(t);
    let (carl, carl_url) = hub.person(t, "carl", false);
    let copy = hub.clone_into(t, &carl_url, &carl, "carl");
    let (_, place) = spanbench::hub::place(&hub.url).unwrap();
    Some((hub, copy, place.user))
}

#[test]
fn a_change_committed_after_a_later_numbered_one_still_reaches_every_copy() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let Some((hub, copy, owner)) = carl_on_a_hub(t, "commit order") else {
        return;
    };
    let mut first = hub.connect_as(&owner);
    let doc: String = first
        .query_one(
            "SELECT doc FROM layers WHERE annotator = 'anna' ORDER BY doc LIMIT 1",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(
        !layer(&copy, &doc, "anna").is_empty(),
        "anna's layer holds annotations"
    );
    let emptied = r#"UPDATE layers SET content = content || '{"annotations": [], "relations": []}'
                     WHERE doc = $1 AND annotator = $2"#;
    // Anna's change takes its version first and stays uncommitted for a while…
    let mut slow = first.transaction().unwrap();
    slow.execute(emptied, &[&doc, &"anna"]).unwrap();
    // …while ben's change is written after it, on another connection.
    let quick = std::thread::spawn({
        let mut second = hub.connect_as(&owner);
        let doc = doc.clone();
        move || second.execute(emptied, &[&doc, &"ben"]).unwrap()
    });
    std::thread::sleep(std::time::Duration::from_millis(500));
    // Carl syncs in between, then anna's change commits and carl syncs again.
    hub.spanbench(t).arg("sync").arg(&copy).assert().success();
    slow.commit().unwrap();
    quick.join().unwrap();
    hub.spanbench(t).arg("sync").arg(&copy).assert().success();
    assert_eq!(layer(&copy, &doc, "ben"), [], "ben's change arrived");
    assert_eq!(layer(&copy, &doc, "anna"), [], "anna's change arrived too");
}

#[test]
fn sync_names_a_hub_made_before_the_ordering_and_hub_init_brings_it_up_to_date() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let Some((hub, copy, owner)) = carl_on_a_hub(t, "older hub") else {
        return;
    };
    // The hub as the first version left it: versions drawn freely, on updates of layers only.
    let mut owner = hub.connect_as(&owner);
    owner
        .batch_execute(
            "CREATE OR REPLACE FUNCTION spanbench_bump_version() RETURNS trigger AS $$
             BEGIN NEW.version := nextval('changes'); RETURN NEW; END $$ LANGUAGE plpgsql;
             DROP TRIGGER documents_version ON documents;
             DROP TRIGGER layers_version ON layers;
             CREATE TRIGGER layers_version BEFORE UPDATE ON layers
                 FOR EACH ROW EXECUTE FUNCTION spanbench_bump_version();
             UPDATE hub_meta SET value = '1' WHERE key = 'schema_version';",
        )
        .unwrap();
    let out = hub.spanbench(t).arg("sync").arg(&copy).output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("hub version 1") && said.contains("spanbench hub init URL"),
        "{said}"
    );
    hub.spanbench(t)
        .args(["hub", "init", &hub.url])
        .assert()
        .success();
    let triggers: i64 = owner
        .query_one(
            "SELECT count(*) FROM pg_trigger WHERE tgname IN ('documents_version', 'layers_version')",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(triggers, 2, "both tables number their rows in commit order");
    let out = hub.spanbench(t).arg("sync").arg(&copy).output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("hub init"));
}
