//! A project in a folder one cannot write (a colleague's share) opens for check, stats,
//! export, agree and viewing; what would write is refused with a sentence; nothing in the
//! folder changes. Root can write anywhere, so as root the commands run as `nobody`.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use common::*;

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// `spanbench ARGS` as a user without write access to the project.
fn run_without_write_access(data: &Path, args: &[&std::ffi::OsStr]) -> std::process::Output {
    // A copy beside the data, so `nobody` can run it wherever the checkout lives.
    let bin = data.join("spanbench-bin");
    if !bin.exists() {
        std::fs::copy(assert_cmd::cargo::cargo_bin("spanbench"), &bin).unwrap();
        chmod(&bin, 0o755);
    }
    let mut cmd = if is_root() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(bin);
        c
    } else {
        Command::new(bin)
    };
    cmd.env("SPANBENCH_DATA_DIR", data)
        .args(args)
        .output()
        .expect("setpriv (util-linux) runs the binary as nobody")
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_read_only_project_can_be_read_checked_and_exported_but_not_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    chmod(t, 0o755);
    let project = demo_project(t);
    // Fold the log in, as a colleague's closed project is.
    drop(rusqlite::Connection::open(project.join("spanbench.db")).unwrap());
    let writable = t.join("out");
    std::fs::create_dir(&writable).unwrap();
    chmod(&writable, 0o777);
    for f in std::fs::read_dir(&project).unwrap() {
        chmod(&f.unwrap().path(), 0o444);
    }
    chmod(&project, 0o555);
    let before = files_of(&project);
    let p = project.as_os_str();
    let out_file = writable.join("export.jsonl");
    for args in [
        vec!["stats".as_ref(), p],
        vec!["check".as_ref(), p],
        vec!["agree".as_ref(), p],
        vec!["disagreements".as_ref(), p],
        vec![
            "export".as_ref(),
            p,
            "--format".as_ref(),
            "jsonl".as_ref(),
            "--out".as_ref(),
            out_file.as_os_str(),
        ],
    ] {
        let out = run_without_write_access(&writable, &args);
        assert!(
            out.status.success(),
            "{:?}: {}",
            args[0],
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(
        std::fs::read_to_string(&out_file)
            .unwrap()
            .contains("quote")
    );
    let note = write(&writable, "note.txt", "Ein neuer Text.");
    let out = run_without_write_access(&writable, &["import".as_ref(), p, note.as_os_str()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot be written here"), "{err}");
    chmod(&project, 0o755);
    assert_eq!(
        files_of(&project),
        before,
        "nothing in the project folder changed"
    );
}

#[test]
fn the_window_shows_a_read_only_project_and_refuses_edits() {
    use egui::Key;
    use egui_kittest::kittest::Queryable;
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let project = demo_project(t);
    let ws = spanbench::workspace::Workspace::open_read_only(&project).unwrap();
    let mut h = common::ui::harness(ws, "anna");
    h.get_by_label_contains("Editing is off");
    std::thread::sleep(spanbench::ui::POLL_INTERVAL + std::time::Duration::from_millis(100));
    h.run();
    assert!(
        !h.state().status.starts_with("Reloaded"),
        "{}",
        h.state().status
    );
    let before = export_all(t, &project);
    h.key_press(Key::Tab);
    h.key_press(Key::Delete);
    h.run();
    assert!(
        h.state().status.contains("read-only"),
        "{}",
        h.state().status
    );
    assert_eq!(export_all(t, &project), before);
}
