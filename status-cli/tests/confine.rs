//! Attacks on the output policy (docs/guide/src/untrusted.md): each case
//! is a git repository as a pull request could bring it (symbolic links, FIFOs, hooks,
//! someone's own files) beside a directory outside it holding a secret. Every run is
//! bounded by a timeout in the harness; after it, nothing outside the outputs has changed,
//! and no byte of a file statuskit did not write appears in what it printed.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Longer than any run takes; a run still going then is a hang.
const TIMEOUT: Duration = Duration::from_secs(60);

/// In the secret file outside the repository, and in the environment of every run.
const SECRET: &str = "AKIA-STATUSKIT-SECRET-7f3a9c";

const SCHEMA: &str = "schema_version = 1\n\n[status.Job]\nstates = [\"queued\", \"running\", \"done\"]\ninitial = \"queued\"\nterminal = [\"done\"]\ntransitions = { queued = [\"running\"], running = [\"done\"] }\n\n[status.Light]\nstates = [\"red\", \"green\"]\n";

/// A git repository `repo/` with a schema, beside `outside/` holding a secret.
struct Case {
    root: PathBuf,
}

impl Case {
    fn new(name: &str, generate: &str) -> Case {
        let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join("confine")
            .join(name);
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("outside")).expect("outside");
        std::fs::create_dir_all(root.join("repo")).expect("repo");
        std::fs::write(root.join("outside/secret.txt"), format!("token={SECRET}\n"))
            .expect("secret");
        let init = Command::new("git")
            .args(["init", "-q"])
            .current_dir(root.join("repo"))
            .status()
            .expect("git runs");
        assert!(init.success());
        let case = Case { root };
        case.schema(generate);
        case
    }

    fn repo(&self) -> PathBuf {
        self.root.join("repo")
    }

    fn schema(&self, generate: &str) {
        std::fs::write(
            self.repo().join("statuses.toml"),
            format!("{SCHEMA}{generate}"),
        )
        .expect("schema");
    }

    /// `statuskit ARGS` in the repository, with the secret in its environment, killed and
    /// failed if it outlives [`TIMEOUT`].
    fn run(&self, args: &[&str]) -> Run {
        run_in(
            &self.repo(),
            Command::new(env!("CARGO_BIN_EXE_statuskit")).args(args),
        )
    }

    /// Every path under the case's root except the repository's outputs directory `except`,
    /// with what it is: the contents of files, the targets of links, the modes.
    fn tree(&self, except: &[&str]) -> BTreeMap<PathBuf, String> {
        let mut found = BTreeMap::new();
        walk(&self.root, &self.root, except, &mut found);
        found
    }
}

fn walk(root: &Path, dir: &Path, except: &[&str], found: &mut BTreeMap<PathBuf, String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let relative = path.strip_prefix(root).expect("inside").to_owned();
        if except.iter().any(|e| relative.starts_with(e)) {
            continue;
        }
        let meta = std::fs::symlink_metadata(&path).expect("lstat");
        let what = if meta.file_type().is_symlink() {
            format!(
                "link to {}",
                std::fs::read_link(&path).expect("link").display()
            )
        } else if meta.is_dir() {
            walk(root, &path, except, found);
            "directory".to_owned()
        } else if meta.is_file() {
            format!(
                "file {:o} {}",
                meta.permissions().mode(),
                String::from_utf8_lossy(&std::fs::read(&path).expect("read"))
            )
        } else {
            "special".to_owned()
        };
        found.insert(relative, what);
    }
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }

    /// Neither the secret file's content nor the environment's reached the output.
    fn leaks_nothing(&self) {
        assert!(
            !self.all().contains(SECRET),
            "a secret was printed:\n{}",
            self.all()
        );
    }
}

fn run_in(dir: &Path, command: &mut Command) -> Run {
    let child = command
        .current_dir(dir)
        .env("STATUSKIT_TEST_SECRET", SECRET)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let pid = child.id();
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(child.wait_with_output());
    });
    let Ok(output) = receive.recv_timeout(TIMEOUT) else {
        let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
        panic!("`{command:?}` hung");
    };
    let output: Output = output.expect("waited");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn generate(target: &str, out: &str) -> String {
    format!("\n[[generate]]\ntarget = \"{target}\"\nout = \"{out}\"\n")
}

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(made.success());
}

#[test]
fn version_control_and_schemas_are_never_outputs() {
    let case = Case::new("vcs", "");
    let hook = case.repo().join(".git/hooks/pre-commit");
    std::fs::write(&hook, "#!/bin/sh\nexec pre-commit\n").expect("hook");
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let doc = "\n[status.Job.docs]\nqueued = \"$(touch pwned)\"\n";
    for out in [
        ".git/hooks/pre-commit",
        ".git/config",
        "./.GIT/config",
        "./statuses.toml",
        "other/statuses.TOML",
    ] {
        case.schema(&format!("{doc}{}", generate("markdown", out)));
        let before = case.tree(&[]);
        let check = case.run(&["check"]);
        assert_eq!(check.code, Some(1), "{out}: {}", check.all());
        assert!(
            check.stderr.contains("error[E064]"),
            "{out}: {}",
            check.stderr
        );
        let written = case.run(&["gen"]);
        assert_eq!(written.code, Some(1), "{out}: {}", written.all());
        assert_eq!(case.tree(&[]), before, "{out}: gen changed the tree");
    }
}

