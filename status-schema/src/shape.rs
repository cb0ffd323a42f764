//! The shape of a status's generated code in languages whose enums come in several shapes
//! (`[defaults.python]`, `[status.NAME.typescript]`, …): the base class of a Python enum,
//! the keys and exported names of a TypeScript object. A team that replaces its
//! hand-written enum with the generated one sets the shape its code already uses, so that
//! nothing which used the old one notices.
//!
//! Each option is kept as written, with its span. The parser refuses a value that names no
//! shape (the [`rules`] below), so generators read a checked schema's options through the
//! accessors, whose fallbacks a checked schema never reaches.

use crate::raw::Name;

/// `python = { … }` and `typescript = { … }`: as one table wrote them (the parser's), or a
/// status's own keys over `[defaults]` (the model's).
#[derive(Clone, Debug, Default)]
pub(crate) struct Shape {
    /// `python.base`: `StrEnum`, `str, Enum` or `Enum`.
    pub python_base: Option<Name>,
    /// `python.mixin`: `module:Class`, a project class the enum derives from first.
    pub python_mixin: Option<Name>,
    /// `python.helper_prefix`: put before every generated method and property name.
    pub python_helper_prefix: Option<Name>,
    /// `typescript.keys`: `PascalCase`, `SCREAMING_SNAKE_CASE` or `wire`.
    pub ts_keys: Option<Name>,
    /// `typescript.declaration`: `const` (an `as const` object and a union) or `enum`.
    pub ts_declaration: Option<Name>,
    /// `typescript.object`: the exported name of the object (or enum).
    pub ts_object: Option<Name>,
    /// `typescript.type`: the exported name of the type.
    pub ts_type: Option<Name>,
}

impl Shape {
    /// A status's shape: each of its own keys, else the one `[defaults]` sets (which has
    /// no `object` or `type`: names are one status's own).
    pub(crate) fn merged(defaults: &Shape, own: &Shape) -> Shape {
        let pick =
            |own: &Option<Name>, default: &Option<Name>| own.clone().or_else(|| default.clone());
        Shape {
            python_base: pick(&own.python_base, &defaults.python_base),
            python_mixin: pick(&own.python_mixin, &defaults.python_mixin),
            python_helper_prefix: pick(&own.python_helper_prefix, &defaults.python_helper_prefix),
            ts_keys: pick(&own.ts_keys, &defaults.ts_keys),
            ts_declaration: pick(&own.ts_declaration, &defaults.ts_declaration),
            ts_object: own.ts_object.clone(),
            ts_type: own.ts_type.clone(),
        }
    }

    pub(crate) fn python_base(&self) -> PythonBase {
        self.python_base
            .as_ref()
            .and_then(|name| PythonBase::from_name(&name.value))
            .unwrap_or_default()
    }

    /// `(module, class)` of `python.mixin`.
    pub(crate) fn python_mixin(&self) -> Option<(&str, &str)> {
        self.python_mixin
            .as_ref()
            .and_then(|text| text.value.split_once(':'))
    }

    pub(crate) fn python_helper_prefix(&self) -> &str {
        self.python_helper_prefix
            .as_ref()
            .map_or("", |text| text.value.as_str())
    }

    pub(crate) fn ts_keys(&self) -> KeyStyle {
        self.ts_keys
            .as_ref()
            .and_then(|name| KeyStyle::from_name(&name.value))
            .unwrap_or_default()
    }

    pub(crate) fn ts_declaration(&self) -> Declaration {
        self.ts_declaration
            .as_ref()
            .and_then(|name| Declaration::from_name(&name.value))
            .unwrap_or_default()
    }

    /// The exported name of the TypeScript object (or enum): `object`, else (for an enum,
    /// which is one name) `type`, else the status's name.
    pub(crate) fn ts_object<'a>(&'a self, status: &'a str) -> &'a str {
        let enum_type = (self.ts_declaration() == Declaration::Enum)
            .then_some(self.ts_type.as_ref())
            .flatten();
        self.ts_object
            .as_ref()
            .or(enum_type)
            .map_or(status, |name| name.value.as_str())
    }

