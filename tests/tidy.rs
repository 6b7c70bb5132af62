//! The house rules of ARCHITECTURE.md, checked by reading the source tree (in the manner of
//! rust-analyzer's tidy tests): the layering, and no file or function growing past the sizes a
//! newcomer can read — a ratchet: the long ones that exist are listed and may only shrink.

use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every source file, as (path relative to the crate with `/`, its lines without comments).
fn tree() -> Vec<(String, Vec<String>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(root)
                .expect("under the crate")
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&p).expect("source is UTF-8");
            let code = text
                .lines()
                .map(|l| match l.find("//") {
                    Some(i) => l[..i].to_string(),
                    None => l.to_string(),
                })
                .collect();
            (rel, code)
        })
        .collect()
}

fn mentions(code: &[String], name: &str) -> Option<usize> {
    code.iter().position(|l| {
        l.split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .any(|word| word == name)
    })
}

#[test]
fn the_layers_point_down_only() {
    let mut broken = Vec::new();
    for (file, code) in tree() {
        let in_store = file.starts_with("src/store/");
        let in_ui = file.starts_with("src/ui/");
        if !in_store && let Some(line) = mentions(&code, "rusqlite") {
            broken.push(format!("{file}:{}: rusqlite outside store/", line + 1));
        }
        let uses_postgres = code
            .iter()
            .position(|l| l.contains("postgres::") || l.contains("use postgres"));
        if !file.starts_with("src/hub/")
            && let Some(line) = uses_postgres
        {
            broken.push(format!("{file}:{}: postgres outside hub/", line + 1));
        }
        for gui in ["egui", "eframe", "rfd", "egui_extras", "egui_plot"] {
            if !in_ui && let Some(line) = mentions(&code, gui) {
                broken.push(format!("{file}:{}: {gui} outside ui/", line + 1));
            }
        }
        let pure = file.starts_with("src/model/")
            || file.starts_with("src/formats/")
            || file.starts_with("src/agreement/")
            || file.starts_with("src/suggest/")
            || file == "src/review.rs"
            || file == "src/adjudication.rs";
        if pure {
            for outer in [
                "store",
                "ui",
                "cli",
                "workspace",
                "importer",
                "exporter",
                "hub",
            ] {
                let needle = format!("crate::{outer}");
                if let Some(line) = code.iter().position(|l| l.contains(&needle)) {
                    broken.push(format!("{file}:{}: a pure module uses {needle}", line + 1));
                }
            }
        }
        if file.starts_with("src/model/")
            && let Some(line) = code
                .iter()
                .position(|l| l.contains("crate::") && !l.contains("crate::model"))
        {
            broken.push(format!(
                "{file}:{}: model/ uses the rest of the crate",
                line + 1
            ));
        }
        if in_ui && let Some(line) = code.iter().position(|l| l.contains("crate::cli")) {
            broken.push(format!("{file}:{}: ui/ uses cli (a cycle)", line + 1));
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

/// Files allowed over 600 lines (generated tables), with their length: they may shrink, not
/// grow. None today.
const LONG_FILES: &[(&str, usize)] = &[];

/// Functions allowed over 80 lines, with their length. None today: split a function rather
/// than list it.
const LONG_FUNCTIONS: &[(&str, &str, usize)] = &[];

/// Every `fn` with a body and its length in lines (braces counted; good enough for rustfmt'd code).
fn functions(code: &[String]) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < code.len() {
        let line = code[i].trim_start();
        let name = line
            .split_once("fn ")
            .filter(|(before, _)| {
                before.is_empty() || before.trim_end().ends_with(')') || before.starts_with("pub")
            })
            .and_then(|(_, rest)| {
                rest.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .next()
            })
            .filter(|n| !n.is_empty());
        let Some(name) = name.filter(|_| !line.ends_with(';')) else {
            i += 1;
            continue;
        };
        let (mut depth, mut started, mut j) = (0i64, false, i);
        while j < code.len() {
            depth += code[j].matches('{').count() as i64 - code[j].matches('}').count() as i64;
            started |= code[j].contains('{');
            if started && depth <= 0 {
                break;
            }
            j += 1;
        }
        out.push((name.to_string(), j - i + 1));
        i = if started { j + 1 } else { i + 1 };
    }
    out
}

#[test]
fn no_file_or_function_grows_past_the_limits() {
    let mut broken = Vec::new();
    let mut seen = Vec::new();
    for (file, code) in tree() {
        let allowed = LONG_FILES
            .iter()
            .find(|(f, _)| *f == file)
            .map_or(600, |(_, n)| *n);
        if code.len() > allowed {
            broken.push(format!("{file}: {} lines (at most {allowed})", code.len()));
        } else if allowed > 600 && code.len() < allowed {
            broken.push(format!(
                "{file}: now {} lines; lower its entry in LONG_FILES",
                code.len()
            ));
        }
        for (name, len) in functions(&code) {
            let listed = LONG_FUNCTIONS
                .iter()
                .find(|(f, n, _)| *f == file && *n == name);
            let allowed = listed.map_or(80, |(_, _, n)| *n);
            if len > allowed {
                broken.push(format!(
                    "{file}: fn {name} has {len} lines (at most {allowed})"
                ));
            } else if listed.is_some() && len < allowed {
                broken.push(format!(
                    "{file}: fn {name} now has {len} lines; lower its entry in LONG_FUNCTIONS (remove it at 80 or less)"
                ));
            }
            if listed.is_some() {
                seen.push((file.clone(), name));
            }
        }
    }
    for (file, name, _) in LONG_FUNCTIONS {
        if !seen.iter().any(|(f, n)| f == file && n == name) {
            broken.push(format!(
                "{file}: fn {name} is gone; remove its entry in LONG_FUNCTIONS"
            ));
        }
    }
    assert!(broken.is_empty(), "split these up:\n{}", broken.join("\n"));
}
