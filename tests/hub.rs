//! Issue "teams beyond one machine": a PostgreSQL hub — made by migrations, people as roles,
//! each layer writable by its owner only (row-level security), publish, clone and sync.
//! Needs the PostgreSQL of `SPANBENCH_TEST_PG_URL`; skipped (and says so) without it unless
//! `SPANBENCH_REQUIRE_PG=1`.

mod common;

use common::layers::{add_claim, layer, relabel};
use common::pg::{TestHub, test_hub};
use common::{DEMO_JSONL, import, new_project, write};

use spanbench::workspace::Workspace;

/// A hub holding the demo project, with annotators anna and ben (suffixed) who own the
/// demo's two layers.
fn published(tmp: &std::path::Path, test: &str) -> Option<(TestHub, String, String)> {
    let hub = test_hub(tmp, test)?;
    let ok = |out: std::process::Output| {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    };
    ok(hub
        .spanbench(tmp)
        .args(["hub", "init", &hub.url])
        .output()
        .unwrap());
    let (anna, _) = hub.person(tmp, "anna", false);
    let (ben, _) = hub.person(tmp, "ben", false);
    let demo = DEMO_JSONL
        .replace(
            "\"annotator\": \"anna\"",
            &format!("\"annotator\": \"{anna}\""),
        )
        .replace(
            "\"annotator\":\"anna\"",
            &format!("\"annotator\":\"{anna}\""),
        )
        .replace("\"anna\":", &format!("\"{anna}\":"))
        .replace(
            "\"annotator\": \"ben\"",
            &format!("\"annotator\": \"{ben}\""),
        )
        .replace("\"annotator\":\"ben\"", &format!("\"annotator\":\"{ben}\""))
        .replace("\"ben\":", &format!("\"{ben}\":"));
    let project = new_project(tmp, "p");
    import(tmp, &project, &write(tmp, "demo.jsonl", demo));
    ok(hub
        .spanbench(tmp)
        .arg("publish")
        .arg(&project)
        .args(["--hub", &hub.url])
        .output()
        .unwrap());
    Some((hub, anna, ben))
}

/// `clone` for `who` into `tmp/dir`.
fn clone(hub: &TestHub, tmp: &std::path::Path, who: &str, dir: &str) -> std::path::PathBuf {
    hub.clone_into(tmp, &hub.url_for(who), who, dir)
}

/// `sync` of a working copy: (exit code, stderr).
fn sync(hub: &TestHub, tmp: &std::path::Path, copy: &std::path::Path) -> (i32, String) {
    let out = hub.spanbench(tmp).arg("sync").arg(copy).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn an_edit_synced_by_one_annotator_reaches_the_other_and_nothing_twice() {
    let tmp = tempfile::tempdir().unwrap();
    let Some((hub, anna, ben)) = published(tmp.path(), "hub round trip") else {
        return;
    };
    let a = clone(&hub, tmp.path(), &anna, "anna-copy");
    let b = clone(&hub, tmp.path(), &ben, "ben-copy");
    let doc = add_claim(&a, &anna, 0, 0, 4);
    let (code, said) = sync(&hub, tmp.path(), &a);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("sent 1 layers"), "{said}");
    let (code, said) = sync(&hub, tmp.path(), &b);
    assert_eq!(code, 0, "{said}");
    assert!(
        said.contains("brought in 0 documents and 1 layers"),
        "{said}"
    );
    assert_eq!(layer(&a, &doc, &anna), layer(&b, &doc, &anna));
    // Nothing new: nothing sent, nothing brought in, nothing written (an open window would
    // take any write for someone else's change).
    let watcher = rusqlite::Connection::open(a.join("spanbench.db")).unwrap();
    let version = || -> i64 {
        watcher
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .unwrap()
    };
    let before = version();
    let (_, said) = sync(&hub, tmp.path(), &a);
    assert!(
        said.contains("sent 0 layers; brought in 0 documents and 0 layers"),
        "{said}"
    );
    assert_eq!(
        version(),
        before,
        "a sync with nothing to do wrote to the project"
    );
    // Both copies pass `check`.
    for copy in [&a, &b] {
        hub.spanbench(tmp.path())
            .arg("check")
            .arg(copy)
            .assert()
            .success();
    }
}