#[test]
fn a_directory_link_out_of_the_repository_is_refused() {
    let case = Case::new("dir-link", &generate("typescript", "gen/statuses.ts"));
    symlink("../outside", case.repo().join("gen")).expect("link");
    // Something to overwrite there too.
    std::fs::write(case.root.join("outside/statuses.ts"), "// theirs\n").expect("theirs");
    let before = case.tree(&[]);
    let written = case.run(&["gen"]);
    assert_eq!(written.code, Some(2), "{}", written.all());
    assert!(
        written.stderr.contains("`gen/statuses.ts` goes through a symbolic link that leads out of the schema's directory"),
        "{}",
        written.stderr
    );
    assert!(
        written.stderr.contains("nothing was written"),
        "{}",
        written.stderr
    );
    assert!(!written.stdout.contains("wrote"), "{}", written.stdout);
    let check = case.run(&["gen", "--check"]);
    assert_eq!(check.code, Some(1), "{}", check.all());
    assert!(
        check.stdout.contains("refused `gen/statuses.ts`"),
        "{}",
        check.stdout
    );
    assert_eq!(case.tree(&[]), before);
}

#[test]
fn a_link_inside_the_repository_is_followed_but_not_into_git() {
    let case = Case::new("inner-links", &generate("typescript", "web/statuses.ts"));
    std::fs::create_dir_all(case.repo().join("frontend/src")).expect("dir");
    symlink("frontend/src", case.repo().join("web")).expect("link");
    let written = case.run(&["gen"]);
    assert_eq!(written.code, Some(0), "{}", written.all());
    assert!(case.repo().join("frontend/src/statuses.ts").is_file());
    // A link that stays inside yet leads into .git/hooks.
    std::fs::remove_file(case.repo().join("web")).expect("unlink");
    symlink(".git/hooks", case.repo().join("web")).expect("link");
    case.schema(&generate("typescript", "web/pre-commit"));
    let before = case.tree(&[]);
    let written = case.run(&["gen"]);
    assert_eq!(written.code, Some(2), "{}", written.all());
    assert!(
        written.stderr.contains("version-control directory"),
        "{}",
        written.stderr
    );
    assert_eq!(case.tree(&[]), before);
}

#[test]
fn a_link_where_an_output_goes_is_neither_written_through_nor_read() {
    let case = Case::new("file-link", &generate("markdown", "docs/statuses.md"));
    std::fs::create_dir_all(case.repo().join("docs")).expect("docs");
    let link = case.repo().join("docs/statuses.md");
    let environ = format!("/proc/{}/environ", std::process::id());
    for target in [
        "../../outside/secret.txt",
        "/proc/self/environ",
        environ.as_str(),
        // Inside the repository: still not a regular file to replace.
        "../statuses.toml",
    ] {
        let _ = std::fs::remove_file(&link);
        symlink(target, &link).expect("link");
        let before = case.tree(&[]);
        let check = case.run(&["gen", "--check"]);
        assert_eq!(check.code, Some(1), "{target}: {}", check.all());
        assert!(
            check
                .stdout
                .contains("refused `docs/statuses.md` is a symbolic link"),
            "{target}: {}",
            check.stdout
        );
        check.leaks_nothing();
        assert!(!check.all().contains("schema_version"), "{}", check.all());
        let written = case.run(&["gen"]);
        assert_eq!(written.code, Some(2), "{target}: {}", written.all());
        written.leaks_nothing();
        assert_eq!(case.tree(&[]), before, "{target}");
    }
}

#[test]
fn fifos_and_devices_never_block_or_get_read() {
    let case = Case::new(
        "fifo",
        &format!(
            "{}{}",
            generate("markdown", "docs/statuses.md"),
            generate("mermaid", "docs/diagrams/")
        ),
    );
    std::fs::create_dir_all(case.repo().join("docs/diagrams")).expect("docs");
    mkfifo(&case.repo().join("docs/statuses.md"));
    // Where the directory output lists its files, a FIFO named like an orphan.
    mkfifo(&case.repo().join("docs/diagrams/Old.mmd"));
    for args in [&["gen"][..], &["gen", "--check"]] {
        let run = case.run(args);
        assert!(
            run.all()
                .contains("`docs/statuses.md` is a FIFO: statuskit writes only regular files"),
            "{args:?}: {}",
            run.all()
        );
        assert_ne!(run.code, Some(0));
    }
    // A device where an output goes.
    std::fs::remove_file(case.repo().join("docs/statuses.md")).expect("rm");
    symlink("/dev/zero", case.repo().join("docs/statuses.md")).expect("link");
    let run = case.run(&["gen", "--check"]);
    assert_eq!(run.code, Some(1), "{}", run.all());
    // The FIFO that is no output stays.
    assert!(case.repo().join("docs/diagrams/Old.mmd").exists());
}

