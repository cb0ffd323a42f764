//! The npm launcher (`packaging/npm/statuskit/bin/statuskit.js`) passes on the signals it
//! gets to the binary and exits as the binary did: a CI runner cancelling a job, or Ctrl-C
//! in a terminal, must not leave the binary running, orphaned.

use std::io::Read;
use std::os::unix::fs::symlink;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A project with the launcher and the platform package laid out as npm installs them, the
/// package's binary being the one under test.
fn project() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("npm-launcher");
    let _ = std::fs::remove_dir_all(&dir);
    let launcher = dir.join("node_modules/statuskit/bin");
    let platform = dir.join("node_modules/@statuskit/cli-linux-x64/bin");
    std::fs::create_dir_all(&launcher).expect("dirs");
    std::fs::create_dir_all(&platform).expect("dirs");
    let source =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../packaging/npm/statuskit/bin/statuskit.js");
    std::fs::copy(source, launcher.join("statuskit.js")).expect("launcher");
    std::fs::write(
        dir.join("node_modules/@statuskit/cli-linux-x64/package.json"),
        "{\"name\": \"@statuskit/cli-linux-x64\", \"version\": \"0.1.0\"}\n",
    )
    .expect("package.json");
    symlink(env!("CARGO_BIN_EXE_statuskit"), platform.join("statuskit")).expect("binary");
    dir
}

/// The pids of `pid`'s children, from /proc.
fn children(pid: u32) -> Vec<u32> {
    std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|p| p.parse().ok())
        .collect()
}

/// Whether `pid` runs (a zombie, exited and not yet reaped, does not).
fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit(')')
            .next()
            .is_some_and(|rest| !rest.trim_start().starts_with('Z'))
    })
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn signals_reach_the_binary_and_its_status_comes_back() {
    let dir = project();
    for (signal, number) in [("TERM", 15), ("INT", 2), ("HUP", 1)] {
        // `check -` reads standard input, which the test keeps open: the binary waits.
        let mut launcher = Command::new("node")
            .arg("node_modules/statuskit/bin/statuskit.js")
            .args(["check", "-"])
            .current_dir(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("node runs");
        let mut binary = None;
        wait_for("the binary to start", || {
            binary = children(launcher.id()).first().copied();
            binary.is_some_and(|pid| {
                std::fs::read_link(format!("/proc/{pid}/exe"))
                    .is_ok_and(|exe| exe.file_name().is_some_and(|n| n == "statuskit"))
            })
        });
        let binary = binary.expect("started");
        let sent = Command::new("kill")
            .args([&format!("-{signal}"), &launcher.id().to_string()])
            .status()
            .expect("kill");
        assert!(sent.success());
        let mut status = None;
        wait_for("the launcher to exit", || {
            status = launcher.try_wait().expect("wait");
            status.is_some()
        });
        let status = status.expect("exited");
        wait_for("the binary to exit", || !alive(binary));
        // The launcher dies of the binary's signal, as a shell expects.
        assert_eq!(status.signal(), Some(number), "SIG{signal}: {status:?}");
        let mut stderr = String::new();
        let _ = launcher
            .stderr
            .take()
            .expect("stderr")
            .read_to_string(&mut stderr);
        assert!(!stderr.contains("cannot run"), "{stderr}");
    }
    // And an exit code comes back as it is.
    let out = Command::new("node")
        .arg("node_modules/statuskit/bin/statuskit.js")
        .args(["check", "missing.toml"])
        .current_dir(&dir)
        .output()
        .expect("node runs");
    assert_eq!(out.status.code(), Some(2));
}
