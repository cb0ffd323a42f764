//! Rules about the names generated code declares: in each language's module, no name may be
//! declared twice, and none may be one the language or the generated prelude already has.
//!
//! Each target derives its top-level names from status names (`fooSpellings` in
//! TypeScript, `_FOO_LABELS` in Python, `foo_to_bar` for a conversion), and the naming
//! functions of [`crate::naming`] are shared with the generators, so this list cannot drift
//! from what they write.

use std::collections::HashMap;

use super::Context;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::{Schema, Status};
use crate::naming;

use super::postgres_types::BUILT_IN_TYPES;

/// A language statuskit writes a module in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Language {
    Rust,
    TypeScript,
    Python,
    Prisma,
}

impl Language {
    fn name(self) -> &'static str {
        match self {
            Language::Rust => "Rust",
            Language::TypeScript => "TypeScript",
            Language::Python => "Python",
            Language::Prisma => "Prisma",
        }
    }

    /// Names the language, its standard library or the generated prelude already declare
    /// that a status name (UpperCamelCase) could take.
    fn reserved(self) -> &'static [&'static str] {
        match self {
            Language::Rust => &[],
            Language::TypeScript => TYPESCRIPT_RESERVED,
            Language::Python => PYTHON_RESERVED,
            Language::Prisma => PRISMA_RESERVED,
        }
    }
}

/// One name a generated module declares at its top level, and who declares it.
pub(super) struct Declared {
    language: Language,
    name: String,
    /// The status whose schema entry makes the name.
    owner: String,
    /// What the name is, for messages: "the event enum of `Job`".
    what: String,
}

/// Every top-level name every target declares for `schema`, in declaration order.
pub(super) fn declared(schema: &Schema) -> Vec<Declared> {
    let mut out = Vec::new();
    let mut add = |language, name: String, owner: &Status, what: String| {
        out.push(Declared {
            language,
            name,
            owner: owner.name.clone(),
            what,
        });
    };
    // A project mixin is imported under a name of its own (`_mixin_1`): it declares none.
    for status in &schema.statuses {
        for (language, name, what) in status_names(status) {
            add(language, name, status, what);
        }
    }
    for conversion in &schema.conversions {
        let Some((owner, _)) = schema.endpoints(conversion) else {
            continue;
        };
        let what = format!(
            "the conversion from `{}` to `{}`",
            conversion.from, conversion.to
        );
        add(
            Language::TypeScript,
            naming::ts_conversion(&conversion.from, &conversion.to),
            owner,
            what.clone(),
        );
        let function = naming::py_conversion(&conversion.from, &conversion.to);
        add(
            Language::Python,
            naming::py_conversion_table(&function),
            owner,
            format!("the table of {what}"),
        );
        add(Language::Python, function, owner, what);
    }
    out
}

/// The names one status makes in each language, with what each is.
fn status_names(status: &Status) -> Vec<(Language, String, String)> {
    let name = &status.name;
    let events = !status.events.is_empty();
    let mut out = Vec::new();
    // TypeScript's object and type may be named apart (`typescript.object`, `.type`).
    let object = status.shape.ts_object(name);
    let ty = status.shape.ts_type(name);
    for language in [Language::Rust, Language::TypeScript, Language::Python] {
        if language == Language::TypeScript && (object != name || ty != name) {
            out.push((
                language,
                object.to_owned(),
                format!("the object of `{name}`"),
            ));
            if ty != object {
                out.push((language, ty.to_owned(), format!("the type of `{name}`")));
            }
        } else {
            out.push((language, name.clone(), format!("the type `{name}`")));
        }
        if events {
            let what = format!("the event type of `{name}`");
            out.push((language, format!("{name}Event"), what));
        }
    }
    out.push((Language::Prisma, name.clone(), format!("the enum `{name}`")));
    // The names of target options (zod, SQLAlchemy) are declared whether or not an output
    // asks for them, so that turning one on never breaks a schema `check` accepted.
    let helper = naming::ts_helper(name);
    let typescript = [
        (
            naming::ts_zod_schema(name),
            format!("the zod schema of `{name}`"),
        ),
        (helper.clone(), format!("the helper object of `{name}`")),
        (
            format!("{}Values", naming::ts_helper(&naming::ts_zod_schema(name))),
            format!("the zod enum of `{name}`"),
        ),
    ];
    let ts_tables: &[&str] = if events {
        &["Spellings", "Successors", "Next", "Labels", "Events"]
    } else {
        &["Spellings", "Successors", "Next", "Labels"]
    };
    let ts_tables = ts_tables
        .iter()
        .map(|table| (format!("{helper}{table}"), format!("a table of `{name}`")));
    let constant = naming::py_constant(name);
    let python = [(
        naming::py_sqlalchemy_type(name),
        format!("the SQLAlchemy column type of `{name}`"),
    )];
    let py_tables: &[&str] = if events {
        &["SPELLINGS", "LABELS", "TERMINAL", "SUCCESSORS", "EVENTS"]
    } else {
        &["SPELLINGS", "LABELS", "TERMINAL", "SUCCESSORS"]
    };
    let py_tables = py_tables.iter().map(|table| {
        (
            format!("_{constant}_{table}"),
            format!("a table of `{name}`"),
        )
    });
    let typescript = typescript.into_iter().chain(ts_tables);
    out.extend(typescript.map(|(n, what)| (Language::TypeScript, n, what)));
    let python = python.into_iter().chain(py_tables);
    out.extend(python.map(|(n, what)| (Language::Python, n, what)));
    out
}

