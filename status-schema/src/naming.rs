//! How schema names become Rust names and wire values, and which names are valid.

use heck::{ToKebabCase, ToLowerCamelCase, ToShoutyKebabCase, ToShoutySnakeCase, ToUpperCamelCase};

/// A `rename_all` convention, in serde's vocabulary: how a state's wire value is spelt when
/// no `wire` entry sets it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RenameRule {
    /// `in_progress` (the default).
    #[default]
    SnakeCase,
    /// `IN_PROGRESS`.
    ScreamingSnakeCase,
    /// `in-progress`.
    KebabCase,
    /// `IN-PROGRESS`.
    ScreamingKebabCase,
    /// `inProgress`.
    CamelCase,
    /// `InProgress`.
    PascalCase,
    /// `inprogress`: the variant name lowercased, as serde does.
    Lowercase,
    /// `INPROGRESS`: the variant name uppercased, as serde does.
    Uppercase,
}

impl RenameRule {
    /// Every rule, with the spelling `rename_all` takes.
    pub const ALL: &'static [(&'static str, RenameRule)] = &[
        ("snake_case", RenameRule::SnakeCase),
        ("SCREAMING_SNAKE_CASE", RenameRule::ScreamingSnakeCase),
        ("kebab-case", RenameRule::KebabCase),
        ("SCREAMING-KEBAB-CASE", RenameRule::ScreamingKebabCase),
        ("camelCase", RenameRule::CamelCase),
        ("PascalCase", RenameRule::PascalCase),
        ("lowercase", RenameRule::Lowercase),
        ("UPPERCASE", RenameRule::Uppercase),
    ];

    /// Parses the spelling `rename_all` takes.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .find(|(spelling, _)| *spelling == name)
            .map(|&(_, rule)| rule)
    }

    /// The spelling `rename_all` takes for this rule.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|&&(_, rule)| rule == self)
            .map_or("snake_case", |&(spelling, _)| spelling)
    }

    /// The wire value of a snake_case state name under this rule.
    pub fn apply(self, state: &str) -> String {
        match self {
            RenameRule::SnakeCase => state.to_owned(),
            RenameRule::ScreamingSnakeCase => state.to_shouty_snake_case(),
            RenameRule::KebabCase => state.to_kebab_case(),
            RenameRule::ScreamingKebabCase => state.to_shouty_kebab_case(),
            RenameRule::CamelCase => state.to_lower_camel_case(),
            RenameRule::PascalCase => state.to_upper_camel_case(),
            RenameRule::Lowercase => state.to_upper_camel_case().to_ascii_lowercase(),
            RenameRule::Uppercase => state.to_upper_camel_case().to_ascii_uppercase(),
        }
    }
}

/// The longest identifier PostgreSQL keeps (`NAMEDATALEN - 1`); longer ones are truncated,
/// so two long names could silently become one.
pub const MAX_SQL_NAME_BYTES: usize = 63;

/// A PostgreSQL name statuskit derives (a status's type, its transition function, a
/// trigger, a constraint), within PostgreSQL's 63 bytes: a longer one is cut at a
/// character boundary and given a 64-bit hash of the whole name, so that two long names
/// stay apart instead of being truncated into one. The hash is stable (the same name gives
/// the same identifier on every machine and release); `check` refuses the rare schema whose
/// statuses would still share a name (E018).
pub fn sql_name(name: &str) -> String {
    if name.len() <= MAX_SQL_NAME_BYTES {
        return name.to_owned();
    }
    let mut cut = MAX_SQL_NAME_BYTES - 17;
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}_{:016x}", &name[..cut], fnv1a(name.as_bytes()))
}

/// 64-bit FNV-1a: small, and stable across releases, which `std`'s hashers do not promise.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The PostgreSQL type and transition function of a status: `task_status` and
/// `task_status_can_transition`, each kept within 63 bytes by [`sql_name`].
pub fn sql_status_names(status: &str) -> (String, String) {
    let snake = snake_name(status);
    (
        sql_name(&snake),
        sql_name(&format!("{snake}_can_transition")),
    )
}

/// The TypeScript helper object of a status, and the prefix of its tables: `TaskStatus` →
/// `taskStatus` (`taskStatusLabels`, …).
pub fn ts_helper(status: &str) -> String {
    status.to_lower_camel_case()
}

/// The zod schema of a status (`TypeScript --zod`): `TaskStatus` → `TaskStatusSchema`.
pub fn ts_zod_schema(status: &str) -> String {
    format!("{status}Schema")
}

/// The TypeScript conversion function from one status to another: `legacyStatusToTaskStatus`.
pub fn ts_conversion(from: &str, to: &str) -> String {
    format!("{}To{to}", ts_helper(from))
}

/// The SQLAlchemy column type of a status (`python --sqlalchemy`): `TaskStatusType`.
pub fn py_sqlalchemy_type(status: &str) -> String {
    format!("{status}Type")
}

