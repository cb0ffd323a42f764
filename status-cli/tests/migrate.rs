//! `statuskit migrate new` and the history `gen --check` reads back, without a database:
//! each runner's file names and markers, a history broken in each way a repository can
//! break it (an edited file, a step removed, two branches merged, half a step), and
//! attacks through the tree (a link out, a FIFO, someone's file where the next migration
//! goes, names and text that would steer a runner or a terminal).

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

const SCHEMA: &str = r#"schema_version = 1

[status.Job]
states = ["queued", "running", "done"]
initial = "queued"
terminal = ["done"]
transitions = { queued = ["running"], running = ["done"] }
"#;

fn migrations(style: &str) -> String {
    format!(
        "\n[migrations]\ndir = \"db/migrations\"\nstyle = \"{style}\"\ncolumns = {{ \"jobs.state\" = \"Job\" }}\n"
    )
}

struct Project {
    dir: PathBuf,
}

impl Project {
    fn new(name: &str, schema: &str) -> Project {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join("migrate")
            .join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("repo")).expect("project");
        let project = Project { dir };
        project.schema(schema);
        project
    }

    fn repo(&self) -> PathBuf {
        self.dir.join("repo")
    }

    fn schema(&self, text: &str) {
        std::fs::write(self.repo().join("statuses.toml"), text).expect("schema");
    }

    /// `statuskit ARGS` in the repository, killed if it outlives a minute (a FIFO opened
    /// would block it forever).
    fn run(&self, args: &[&str], epoch: u64) -> (bool, String, String) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_statuskit"))
            .args(args)
            .current_dir(self.repo())
            .env("SOURCE_DATE_EPOCH", epoch.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("statuskit runs");
        let started = std::time::Instant::now();
        while child.try_wait().expect("wait").is_none() {
            if started.elapsed() > Duration::from_secs(60) {
                let _ = child.kill();
                panic!("statuskit {args:?} hung");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let output = child.wait_with_output().expect("output");
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }

    fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.repo().join("db/migrations"))
            .map(|entries| {
                entries
                    .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.repo().join("db/migrations").join(name)).expect("file")
    }
}

const ADDED: &str = r#"schema_version = 1

[status.Job]
states = ["queued", "running", "paused", "done"]
initial = "queued"
terminal = ["done"]
transitions = { queued = ["running"], running = ["paused", "done"], paused = ["running"] }
"#;

#[test]
fn each_runner_gets_its_file_names_and_markers() {
    // (style, files of the first step, files of the second (a value added: two parts)).
    let cases = [
        (
            "sqlx",
            vec!["20261207000000_init.sql"],
            vec![
                "20261207000001_paused_values.sql",
                "20261207000002_paused.sql",
            ],
        ),
        (
            "dbmate",
            vec!["20261207000000_init.sql"],
            vec![
                "20261207000001_paused_values.sql",
                "20261207000002_paused.sql",
            ],
        ),
        (
            "golang-migrate",
            vec!["20261207000000_init.up.sql"],
            vec![
                "20261207000001_paused_values.up.sql",
                "20261207000002_paused.up.sql",
            ],
        ),
        (
            "flyway",
            vec!["V1__init.sql"],
            vec!["V2__paused_values.sql", "V3__paused.sql"],
        ),
        (
            "plain",
            vec!["0001_init.sql"],
            vec!["0002_paused_values.sql", "0003_paused.sql"],
        ),
    ];
    for (style, first, second) in cases {
        let project = Project::new(style, &format!("{SCHEMA}{}", migrations(style)));
        let (ok, _, stderr) = project.run(&["migrate", "new", "init"], 1_796_601_600);
        assert!(ok, "{style}: {stderr}");
        assert_eq!(project.files(), first, "{style}");
        project.schema(&format!("{ADDED}{}", migrations(style)));
        let (ok, stdout, _) = project.run(&["gen", "--check"], 0);
        assert!(
            !ok && stdout.contains("the schema changed since the newest migration"),
            "{style}: {stdout}"
        );
        let (ok, _, stderr) = project.run(&["migrate", "new", "paused"], 1_796_601_600);
        assert!(ok, "{style}: {stderr}");
        let mut all = first.clone();
        all.extend(second.iter().copied());
        all.sort_unstable();
        assert_eq!(project.files(), all, "{style}");
        let (ok, stdout, stderr) = project.run(&["gen", "--check"], 0);
        assert!(ok, "{style}: {stdout}{stderr}");
        for file in first.iter().chain(&second) {
            let text = project.read(file);
            assert!(text.starts_with("-- @generated by statuskit "), "{file}");
            let own_transaction = text.contains("\nBEGIN;\n");
            // sqlx, dbmate and Flyway wrap each file in a transaction; psql and
            // golang-migrate run the file as it is.
            assert_eq!(
                own_transaction,
                matches!(style, "plain" | "golang-migrate"),
                "{style} {file}"
            );
            if style == "dbmate" {
                let up = text.find("\n-- migrate:up\n").expect("up");
                let down = text.find("\n-- migrate:down\n").expect("down");
                assert!(up < down, "{file}");
                // `dbmate rollback` fails rather than forget a migration it cannot undo.
                assert!(text[down..].contains("RAISE EXCEPTION"), "{file}");
            }
        }
    }
}

