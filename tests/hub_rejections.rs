//! Issue "suggestions", item 5, on a hub: a rejected suggestion is remembered on the
//! annotator's own layer and travels with it — to the same annotator's other machine, and
//! back out again when the rejection is taken back.

mod common;

use common::pg::test_hub;
use spanbench::model::Edit;
use spanbench::workspace::Workspace;

#[test]
fn a_rejected_suggestion_reaches_the_annotators_other_machine_and_taking_it_back_too() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let Some(hub) = test_hub(t, "rejections") else {
        return;
    };
    hub.publish_demo(t);
    let (anna, anna_url) = hub.person(t, "anna", false);
    let copy = |dir: &str| hub.clone_into(t, &anna_url, &anna, dir);
    let sync = |path: &std::path::Path| {
        hub.spanbench(t).arg("sync").arg(path).assert().success();
    };
    let (laptop, desktop) = (copy("laptop"), copy("desktop"));
    let item = format!("suggestion/{anna}/quote/0-4");
    let doc = {
        let mut ws = Workspace::open(&laptop).unwrap();
        let doc = ws.store.document_ids().unwrap()[0].clone();
        ws.apply(Edit::SetRejected {
            doc: doc.clone(),
            item: item.clone(),
            rejected: true,
        })
        .unwrap();
        doc
    };
    sync(&laptop);
    sync(&desktop);
    let rejected_on = |path: &std::path::Path| {
        Workspace::open(path)
            .unwrap()
            .store
            .rejections(&doc)
            .unwrap()
            .contains(&item)
    };
    assert!(
        rejected_on(&desktop),
        "the rejection reached the other machine"
    );
    // Taken back on the laptop: gone on the desktop after both sync.
    Workspace::open(&laptop)
        .unwrap()
        .apply(Edit::SetRejected {
            doc: doc.clone(),
            item: item.clone(),
            rejected: false,
        })
        .unwrap();
    assert!(!rejected_on(&laptop));
    sync(&laptop);
    sync(&desktop);
    assert!(!rejected_on(&desktop), "taking it back reached it too");
}