#[test]
fn the_database_lets_an_annotator_write_their_own_layer_only() {
    let tmp = tempfile::tempdir().unwrap();
    let Some((hub, anna, ben)) = published(tmp.path(), "row-level security") else {
        return;
    };
    let (carla, _) = hub.person(tmp.path(), "carla", true);
    let mut as_anna = hub.connect_as(&anna);
    let changed = as_anna
        .execute(
            "UPDATE layers SET content = '{}'::jsonb WHERE annotator = $1",
            &[&ben],
        )
        .unwrap();
    assert_eq!(changed, 0, "anna cannot change ben's layer");
    let deleted = as_anna
        .execute("DELETE FROM layers WHERE annotator = $1", &[&ben])
        .unwrap();
    assert_eq!(deleted, 0, "nor delete it");
    let err = as_anna
        .execute(
            "INSERT INTO layers (doc, annotator, content) SELECT id, 'gold', '{}' FROM documents LIMIT 1",
            &[],
        )
        .expect_err("anna cannot write gold");
    let err = spanbench::hub::describe(&err);
    assert!(err.contains("row-level security"), "{err}");
    let err = as_anna
        .execute("UPDATE documents SET text = 'x'", &[])
        .expect_err("nor change documents");
    let err = spanbench::hub::describe(&err);
    assert!(err.contains("permission denied"), "{err}");
    let own = as_anna
        .execute(
            "UPDATE layers SET content = content WHERE annotator = $1",
            &[&anna],
        )
        .unwrap();
    assert!(own > 0, "her own layer she can write");
    let mut as_carla = hub.connect_as(&carla);
    as_carla
        .execute(
            "INSERT INTO layers (doc, annotator, content) SELECT id, 'gold', '{\"annotations\": [], \"relations\": []}' FROM documents LIMIT 1",
            &[],
        )
        .expect("a curator writes gold");
}