#[test]
fn someones_own_file_is_never_replaced_or_shown() {
    let case = Case::new("foreign", &generate("markdown", "README.md"));
    let readme = format!("# Our service\n\nDeploy key: {SECRET}\n");
    std::fs::write(case.repo().join("README.md"), &readme).expect("readme");
    let written = case.run(&["gen"]);
    assert_eq!(written.code, Some(2), "{}", written.all());
    assert!(
        written
            .stderr
            .contains("`README.md` exists and is not statuskit's output"),
        "{}",
        written.stderr
    );
    written.leaks_nothing();
    let check = case.run(&["gen", "--check"]);
    assert_eq!(check.code, Some(1));
    assert!(
        check
            .stdout
            .contains("refused `README.md` exists and is not statuskit's output")
    );
    check.leaks_nothing();
    assert_eq!(
        std::fs::read_to_string(case.repo().join("README.md")).expect("readme"),
        readme
    );
    // A hard link to a file outside, in place of an output: neither read nor replaced.
    let case = Case::new("hard-link", &generate("markdown", "docs.md"));
    std::fs::hard_link(
        case.root.join("outside/secret.txt"),
        case.repo().join("docs.md"),
    )
    .expect("hard link");
    let check = case.run(&["gen", "--check"]);
    assert!(
        check.stdout.contains("has other hard links"),
        "{}",
        check.stdout
    );
    check.leaks_nothing();
}

/// A write that fails midway (here the file size limit, as a full disk would) leaves every
/// output as it was: all or nothing, and no temporary file behind.
#[test]
fn a_failed_write_changes_no_output() {
    let outputs = format!(
        "{}{}{}",
        generate("markdown", "generated/statuses.md"),
        generate("typescript", "generated/statuses.ts"),
        generate("python", "generated/py/statuses.py"),
    );
    let case = Case::new("all-or-nothing", &outputs);
    let written = case.run(&["gen"]);
    assert_eq!(written.code, Some(0), "{}", written.all());
    let before = case.tree(&[]);
    // Every output changes: a state added.
    let grown = SCHEMA.replace("\"running\", \"done\"]", "\"running\", \"done\", \"lost\"]");
    std::fs::write(
        case.repo().join("statuses.toml"),
        format!("{grown}{outputs}"),
    )
    .expect("schema");
    let limited = run_in(
        &case.repo(),
        Command::new("sh").args([
            "-c",
            // Ignored, SIGXFSZ turns into EFBIG from write(2); 2 blocks is 1 or 2 KiB.
            "trap '' XFSZ; ulimit -f 2; exec \"$0\" gen",
            env!("CARGO_BIN_EXE_statuskit"),
        ]),
    );
    assert_eq!(limited.code, Some(2), "{}", limited.all());
    assert!(
        limited
            .stderr
            .contains("nothing was written, every output is as it was"),
        "{}",
        limited.stderr
    );
    let after = case.tree(&[]);
    let changed: Vec<_> = after
        .iter()
        .filter(|(path, what)| before.get(*path) != Some(what))
        .map(|(path, _)| path)
        .collect();
    assert_eq!(
        changed,
        [Path::new("repo/statuses.toml")],
        "only the schema changed"
    );
    assert_eq!(after.len(), before.len(), "no temporary file left behind");
    // Without the limit, all of them are replaced.
    let written = case.run(&["gen"]);
    assert_eq!(written.code, Some(0), "{}", written.all());
    assert_eq!(
        written.stdout.matches("wrote ").count(),
        3,
        "{}",
        written.stdout
    );
}