/// For each declared name after its first declaration, the first one it repeats, by
/// position in `declared`.
pub(super) fn repeats(declared: &[Declared]) -> Vec<(usize, usize)> {
    let mut first: HashMap<(Language, &str), usize> = HashMap::new();
    let mut out = Vec::new();
    for (i, d) in declared.iter().enumerate() {
        match first.get(&(d.language, d.name.as_str())) {
            Some(&earlier) => out.push((earlier, i)),
            None => {
                first.insert((d.language, d.name.as_str()), i);
            }
        }
    }
    out
}

/// Two things the generated code would declare under one name: the module would not
/// compile (TypeScript, Rust), or one would silently replace the other (Python).
pub(super) fn generated_names(cx: &Context<'_>, status: &Status, out: &mut Diagnostics) {
    // One diagnostic per pair of statuses: a second clash between the same two has the same
    // cause and the same fix.
    let mut reported: Vec<&str> = Vec::new();
    for &(earlier, later) in cx.repeated_names() {
        let (first, second) = (&cx.declared_names()[earlier], &cx.declared_names()[later]);
        if second.owner != status.name || reported.contains(&first.owner.as_str()) {
            continue;
        }
        // A name that is no type name (E010), or two that share a snake_case name (E018),
        // are reported as such already. One status's own names meet only through a name
        // the schema chose (`typescript.object`, a `python.mixin`'s class).
        let own = first.owner == status.name;
        let said = !naming::is_type_name(&first.owner)
            || !naming::is_type_name(&status.name)
            || !own && naming::snake_name(&first.owner) == naming::snake_name(&status.name);
        if said {
            continue;
        }
        reported.push(&first.owner);
        let mut diagnostic = Diagnostic::new(
            Code::GeneratedNameCollision,
            status.span,
            format!(
                "the generated {} declares `{}` twice: as {} and as {}",
                second.language.name(),
                second.name,
                first.what,
                second.what
            ),
        )
        .label(format!("makes `{}`", second.name))
        .help(if own {
            "choose another `typescript.object` or `typescript.type`: this one is a name statuskit generates for the status"
        } else {
            "rename one of the statuses"
        });
        if let Some(other) = cx.status(&first.owner).filter(|o| o.name != status.name) {
            diagnostic = diagnostic.secondary(other.span, format!("also makes `{}`", second.name));
        }
        out.push(diagnostic);
    }
}

/// A TypeScript enum keyed by wire values (`keys = "wire"`, `declaration = "enum"`) can
/// name no member like a number (`"1"`, `"NaN"`: TypeScript refuses it) or `__proto__`
/// (which would set the enum object's prototype, not declare a member).
pub(super) fn typescript_enum_members(_: &Context<'_>, status: &Status, out: &mut Diagnostics) {
    let shape = &status.shape;
    let (Some(declaration), crate::shape::KeyStyle::Wire) =
        (&shape.ts_declaration, shape.ts_keys())
    else {
        return;
    };
    if shape.ts_declaration() != crate::shape::Declaration::Enum {
        return;
    }
    let numeric =
        |w: &str| w.parse::<f64>().is_ok() || matches!(w, "Infinity" | "-Infinity" | "NaN");
    for state in &status.states {
        if numeric(&state.wire) || state.wire == "__proto__" {
            out.push(
                Diagnostic::new(
                    Code::InvalidShapeName,
                    declaration.span,
                    format!(
                        "the TypeScript enum `{}` cannot have a member named `{}`",
                        shape.ts_type(&status.name),
                        state.wire
                    ),
                )
                .label("an enum keyed by wire values")
                .secondary(state.span, format!("the wire value of `{}`", state.name))
                .help("key the enum by PascalCase or SCREAMING_SNAKE_CASE names (`keys`), or declare a const object (`declaration = \"const\"`)"),
            );
        }
    }
}