/// `sync --keep mine|hub` of a working copy: (exit code, stderr).
fn sync_keeping(
    hub: &TestHub,
    tmp: &std::path::Path,
    copy: &std::path::Path,
    keep: &str,
) -> (i32, String) {
    let out = hub
        .spanbench(tmp)
        .arg("sync")
        .arg(copy)
        .args(["--keep", keep])
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_same_annotator_on_two_machines_merges_edits_and_settles_a_conflict_by_choice() {
    let tmp = tempfile::tempdir().unwrap();
    let Some((hub, anna, _)) = published(tmp.path(), "two machines") else {
        return;
    };
    let one = clone(&hub, tmp.path(), &anna, "laptop");
    let two = clone(&hub, tmp.path(), &anna, "desktop");
    // Different documents on the two machines: both arrive everywhere.
    let first = add_claim(&one, &anna, 1, 0, 4);
    let second = add_claim(&two, &anna, 2, 0, 4);
    assert_eq!(sync(&hub, tmp.path(), &one).0, 0);
    assert_eq!(sync(&hub, tmp.path(), &two).0, 0);
    assert_eq!(sync(&hub, tmp.path(), &one).0, 0);
    for doc in [&first, &second] {
        assert_eq!(layer(&one, doc, &anna), layer(&two, doc, &anna));
    }
    // Different annotations of the same document: merged, nothing lost on either side.
    let doc = add_claim(&one, &anna, 0, 0, 4);
    add_claim(&two, &anna, 0, 5, 3);
    assert_eq!(sync(&hub, tmp.path(), &one).0, 0);
    let (code, said) = sync(&hub, tmp.path(), &two);
    assert_eq!(code, 0, "{said}");
    assert!(
        said.contains("merged 1 with what your other machine sent"),
        "{said}"
    );
    assert_eq!(sync(&hub, tmp.path(), &one).0, 0);
    let both = layer(&one, &doc, &anna);
    assert_eq!(both, layer(&two, &doc, &anna));
    for start in [0, 5] {
        assert!(
            both.iter()
                .any(|(l, f)| l == "claim" && f[0].start == start),
            "{both:?}"
        );
    }
    // The same annotation changed differently: a conflict, shown, nothing overwritten.
    relabel(&one, &doc, &anna, 0, "quote");
    relabel(&two, &doc, &anna, 0, "rebuttal");
    assert_eq!(sync(&hub, tmp.path(), &one).0, 0);
    let before = layer(&two, &doc, &anna);
    let (code, said) = sync(&hub, tmp.path(), &two);
    assert_eq!(code, 3, "{said}");
    assert!(
        said.contains(&format!("conflict: your layer of document '{doc}'")),
        "{said}"
    );
    assert!(
        said.contains("here rebuttal „") && said.contains("on the hub quote „"),
        "{said}"
    );
    assert_eq!(layer(&two, &doc, &anna), before);
    let laptop = layer(&one, &doc, &anna);
    assert_eq!(sync(&hub, tmp.path(), &one).0, 0);
    assert_eq!(layer(&one, &doc, &anna), laptop);
    // Asking again changes nothing until a version is chosen.
    assert_eq!(sync(&hub, tmp.path(), &two).0, 3);
    // The desktop keeps the hub's version: both machines agree, the claim at 5 stays.
    let (code, said) = sync_keeping(&hub, tmp.path(), &two, "hub");
    assert_eq!(code, 0, "{said}");
    assert_eq!(layer(&two, &doc, &anna), laptop);
    assert_eq!(sync(&hub, tmp.path(), &one).0, 0);
    assert_eq!(layer(&one, &doc, &anna), laptop);
    // Once more, and this time the desktop keeps its own.
    relabel(&one, &doc, &anna, 5, "quote");
    relabel(&two, &doc, &anna, 5, "rebuttal");
    assert_eq!(sync(&hub, tmp.path(), &one).0, 0);
    assert_eq!(sync(&hub, tmp.path(), &two).0, 3);
    let desktop = layer(&two, &doc, &anna);
    assert_eq!(sync_keeping(&hub, tmp.path(), &two, "mine").0, 0);
    assert_eq!(sync(&hub, tmp.path(), &one).0, 0);
    assert_eq!(layer(&one, &doc, &anna), desktop);
    assert_eq!(layer(&two, &doc, &anna), desktop);
    let check = hub
        .spanbench(tmp.path())
        .arg("check")
        .arg(&two)
        .output()
        .unwrap();
    assert!(check.status.success());
}

#[test]
fn a_newer_hub_and_a_password_in_the_url_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(hub) = test_hub(tmp.path(), "refusals") else {
        return;
    };
    hub.spanbench(tmp.path())
        .args(["hub", "init", &hub.url])
        .assert()
        .success();
    let mut admin = hub.connect_as(&spanbench::hub::place(&hub.url).unwrap().1.user);
    admin
        .execute(
            "UPDATE hub_meta SET value = '99' WHERE key = 'schema_version'",
            &[],
        )
        .unwrap();
    let project = new_project(tmp.path(), "p");
    let out = hub
        .spanbench(tmp.path())
        .arg("publish")
        .arg(&project)
        .args(["--hub", &hub.url])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("newer spanbench"));
    let with_password = hub.url.replace("@", ":secret@");
    let out = hub
        .spanbench(tmp.path())
        .args(["hub", "init", &with_password])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("carries a password"));
    // A project that is not a working copy cannot sync.
    let out = hub
        .spanbench(tmp.path())
        .arg("sync")
        .arg(&project)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a working copy"));
}