#[test]
fn a_directory_output_owns_its_files() {
    let case = Case::new("directory", &generate("mermaid", "docs/"));
    let written = case.run(&["gen"]);
    assert_eq!(written.code, Some(0), "{}", written.all());
    let docs = case.repo().join("docs");
    assert!(docs.join("Job.mmd").is_file() && docs.join("Light.mmd").is_file());
    // Someone's own diagram, and one another schema wrote, beside ours.
    std::fs::write(docs.join("Notes.mmd"), "stateDiagram-v2\n").expect("notes");
    let other = std::fs::read_to_string(docs.join("Light.mmd"))
        .expect("light")
        .replace("from statuses.toml", "from billing.toml");
    std::fs::write(docs.join("Billing.mmd"), other).expect("other");
    // Light removed from the schema.
    std::fs::write(
        case.repo().join("statuses.toml"),
        format!(
            "{}{}",
            SCHEMA.replace("\n[status.Light]\nstates = [\"red\", \"green\"]\n", ""),
            generate("mermaid", "docs/")
        ),
    )
    .expect("schema");
    let check = case.run(&["gen", "--check"]);
    assert_eq!(check.code, Some(1), "{}", check.all());
    assert!(
        check.stdout.contains("orphaned docs/Light.mmd"),
        "{}",
        check.stdout
    );
    assert!(!check.stdout.contains("Notes.mmd") && !check.stdout.contains("Billing.mmd"));
    let written = case.run(&["gen"]);
    assert_eq!(written.code, Some(0), "{}", written.all());
    assert!(
        written.stdout.contains("removed docs/Light.mmd"),
        "{}",
        written.stdout
    );
    assert!(!docs.join("Light.mmd").exists());
    assert!(docs.join("Notes.mmd").is_file() && docs.join("Billing.mmd").is_file());
    let check = case.run(&["gen", "--check"]);
    assert_eq!(check.code, Some(0), "{}", check.all());
    // Another entry writing into the directory is refused by check.
    case.schema(&format!(
        "{}{}",
        generate("mermaid", "docs/"),
        "\n[[generate]]\ntarget = \"mermaid\"\nout = \"docs/Job.mmd\"\nstatuses = [\"Job\"]\n"
    ));
    let check = case.run(&["check"]);
    assert_eq!(check.code, Some(1));
    assert!(check.stderr.contains("error[E066]"), "{}", check.stderr);
}

#[test]
fn a_schema_linked_from_outside_is_not_read() {
    let case = Case::new("schema-link", "");
    std::fs::remove_file(case.repo().join("statuses.toml")).expect("rm");
    symlink("../outside/secret.txt", case.repo().join("statuses.toml")).expect("link");
    for args in [
        &["check"][..],
        &["gen"],
        &["gen", "--check"],
        &["gen", "json"],
    ] {
        let run = case.run(args);
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.all());
        assert!(
            run.stderr.contains("symbolic link leading out"),
            "{}",
            run.stderr
        );
        run.leaks_nothing();
    }
    // From above the repository, or from `/`, the link still leads out of its repository.
    for dir in [case.root.clone(), PathBuf::from("/")] {
        let schema = case.repo().join("statuses.toml");
        let run = run_in(
            &dir,
            Command::new(env!("CARGO_BIN_EXE_statuskit"))
                .arg("check")
                .arg(&schema),
        );
        assert_eq!(run.code, Some(2), "from {}: {}", dir.display(), run.all());
        run.leaks_nothing();
    }
    // A link that stays inside the repository reads as the schema.
    std::fs::remove_file(case.repo().join("statuses.toml")).expect("rm");
    std::fs::create_dir_all(case.repo().join("schemas")).expect("dir");
    std::fs::write(case.repo().join("schemas/shared.toml"), SCHEMA).expect("schema");
    symlink("schemas/shared.toml", case.repo().join("statuses.toml")).expect("link");
    let run = case.run(&["check"]);
    assert_eq!(run.code, Some(0), "{}", run.all());
}

#[test]
fn names_from_the_tree_are_printed_inert() {
    let case = Case::new("inert", "");
    // A schema whose file name sets the terminal's title, and one that forges a line.
    for name in [
        "\u{1b}]0;owned\u{7}.toml",
        "a\n  36 statuses: ok.toml",
        "\u{202e}lmot.toml",
    ] {
        std::fs::write(case.repo().join(name), SCHEMA).expect("schema");
        let run = case.run(&["check", name]);
        assert_eq!(run.code, Some(0), "{}", run.all());
        for raw in ['\u{1b}', '\u{7}', '\u{202e}'] {
            assert!(!run.all().contains(raw), "{name:?}: {:?}", run.all());
        }
        assert_eq!(run.stdout.lines().count(), 2, "{:?}", run.stdout);
    }
    // The audit's inventory of a file whose name and values hold escapes.
    let src = case.repo().join("src");
    std::fs::create_dir_all(&src).expect("src");
    std::fs::write(
        src.join("job_\u{1b}[2J.py"),
        "from enum import Enum\n\nclass JobStatus(str, Enum):\n    QUEUED = \"queued\\x1b]52;c;cHduZWQ=\\x07\"\n    RUNNING = \"running\\u202e\"\n    DONE = \"done\\n  [7] Forged\"\n    FAILED = \"failed\"\n",
    )
    .expect("py");
    let audit = case.run(&["audit", "src"]);
    assert_eq!(audit.code, Some(0), "{}", audit.all());
    assert!(audit.stdout.contains("JobStatus"), "{}", audit.stdout);
    for raw in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(!audit.all().contains(raw), "{:?}", audit.all());
    }
    assert!(
        !audit.stdout.lines().any(|l| l.starts_with("  [7] Forged")),
        "{}",
        audit.stdout
    );
    // JSON keeps the values exact.
    let json = case.run(&["audit", "src", "--format", "json"]);
    assert!(
        json.stdout.contains("\\u001b]52;c;cHduZWQ=\\u0007"),
        "{}",
        json.stdout
    );
    let draft = case.run(&["audit", "src", "--draft"]);
    for raw in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(!draft.all().contains(raw), "{:?}", draft.all());
    }
}

