//! A throwaway PostgreSQL server for one test run: its own data directory under the temp
//! directory, a free port on loopback, trust authentication; stopped and deleted on drop.
//! Nothing is installed here: PostgreSQL's binaries come from the machine (Debian's
//! `postgresql` package puts them under `/usr/lib/postgresql/<version>/bin`).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub struct Postgres {
    bin: PathBuf,
    data: PathBuf,
    pub url: String,
    as_postgres_user: bool,
}

impl Postgres {
    /// Starts a server, panicking with the reason when it cannot (a missing installation
    /// is a failure, not a skip).
    pub fn start() -> Self {
        let bin = bin_dir().expect("PostgreSQL binaries (initdb, pg_ctl): install postgresql");
        let data =
            std::env::temp_dir().join(format!("statuskit-pg-{}-{}", std::process::id(), unique()));
        std::fs::create_dir_all(&data).expect("data directory");
        // PostgreSQL refuses to run as root; CI runs as root, so hand the directory over.
        let as_postgres_user = is_root();
        if as_postgres_user {
            run(Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(&data));
        }
        let mut server = Self {
            bin,
            data: data.clone(),
            url: String::new(),
            as_postgres_user,
        };
        let cluster = data.join("cluster");
        server.run_pg(
            "initdb",
            &[
                "-D",
                path(&cluster),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-sync",
            ],
        );
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            path(&data)
        );
        let log = data.join("server.log");
        server.run_pg(
            "pg_ctl",
            &[
                "-D",
                path(&cluster),
                "-l",
                path(&log),
                "-o",
                &options,
                "-w",
                "start",
            ],
        );
        server.url = format!("postgres://postgres@127.0.0.1:{port}/postgres");
        server
    }

    /// The path of one of the server's client programs, such as `psql`.
    #[allow(dead_code)] // each test file compiles this module; not every one runs psql
    pub fn program(&self, name: &str) -> PathBuf {
        self.bin.join(name)
    }

    fn run_pg(&self, program: &str, args: &[&str]) {
        let program = self.bin.join(program);
        let mut command = if self.as_postgres_user {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(program);
            command
        } else {
            Command::new(program)
        };
        command.args(args).current_dir(&self.data);
        run(&mut command);
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        if !self.url.is_empty() {
            let cluster = self.data.join("cluster");
            self.run_pg(
                "pg_ctl",
                &["-D", path(&cluster), "-m", "immediate", "-w", "stop"],
            );
        }
        let _ = std::fs::remove_dir_all(&self.data);
    }
}

fn run(command: &mut Command) {
    let output = command
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn path(path: &Path) -> &str {
    path.to_str().expect("temp paths are UTF-8")
}

/// The newest `/usr/lib/postgresql/<version>/bin` with `initdb`, else `pg_config --bindir`.
fn bin_dir() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin).or_else(|| {
        let output = Command::new("pg_config").arg("--bindir").output().ok()?;
        let dir = PathBuf::from(String::from_utf8(output.stdout).ok()?.trim());
        dir.join("initdb").exists().then_some(dir)
    })
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|output| String::from_utf8_lossy(&output.stdout).trim() == "0")
}

fn unique() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}
