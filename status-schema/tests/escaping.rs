//! Whatever text a schema holds, it stays text in every generated language.
//!
//! Each case builds one schema twice from the same shape: once with arbitrary text (biased
//! towards what some target treats as syntax: quotes, backslashes, comment and string
//! terminators, `$$`, `%%{`, Markdown and HTML, every kind of line break) in every free-text
//! field, once with plain words. Either `check` refuses the text with a located
//! diagnostic, or every generator's output, once each language's comments and string
//! literals are blanked out by a small lexer of that language, is identical to the plain
//! schema's: user text can occupy only the slots its escaping writer made for it. The
//! conformance suite (`tests/generated/tests/conformance.rs`) runs a fixed hostile schema
//! through the real toolchains; this test covers the space around it.

mod support;

use status_schema::targets::{Column, Storage, Target};
use std::fmt::Write;
use support::generate::{generate, generate_sql, generate_sqlalchemy, generate_zod};

use proptest::prelude::*;
use status_schema::{Schema, SourceFile, analyze};

/// Text that some target reads as syntax, and the line breaks each language knows.
const FRAGMENTS: &[&str] = &[
    "\"",
    "'",
    "\\",
    "\"\"\"",
    "'''",
    "`",
    "```",
    "*/",
    "/*",
    "//",
    "--",
    "-->",
    "<!--",
    "$$",
    "$statuskit$",
    "$statuskit1$",
    "%",
    "%%",
    "%%{init: {\"theme\":\"dark\"}}%%",
    "#",
    "#35;",
    ";",
    ":",
    "|",
    "<script>",
    "</b>",
    "&amp;",
    "&",
    "{",
    "}",
    "${x}",
    "@deprecated",
    "\n",
    "\r",
    "\r\n",
    "\u{2028}",
    "\u{2029}",
    "\t",
    " ",
    "    ",
    "# ",
    "1. ",
    "> ",
    "- ",
    "===",
    "direction",
    " LR",
    "note",
    "\\N",
    "\\\"",
    "é",
    "🚀",
    "\u{0301}",
    "model X {}",
    "DROP TABLE t;",
];

/// Rare on purpose: the policy refuses them, and the test checks that it says where.
const REFUSED: &[&str] = &["\0", "\u{1b}", "\u{202e}", "\u{7f}", "\u{85}", "\u{0c}"];

/// Prose: anything, now and then something the policy refuses.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        120 => proptest::sample::select(FRAGMENTS).prop_map(str::to_owned),
        // Any printable character (proptest's `any::<char>()` leans on controls).
        30 => "\\PC",
        1 => proptest::sample::select(REFUSED).prop_map(str::to_owned),
    ];
    prop::collection::vec(piece, 1..10).prop_map(|pieces| pieces.concat())
}

/// A label or spelling: one line, mostly; short, so that wire values stay within 63 bytes.
fn one_line() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        120 => proptest::sample::select(FRAGMENTS)
            .prop_filter("one line", |f| !f.contains(['\n', '\r', '\u{2028}', '\u{2029}', '\t']))
            .prop_map(str::to_owned),
        // Any printable character (proptest's `any::<char>()` leans on controls).
        30 => "\\PC",
        1 => proptest::sample::select(FRAGMENTS).prop_map(str::to_owned),
    ];
    prop::collection::vec(piece, 1..5).prop_map(|pieces| pieces.concat().trim().to_owned() + "x")
}

/// The free text of one schema: docs, labels, a deprecation note, an event doc, wire
/// values and an alias.
#[derive(Clone, Debug)]
struct Texts {
    doc: String,
    deprecated: String,
    state_docs: [String; 3],
    labels: [String; 3],
    event_doc: String,
    wires: [String; 3],
    alias: String,
    /// The schema's file name, which every header names (a path may hold any byte but NUL).
    file_name: String,
}

fn texts() -> impl Strategy<Value = Texts> {
    (
        (text(), text(), [text(), text(), text()]),
        ([one_line(), one_line(), one_line()], text()),
        ([one_line(), one_line(), one_line()], one_line(), text()),
    )
        .prop_map(
            |((doc, deprecated, state_docs), (labels, event_doc), (wires, alias, file_name))| {
                Texts {
                    doc,
                    deprecated,
                    state_docs,
                    labels,
                    event_doc,
                    wires,
                    alias,
                    file_name,
                }
            },
        )
}

