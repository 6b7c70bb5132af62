//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub mod layers;
pub mod pg;
pub mod ui;

/// The demo's native JSONL, as shipped.
pub const DEMO_JSONL: &str = include_str!("../../projects/demo/demo.jsonl");

/// The `spanbench` binary, with its data folder inside `tmp` so tests never touch the user's.
pub fn spanbench(tmp: &Path) -> Command {
    let mut cmd = Command::cargo_bin("spanbench").expect("the binary is built");
    cmd.env("SPANBENCH_DATA_DIR", tmp.join("data"));
    cmd
}

/// Creates a project `name` inside `tmp` and answers its folder.
pub fn new_project(tmp: &Path, name: &str) -> PathBuf {
    let dir = tmp.join(name);
    spanbench(tmp).arg("new").arg(&dir).assert().success();
    dir
}

/// A project "p" in `tmp` holding the demo's documents and layers.
pub fn demo_project(tmp: &Path) -> PathBuf {
    let project = new_project(tmp, "p");
    import(tmp, &project, &write(tmp, "demo.jsonl", DEMO_JSONL));
    project
}

/// Imports `file` into `project` and asserts that it worked.
pub fn import(tmp: &Path, project: &Path, file: &Path) {
    spanbench(tmp)
        .arg("import")
        .arg(project)
        .arg(file)
        .assert()
        .success();
}

/// Writes `content` to `tmp/name` and answers the path.
pub fn write(tmp: &Path, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let path = tmp.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("test folder");
    }
    std::fs::write(&path, content).expect("test file");
    path
}

/// Exports every layer of `project` as native JSONL and answers the file's text.
pub fn export_all(tmp: &Path, project: &Path) -> String {
    let out = tmp.join(format!("export-{}.jsonl", rand_suffix()));
    spanbench(tmp)
        .args(["export"])
        .arg(project)
        .args(["--format", "jsonl", "--layer", "all", "--out"])
        .arg(&out)
        .assert()
        .success();
    std::fs::read_to_string(out).expect("export written")
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

/// Parses JSONL into values, one per non-empty line.
pub fn parse_jsonl(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

/// `agree --json` of a project, with further arguments.
pub fn agree_json(tmp: &Path, project: &Path, args: &[&str]) -> serde_json::Value {
    let out = spanbench(tmp)
        .arg("agree")
        .arg(project)
        .args(args)
        .arg("--json")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("agree --json prints one JSON object")
}

/// `stats --json` of a project.
pub fn stats(tmp: &Path, project: &Path) -> serde_json::Value {
    let out = spanbench(tmp)
        .arg("stats")
        .arg(project)
        .arg("--json")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("stats --json prints one JSON object")
}

/// Every file directly in a folder (names and bytes), sorted: to see that nothing changed.
pub fn files_of(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("folder is readable")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .map(|p| {
            (
                p.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                std::fs::read(&p).expect("file is readable"),
            )
        })
        .collect();
    out.sort();
    out
}

/// Every file under a folder, however deep (path relative to it, bytes), sorted.
pub fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("folder is readable") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .expect("under dir")
                    .display()
                    .to_string();
                out.push((rel, std::fs::read(&p).expect("file is readable")));
            }
        }
    }
    out.sort();
    out
}

/// `spanbench export PROJECT --format FORMAT --layer LAYER --out OUT`, which must succeed.
pub fn export_layer(t: &Path, project: &Path, format: &str, out: &Path, layer: &str) {
    spanbench(t)
        .arg("export")
        .arg(project)
        .args(["--format", format, "--layer", layer, "--out"])
        .arg(out)
        .assert()
        .success();
}