/// A status named like a built-in of a generated language, or like a name the generated
/// prelude declares (`StatusParseError`), would shadow it, and the module would not compile
/// or would misbehave. So would one whose derived names are taken: a TypeScript helper that
/// is a keyword (`Class` makes `class`), a PostgreSQL type that is a built-in one (`Text`
/// makes `text`).
pub(super) fn reserved_names(_: &Context<'_>, status: &Status, out: &mut Diagnostics) {
    let name = status.name.as_str();
    let mut languages: Vec<&str> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    for language in [Language::TypeScript, Language::Python, Language::Prisma] {
        if language.reserved().contains(&name) {
            languages.push(language.name());
        }
    }
    let helper = naming::ts_helper(name);
    let taken = if TYPESCRIPT_KEYWORDS.contains(&helper.as_str()) {
        Some("a keyword or a name the compiler reserves")
    } else if TYPESCRIPT_PRELUDE.contains(&helper.as_str()) {
        Some("a name the generated module declares itself")
    } else {
        None
    };
    if let Some(taken) = taken {
        if !languages.contains(&"TypeScript") {
            languages.push("TypeScript");
        }
        notes.push(format!(
            "its TypeScript helper would be `{helper}`, {taken}"
        ));
    }
    let sql_type = naming::sql_status_names(name).0;
    if BUILT_IN_TYPES.contains(&sql_type.as_str()) {
        languages.push("PostgreSQL");
        notes.push(format!(
            "its PostgreSQL type would be `{sql_type}`, a built-in type that `{sql_type}` always names, quoted or not"
        ));
    }
    if languages.is_empty() {
        return;
    }
    let mut diagnostic = Diagnostic::new(
        Code::ReservedName,
        status.span,
        format!(
            "status name `{name}` is taken in the generated {}",
            languages.join(" and ")
        ),
    )
    .label("already a built-in or generated name there")
    .help(format!(
        "rename it, for example `{}Status`",
        name.trim_end_matches("Status")
    ));
    for note in notes {
        diagnostic = diagnostic.note(note);
    }
    out.push(diagnostic);
}