#[test]
fn syncs_killed_at_random_points_lose_and_double_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let Some((hub, anna, ben)) = published(tmp.path(), "killed syncs") else {
        return;
    };
    let a = clone(&hub, tmp.path(), &anna, "anna-copy");
    let bin = assert_cmd::cargo::cargo_bin("spanbench");
    let first = Workspace::open(&a).unwrap().store.document_ids().unwrap()[0].clone();
    let claims = |copy: &std::path::Path| {
        layer(copy, &first, &anna)
            .iter()
            .filter(|(l, _)| l == "claim")
            .count()
    };
    let before = claims(&a);
    // The same annotator's second machine edits the same document now and then, so the
    // killed syncs meet changes they must merge, not overwrite.
    let desktop = clone(&hub, tmp.path(), &anna, "anna-desktop");
    let mut from_desktop = 0;
    let mut doc = String::new();
    for round in 0..24u64 {
        if round % 4 == 1 {
            add_claim(&desktop, &anna, 0, (round as usize) * 3, 1);
            let (code, said) = sync(&hub, tmp.path(), &desktop);
            assert_eq!(code, 0, "{said}");
            from_desktop += 1;
        }
        doc = add_claim(&a, &anna, 0, (round as usize) * 3, 2);
        let mut child = std::process::Command::new(&bin)
            .arg("sync")
            .arg(&a)
            .env("PGPASSFILE", &hub.pgpass)
            .env("SPANBENCH_DATA_DIR", tmp.path().join("data"))
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Kill at a different point each round: before connecting, while sending, after.
        std::thread::sleep(std::time::Duration::from_millis((round * 7) % 60));
        child.kill().ok();
        child.wait().unwrap();
    }
    let (code, said) = sync(&hub, tmp.path(), &a);
    assert_eq!(code, 0, "{said}");
    assert_eq!(sync(&hub, tmp.path(), &desktop).0, 0);
    assert_eq!(doc, first);
    let mine = layer(&a, &doc, &anna);
    let made = before + 24 + from_desktop;
    assert_eq!(claims(&a), made, "every claim made is here once");
    assert_eq!(claims(&desktop), made, "and on the other machine once");
    assert_eq!(
        layer_on_hub_claims(&hub, &ben, &doc, &anna),
        made,
        "and on the hub once"
    );
    // A fresh copy from the hub holds exactly what the killed copy holds.
    let b = clone(&hub, tmp.path(), &ben, "ben-copy");
    assert_eq!(layer(&b, &doc, &anna), mine);
    hub.spanbench(tmp.path())
        .arg("check")
        .arg(&a)
        .assert()
        .success();
}