fn plain() -> Texts {
    Texts {
        doc: "Doc.".into(),
        deprecated: "Note.".into(),
        state_docs: ["One.".into(), "Two.".into(), "Three.".into()],
        labels: ["L0".into(), "L1".into(), "L2".into()],
        event_doc: "Event.".into(),
        wires: ["W0".into(), "W1".into(), "W2".into()],
        alias: "A0".into(),
        file_name: "s.toml".into(),
    }
}

/// A TOML basic string holding `text` exactly.
fn toml(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn schema_text(t: &Texts) -> String {
    format!(
        r#"schema_version = 1

[status.Job]
doc = {doc}
states = ["queued", "running", "done"]
initial = "queued"
terminal = ["done"]
transitions = {{ queued = ["running"], "*" = ["done"] }}
labels = {{ queued = {l0}, running = {l1}, done = {l2} }}
docs = {{ queued = {d0}, running = {d1}, done = {d2} }}
wire = {{ queued = {w0}, running = {w1}, done = {w2} }}
aliases = {{ {alias} = "queued" }}
[status.Job.events]
start = {{ from = "queued", to = "running", doc = {event} }}

[status.OldJob]
deprecated = {deprecated}
states = ["queued", "done"]
into.Job = {{ queued = "queued", done = "done" }}
"#,
        doc = toml(&t.doc),
        l0 = toml(&t.labels[0]),
        l1 = toml(&t.labels[1]),
        l2 = toml(&t.labels[2]),
        d0 = toml(&t.state_docs[0]),
        d1 = toml(&t.state_docs[1]),
        d2 = toml(&t.state_docs[2]),
        // Numbered, so that wire values and the alias stay distinct from each other.
        w0 = toml(&format!("{}0", t.wires[0])),
        w1 = toml(&format!("{}1", t.wires[1])),
        w2 = toml(&format!("{}2", t.wires[2])),
        alias = toml(&format!("{}3", t.alias)),
        event = toml(&t.event_doc),
        deprecated = toml(&t.deprecated),
    )
}

/// Every generated output with its language's literals and comments blanked.
fn skeletons(schema: &Schema, name: &str) -> Vec<(&'static str, String)> {
    let columns = vec![Column {
        table: "jobs".into(),
        column: "status".into(),
        status: "Job".into(),
    }];
    Target::ALL
        .iter()
        .filter_map(|&target| {
            let text = match target {
                Target::Sql => {
                    generate_sql(schema, name, Storage::Enum, columns.clone()).expect("sql")
                }
                // One file per status: the files, one after the other.
                Target::Mermaid => status_schema::targets::mermaid_files(schema, name)
                    .into_iter()
                    .map(|(_, text)| text)
                    .collect(),
                // With zod and SQLAlchemy: the modules' whole text (each option adds
                // code and the SQL type's name, written by the SQL writer, as a string).
                Target::Typescript => generate_zod(schema, name, 4),
                Target::Python => generate_sqlalchemy(schema, name),
                _ => generate(target, schema, name),
            };
            let skeleton = match target {
                Target::Sql => lex::sql(&text),
                Target::Python => lex::python(&text),
                Target::Typescript => lex::typescript(&text),
                Target::Prisma => lex::prisma(&text),
                Target::Dot => lex::dot(&text),
                Target::Mermaid => lex::mermaid(&text),
                Target::Rust => lex::rust(&text),
                Target::Markdown => lex::markdown(&text),
                // serde_json writes every string of the JSON document.
                Target::Json => return None,
                _ => panic!("no lexer for the target `{target}`: add one here"),
            };
            Some((target.name(), skeleton))
        })
        .collect()
}

/// One case: refused with located errors, or generated with every skeleton equal to the
/// plain schema's. Returns whether the schema was accepted.
fn case(t: &Texts, baseline: &Schema) -> Result<bool, TestCaseError> {
    let source = schema_text(t);
    let file = SourceFile::new("statuses.toml", source.as_str());
    let analysis = analyze(&file);
    let Some(schema) = analysis.schema else {
        prop_assert!(analysis.diagnostics.has_errors());
        for d in &analysis.diagnostics {
            let span = d.primary.span;
            prop_assert!(span.end <= source.len() && span.start < span.end, "{d:?}");
        }
        if std::env::var_os("ESCAPING_SHOW_REFUSED").is_some() {
            let codes: Vec<_> = analysis.diagnostics.iter().map(|d| d.code).collect();
            eprintln!("refused: {codes:?}");
        }
        return Ok(false);
    };
    let plain = plain();
    for ((language, found), (_, expected)) in skeletons(&schema, &t.file_name)
        .into_iter()
        .zip(skeletons(baseline, &plain.file_name))
    {
        prop_assert_eq!(
            found,
            expected,
            "{} output differs outside its literals and comments",
            language
        );
    }
    Ok(true)
}

#[test]
fn text_reaches_generated_code_only_as_text() {
    let baseline = analyze(&SourceFile::new("statuses.toml", schema_text(&plain())))
        .schema
        .expect("plain schema is valid");
    let accepted = std::cell::Cell::new(0_u32);
    let cases = 256;
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(cases));
    runner
        .run(&texts(), |t| {
            if case(&t, &baseline)? {
                accepted.set(accepted.get() + 1);
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    // Most cases must get as far as generating, or the test would prove little.
    assert!(
        accepted.get() >= cases / 3,
        "only {} of {cases} cases were accepted",
        accepted.get()
    );
}

/// Small lexers, one per language, that replace every string literal by `S` and drop every
/// comment, leaving the code around them. They follow each language's rules for where a
/// literal or comment ends, which is exactly what hostile text tries to move.
mod lex {
    /// Collapses runs of whitespace, so a comment that took three lines where the plain
    /// schema's took one leaves the same skeleton.
    fn squeeze(code: &str) -> String {
        code.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Scans a quoted literal opened by `quote` at `chars[start]`; `escapes` says whether
    /// a backslash escapes the next character, `doubled` whether two quotes stand for one.
    /// Returns the index after the closing quote (or the end).
    fn quoted(chars: &[char], start: usize, quote: &[char], escapes: bool, doubled: bool) -> usize {
        let mut i = start + quote.len();
        while i < chars.len() {
            if escapes && chars[i] == '\\' {
                i += 2;
                continue;
            }
            if chars[i..].starts_with(quote) {
                if doubled && chars[i + quote.len()..].starts_with(quote) {
                    i += 2 * quote.len();
                    continue;
                }
                return i + quote.len();
            }
            i += 1;
        }
        chars.len()
    }

    fn line_end(chars: &[char], from: usize, terminators: &[char]) -> usize {
        chars[from..]
            .iter()
            .position(|c| terminators.contains(c))
            .map_or(chars.len(), |p| from + p)
    }

    /// PostgreSQL: `--` to LF or CR; `'…'` (doubled quotes), `E'…'` (backslash escapes
    /// too), `"…"` identifiers, `$tag$…$tag$` bodies (lexed in turn, their tag normalised).
    pub fn sql(text: &str) -> String {
        squeeze(&sql_code(&text.chars().collect::<Vec<_>>()))
    }

    fn sql_code(chars: &[char]) -> String {
        let mut out = String::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if chars[i..].starts_with(&['-', '-']) {
                i = line_end(chars, i, &['\n', '\r']);
            } else if (c == 'E' || c == 'e')
                && chars.get(i + 1) == Some(&'\'')
                && !chars
                    .get(i.wrapping_sub(1))
                    .is_some_and(|p| p.is_alphanumeric() || *p == '_')
            {
                i = quoted(chars, i + 1, &['\''], true, true);
                out.push_str(" S ");
            } else if c == '\'' {
                i = quoted(chars, i, &['\''], false, true);
                out.push_str(" S ");
            } else if c == '"' {
                i = quoted(chars, i, &['"'], false, true);
                out.push_str(" I ");
            } else if c == '$'
                && !chars
                    .get(i.wrapping_sub(1))
                    .is_some_and(|p| p.is_alphanumeric() || *p == '_')
            {
                let Some(len) = chars[i + 1..].iter().position(|&c| c == '$') else {
                    out.push(c);
                    i += 1;
                    continue;
                };
                let tag: Vec<char> = chars[i..=i + 1 + len].to_vec();
                let body_start = i + tag.len();
                let body_end = (body_start..=chars.len())
                    .find(|&j| chars[j..].starts_with(&tag))
                    .unwrap_or(chars.len());
                out.push_str(" $Q$ ");
                out.push_str(&sql_code(&chars[body_start..body_end]));
                out.push_str(" $Q$ ");
                i = (body_end + tag.len()).min(chars.len());
            } else {
                out.push(c);
                i += 1;
            }
        }
        out
    }

    /// Python: `#` to the line end; `"""…"""`, `'''…'''`, `"…"`, `'…'` with backslash
    /// escapes; decimal integers, literals too (`String(12)`, a column's length counted
    /// from the wire values), become `N`.
    pub fn python(text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let in_name = out
                .chars()
                .next_back()
                .is_some_and(|p| p.is_alphanumeric() || p == '_');
            if c.is_ascii_digit() && !in_name {
                while chars.get(i).is_some_and(char::is_ascii_digit) {
                    i += 1;
                }
                out.push_str(" N ");
            } else if c == '#' {
                i = line_end(&chars, i, &['\n', '\r']);
            } else if chars[i..].starts_with(&['"', '"', '"'])
                || chars[i..].starts_with(&['\'', '\'', '\''])
            {
                i = quoted(&chars, i, &[c, c, c], true, false);
                out.push_str(" S ");
            } else if c == '"' || c == '\'' {
                i = quoted(&chars, i, &[c], true, false);
                out.push_str(" S ");
            } else {
                out.push(c);
                i += 1;
            }
        }
        squeeze(&out)
    }

    /// TypeScript: `//` to LF, CR, U+2028 or U+2029; `/* … */`; `"…"`, `'…'` and
    /// template literals with backslash escapes.
    pub fn typescript(text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if chars[i..].starts_with(&['/', '/']) {
                i = line_end(&chars, i, &['\n', '\r', '\u{2028}', '\u{2029}']);
            } else if chars[i..].starts_with(&['/', '*']) {
                i = (i + 2..chars.len())
                    .find(|&j| chars[j..].starts_with(&['*', '/']))
                    .map_or(chars.len(), |j| j + 2);
            } else if c == '"' || c == '\'' || c == '`' {
                i = quoted(&chars, i, &[c], true, false);
                out.push_str(" S ");
            } else {
                out.push(c);
                i += 1;
            }
        }
        squeeze(&out)
    }

    /// Prisma: `//` (and `///`) to LF or CR; `"…"` with backslash escapes. Member names
    /// follow the wire values, so what is compared is the shape: each block must read
    /// `enum Name { (member [@map(S)])* @@map(S) }`, and the enums and their member counts
    /// must be the plain schema's.
    pub fn prisma(text: &str) -> String {
        let code = slash_comments_and_strings(text, &['\n', '\r']);
        let spaced = code.replace('(', " ( ").replace(')', " ) ");
        let tokens: Vec<&str> = spaced.split_whitespace().collect();
        let identifier = |t: &str| {
            t.starts_with(|c: char| c.is_ascii_alphabetic())
                && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        };
        let mut shape = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            assert!(
                tokens[i] == "enum" && identifier(tokens[i + 1]) && tokens[i + 2] == "{",
                "not an enum block: {code}"
            );
            let name = tokens[i + 1];
            i += 3;
            let mut members = 0;
            while tokens[i] != "@@map" {
                assert!(
                    identifier(tokens[i]),
                    "not a member: {:?} in {code}",
                    tokens[i]
                );
                members += 1;
                i += 1;
                if tokens[i] == "@map" {
                    assert_eq!(tokens[i + 1..i + 4], ["(", "S", ")"], "{code}");
                    i += 4;
                }
            }
            assert_eq!(tokens[i + 1..i + 5], ["(", "S", ")", "}"], "{code}");
            i += 5;
            shape.push(format!("enum {name}: {members} members"));
        }
        shape.join("; ")
    }

    /// DOT: `//` to the line end; `"…"` where `\"` is a quote.
    pub fn dot(text: &str) -> String {
        slash_comments_and_strings(text, &['\n', '\r'])
    }

    fn slash_comments_and_strings(text: &str, terminators: &[char]) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        while i < chars.len() {
            if chars[i..].starts_with(&['/', '/']) {
                i = line_end(&chars, i, terminators);
            } else if chars[i] == '"' {
                i = quoted(&chars, i, &['"'], true, false);
                out.push_str(" S ");
            } else {
                out.push(chars[i]);
                i += 1;
            }
        }
        squeeze(&out)
    }

    /// Mermaid: lines starting `%%` are deleted; `"…"` (no escapes) is a description; a
    /// transition's `: label` runs to the line end. No `%%{` may stand anywhere, since
    /// Mermaid applies it as configuration even inside quotes.
    pub fn mermaid(text: &str) -> String {
        assert!(!text.contains("%%{"), "a directive formed:\n{text}");
        let mut out = Vec::new();
        for line in text.split('\n') {
            if line.trim_start().starts_with("%%") {
                continue;
            }
            let chars: Vec<char> = line.chars().collect();
            let mut code = String::new();
            let mut i = 0;
            while i < chars.len() {
                if chars[i] == '"' {
                    i = quoted(&chars, i, &['"'], false, false);
                    code.push_str(" S ");
                } else if chars[i] == ':' {
                    code.push_str(": S");
                    i = chars.len();
                } else {
                    code.push(chars[i]);
                    i += 1;
                }
            }
            out.push(code);
        }
        squeeze(&out.join("\n"))
    }

    /// Rust: the file must parse, into as many items as the plain schema's (the parser's
    /// shape follows the wire values' lengths, so the text itself is not compared; string
    /// literals come from the token printer, which escapes them). Every `///` doc line
    /// (prettyplease's form of the doc attributes) must be one line of Markdown that cannot
    /// open a code block, which rustdoc would run as a doctest.
    pub fn rust(text: &str) -> String {
        let file = syn::parse_file(text)
            .unwrap_or_else(|e| panic!("generated Rust does not parse: {e}\n{text}"));
        for line in text.lines() {
            if let Some(doc) = line.trim_start().strip_prefix("///") {
                assert!(!doc.contains('\r'), "a bare CR in a doc comment: {doc:?}");
                assert!(
                    !doc.chars()
                        .any(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')),
                    "a bidirectional control in a doc comment: {doc:?}"
                );
                let body = doc.strip_prefix(' ').unwrap_or(doc);
                assert!(
                    !body.starts_with("```")
                        && !body.starts_with("~~~")
                        && !body.starts_with("    "),
                    "a doc line that opens a code block: {doc:?}"
                );
            }
        }
        format!("{} items", file.items.len())
    }

    /// Markdown: no raw `<` outside code spans, and every table row has as many unescaped
    /// `|` as the table's header; the rest is replaced by its line structure.
    pub fn markdown(text: &str) -> String {
        let mut shape = Vec::new();
        let mut columns = None;
        for line in text.lines() {
            let pipes = unescaped_pipes(line);
            if line.starts_with('|') {
                let expected = *columns.get_or_insert(pipes);
                assert_eq!(
                    pipes, expected,
                    "a table row with another cell count: {line}"
                );
                shape.push(format!("row{pipes}"));
            } else {
                columns = None;
                if line.starts_with('#') {
                    shape.push(line.chars().take_while(|&c| c == '#').collect());
                } else if line.starts_with("```") {
                    shape.push("fence".to_owned());
                }
            }
            assert!(!raw_angle(line), "raw `<` outside a code span: {line}");
        }
        shape.join("\n")
    }

    fn unescaped_pipes(line: &str) -> usize {
        let chars: Vec<char> = line.chars().collect();
        (0..chars.len())
            .filter(|&i| chars[i] == '|' && (i == 0 || chars[i - 1] != '\\'))
            .count()
    }

    /// Whether a `<` stands unescaped outside a code span (the generated `<!--` header is
    /// the generator's own).
    fn raw_angle(line: &str) -> bool {
        if line.starts_with("<!--") {
            return false;
        }
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            match chars[i] {
                '\\' => i += 2,
                '`' => {
                    let run = chars[i..].iter().take_while(|&&c| c == '`').count();
                    let close = (i + run..chars.len()).find(|&j| {
                        chars[j..].iter().take_while(|&&c| c == '`').count() == run
                            && (j == 0 || chars[j - 1] != '`')
                    });
                    i = close.map_or(i + run, |j| j + run);
                }
                // An autolink to a web address is the escaper's own form.
                '<' if chars[i + 1..]
                    .iter()
                    .collect::<String>()
                    .starts_with("http") =>
                {
                    i = (i..chars.len())
                        .find(|&j| chars[j] == '>')
                        .map_or(chars.len(), |j| j + 1);
                }
                '<' => return true,
                _ => i += 1,
            }
        }
        false
    }
}
