//! The demo project is built once and never deleted or rebuilt over: the user may have
//! imported their own documents into it. One test in its own binary, since it sets
//! `SPANBENCH_DATA_DIR` for the process.

use spanbench::importer::{ImportOptions, import_paths};

#[test]
fn the_demo_is_never_rebuilt_over_the_users_work() {
    let tmp = tempfile::tempdir().unwrap();
    // SAFETY: the only test in this binary; nothing else reads the environment meanwhile.
    unsafe { std::env::set_var("SPANBENCH_DATA_DIR", tmp.path()) };
    let mut ws = spanbench::demo::open_demo().unwrap();
    let demo_docs = ws.store.document_count().unwrap();
    let mine = tmp.path().join("mein-text.txt");
    std::fs::write(
        &mine,
        "Mein eigener Artikel, den ich in die Demo importiert habe.",
    )
    .unwrap();
    import_paths(&mut ws, &[mine], &ImportOptions::default(), &mut |_| {}).unwrap();
    let dir = ws.dir.clone();
    drop(ws);
    let db = dir.join("spanbench.db");

    // The bundled files changed (a newer spanbench): the existing demo opens as it is.
    std::fs::write(dir.join("demo-source.sha256"), "something else").unwrap();
    let ws = spanbench::demo::open_demo().unwrap();
    assert_eq!(ws.store.document_count().unwrap(), demo_docs + 1);
    drop(ws);

    // A database from a "newer" version: refused, said, and kept.
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("PRAGMA user_version = 99;").unwrap();
    }
    let bytes = std::fs::read(&db).unwrap();
    let err = spanbench::demo::open_demo()
        .err()
        .expect("refused")
        .to_string();
    assert!(err.contains("newer spanbench"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), bytes);
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(&format!(
            "PRAGMA user_version = {};",
            spanbench::store::LATEST_VERSION
        ))
        .unwrap();
    }

    // A typo in project.ron: said, and nothing deleted.
    let ron = dir.join("project.ron");
    let good = std::fs::read_to_string(&ron).unwrap();
    std::fs::write(&ron, good.replacen("labels:", "lables:", 1)).unwrap();
    let err = spanbench::demo::open_demo()
        .err()
        .expect("refused")
        .to_string();
    assert!(err.contains("project.ron"), "{err}");
    std::fs::write(&ron, &good).unwrap();
    let ws = spanbench::demo::open_demo().unwrap();
    assert_eq!(ws.store.document_count().unwrap(), demo_docs + 1);
}
