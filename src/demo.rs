//! The bundled demo project: built from files inside the binary into the user's data folder
//! on first open, so that opening it never touches the repository.

use std::path::PathBuf;

use crate::importer::{ImportOptions, import_paths};
use crate::model::document::sha256_hex;
use crate::project::{DATABASE_FILE, PROJECT_FILE, ProjectFile};
use crate::workspace::Workspace;

/// `project.ron` of the demo.
pub const DEMO_PROJECT_RON: &str = include_str!("../projects/demo/project.ron");
/// The demo's documents and two annotators' layers, in native JSONL.
pub const DEMO_JSONL: &str = include_str!("../projects/demo/demo.jsonl");

const STAMP_FILE: &str = "demo-source.sha256";

/// The demo's annotator when nobody is named: the layer with the most annotations, so a
/// newcomer sees what annotated text looks like.
pub const DEMO_ANNOTATOR: &str = "anna";

/// The demo project's folder.
pub fn demo_dir() -> PathBuf {
    data_dir().join("demo")
}

/// True when `dir` is the demo project's folder.
pub fn is_demo(dir: &std::path::Path) -> bool {
    let canonical = |p: &std::path::Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    canonical(dir) == canonical(&demo_dir())
}

/// Folder for spanbench's own data: `$SPANBENCH_DATA_DIR`, else the platform's data folder.
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("SPANBENCH_DATA_DIR") {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("org", "spanbench", "spanbench")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| std::env::temp_dir().join("spanbench"))
}

/// Opens the demo project, building it first when it does not exist yet.
///
/// An existing demo is opened as it is — also when the bundled files changed since it was
/// built, and also when it cannot be opened: the user may have imported their own documents
/// into it, so it is never deleted or rebuilt over; what is wrong is said as for any project.
pub fn open_demo() -> anyhow::Result<Workspace> {
    let dir = demo_dir();
    let exists = [PROJECT_FILE, DATABASE_FILE]
        .iter()
        .any(|name| std::fs::symlink_metadata(dir.join(name)).is_ok());
    if exists {
        return Ok(Workspace::open(&dir)?);
    }
    std::fs::create_dir_all(&dir)?;
    let project = ProjectFile::parse(DEMO_PROJECT_RON, &dir.join(PROJECT_FILE))?;
    let mut ws = Workspace::create(&dir, &project.name, project.schema.clone())?;
    ws.project = project;
    ws.project.save(&dir)?;
    let source = dir.join("demo.jsonl");
    std::fs::write(&source, DEMO_JSONL)?;
    import_paths(&mut ws, &[source], &ImportOptions::default(), &mut |_| {})?;
    let stamp = sha256_hex(&format!("{DEMO_PROJECT_RON}\n{DEMO_JSONL}"));
    std::fs::write(dir.join(STAMP_FILE), stamp)?;
    Ok(ws)
}
