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
    let people = team(&base, &url, &database, tmp.path(), &pgpass)?;
    // One statement each: DROP DATABASE cannot share a transaction.
    let mut admin = spanbench::hub::connect(&base)?;
    admin.batch_execute(&format!("DROP DATABASE {database} WITH (FORCE)"))?;
    for role in ["anna".to_string()].iter().chain(&people) {
        admin.batch_execute(&format!("DROP ROLE {role}"))?;
    }
    Ok(())
}

/// Twenty annotators, each with a working copy of their own, editing and syncing every 5 s
/// (as the window does) for a minute: the hub's CPU (the postmaster and every backend, also
/// those that ended) and each sync's time. Answers the roles made.
fn team(
    base: &str,
    url: &str,
    database: &str,
    tmp: &std::path::Path,
    pgpass: &std::path::Path,
) -> anyhow::Result<Vec<String>> {
    const PEOPLE: usize = 20;
    let secs: u64 = std::env::var("SPANBENCH_TEAM_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    let (_, place) = spanbench::hub::place(url)?;
    let mut roles = Vec::new();
    let mut copies = Vec::new();
    for n in 0..PEOPLE {
        let role = format!("team{n:02}_{}", std::process::id());
        let password =
            spanbench::hub::people::add_person(&mut spanbench::hub::connect(url)?, &role, false)?;
        let mut lines = std::fs::read_to_string(pgpass)?;
        lines.push_str(&format!(
            "{}:{}:{database}:{role}:{password}\n",
            place.host, place.port
        ));
        std::fs::write(pgpass, lines)?;
        let at = format!("postgres://{role}@{}:{}/{database}", place.host, place.port);
        let dir = tmp.join(&role);
        drop(spanbench::hub::publish::clone(&at, &dir, &role)?);
        roles.push(role.clone());
        copies.push((role, dir));
    }
    let postmaster = postmaster_pid(base)?;
    let cpu_before = hub_cpu_seconds(postmaster)?;
    let started = Instant::now();
    let end = started + std::time::Duration::from_secs(secs);
    let threads: Vec<_> = copies
        .into_iter()
        .enumerate()
        .map(|(n, (role, dir))| std::thread::spawn(move || annotator(n, &role, &dir, end)))
        .collect();
    let mut times = Vec::new();
    for t in threads {
        times.extend(
            t.join()
                .map_err(|_| anyhow::anyhow!("an annotator's thread died"))??,
        );
    }
    let wall = started.elapsed().as_secs_f64();
    let cpu = hub_cpu_seconds(postmaster)? - cpu_before;
    let syncs = times.len();
    println!(
        "{PEOPLE} annotators editing and syncing every 5 s for {wall:.0} s: {syncs} syncs, each a median {}; hub CPU {:.3} cores (target under 0.5)",
        ms(median(times)),
        cpu / wall
    );
    Ok(roles)
}

/// One simulated annotator until `end`: an edit and a sync every 5 s, started `n` × 250 ms
/// late (windows open at different moments); answers each sync's time.
fn annotator(
    n: usize,
    role: &str,
    dir: &std::path::Path,
    end: Instant,
) -> anyhow::Result<Vec<std::time::Duration>> {
    std::thread::sleep(std::time::Duration::from_millis(250 * n as u64));
    let mut ws = Workspace::open(dir)?;
    let doc = ws.store.document_ids()?[n].clone();
    let mut times = Vec::new();
    let mut k = 0;
    while Instant::now() < end {
        let next = Instant::now() + std::time::Duration::from_secs(5);
        ws.apply(Edit::AddAnnotation {
            doc: doc.clone(),
            annotation: Annotation {
                id: String::new(),
                annotator: role.to_string(),
                label: "claim".into(),
                fragments: vec![Fragment::new(k % 40, k % 40 + 3)],
                text: String::new(),
                attributes: Default::default(),
                note: String::new(),
                origin: Origin::Hand,
            },
        })?;
        k += 1;
        // A sync as the window's: the copy opened afresh, a new connection.
        let t = Instant::now();
        spanbench::hub::sync::sync(&mut Workspace::open(dir)?)?;
        times.push(t.elapsed());
        std::thread::sleep(next.saturating_duration_since(Instant::now()));
    }
    Ok(times)
}

/// The PostgreSQL server's process id, from its data folder's `postmaster.pid`.
fn postmaster_pid(base: &str) -> anyhow::Result<u32> {
    let dir: String = spanbench::hub::connect(base)?
        .query_one("SHOW data_directory", &[])?
        .get(0);
    let text = std::fs::read_to_string(std::path::Path::new(&dir).join("postmaster.pid"))?;
    text.lines()
        .next()
        .and_then(|l| l.trim().parse().ok())
        .ok_or_else(|| anyhow::anyhow!("no pid in {dir}/postmaster.pid"))
}

/// CPU seconds the server has used: the postmaster's own, its ended children's (which it
/// collected), and its running children's.
fn hub_cpu_seconds(postmaster: u32) -> anyhow::Result<f64> {
    // Fields after the command name: state is 0; utime 11, stime 12, cutime 13, cstime 14.
    let fields = |pid: &str| -> Option<(u32, Vec<f64>)> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        let rest: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
        let ppid = rest.get(1)?.parse().ok()?;
        let ticks =
            [11, 12, 13, 14].map(|i| rest.get(i).and_then(|v| v.parse().ok()).unwrap_or(0.0));
        Some((ppid, ticks.to_vec()))
    };
    let hz = 100.0; // USER_HZ, what /proc counts in on Linux
    let (_, own) = fields(&postmaster.to_string())
        .ok_or_else(|| anyhow::anyhow!("the server process {postmaster} is not there"))?;
    let mut ticks: f64 = own.iter().sum();
    for entry in std::fs::read_dir("/proc")?.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if let Some((ppid, t)) = fields(&name)
            && ppid == postmaster
        {
            ticks += t[0] + t[1];
        }
    }
    Ok(ticks / hz)
}