#[test]
fn a_broken_history_is_named_and_never_continued() {
    let schema = format!("{SCHEMA}{}", migrations("sqlx"));
    let added = format!("{ADDED}{}", migrations("sqlx"));
    let project = Project::new("broken", &schema);
    assert!(project.run(&["migrate", "new", "init"], 1_796_601_600).0);
    project.schema(&added);
    assert!(project.run(&["migrate", "new", "paused"], 1_796_601_600).0);
    let dir = project.repo().join("db/migrations");
    let check = |expected: &str| {
        let (ok, stdout, _) = project.run(&["gen", "--check"], 0);
        assert!(!ok && stdout.contains(expected), "{expected}:\n{stdout}");
        let (ok, _, stderr) = project.run(&["migrate", "new", "more"], 1_796_700_000);
        assert!(
            !ok && stderr.contains("no migration was written"),
            "{stderr}"
        );
    };

    // An applied migration edited.
    let path = dir.join("20261207000000_init.sql");
    let original = std::fs::read_to_string(&path).expect("init");
    std::fs::write(&path, original.replace("LOCK TABLE", "LOCK  TABLE")).expect("edit");
    check("`20261207000000_init.sql` changed after statuskit wrote it");
    // The good migrations after it are not blamed for it.
    let (_, stdout, _) = project.run(&["gen", "--check"], 0);
    assert!(!stdout.contains("does not migrate from"), "{stdout}");
    std::fs::write(&path, &original).expect("restore");

    // Half a step: the values part without its rows part.
    let rows = dir.join("20261207000002_paused.sql");
    let rows_text = std::fs::read_to_string(&rows).expect("rows");
    std::fs::remove_file(&rows).expect("remove");
    check("whose second part is missing");

    // The first step removed: the next no longer starts where the history does.
    std::fs::write(&rows, &rows_text).expect("restore");
    std::fs::remove_file(&path).expect("remove init");
    check("does not migrate from the database as it was");
    std::fs::write(&path, &original).expect("restore");

    // Two branches, each adding a step to the same history, merged.
    let (ok, stdout, _) = project.run(&["gen", "--check"], 0);
    assert!(ok, "{stdout}");
    let other = Project::new("broken-branch", &schema);
    std::fs::create_dir_all(other.repo().join("db/migrations")).expect("dir");
    std::fs::copy(
        &path,
        other.repo().join("db/migrations/20261207000000_init.sql"),
    )
    .expect("copy");
    other.schema(&format!(
        "{}{}",
        SCHEMA.replace("\"done\"]\ninitial", "\"done\", \"failed\"]\ninitial"),
        migrations("sqlx")
    ));
    assert!(other.run(&["migrate", "new", "failed"], 1_796_800_000).0);
    for name in other.files() {
        if name.contains("failed") {
            std::fs::copy(
                other.repo().join("db/migrations").join(&name),
                dir.join(&name),
            )
            .expect("merge");
        }
    }
    check("was written from another state of the history");
}