    /// The exported name of the TypeScript type: `type`, else (for an enum) `object`, else
    /// the status's name.
    pub(crate) fn ts_type<'a>(&'a self, status: &'a str) -> &'a str {
        let enum_object = (self.ts_declaration() == Declaration::Enum)
            .then_some(self.ts_object.as_ref())
            .flatten();
        self.ts_type
            .as_ref()
            .or(enum_object)
            .map_or(status, |name| name.value.as_str())
    }
}

macro_rules! named {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub(crate) enum $name {
            #[default]
            $($(#[$vdoc])* $variant),*
        }

        impl $name {
            /// Every value's name, in the order the documentation lists them.
            pub(crate) const NAMES: &'static [&'static str] = &[$($text),*];

            pub(crate) fn from_name(name: &str) -> Option<Self> {
                [$(Self::$variant),*].into_iter().find(|v| v.name() == name)
            }

            pub(crate) const fn name(self) -> &'static str {
                match self { $(Self::$variant => $text),* }
            }
        }
    };
}

named! {
    /// The class a generated Python enum derives from.
    PythonBase {
        /// `StrEnum` (the default): `str()` is the value, equal to its value as a string.
        StrEnum = "StrEnum",
        /// `(str, Enum)`: equal to its value, but `str()` is `Class.MEMBER`.
        StrMixin = "str, Enum",
        /// `Enum`: `str()` is `Class.MEMBER`, and a member equals no string.
        Enum = "Enum",
    }
}

named! {
    /// How the keys of a TypeScript object (or members of an enum) are spelt.
    KeyStyle {
        /// `InProgress` (the default): the Rust variant.
        PascalCase = "PascalCase",
        /// `IN_PROGRESS`.
        ScreamingSnake = "SCREAMING_SNAKE_CASE",
        /// The wire value itself, as Prisma Client's enums have it: `in_progress`.
        Wire = "wire",
    }
}

named! {
    /// What declares a status in TypeScript.
    Declaration {
        /// `export const X = { … } as const` and `export type X = …` (the default).
        Const = "const",
        /// `export enum X { … }`.
        Enum = "enum",
    }
}

/// Python's keywords, which no name in a `mixin` may be.
const PYTHON_KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// An ASCII identifier of Python (and, with `$`, of JavaScript): a letter or `_`, then
/// letters, digits and `_`. Non-ASCII identifiers are valid in both languages but normalised
/// differently (NFKC in Python), so two that look alike could name different things.
fn is_identifier(text: &str, dollar: bool) -> bool {
    let ok = |c: char, first: bool| {
        c.is_ascii_alphabetic()
            || c == '_'
            || (dollar && c == '$')
            || (!first && c.is_ascii_digit())
    };
    let mut chars = text.chars();
    chars.next().is_some_and(|c| ok(c, true)) && chars.all(|c| ok(c, false))
}

/// TypeScript's primitive types, which no type alias (nor, for clarity, object) may be
/// named.
const TYPESCRIPT_PRIMITIVES: &[&str] = &[
    "any", "bigint", "boolean", "never", "number", "object", "string", "symbol", "unknown",
];

/// Checks of the values the parser reads, each `None` when the value is fine.
pub(crate) mod rules {
    use super::{
        Declaration, KeyStyle, PYTHON_KEYWORDS, PythonBase, TYPESCRIPT_PRIMITIVES, is_identifier,
    };
    use crate::diagnostic::{Code, Diagnostic};
    use crate::raw::Name;
    use crate::suggest;

