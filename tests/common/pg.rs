//! A throw-away hub per test on the PostgreSQL that `SPANBENCH_TEST_PG_URL` names (`.ci/run`
//! starts one; `.ci/postgres.sh` does it by hand). Without that URL the hub tests say they
//! were skipped — unless `SPANBENCH_REQUIRE_PG=1`, where they fail.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// A fresh database made a hub's home, and a password file for the people added to it.
pub struct TestHub {
    /// The superuser URL of the test's own database.
    pub url: String,
    /// Host, port and database, for people's URLs.
    pub host: String,
    pub port: u16,
    pub database: String,
    /// The password file every command of the test uses.
    pub pgpass: PathBuf,
    /// Appended to people's names: roles are shared by the whole cluster.
    pub suffix: String,
}

/// The test hub, or `None` (with a note on stderr) when there is no PostgreSQL to test with.
pub fn test_hub(tmp: &Path, test: &str) -> Option<TestHub> {
    let required = std::env::var("SPANBENCH_REQUIRE_PG").as_deref() == Ok("1");
    let Ok(base) = std::env::var("SPANBENCH_TEST_PG_URL") else {
        assert!(
            !required,
            "SPANBENCH_REQUIRE_PG=1 but SPANBENCH_TEST_PG_URL is not set"
        );
        skipped(&format!(
            "SKIPPED {test}: no PostgreSQL to test the hub with (set SPANBENCH_TEST_PG_URL, e.g. by `eval \"$(.ci/postgres.sh start /tmp/pg)\"`; SPANBENCH_REQUIRE_PG=1 makes this a failure)"
        ));
        return None;
    };
    let (mut config, place) = spanbench::hub::place(&base).expect("SPANBENCH_TEST_PG_URL parses");
    let superuser_lines = spanbench::hub::pgpass::file()
        .and_then(|f| std::fs::read_to_string(f).ok())
        .unwrap_or_default();
    if let Some(pw) = spanbench::hub::pgpass::lookup(
        &superuser_lines,
        &place.host,
        place.port,
        &place.database,
        &place.user,
    ) {
        config.password(pw);
    }
    let mut client = match config.connect(postgres::NoTls) {
        Ok(c) => c,
        Err(e) if !required => {
            skipped(&format!(
                "SKIPPED {test}: cannot reach the test PostgreSQL ({e})"
            ));
            return None;
        }
        Err(e) => panic!("SPANBENCH_REQUIRE_PG=1 but the test PostgreSQL is not reachable: {e}"),
    };
    let suffix = spanbench::model::ids::fresh_id("").to_lowercase();
    let database = format!("hub_{suffix}");
    client
        .batch_execute(&format!("CREATE DATABASE {database}"))
        .expect("a database for the test");
    let pgpass = tmp.join("pgpass");
    std::fs::write(&pgpass, &superuser_lines).expect("password file");
    let url = format!(
        "postgres://{}@{}:{}/{database}",
        place.user, place.host, place.port
    );
    Some(TestHub {
        url,
        host: place.host,
        port: place.port,
        database,
        pgpass,
        suffix,
    })
}

/// Says on the real stderr (not the test harness's captured one) that a test was skipped.
fn skipped(line: &str) {
    use std::io::Write;
    writeln!(std::io::stderr(), "{line}").ok();
}

impl TestHub {
    /// Makes the database a hub and publishes the demo project (its layers anna's and ben's,
    /// as shipped) onto it.
    pub fn publish_demo(&self, tmp: &Path) {
        self.spanbench(tmp)
            .args(["hub", "init", &self.url])
            .assert()
            .success();
        let project = super::new_project(tmp, "p");
        super::import(
            tmp,
            &project,
            &super::write(tmp, "demo.jsonl", super::DEMO_JSONL),
        );
        self.spanbench(tmp)
            .arg("publish")
            .arg(&project)
            .args(["--hub", &self.url])
            .assert()
            .success();
    }

    /// `clone` of the hub at `url` for `who` into `tmp/dir`; answers the copy's folder.
    pub fn clone_into(&self, tmp: &Path, url: &str, who: &str, dir: &str) -> PathBuf {
        let path = tmp.join(dir);
        self.spanbench(tmp)
            .arg("clone")
            .arg(url)
            .arg(&path)
            .args(["--annotator", who])
            .assert()
            .success();
        path
    }

    /// `spanbench ARGS` with this test's password file.
    pub fn spanbench(&self, tmp: &Path) -> Command {
        let mut cmd = super::spanbench(tmp);
        cmd.env("PGPASSFILE", &self.pgpass);
        cmd
    }

    /// Adds a person (`curator` or annotator) named `name` + suffix; answers their role name
    /// and URL, their password written to the test's password file.
    pub fn person(&self, tmp: &Path, name: &str, curator: bool) -> (String, String) {
        let role = format!("{name}{}", self.suffix);
        let what = if curator {
            "add-curator"
        } else {
            "add-annotator"
        };
        let out = self
            .spanbench(tmp)
            .args(["hub", what, &self.url, &role])
            .output()
            .expect("spanbench runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let password = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let line = format!(
            "{}:{}:{}:{role}:{password}\n",
            self.host, self.port, self.database
        );
        let mut all = std::fs::read_to_string(&self.pgpass).unwrap_or_default();
        all.push_str(&line);
        std::fs::write(&self.pgpass, all).expect("password file");
        let url = self.url_for(&role);
        (role, url)
    }

    /// The URL `role` connects to this hub with (no password: it is in the password file).
    pub fn url_for(&self, role: &str) -> String {
        format!(
            "postgres://{role}@{}:{}/{}",
            self.host, self.port, self.database
        )
    }

    /// A direct connection as `role` with `password` from the test's password file.
    pub fn connect_as(&self, role: &str) -> postgres::Client {
        let text = std::fs::read_to_string(&self.pgpass).expect("password file");
        let password =
            spanbench::hub::pgpass::lookup(&text, &self.host, self.port, &self.database, role)
                .expect("the role's password");
        postgres::Config::new()
            .host(&self.host)
            .port(self.port)
            .dbname(&self.database)
            .user(role)
            .password(password)
            .connect(postgres::NoTls)
            .expect("connects")
    }
}

/// True when this connection is encrypted, as the server sees it.
pub fn is_encrypted(client: &mut postgres::Client) -> bool {
    client
        .query_one(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .expect("pg_stat_ssl answers")
        .get(0)
}