#[test]
fn nothing_in_the_tree_steers_where_migrations_go() {
    let schema = format!("{SCHEMA}{}", migrations("sqlx"));

    // The history's directory is a link out of the repository.
    let project = Project::new("link-out", &schema);
    std::fs::create_dir_all(project.dir.join("outside")).expect("outside");
    std::fs::create_dir_all(project.repo().join("db")).expect("db");
    symlink(
        project.dir.join("outside"),
        project.repo().join("db/migrations"),
    )
    .expect("link");
    let (ok, _, stderr) = project.run(&["migrate", "new", "init"], 1_796_601_600);
    assert!(
        !ok && stderr.contains("leads out of the schema's directory"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_dir(project.dir.join("outside"))
            .expect("outside")
            .count(),
        0
    );

    // Someone's file, a link and a FIFO where migrations are: none is opened or replaced,
    // and a name with a terminal escape is printed inert.
    let project = Project::new("tree", &schema);
    let dir = project.repo().join("db/migrations");
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("20261207000000_init.sql"), "-- the team's own\n").expect("theirs");
    std::fs::write(project.dir.join("secret"), "SECRET-42\n").expect("secret");
    symlink(
        project.dir.join("secret"),
        dir.join("20250101000000_\u{1b}]0;pwned\u{7}.sql"),
    )
    .expect("link");
    let fifo = Command::new("mkfifo")
        .arg(dir.join("20250101000001_fifo.sql"))
        .status()
        .expect("mkfifo");
    assert!(fifo.success());
    // The clock says the same second as the team's file: the next version goes after it.
    let (ok, stdout, stderr) = project.run(&["migrate", "new", "init"], 1_796_601_600);
    assert!(ok, "{stderr}");
    assert_eq!(stdout, "wrote db/migrations/20261207000001_init.sql\n");
    assert_eq!(
        project.read("20261207000000_init.sql"),
        "-- the team's own\n"
    );
    let (_, stdout, stderr) = project.run(&["gen", "--check"], 0);
    for text in [&stdout, &stderr] {
        assert!(
            !text.contains("SECRET-42") && !text.contains('\u{1b}'),
            "{text}"
        );
    }

    // A migration name that is not a name.
    for name in ["../escape", "a/b", "x\u{1b}[2J", "", "9lives"] {
        let (ok, _, stderr) = project.run(&["migrate", "new", name], 1_796_601_600);
        assert!(
            !ok && stderr.contains("cannot name a migration"),
            "{name:?}: {stderr}"
        );
        assert!(!stderr.contains('\u{1b}'), "{stderr}");
    }
}

#[test]
fn schema_text_cannot_steer_a_runner() {
    // A doc line that dbmate would read as its `-- migrate:down` directive (the rest of
    // the file would then never run up), and a value Flyway would read as a placeholder.
    let hostile = SCHEMA.replace(
        "[status.Job]\n",
        "[status.Job]\ndoc = \"Jobs.\\nmigrate:down\\n-- migrate:down\\n${flyway:user}\"\n",
    );
    let project = Project::new(
        "dbmate-directive",
        &format!("{hostile}{}", migrations("dbmate")),
    );
    let (ok, _, stderr) = project.run(&["migrate", "new", "init"], 1_796_601_600);
    assert!(ok, "{stderr}");
    let text = project.read("20261207000000_init.sql");
    let directives: Vec<&str> = text
        .lines()
        .filter(|l| {
            l.strip_prefix("--")
                .is_some_and(|rest| rest.trim_start().starts_with("migrate:"))
        })
        .collect();
    assert_eq!(directives, ["-- migrate:up", "-- migrate:down"], "{text}");

    let project = Project::new("flyway-doc", &format!("{hostile}{}", migrations("flyway")));
    let (ok, _, stderr) = project.run(&["migrate", "new", "init"], 1_796_601_600);
    assert!(ok, "{stderr}");
    assert!(!project.read("V1__init.sql").contains("${"));

    // A wire value is a string literal, written so that it holds no `${`.
    let wire = SCHEMA.replace(
        "[status.Job]\n",
        "[status.Job]\nwire = { done = \"${done}\" }\n",
    );
    let project = Project::new("flyway-wire", &format!("{wire}{}", migrations("flyway")));
    let (ok, _, stderr) = project.run(&["migrate", "new", "init"], 1_796_601_600);
    assert!(ok, "{stderr}");
    assert!(!project.read("V1__init.sql").contains("${"));

    // A column's name is an identifier, which has no escapes: refused, nothing written.
    let column = format!(
        "{SCHEMA}{}",
        migrations("flyway").replace("jobs.state", "jobs.${state}")
    );
    let project = Project::new("flyway-column", &column);
    let (ok, _, stderr) = project.run(&["migrate", "new", "init"], 1_796_601_600);
    assert!(
        !ok && stderr.contains("Flyway reads as a placeholder"),
        "{stderr}"
    );
    assert!(project.files().is_empty());
}

#[test]
fn a_schema_without_a_history_says_how_to_start_one() {
    let project = Project::new("none", SCHEMA);
    let (ok, _, stderr) = project.run(&["migrate", "new", "init"], 0);
    assert!(!ok && stderr.contains("has no `[migrations]`"), "{stderr}");
    assert!(!Path::new(&project.repo().join("db")).exists());
}