/// How many claims `who`'s layer of `doc` holds on the hub, read as `reader`.
fn layer_on_hub_claims(hub: &TestHub, reader: &str, doc: &str, who: &str) -> usize {
    let mut c = hub.connect_as(reader);
    let row = c
        .query_one(
            "SELECT content FROM layers WHERE doc = $1 AND annotator = $2",
            &[&doc, &who],
        )
        .unwrap();
    let content: serde_json::Value = row.get(0);
    content["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["label"] == "claim")
        .count()
}

#[test]
fn twenty_annotators_syncing_at_once_end_with_every_edit_once_everywhere() {
    let tmp = tempfile::tempdir().unwrap();
    let Some((hub, _, ben)) = published(tmp.path(), "twenty annotators") else {
        return;
    };
    const PEOPLE: usize = 20;
    const ROUNDS: usize = 4;
    let people: Vec<String> = (0..PEOPLE)
        .map(|i| hub.person(tmp.path(), &format!("a{i}x"), false).0)
        .collect();
    let copies: Vec<std::path::PathBuf> = people
        .iter()
        .map(|p| clone(&hub, tmp.path(), p, p))
        .collect();
    std::thread::scope(|s| {
        for (who, copy) in people.iter().zip(&copies) {
            let hub = &hub;
            let tmp = tmp.path();
            s.spawn(move || {
                for round in 0..ROUNDS {
                    add_claim(copy, who, round % 3, round * 4, 3);
                    let (code, said) = sync(hub, tmp, copy);
                    assert_eq!(code, 0, "{who}: {said}");
                }
            });
        }
    });
    // One more round each brings in what the others sent meanwhile.
    for copy in &copies {
        assert_eq!(sync(&hub, tmp.path(), copy).0, 0);
    }
    let fresh = clone(&hub, tmp.path(), &ben, "fresh");
    let docs = Workspace::open(&fresh)
        .unwrap()
        .store
        .document_ids()
        .unwrap();
    for who in &people {
        let on_hub: usize = docs.iter().map(|d| layer(&fresh, d, who).len()).sum();
        assert_eq!(
            on_hub, ROUNDS,
            "every edit of {who} is on the hub exactly once"
        );
    }
    for copy in copies.iter().step_by(5) {
        for who in &people {
            for d in &docs {
                assert_eq!(
                    layer(copy, d, who),
                    layer(&fresh, d, who),
                    "{}",
                    copy.display()
                );
            }
        }
        hub.spanbench(tmp.path())
            .arg("check")
            .arg(copy)
            .assert()
            .success();
    }
}

#[test]
fn assign_spreads_documents_evenly_on_the_hub_and_each_copy_sees_its_own_first() {
    let tmp = tempfile::tempdir().unwrap();
    let Some((hub, anna, ben)) = published(tmp.path(), "assign") else {
        return;
    };
    let (carla, _) = hub.person(tmp.path(), "carla", true);
    let c = clone(&hub, tmp.path(), &carla, "carla-copy");
    let out = hub
        .spanbench(tmp.path())
        .arg("assign")
        .arg(&c)
        .args([
            "--annotators",
            &format!("{anna},{ben}"),
            "--per-document",
            "1",
        ])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("3 new assignments"), "{said}");
    // Run again: nothing new, nothing moved.
    let again = hub
        .spanbench(tmp.path())
        .arg("assign")
        .arg(&c)
        .args([
            "--annotators",
            &format!("{anna},{ben}"),
            "--per-document",
            "1",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&again.stderr).contains("0 new assignments"));
    // anna's copy learns her assignments at the next sync.
    let a = clone(&hub, tmp.path(), &anna, "anna-copy");
    assert_eq!(sync(&hub, tmp.path(), &a).0, 0);
    let ws = Workspace::open(&a).unwrap();
    let all = ws.store.assignments().unwrap();
    assert_eq!(all.len(), 3);
    let annas = all.iter().filter(|(_, w)| *w == anna).count();
    assert!((1..=2).contains(&annas), "{all:?}");
    // Everyone's progress, live from the hub.
    let out = hub
        .spanbench(tmp.path())
        .arg("stats")
        .arg(&a)
        .args(["--hub", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let live: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(live["documents"], 3);
    assert_eq!(live["people"][&anna]["assigned"], serde_json::json!(annas));
    assert_eq!(live["people"][&anna]["done"], 3, "{live}");
    assert_eq!(live["people"][&ben]["done"], 2, "{live}");
    assert_eq!(live["people"][&carla]["layers"], 0, "{live}");
    // An annotator may not assign: the database refuses.
    let out = hub
        .spanbench(tmp.path())
        .arg("assign")
        .arg(&a)
        .args(["--annotators", &anna, "--per-document", "1"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("permission denied"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn connections_to_the_hub_are_encrypted_and_sslmode_require_is_honoured() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(hub) = test_hub(tmp.path(), "TLS") else {
        return;
    };
    for url in [hub.url.clone(), format!("{}?sslmode=require", hub.url)] {
        let mut client = spanbench::hub::connect(&url).unwrap();
        assert!(
            common::pg::is_encrypted(&mut client),
            "{url} connected without TLS"
        );
    }
}
