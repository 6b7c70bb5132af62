//! The team hub against a local PostgreSQL (issue "teams beyond one machine"): publish 10,000
//! generated articles with 200,000 annotations, clone them, sync one edit, sync with nothing
//! to do. Prints medians. Needs the superuser URL of a PostgreSQL in `SPANBENCH_TEST_PG_URL`
//! (with its password in PGPASSFILE), as `.ci/postgres.sh start DIR` prints; says so and
//! stops without one. Each run makes its own database.
//!
//! Run: `cargo bench --bench hub` (release). `SPANBENCH_BENCH_DOCS=1000` for a smaller run.

#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/timing.rs"]
mod timing;
use corpus::article;
use timing::{median, ms};

use std::time::Instant;

use spanbench::importer::{ImportOptions, import_paths};
use spanbench::model::{Annotation, Edit, Fragment, Origin, Schema};
use spanbench::workspace::Workspace;

fn main() -> anyhow::Result<()> {
    let Ok(base) = std::env::var("SPANBENCH_TEST_PG_URL") else {
        println!(
            "the hub bench needs a PostgreSQL: eval \"$(.ci/postgres.sh start /tmp/pg)\" first"
        );
        return Ok(());
    };
    let docs: usize = std::env::var("SPANBENCH_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let tmp = tempfile::tempdir()?;
    let input = tmp.path().join("corpus.jsonl");
    let lines: String = (0..docs).map(|i| format!("{}\n", article(i))).collect();
    std::fs::write(&input, &lines)?;
    let project = tmp.path().join("p");
    let mut ws = Workspace::create(&project, "bench", Schema::default_news())?;
    import_paths(
        &mut ws,
        std::slice::from_ref(&input),
        &ImportOptions::default(),
        &mut |_| {},
    )?;
    println!("corpus: {docs} documents, {} annotations", docs * 20);

    // A database of its own, made a hub, with one annotator.
    let database = format!("hub_bench_{}", std::process::id());
    spanbench::hub::connect(&base)?.batch_execute(&format!("CREATE DATABASE {database}"))?;
    let (_, place) = spanbench::hub::place(&base)?;
    let url = format!(
        "postgres://{}@{}:{}/{database}",
        place.user, place.host, place.port
    );
    spanbench::hub::schema::init(&mut spanbench::hub::connect(&url)?)?;
    let password =
        spanbench::hub::people::add_person(&mut spanbench::hub::connect(&url)?, "anna", false)
            .or_else(|_| -> anyhow::Result<String> {
                anyhow::bail!("a role 'anna' exists in this cluster already: use a fresh cluster")
            })?;
    let pgpass = tmp.path().join("pgpass");
    let mut lines = spanbench::hub::pgpass::file()
        .and_then(|f| std::fs::read_to_string(f).ok())
        .unwrap_or_default();
    lines.push_str(&format!(
        "{}:{}:{database}:anna:{password}\n",
        place.host, place.port
    ));
    std::fs::write(&pgpass, lines)?;
    // SAFETY: the bench is one thread; nothing else reads the environment now.
    unsafe { std::env::set_var("PGPASSFILE", &pgpass) };

    let t = Instant::now();
    let published = spanbench::hub::publish::publish(&ws, &url)?;
    println!(
        "publish: {} ({} documents, {} layers; target 20 s)",
        ms(t.elapsed()),
        published.documents,
        published.layers
    );
    drop(ws);
    let anna_url = format!("postgres://anna@{}:{}/{database}", place.host, place.port);
    let t = Instant::now();
    let mut copy = spanbench::hub::publish::clone(&anna_url, &tmp.path().join("copy"), "anna")?;
    println!("clone: {} (target 10 s)", ms(t.elapsed()));

    let doc = copy.store.document_ids()?[0].clone();
    let mut one_edit = Vec::new();
    for n in 0..7 {
        copy.apply(Edit::AddAnnotation {
            doc: doc.clone(),
            annotation: Annotation {
                id: String::new(),
                annotator: "anna".into(),
                label: "claim".into(),
                fragments: vec![Fragment::new(n * 5, n * 5 + 4)],
                text: String::new(),
                attributes: Default::default(),
                note: String::new(),
                origin: Origin::Hand,
            },
        })?;
        let t = Instant::now();
        let s = spanbench::hub::sync::sync(&mut copy)?;
        one_edit.push(t.elapsed());
        assert_eq!(s.sent, 1);
    }
    let nothing: Vec<_> = (0..15)
        .map(|_| {
            let t = Instant::now();
            let s = spanbench::hub::sync::sync(&mut copy).expect("sync");
            assert_eq!((s.sent, s.received), (0, 0));
            t.elapsed()
        })
        .collect();
    println!(
        "sync of one edit: median of 7 {} (target 50 ms); sync with nothing to do: median of 15 {} (target 20 ms)",
        ms(median(one_edit)),
        ms(median(nothing))
    );
    drop(copy);
    // One statement each: DROP DATABASE cannot share a transaction.
    let mut admin = spanbench::hub::connect(&base)?;
    admin.batch_execute(&format!("DROP DATABASE {database} WITH (FORCE)"))?;
    admin.batch_execute("DROP ROLE anna")?;
    Ok(())
}