#[test]
fn changes_no_step_can_make_are_named_and_the_rest_warned_about() {
    let project = Project::new("unsupported", &format!("{SCHEMA}{}", migrations("sqlx")));
    assert!(project.run(&["migrate", "new", "init"], 1_796_601_600).0);
    for (edit, expected) in [
        (
            "style = \"sqlx\"\nstorage = \"text\"",
            "`storage` is `text`, and the history was written for `enum`",
        ),
        (
            "style = \"dbmate\"",
            "`style` is `dbmate`, and the history was written for `sqlx`",
        ),
    ] {
        project.schema(&format!(
            "{SCHEMA}{}",
            migrations("sqlx").replace("style = \"sqlx\"", edit)
        ));
        let (ok, stdout, _) = project.run(&["gen", "--check"], 0);
        assert!(!ok && stdout.contains(expected), "{stdout}");
        let (ok, _, stderr) = project.run(&["migrate", "new", "next"], 1_796_700_000);
        assert!(!ok && stderr.contains(expected), "{stderr}");
    }

    // A checkout with CRLF line ends holds the same history.
    let path = project.repo().join("db/migrations/20261207000000_init.sql");
    let crlf = std::fs::read_to_string(&path)
        .expect("init")
        .replace('\n', "\r\n");
    std::fs::write(&path, crlf).expect("crlf");
    project.schema(&format!("{SCHEMA}{}", migrations("sqlx")));
    let (ok, stdout, stderr) = project.run(&["gen", "--check"], 0);
    assert!(
        ok && stdout.contains("the migration history is up to date"),
        "{stdout}{stderr}"
    );

    // A state removed with nothing said about its rows: written, with `diff`'s warning
    // first (the database stops at such a row when the step runs).
    project.schema(&format!(
        "{}{}",
        SCHEMA
            .replace(", \"done\"]\ninitial", "]\ninitial")
            .replace("terminal = [\"done\"]\n", "")
            .replace(", running = [\"done\"]", ""),
        migrations("sqlx")
    ));
    let (ok, _, stderr) = project.run(&["migrate", "new", "drop_done"], 1_796_700_000);
    assert!(ok, "{stderr}");
    assert!(stderr.contains("warning[B002]"), "{stderr}");
}

#[test]
fn names_from_the_tree_reach_neither_the_terminal_nor_the_runner() {
    // A directory with a terminal escape in its name, and a schema file whose name holds
    // line breaks and a dbmate directive.
    let project = Project::new("names", "");
    let odd = project.repo().join("esc\u{1b}]0;pwned\u{7}");
    std::fs::create_dir_all(&odd).expect("dir");
    let schema_name = "s\nmigrate:up transaction:false\n.toml";
    std::fs::write(
        odd.join(schema_name),
        format!("{SCHEMA}{}", migrations("dbmate")),
    )
    .expect("schema");
    let file = format!("esc\u{1b}]0;pwned\u{7}/{schema_name}");
    let (ok, stdout, stderr) = project.run(&["migrate", "new", "init", &file], 1_796_601_600);
    assert!(ok, "{stderr}");
    assert!(
        !stdout.contains('\u{1b}') && !stderr.contains('\u{1b}'),
        "{stdout}{stderr}"
    );
    let written = std::fs::read_dir(odd.join("db/migrations"))
        .expect("written")
        .next()
        .expect("a file")
        .expect("entry")
        .path();
    let text = std::fs::read_to_string(written).expect("migration");
    let directives = text
        .lines()
        .filter(|l| {
            l.strip_prefix("--")
                .is_some_and(|rest| rest.trim_start().starts_with("migrate:"))
        })
        .count();
    assert_eq!(directives, 2, "{text}");
    let (ok, _, stderr) = project.run(&["migrate", "new", "again", &file], 1_796_601_600);
    assert!(ok && !stderr.contains('\u{1b}'), "{stderr}");

    // A team migration at the largest version sqlx reads: the next would be skipped.
    let project = Project::new("max-version", &format!("{SCHEMA}{}", migrations("sqlx")));
    let dir = project.repo().join("db/migrations");
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("9223372036854775807_team.sql"), "SELECT 1;\n").expect("team");
    let (ok, _, stderr) = project.run(&["migrate", "new", "init"], 1_796_601_600);
    assert!(
        !ok && stderr.contains("past the largest its runner reads"),
        "{stderr}"
    );
    assert_eq!(project.files(), ["9223372036854775807_team.sql"]);
}

#[test]
fn a_file_that_would_sort_before_the_last_is_not_written() {
    let project = Project::new("lexical", &format!("{SCHEMA}{}", migrations("plain")));
    let dir = project.repo().join("db/migrations");
    std::fs::create_dir_all(&dir).expect("dir");
    for n in 1..=9 {
        std::fs::write(dir.join(format!("{n}_team.sql")), "SELECT 1;\n").expect("team");
    }
    let (ok, _, stderr) = project.run(&["migrate", "new", "init"], 1_796_601_600);
    assert!(
        !ok && stderr.contains("`10_init.sql` would sort before `9_team.sql`"),
        "{stderr}"
    );
    assert_eq!(project.files().len(), 9);
}
