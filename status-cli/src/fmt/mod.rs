//! `statuskit fmt`: one layout for `statuses.toml`, so that two people's edits differ only
//! in what they change. `toml_edit` keeps every comment and the order of statuses and keys;
//! [`layout`] changes only the whitespace and comments around them, so the data (and so
//! the schema's meaning) is the same before and after, which the tests check on every
//! schema in the repository.

mod layout;

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::load::IO_ERROR;

/// `text` in the canonical layout, or why it is not TOML.
///
/// A byte-order mark stays, and a file written with CRLF line ends keeps them throughout
/// (`toml_edit` writes LF between items).
pub(crate) fn format(text: &str) -> Result<String, String> {
    let bom = text.starts_with('\u{feff}');
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let crlf = body.contains("\r\n") && !body.replace("\r\n", "").contains('\n');
    let mut document: toml_edit::DocumentMut =
        body.parse().map_err(|e: toml_edit::TomlError| {
            format!(
                "not TOML (run `statuskit check` for where): {}",
                e.message()
            )
        })?;
    layout::layout(&mut document);
    let out = document.to_string();
    let out = out.trim_start_matches(['\n', '\r']);
    let mut out = if out.ends_with('\n') || out.is_empty() {
        out.to_owned()
    } else {
        format!("{out}\n")
    };
    if crlf {
        out = out.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    if bom {
        out.insert(0, '\u{feff}');
    }
    Ok(out)
}

/// What `statuskit fmt` is asked.
pub(crate) struct FmtArgs<'a> {
    pub(crate) files: &'a [PathBuf],
    pub(crate) check: bool,
}

/// Formats each file in place (or, with `--check`, says which are not formatted, with a
/// diff). Exit 0 when every file is (or now is) formatted, 1 with `--check` when one is
/// not, 2 when one cannot be read, parsed or written.
pub(crate) fn run(args: &FmtArgs<'_>) -> ExitCode {
    let mut unformatted = 0;
    let mut failed = false;
    let mut out = String::new();
    for file in args.files {
        let shown = file.display().to_string();
        let text = match read(file) {
            Ok(text) => text,
            Err(why) => {
                crate::report_error(format!("`{shown}` {why}"));
                failed = true;
                continue;
            }
        };
        let formatted = match format(&text) {
            Ok(formatted) => formatted,
            Err(why) => {
                crate::report_error(format!("`{shown}` is {why}"));
                failed = true;
                continue;
            }
        };
        if formatted == text {
            continue;
        }
        unformatted += 1;
        if args.check {
            let name = status_schema::diagnostic::render::one_line_safe(&shown);
            out.push_str(&crate::outputs::unified_diff(
                &name,
                &text,
                &formatted,
                "formatted",
            ));
            continue;
        }
        if let Err(why) = write(file, &formatted) {
            crate::report_error(format!("cannot write `{shown}`: {why}"));
            failed = true;
            continue;
        }
        let _ = writeln!(
            out,
            "formatted {}",
            status_schema::diagnostic::render::one_line_safe(&shown)
        );
    }
    if args.check && unformatted > 0 {
        let _ = writeln!(
            out,
            "fmt --check: {unformatted} of {} not formatted: run `statuskit fmt`",
            args.files.len()
        );
    }
    if std::io::stdout().lock().write_all(out.as_bytes()).is_err() || failed {
        return ExitCode::from(IO_ERROR);
    }
    if args.check && unformatted > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The text of a schema: a regular file, not a link, UTF-8.
fn read(path: &Path) -> Result<String, String> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| format!("cannot be read: {e}"))?;
    if !meta.is_file() {
        return Err("is not a regular file: statuskit fmt rewrites only regular files".to_owned());
    }
    if meta.permissions().readonly() {
        return Err("is read-only".to_owned());
    }
    #[cfg(unix)]
    if std::os::unix::fs::MetadataExt::nlink(&meta) > 1 {
        return Err(
            "has other hard links: its content is another file's too, so statuskit fmt does not replace it"
                .to_owned(),
        );
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot be read: {e}"))?;
    String::from_utf8(bytes).map_err(|_| "is not UTF-8".to_owned())
}