/// Helper names (a status name with its first letter lowered) that TypeScript refuses as
/// an exported `const` in a module: keywords, strict-mode reserved words, and what the
/// compiler reserves at a module's top level (`require`, `exports`). Each was compiled
/// with tsc 7 (`--strict`, `--module nodenext`) and refused.
pub(crate) const TYPESCRIPT_KEYWORDS: &[&str] = &[
    "arguments",
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "eval",
    "export",
    "exports",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "implements",
    "import",
    "in",
    "instanceof",
    "interface",
    "let",
    "new",
    "null",
    "package",
    "private",
    "protected",
    "public",
    "require",
    "return",
    "static",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "undefined",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

/// What the generated TypeScript declares or imports itself at its top level, besides the
/// names statuses make: zod's `z` and the prelude's functions. A status whose helper would
/// be one (`Z`, `AsciiLower`) is refused, and so is an `object` or `type` named so.
pub(crate) const TYPESCRIPT_PRELUDE: &[&str] = &[
    "asciiLower",
    "hintBytes",
    "hintDistance",
    "nearestSpelling",
    "z",
];

/// TypeScript's global values and types (ES2022 and the DOM-free lib), and the classes of
/// the generated prelude.
pub(crate) const TYPESCRIPT_RESERVED: &[&str] = &[
    "AggregateError",
    "Array",
    "ArrayBuffer",
    "ArrayBufferLike",
    "ArrayBufferView",
    "ArrayLike",
    "AsyncGenerator",
    "AsyncGeneratorFunction",
    "AsyncIterable",
    "AsyncIterableIterator",
    "AsyncIterator",
    "Atomics",
    "Awaited",
    "BigInt",
    "BigInt64Array",
    "BigUint64Array",
    "Boolean",
    "Capitalize",
    "ConstructorParameters",
    "DataView",
    "Date",
    "Error",
    "ErrorConstructor",
    "EvalError",
    "Exclude",
    "Extract",
    "FinalizationRegistry",
    "Float32Array",
    "Float64Array",
    "Function",
    "Generator",
    "GeneratorFunction",
    "Infinity",
    "InstanceType",
    "Int16Array",
    "Int32Array",
    "Int8Array",
    "Intl",
    "Iterable",
    "IterableIterator",
    "Iterator",
    "IteratorResult",
    "JSON",
    "Lowercase",
    "Map",
    "Math",
    "NaN",
    "NoInfer",
    "NonNullable",
    "Number",
    "Object",
    "Omit",
    "OmitThisParameter",
    "Parameters",
    "Partial",
    "Pick",
    "Promise",
    "PromiseLike",
    "PropertyDescriptor",
    "PropertyKey",
    "Proxy",
    "RangeError",
    "Readonly",
    "ReadonlyArray",
    "ReadonlyMap",
    "ReadonlySet",
    "Record",
    "ReferenceError",
    "Reflect",
    "RegExp",
    "Required",
    "ReturnType",
    "Set",
    "SharedArrayBuffer",
    "StatusParseError",
    "StatusTransitionError",
    "String",
    "Symbol",
    "SyntaxError",
    "TemplateStringsArray",
    "ThisParameterType",
    "ThisType",
    "TypeError",
    "URIError",
    "Uint16Array",
    "Uint32Array",
    "Uint8Array",
    "Uint8ClampedArray",
    "Uncapitalize",
    "Uppercase",
    "WeakMap",
    "WeakRef",
    "WeakSet",
];

/// Python's keywords and builtins that a status name could spell, and what the generated
/// module imports (with `--sqlalchemy` too) and declares.
const PYTHON_RESERVED: &[&str] = &[
    "Any",
    "ArithmeticError",
    "AssertionError",
    "AttributeError",
    "BaseException",
    "BaseExceptionGroup",
    "BlockingIOError",
    "BrokenPipeError",
    "BufferError",
    "BytesWarning",
    "ChildProcessError",
    "ColumnElement",
    "ConnectionAbortedError",
    "ConnectionError",
    "ConnectionRefusedError",
    "ConnectionResetError",
    "ConversionError",
    "DeprecationWarning",
    "Dialect",
    "EOFError",
    "Ellipsis",
    "EncodingWarning",
    "EnvironmentError",
    "Exception",
    "ExceptionGroup",
    "False",
    "FileExistsError",
    "FileNotFoundError",
    "Final",
    "FloatingPointError",
    "FutureWarning",
    "GeneratorExit",
    "IOError",
    "ImportError",
    "ImportWarning",
    "IndentationError",
    "IndexError",
    "InterruptedError",
    "IsADirectoryError",
    "KeyError",
    "KeyboardInterrupt",
    "LookupError",
    "MemoryError",
    "ModuleNotFoundError",
    "NameError",
    "None",
    "NotADirectoryError",
    "NotImplemented",
    "NotImplementedError",
    "OSError",
    "OperatorType",
    "OverflowError",
    "ParseError",
    "PendingDeprecationWarning",
    "PermissionError",
    "ProcessLookupError",
    "RecursionError",
    "ReferenceError",
    "ResourceWarning",
    "RuntimeError",
    "RuntimeWarning",
    "StatusError",
    "StopAsyncIteration",
    "StopIteration",
    "StrEnum",
    "String",
    "SyntaxError",
    "SyntaxWarning",
    "SystemError",
    "SystemExit",
    "TabError",
    "TimeoutError",
    "TransitionError",
    "True",
    "TypeDecorator",
    "TypeEngine",
    "TypeError",
    "UnboundLocalError",
    "UnicodeDecodeError",
    "UnicodeEncodeError",
    "UnicodeError",
    "UnicodeTranslateError",
    "UnicodeWarning",
    "UserDefinedType",
    "UserWarning",
    "ValueError",
    "Warning",
    "ZeroDivisionError",
];

/// Prisma's scalar types and the names Prisma Client declares.
const PRISMA_RESERVED: &[&str] = &[
    "BigInt",
    "Boolean",
    "Bytes",
    "DateTime",
    "Decimal",
    "Float",
    "Int",
    "Json",
    "Prisma",
    "PrismaClient",
    "String",
    "Unsupported",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_lists_are_sorted_and_unique() {
        for list in [
            TYPESCRIPT_RESERVED,
            TYPESCRIPT_KEYWORDS,
            PYTHON_RESERVED,
            PRISMA_RESERVED,
        ] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }
}