/// The prefix of a status's Python tables: `TaskStatus` → `TASK_STATUS` (`_TASK_STATUS_LABELS`).
pub fn py_constant(status: &str) -> String {
    status.to_shouty_snake_case()
}

/// The Python conversion function from one status to another: `legacy_status_to_task_status`.
pub fn py_conversion(from: &str, to: &str) -> String {
    format!("{}_to_{}", snake_name(from), snake_name(to))
}

/// The table behind a Python conversion function: `_LEGACY_STATUS_TO_TASK_STATUS`.
pub fn py_conversion_table(function: &str) -> String {
    format!("_{}", function.to_shouty_snake_case())
}

/// The snake_case name of a status, for SQL types, Prisma maps and Python functions:
/// `TaskStatus` → `task_status`.
pub fn snake_name(name: &str) -> String {
    heck::ToSnakeCase::to_snake_case(name)
}

/// The Rust variant name of a snake_case state or event name: `in_progress` → `InProgress`.
pub fn variant_name(name: &str) -> String {
    name.to_upper_camel_case()
}

/// The default display label of a state: `needs_rerun` → `Needs rerun`.
pub fn default_label(name: &str) -> String {
    let spaced = name.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// Whether `name` is snake_case ASCII: lowercase letters and digits in words joined by single
/// underscores, starting with a letter.
pub fn is_snake_case(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.first().is_some_and(u8::is_ascii_lowercase)
        && bytes
            .iter()
            .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && !name.ends_with('_')
        && !name.contains("__")
}

/// Whether `name` is an UpperCamelCase Rust type name that compiles warning-free.
pub fn is_type_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.first().is_some_and(u8::is_ascii_uppercase)
        && bytes.iter().all(u8::is_ascii_alphanumeric)
        && !is_keyword(name)
}

/// Whether `ident` is a Rust keyword (strict or reserved, any edition) and so cannot be a
/// plain identifier. Of these, only `Self` can come out of UpperCamelCase conversion.
pub fn is_keyword(ident: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
        "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
        "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv",
        "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true", "try",
        "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
    ];
    KEYWORDS.contains(&ident)
}

/// A valid snake_case spelling close to `name`, for hints: `InProgress` → `in_progress`.
pub fn snake_case_suggestion(name: &str) -> Option<String> {
    let suggestion = snake_name(name);
    (is_snake_case(&suggestion) && suggestion != name).then_some(suggestion)
}

/// A valid type name close to `name`, for hints: `task_status` → `TaskStatus`.
pub fn type_name_suggestion(name: &str) -> Option<String> {
    let suggestion = name.to_upper_camel_case();
    (is_type_name(&suggestion) && suggestion != name).then_some(suggestion)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_sql_names_stay_distinct() {
        let a = sql_name(&format!("{}_a_transition", "x".repeat(60)));
        let b = sql_name(&format!("{}_b_transition", "x".repeat(60)));
        assert!(a.len() <= MAX_SQL_NAME_BYTES && b.len() <= MAX_SQL_NAME_BYTES);
        assert_ne!(a, b);
        assert_eq!(sql_name("task_status"), "task_status");
    }

    #[test]
    fn rename_rules_match_serde_on_variant_names() {
        let cases = [
            (RenameRule::SnakeCase, "in_progress"),
            (RenameRule::ScreamingSnakeCase, "IN_PROGRESS"),
            (RenameRule::KebabCase, "in-progress"),
            (RenameRule::ScreamingKebabCase, "IN-PROGRESS"),
            (RenameRule::CamelCase, "inProgress"),
            (RenameRule::PascalCase, "InProgress"),
            (RenameRule::Lowercase, "inprogress"),
            (RenameRule::Uppercase, "INPROGRESS"),
        ];
        for (rule, wire) in cases {
            assert_eq!(rule.apply("in_progress"), wire, "{rule:?}");
            assert_eq!(RenameRule::from_name(rule.name()), Some(rule));
        }
    }

    #[test]
    fn snake_case_names() {
        for ok in ["a", "pending", "in_progress", "step2", "wait_vm_ready"] {
            assert!(is_snake_case(ok), "{ok}");
        }
        for bad in [
            "",
            "InProgress",
            "in__progress",
            "_x",
            "x_",
            "2x",
            "in-progress",
            "é",
        ] {
            assert!(!is_snake_case(bad), "{bad}");
        }
    }

    #[test]
    fn type_names() {
        assert!(is_type_name("TaskStatus"));
        assert!(is_type_name("Http2Status"));
        for bad in ["taskStatus", "Task_Status", "Self", "", "Task Status"] {
            assert!(!is_type_name(bad), "{bad}");
        }
    }

    #[test]
    fn variants_and_labels() {
        assert_eq!(variant_name("wait_vm_ready"), "WaitVmReady");
        assert_eq!(variant_name("self"), "Self");
        assert_eq!(default_label("needs_rerun"), "Needs rerun");
    }
}