    /// A value that names none of `names`.
    fn unknown(key: &str, value: &Name, names: &[&'static str]) -> Option<Diagnostic> {
        if names.contains(&value.value.as_str()) {
            return None;
        }
        Some(
            Diagnostic::new(
                Code::UnknownShape,
                value.span,
                format!("unknown `{key}` `{}`", value.value),
            )
            .label("not one statuskit generates")
            .maybe_help(suggest::did_you_mean(&value.value, names.iter().copied()))
            .note(format!(
                "`{key}` is one of {}",
                suggest::list(names.iter().copied(), 8)
            )),
        )
    }

    /// `python.base`.
    pub(crate) fn python_base(value: &Name) -> Option<Diagnostic> {
        let mut diagnostic = unknown("base", value, PythonBase::NAMES)?;
        // `str,Enum` is one edit from `StrEnum` too: spacing says which was meant.
        let squeezed: String = value.value.split_whitespace().collect();
        if let Some(name) = PythonBase::NAMES
            .iter()
            .find(|n| n.split_whitespace().collect::<String>() == squeezed)
        {
            diagnostic.help = Some(format!("did you mean `{name}`?"));
        }
        if value.value.contains("IntEnum") || value.value.contains("IntFlag") {
            diagnostic = diagnostic.note(
                "wire values are strings in every target (PostgreSQL enum labels, TypeScript unions); integer-valued statuses are not in the schema language",
            );
        }
        Some(diagnostic)
    }

    /// `typescript.keys`.
    pub(crate) fn key_style(value: &Name) -> Option<Diagnostic> {
        unknown("keys", value, KeyStyle::NAMES)
    }

    /// `typescript.declaration`.
    pub(crate) fn declaration(value: &Name) -> Option<Diagnostic> {
        unknown("declaration", value, Declaration::NAMES)
    }

    fn invalid(value: &Name, message: String, help: &str) -> Diagnostic {
        Diagnostic::new(Code::InvalidShapeName, value.span, message)
            .label("the generated code would not compile, or would mean something else")
            .help(help.to_owned())
    }

    /// `python.mixin`: `module:Class`, the module dotted names (a relative one starting with
    /// dots), every name an identifier and no keyword.
    pub(crate) fn mixin(value: &Name) -> Option<Diagnostic> {
        let valid_name =
            |name: &str| is_identifier(name, false) && !PYTHON_KEYWORDS.contains(&name);
        let valid = value.value.split_once(':').is_some_and(|(module, class)| {
            let absolute = module.trim_start_matches('.');
            valid_name(class)
                && (absolute.is_empty() && module.starts_with('.')
                    || absolute.split('.').all(valid_name))
        });
        // `from __future__ import …` is a compiler directive, allowed only at a module's top.
        let future = value.value.starts_with("__future__:");
        if valid && !future {
            return None;
        }
        Some(invalid(
            value,
            format!("`mixin` `{}` is not `module:Class`", value.value),
            "name the module the class is imported from and the class, `app.base:BaseState` (or `.base:BaseState` beside the generated file): ASCII identifiers, no keyword",
        ))
    }

    /// `python.helper_prefix`: empty, or what starts an identifier; never `__`, which Python
    /// mangles inside a class.
    pub(crate) fn helper_prefix(value: &Name) -> Option<Diagnostic> {
        let text = &value.value;
        if text.is_empty() || (is_identifier(text, false) && !text.starts_with("__")) {
            return None;
        }
        Some(invalid(
            value,
            format!("`helper_prefix` `{text}` cannot start a method name"),
            "use ASCII letters, digits and `_`, starting with a letter or one `_`: `sk_`",
        ))
    }

    /// `typescript.object` and `typescript.type`.
    pub(crate) fn ts_name(key: &str, value: &Name) -> Option<Diagnostic> {
        let text = value.value.as_str();
        let reserved = crate::check::TYPESCRIPT_KEYWORDS.contains(&text)
            || crate::check::TYPESCRIPT_RESERVED.contains(&text)
            || crate::check::TYPESCRIPT_PRELUDE.contains(&text)
            || TYPESCRIPT_PRIMITIVES.contains(&text);
        if is_identifier(text, true) && !reserved {
            return None;
        }
        let message = if reserved {
            format!("`{key}` `{text}` is taken in the generated TypeScript")
        } else {
            format!("`{key}` `{text}` is not a TypeScript identifier")
        };
        Some(invalid(
            value,
            message,
            "use ASCII letters, digits, `_` and `$`, not starting with a digit, and no keyword or global (`Map`, `Error`)",
        ))
    }

    /// An enum is one name: `object` and `type` cannot differ.
    pub(crate) fn enum_names(object: &Name, ty: &Name) -> Option<Diagnostic> {
        (object.value != ty.value).then(|| {
            Diagnostic::new(
                Code::InvalidShapeName,
                ty.span,
                format!(
                    "a TypeScript enum has one name, and `object` is `{}` but `type` is `{}`",
                    object.value, ty.value
                ),
            )
            .label("a second name")
            .secondary(object.span, "the enum's name")
            .help("with `declaration = \"enum\"`, set one of `object` and `type`")
        })
    }
}