#[test]
fn diff_against_an_empty_revision_is_a_usage_error() {
    let case = Case::new("diff-empty", "");
    for revision in ["", "  "] {
        let run = case.run(&["diff", "--against", revision]);
        assert_eq!(run.code, Some(2), "{}", run.all());
        assert!(
            run.stderr.contains("--against needs a revision"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn gen_o_never_overwrites_a_schema_and_makes_its_directories() {
    let case = Case::new("gen-o", "");
    let schema = std::fs::read(case.repo().join("statuses.toml")).expect("schema");
    symlink("statuses.toml", case.repo().join("alias.toml")).expect("link");
    for out in ["statuses.toml", "./statuses.toml", "alias.toml"] {
        let run = case.run(&["gen", "typescript", "-o", out]);
        assert_eq!(run.code, Some(2), "{out}: {}", run.all());
        assert!(
            run.stderr.contains("a schema is never overwritten"),
            "{}",
            run.stderr
        );
    }
    std::fs::write(case.repo().join("old.toml"), &schema).expect("old");
    let run = case.run(&["gen", "sql", "--since", "old.toml", "-o", "old.toml"]);
    assert_eq!(run.code, Some(2), "{}", run.all());
    assert_eq!(
        std::fs::read(case.repo().join("statuses.toml")).expect("schema"),
        schema
    );
    let run = case.run(&["gen", "typescript", "-o", "web/src/generated/statuses.ts"]);
    assert_eq!(run.code, Some(0), "{}", run.all());
    assert!(case.repo().join("web/src/generated/statuses.ts").is_file());
}

/// `gen --check` on a schema outside the current directory names it in what to run, and
/// says that refused outputs need a person, not a regeneration.
#[test]
fn gen_check_says_what_to_run() {
    let case = Case::new("check-hint", "");
    std::fs::create_dir_all(case.repo().join("services/billing")).expect("dir");
    std::fs::write(
        case.repo().join("services/billing/statuses.toml"),
        format!(
            "{SCHEMA}{}{}",
            generate("typescript", "statuses.ts"),
            generate("markdown", "README.md")
        ),
    )
    .expect("schema");
    let run = case.run(&["gen", "--check", "services/billing/statuses.toml"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stdout
            .contains("2 of 2 generated files are missing, stale or orphaned: run `statuskit gen services/billing/statuses.toml`"),
        "{}",
        run.stdout
    );
    std::fs::write(
        case.repo().join("services/billing/README.md"),
        "# Billing\n",
    )
    .expect("own");
    let run = case.run(&["gen", "--check", "services/billing/statuses.toml"]);
    assert!(
        run.stdout.contains(
            "`statuskit gen services/billing/statuses.toml` writes none while one is refused"
        ),
        "{}",
        run.stdout
    );
    // And gen lists its outputs in the order of [[generate]].
    std::fs::remove_file(case.repo().join("services/billing/README.md")).expect("rm");
    let run = case.run(&["gen", "services/billing/statuses.toml"]);
    assert_eq!(
        run.stdout,
        "wrote services/billing/statuses.ts\nwrote services/billing/README.md\n"
    );
}

/// A directory that a pull request commits with `HEAD`, `config` and `objects/` looks to git
/// like a repository of its own, whose config runs commands (a promisor remote's
/// `uploadpack`) when `diff --against` asks it for a revision.
#[test]
fn diff_against_never_uses_a_repository_the_tree_brings() {
    let case = Case::new("diff-nested-repo", "");
    let sub = case.repo().join("sub");
    std::fs::create_dir_all(sub.join("objects")).expect("objects");
    std::fs::create_dir_all(sub.join("refs/heads")).expect("refs");
    std::fs::write(sub.join("HEAD"), "ref: refs/heads/main\n").expect("HEAD");
    std::fs::write(sub.join("refs/heads/main"), format!("{}\n", "1".repeat(40))).expect("ref");
    let pwned = case.root.join("outside/PWNED");
    std::fs::write(
        sub.join("config"),
        format!(
            "[core]\n\trepositoryformatversion = 1\n\tbare = false\n\tworktree = .\n[extensions]\n\tpartialClone = origin\n[remote \"origin\"]\n\turl = {}\n\tpromisor = true\n\tuploadpack = \"touch {}; echo $STATUSKIT_TEST_SECRET >&2; git-upload-pack\"\n",
            case.repo().join(".git").display(),
            pwned.display()
        ),
    )
    .expect("config");
    std::fs::write(sub.join("statuses.toml"), SCHEMA).expect("schema");
    let run = case.run(&["diff", "--against", "main", "sub/statuses.toml"]);
    assert_eq!(run.code, Some(2), "{}", run.all());
    assert!(!pwned.exists(), "the tree's git config ran a command");
    run.leaks_nothing();
}

/// A file that mentions statuskit's header anywhere but its first line is someone's own:
/// neither replaced, nor shown, nor removed as an orphan.
#[test]
fn the_header_counts_only_on_the_first_line() {
    let case = Case::new(
        "header-first-line",
        &format!(
            "{}{}",
            generate("markdown", "notes.md"),
            generate("mermaid", "docs/")
        ),
    );
    let notes = format!(
        "# Our notes\n\nThe docs say \"@generated by statuskit 0.1.0 from statuses.toml. Do not edit\".\nkey: {SECRET}\n"
    );
    std::fs::write(case.repo().join("notes.md"), &notes).expect("notes");
    std::fs::create_dir_all(case.repo().join("docs")).expect("docs");
    let mine =
        "stateDiagram-v2\n%% @generated by statuskit 0.1.0 from statuses.toml. Do not edit\n";
    std::fs::write(case.repo().join("docs/Mine.mmd"), mine).expect("mine");
    let check = case.run(&["gen", "--check"]);
    assert!(
        check
            .stdout
            .contains("refused `notes.md` exists and is not statuskit's output"),
        "{}",
        check.stdout
    );
    check.leaks_nothing();
    let written = case.run(&["gen"]);
    assert_eq!(written.code, Some(2), "{}", written.all());
    std::fs::remove_file(case.repo().join("notes.md")).expect("rm");
    let written = case.run(&["gen"]);
    assert_eq!(written.code, Some(0), "{}", written.all());
    assert!(!written.stdout.contains("Mine.mmd"), "{}", written.stdout);
    assert_eq!(
        std::fs::read_to_string(case.repo().join("docs/Mine.mmd")).expect("mine"),
        mine
    );
}

/// The diff of a large stale file takes bounded time: past 1 MiB none is shown, and below it
/// the diff settles for a coarser one at its deadline (a line diff is quadratic at worst).
#[test]
fn a_large_stale_output_is_reported_without_hanging() {
    let case = Case::new("large-stale", &generate("markdown", "docs.md"));
    let header = "<!-- @generated by statuskit 0.1.0 from statuses.toml. Do not edit: change the schema and regenerate. -->\n";
    for lines in [40_000, 200_000] {
        let mut big = String::from(header);
        for i in 0..lines {
            let _ = writeln!(big, "line {i} {}", i * 7919 % 10007);
        }
        std::fs::write(case.repo().join("docs.md"), &big).expect("big");
        let check = case.run(&["gen", "--check"]);
        assert_eq!(check.code, Some(1), "{}", check.all());
        assert!(check.stdout.contains("stale docs.md"), "{}", check.stdout);
        if big.len() > 1024 * 1024 {
            assert!(
                check.stdout.contains("too large to show a diff"),
                "{}",
                check.stdout
            );
        }
    }
}

/// Links inside the tree cannot make two entries meet where `check` saw them apart.
#[test]
fn links_cannot_join_what_check_kept_apart() {
    let outputs = format!(
        "{}\n[[generate]]\ntarget = \"mermaid\"\nout = \"alias/Job.mmd\"\nstatuses = [\"Job\"]\n{}{}",
        generate("mermaid", "docs/"),
        generate("typescript", "web/statuses.ts"),
        generate("typescript", "frontend/statuses.ts"),
    );
    let case = Case::new("aliases", &outputs);
    std::fs::create_dir_all(case.repo().join("docs")).expect("docs");
    std::fs::create_dir_all(case.repo().join("web")).expect("web");
    symlink("docs", case.repo().join("alias")).expect("link");
    symlink("web", case.repo().join("frontend")).expect("link");
    assert_eq!(case.run(&["check"]).code, Some(0));
    let before = case.tree(&[]);
    let written = case.run(&["gen"]);
    assert_eq!(written.code, Some(2), "{}", written.all());
    assert!(
        written
            .stderr
            .contains("`alias/Job.mmd` lands in `docs/`, which another entry owns"),
        "{}",
        written.stderr
    );
    assert!(
        written
            .stderr
            .contains("`frontend/statuses.ts` is `web/statuses.ts` again"),
        "{}",
        written.stderr
    );
    assert_eq!(case.tree(&[]), before);
}

/// A file name from the tree cannot start a line of its own in an error (CI runners read
/// `::error::` at the start of a line as a command), and a lone CR in a schema cannot make
/// a diagnostic's excerpt overwrite itself.
#[test]
fn errors_stay_on_their_line() {
    let case = Case::new("one-line", "");
    let evil = case.repo().join("evil\n::error::FORGED");
    std::fs::create_dir_all(&evil).expect("dir");
    symlink("../../outside/secret.txt", evil.join("statuses.toml")).expect("link");
    let run = case.run(&["check", "evil\n::error::FORGED/statuses.toml"]);
    assert_eq!(run.code, Some(2), "{}", run.all());
    assert!(
        !run.stderr.lines().any(|l| l.starts_with("::error::")),
        "{}",
        run.stderr
    );
    run.leaks_nothing();
    std::fs::write(
        case.repo().join("statuses.toml"),
        format!("{SCHEMA}initial_ = 1 \r# FAKE: all good\n"),
    )
    .expect("schema");
    let run = case.run(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.all());
    assert!(!run.all().contains('\r'), "{:?}", run.all());
}

/// An orphan that cannot be removed (its directory is not writable) stops the run before
/// any output is replaced. Runs as `nobody` when the tests run as root (root may write
/// anywhere), as CI does.
#[test]
fn an_orphan_that_cannot_be_removed_changes_nothing() {
    use std::os::unix::fs::chown;
    let outputs = format!(
        "{}{}",
        generate("typescript", "web/statuses.ts"),
        generate("mermaid", "docs/")
    );
    let case = Case::new("orphan-stuck", &outputs);
    let written = case.run(&["gen"]);
    assert_eq!(written.code, Some(0), "{}", written.all());
    std::fs::write(
        case.repo().join("statuses.toml"),
        format!(
            "{}{outputs}",
            // Light's diagram orphaned, the TypeScript changed, Job's diagram as it was.
            SCHEMA.replace("\n[status.Light]\nstates = [\"red\", \"green\"]\n", "")
        ),
    )
    .expect("schema");
    let is_root = std::fs::read_to_string("/proc/self/status").is_ok_and(|s| {
        s.lines()
            .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
    });
    let mut command = if is_root {
        // Everything the run may touch is nobody's, but for docs/.
        for path in [
            case.root.clone(),
            case.repo(),
            case.repo().join("web"),
            case.repo().join("web/statuses.ts"),
            case.repo().join("statuses.toml"),
        ] {
            chown(&path, Some(65534), Some(65534)).expect("chown");
        }
        let mut command = Command::new("runuser");
        command.args(["-u", "nobody", "--", env!("CARGO_BIN_EXE_statuskit"), "gen"]);
        command
    } else {
        std::fs::set_permissions(
            case.repo().join("docs"),
            std::fs::Permissions::from_mode(0o555),
        )
        .expect("chmod");
        let mut command = Command::new(env!("CARGO_BIN_EXE_statuskit"));
        command.arg("gen");
        command
    };
    let before = case.tree(&[]);
    let run = run_in(&case.repo(), &mut command);
    let _ = std::fs::set_permissions(
        case.repo().join("docs"),
        std::fs::Permissions::from_mode(0o755),
    );
    assert_eq!(run.code, Some(2), "{}", run.all());
    assert!(
        run.stderr
            .contains("cannot remove `docs/Light.mmd`, whose status is gone"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert_eq!(case.tree(&[]), before, "an output changed");
}

/// `gen TARGET -o PATH` on a pull request's tree: the path is the user's, the tree is not.
/// A link where the file goes (into `.git`, or out of the repository), a directory on the
/// way that leads out, someone's own file and a FIFO are refused as `[[generate]]` outputs
/// are, for one file and for Mermaid's directory (found by the attack on issue 27: `-o`
/// wrote through every one of them).
#[test]
fn gen_o_follows_the_output_policy_on_the_tree() {
    let case = Case::new("gen-o-tree", "");
    let repo = case.repo();
    std::fs::create_dir_all(repo.join("app")).expect("app");
    std::fs::write(repo.join(".git/config.bak"), "keep").expect("file in .git");
    symlink("../.git/config", repo.join("app/into_git.py")).expect("link");
    symlink("../../outside/secret.txt", repo.join("app/out.py")).expect("link");
    symlink("../outside", repo.join("elsewhere")).expect("link");
    std::fs::write(repo.join("app/own.py"), format!("# ours: {SECRET}\n")).expect("own");
    mkfifo(&repo.join("app/fifo.py"));
    let before = case.tree(&[]);
    for (args, why) in [
        (
            &["gen", "python", "-o", "app/into_git.py"][..],
            "is a symbolic link",
        ),
        (&["gen", "python", "-o", "app/out.py"], "is a symbolic link"),
        (&["gen", "python", "-o", "elsewhere/x.py"], "leads out of"),
        (&["gen", "mermaid", "-o", "elsewhere/"], "leads out of"),
        (
            &["gen", "python", "-o", "app/own.py"],
            "is not statuskit's output",
        ),
        (&["gen", "python", "-o", "app/fifo.py"], "is a FIFO"),
        (
            &["gen", "python", "-o", ".git/x.py"],
            "version-control directory",
        ),
    ] {
        let run = case.run(args);
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.all());
        assert!(run.stderr.contains(why), "{args:?}: {}", run.stderr);
        run.leaks_nothing();
    }
    assert_eq!(case.tree(&[]), before);
    // What the user names outright is written: a new file, again (statuskit's own), and a
    // path that starts above the working directory.
    for _ in 0..2 {
        let run = case.run(&["gen", "python", "-o", "app/statuses.py"]);
        assert_eq!(run.code, Some(0), "{}", run.all());
    }
    let run = case.run(&["gen", "python", "-o", "../outside/statuses.py"]);
    assert_eq!(run.code, Some(0), "{}", run.all());
    assert!(case.root.join("outside/statuses.py").is_file());
}

/// A schema that is a link into version control's directory is not read, even inside the
/// repository: its lines would be printed in a syntax error (found by the attack on issue
/// 27: `statuses.toml -> .git/config` printed a line of the config).
#[test]
fn a_schema_linked_into_git_is_not_read() {
    let case = Case::new("schema-in-git", "");
    let repo = case.repo();
    std::fs::write(
        repo.join(".git/config"),
        format!("[remote \"origin\"]\n\turl = https://x:{SECRET}@example.invalid/r\n"),
    )
    .expect("config");
    std::fs::remove_file(repo.join("statuses.toml")).expect("rm");
    symlink(".git/config", repo.join("statuses.toml")).expect("link");
    for args in [&["check"][..], &["gen"], &["gen", "--check"]] {
        let run = case.run(args);
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.all());
        run.leaks_nothing();
        assert!(!run.all().contains("remote"), "{args:?}: {}", run.all());
    }
}

/// A schema within `check`'s limits can generate more than the 64 MiB statuskit reads back
/// (a thousand states, each moving to all): refused before anything is written, instead
/// of a file every later `gen` would refuse as no output of statuskit's (found by the
/// attack on issue 27). Standard output has no such limit.
#[test]
fn an_output_too_large_to_read_back_is_not_written() {
    let states: Vec<String> = (0..999)
        .map(|i| format!("\"state_number_{i}_padding\""))
        .collect();
    let states = states.join(", ");
    let case = Case::new("too-large", &generate("json", "big.json"));
    std::fs::write(
        case.repo().join("statuses.toml"),
        format!(
            "schema_version = 1\n\n[status.Big]\nstates = [{states}]\ninitial = \"state_number_0_padding\"\ntransitions = {{ \"*\" = [{states}] }}\n{}",
            generate("json", "big.json")
        ),
    )
    .expect("schema");
    for args in [&["gen"][..], &["gen", "json", "-o", "other.json"]] {
        let run = case.run(args);
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.all());
        assert!(run.stderr.contains("past the 64 MiB"), "{}", run.stderr);
    }
    assert!(!case.repo().join("big.json").exists());
    assert!(!case.repo().join("other.json").exists());
    let run = case.run(&["gen", "json"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.len() > 64 << 20);
}

/// What the re-attack on issue 27 found past the first fixes: an absolute `-o` into the
/// working directory follows the same rules as the relative one; a schema reached through
/// a directory link out of the repository, or into `.git`, is not read; and `gen mermaid -o
/// DIR/` writes all its diagrams or none.
#[test]
fn absolute_paths_directory_links_and_mermaid_directories_follow_the_policy() {
    let case = Case::new("reattack", "");
    let repo = case.repo().canonicalize().expect("repo");
    symlink("../outside", repo.join("gen")).expect("link");
    let absolute = repo.join("gen/statuses.py");
    let run = case.run(&["gen", "python", "-o", absolute.to_str().expect("utf-8")]);
    assert_eq!(run.code, Some(2), "{}", run.all());
    assert!(run.stderr.contains("leads out of"), "{}", run.stderr);
    assert!(!case.root.join("outside/statuses.py").exists());
    let dir = format!("{}/", repo.join("gen").display());
    let run = case.run(&["gen", "mermaid", "-o", &dir]);
    assert_eq!(run.code, Some(2), "{}", run.all());
    // A schema through a directory link: out of the repository, or into `.git`.
    std::fs::write(
        case.root.join("outside/statuses.toml"),
        format!("x = \"{SECRET}\n"),
    )
    .expect("outside");
    symlink(".git", repo.join("gitdir")).expect("link");
    for schema in ["gen/statuses.toml", "gitdir/config"] {
        let run = case.run(&["check", schema]);
        assert_eq!(run.code, Some(2), "{schema}: {}", run.all());
        assert!(
            run.stderr.contains("reached through a symbolic link"),
            "{}",
            run.stderr
        );
        run.leaks_nothing();
    }
    // Mermaid's directory: one diagram refused (someone's own file), none written.
    std::fs::create_dir_all(repo.join("diagrams")).expect("dir");
    std::fs::write(repo.join("diagrams/Light.mmd"), "ours\n").expect("own");
    let run = case.run(&["gen", "mermaid", "-o", "diagrams/"]);
    assert_eq!(run.code, Some(2), "{}", run.all());
    assert!(!repo.join("diagrams/Job.mmd").exists(), "nothing written");
}
