//! Issue "teams beyond one machine", item 4: TLS with libpq's `sslmode`. `verify-full` checks
//! that the hub's certificate chains to the root in `sslrootcert` and names the host;
//! `verify-ca` the chain only; a certificate from another authority is refused.
//! Needs the certificate authority `.ci/postgres.sh` makes (`SPANBENCH_TEST_PG_ROOT`); says so
//! and skips without it, unless `SPANBENCH_REQUIRE_PG=1`.

mod common;

use common::pg::test_hub;

#[test]
fn verify_full_and_verify_ca_check_the_hubs_certificate_against_a_root() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(hub) = test_hub(tmp.path(), "verify-full") else {
        return;
    };
    let roots = (
        std::env::var("SPANBENCH_TEST_PG_ROOT"),
        std::env::var("SPANBENCH_TEST_PG_OTHER_ROOT"),
    );
    let (Ok(root), Ok(other)) = roots else {
        assert!(
            std::env::var("SPANBENCH_REQUIRE_PG").as_deref() != Ok("1"),
            "SPANBENCH_TEST_PG_ROOT is not set: start PostgreSQL with .ci/postgres.sh"
        );
        eprintln!("SKIPPED: no SPANBENCH_TEST_PG_ROOT (start PostgreSQL with .ci/postgres.sh)");
        return;
    };
    let with = |mode: &str, root: &str| format!("{}?sslmode={mode}&sslrootcert={root}", hub.url);
    for url in [with("verify-full", &root), with("verify-ca", &root)] {
        let mut client = spanbench::hub::connect(&url).unwrap_or_else(|e| panic!("{url}: {e}"));
        assert!(common::pg::is_encrypted(&mut client));
    }
    // Another authority's root: refused, whichever verify mode.
    for url in [with("verify-full", &other), with("verify-ca", &other)] {
        let Err(e) = spanbench::hub::connect(&url) else {
            panic!("{url} connected with a root that signed nothing");
        };
        assert!(e.to_string().contains("UnknownIssuer"), "{e}");
    }
    // verify-full checks the name too: the certificate names 127.0.0.1, not localhost (the
    // same server); verify-ca does not. (Its password line for localhost, for this process.)
    let pgpass = std::fs::read_to_string(&hub.pgpass).unwrap();
    let local = pgpass.replace("127.0.0.1:", "localhost:");
    let file = tmp.path().join("pgpass-localhost");
    std::fs::write(&file, format!("{pgpass}{local}")).unwrap();
    // SAFETY: the only test of this binary; no other thread reads the environment now.
    unsafe { std::env::set_var("PGPASSFILE", &file) };
    let at_localhost = hub.url.replace("@127.0.0.1:", "@localhost:");
    let url = format!("{at_localhost}?sslmode=verify-full&sslrootcert={root}");
    let Err(e) = spanbench::hub::connect(&url) else {
        panic!("{url}: verify-full accepted a certificate for another name");
    };
    assert!(
        e.to_string()
            .contains("certificate not valid for name \"localhost\""),
        "{e}"
    );
    let url = format!("{at_localhost}?sslmode=verify-ca&sslrootcert={root}");
    spanbench::hub::connect(&url).unwrap_or_else(|e| panic!("{url}: {e}"));
}