/// Replaces `path` with `text` whole: written beside it, flushed, renamed over it (never
/// through a link: a link there since it was read is replaced, not followed).
fn write(path: &Path, text: &str) -> Result<(), String> {
    let temp = crate::confine::stage_beside(path, text.as_bytes(), "fmt")?;
    std::fs::rename(&temp, path).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        e.to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::format;

    #[test]
    fn one_layout_comments_kept() {
        let text = "  schema_version=1   \n[status.A]    # the first\nstates = [  # the states\n  \"a\",   # first\n  # b is next\n  \"b\"\n  , \"c\",\n]\n   initial=\"a\"\nterminal = [ \"c\" ]\ntransitions = {a=[\"b\"],   b = [ \"c\" ]}\n\n\n# end of A\n[status.B]\nstates=[\"x\",\"y\"]\n\n# trailing comment   \n\n";
        let formatted = format(text).expect("TOML");
        assert_eq!(
            formatted,
            "schema_version = 1\n\n[status.A] # the first\nstates = [ # the states\n    \"a\", # first\n    # b is next\n    \"b\",\n    \"c\",\n]\ninitial = \"a\"\nterminal = [\"c\"]\ntransitions = { a = [\"b\"], b = [\"c\"] }\n\n# end of A\n[status.B]\nstates = [\"x\", \"y\"]\n\n# trailing comment\n"
        );
        assert_eq!(format(&formatted).expect("TOML"), formatted, "idempotent");
    }

    #[test]
    fn long_arrays_break_and_short_ones_join() {
        let long: Vec<String> = (0..12).map(|i| format!("\"state_{i}\"")).collect();
        let text = format!(
            "states = [{}]\nshort = [\n  \"a\",\n  \"b\",\n]\n",
            long.join(", ")
        );
        let formatted = format(&text).expect("TOML");
        assert!(
            formatted.starts_with("states = [\n    \"state_0\",\n"),
            "{formatted}"
        );
        assert!(
            formatted.ends_with("    \"state_11\",\n]\nshort = [\"a\", \"b\"]\n"),
            "{formatted}"
        );
        assert_eq!(format(&formatted).expect("TOML"), formatted);
    }

    #[test]
    fn strings_keep_their_spelling_and_content() {
        let text = "a = 'single'\nb = \"\"\"  trailing   \n  kept   \"\"\"\nc = \"\\u00e9\"\n";
        assert_eq!(format(text).expect("TOML"), text);
    }

    #[test]
    fn a_comment_before_the_comma_stays_a_comment_and_headers_agree() {
        let text = "states = [\n  \"a\", # first\n  \"b\"    # last, no comma\n]\n[status.\"T\"]\nx = 1\n[ status . T . transitions ]\ndocs . a = \"d\"\n";
        let formatted = format(text).expect("TOML");
        assert_eq!(
            formatted,
            "states = [\n    \"a\", # first\n    \"b\", # last, no comma\n]\n\n[status.T]\nx = 1\n\n[status.T.transitions]\ndocs.a = \"d\"\n"
        );
        assert_eq!(format(&formatted).expect("TOML"), formatted);
    }

    #[test]
    fn crlf_and_a_byte_order_mark_stay() {
        let text = "\u{feff}a=1\r\nb = '''x\r\ny'''\r\n";
        let formatted = format(text).expect("TOML");
        assert_eq!(formatted, "\u{feff}a = 1\r\nb = '''x\r\ny'''\r\n");
        assert_eq!(format(&formatted).expect("TOML"), formatted);
    }

    #[test]
    fn the_width_counts_characters() {
        let items: Vec<String> = (0..8).map(|i| format!("\"éé{i}xxxx\"")).collect();
        let text = format!("k = [{}]\n", items.join(", "));
        assert!(text.chars().count() < 100 && text.len() > 100);
        assert_eq!(format(&text).expect("TOML"), text);
    }

    #[test]
    fn what_is_not_toml_is_refused() {
        assert!(format("[status.A\nstates = [").is_err());
    }
}
