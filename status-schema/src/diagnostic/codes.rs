//! The catalog of diagnostic codes: the one documented place that lists every rule.
//!
//! Codes are stable: a code is never reused for another rule, and tools may match on it.
//! `E…` codes are errors; `W…` codes are warnings, which fail only when warnings are denied.
//! `B…` codes are changes between two schemas (`statuskit diff`), whose severity the diff's
//! policy decides. `L…` codes are findings in the code around a schema (`statuskit lint`),
//! whose level its configuration decides.
//! The guide's diagnostics page (`docs/guide/src/diagnostics.md`) explains each one with an
//! example; a test keeps the two in step.

use super::Severity;

macro_rules! catalog {
    ($($variant:ident = $id:literal, $name:literal, $summary:literal;)*) => {
        /// A diagnostic code: which rule a [`Diagnostic`](super::Diagnostic) comes from.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Code {
            $(
                #[doc = $summary]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in catalog order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable identifier, such as `E020`.
            pub const fn id(self) -> &'static str {
                match self { $(Code::$variant => $id,)* }
            }

            /// A short kebab-case name, such as `unknown-state`.
            pub const fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// One sentence saying what the rule forbids.
            pub const fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary,)* }
            }
        }
    };
}

catalog! {
    // Reading the file.
    TomlSyntax = "E001", "toml-syntax", "The file is not valid TOML.";
    UnknownKey = "E002", "unknown-key", "A key that the schema language does not define.";
    WrongType = "E003", "wrong-type", "A value of the wrong type or shape for its key.";
    SchemaVersion = "E004", "schema-version", "`schema_version` is missing or not a version this tool reads.";
    UnknownRenameRule = "E005", "unknown-rename-rule", "`rename_all` names no known case convention.";
    NotUtf8 = "E006", "not-utf8", "The file is not UTF-8 text.";
    MissingKey = "E007", "missing-key", "A table that lacks a key it needs, such as an event without `to`.";
    // Names.
    InvalidStatusName = "E010", "invalid-status-name", "A status name that is not an UpperCamelCase Rust type name.";
    InvalidStateName = "E011", "invalid-state-name", "A state name that is not snake_case ASCII.";
    DuplicateState = "E012", "duplicate-state", "The same state listed twice.";
    KeywordVariant = "E013", "keyword-variant", "A state or event whose Rust variant would be a keyword, or a constant the generated enum declares (`ALL`, `NAME`, `INITIAL`).";
    VariantCollision = "E014", "variant-collision", "Two states (or two events) that become the same Rust variant.";
    NoStates = "E015", "no-states", "A status with no states.";
    InvalidEventName = "E016", "invalid-event-name", "An event name that is not snake_case ASCII.";
    GeneratedNameCollision = "E017", "generated-name-collision", "Two statuses (or a status and a conversion) whose generated code would declare the same name in one language.";
    SnakeNameCollision = "E018", "snake-name-collision", "Two statuses with the same snake_case name, which SQL types, Prisma maps and Python functions are named by.";
    ReservedName = "E019", "reserved-name", "A status named like a built-in of a generated language (`Error`, `None`, `String`), a name the generated code declares, or one whose derived names are taken (`Class`, `Text`).";
    // References.
    UnknownState = "E020", "unknown-state", "A reference to a state the status does not have.";
    UnknownStatus = "E021", "unknown-status", "A reference to a status the schema does not declare.";
    ExtendsCycle = "E022", "extends-cycle", "Statuses that extend each other in a cycle.";
    AddExistingState = "E023", "add-existing-state", "`add` of a state the base already has.";
    RemoveMissingState = "E024", "remove-missing-state", "`remove` of a state the base does not have.";
    WildcardTarget = "E025", "wildcard-target", "`*` used as a transition or event target.";
    MisplacedKey = "E026", "misplaced-key", "A key that does not apply here: `states` on an extension, `add`/`remove` without `extends`.";
    IntoSelf = "E027", "into-self", "A status with a conversion `into` itself.";
    // `[[generate]]`.
    UnknownTarget = "E060", "unknown-target", "A `[[generate]]` entry whose `target` is not one statuskit writes.";
    DuplicateOutput = "E061", "duplicate-output", "Two `[[generate]]` entries that write the same file.";
    OutputOutside = "E062", "output-outside", "A `[[generate]]` `out` (or `[migrations]` `dir`, or a `[lint]` path) that is empty, absolute, or climbs out of the schema's directory with `..`.";
    InvalidColumn = "E063", "invalid-column", "A `column` binding that is not `table.column=Status`, or a `[migrations]` `columns` key that is not `table.column`.";
    OutputForbidden = "E064", "output-forbidden", "A `[[generate]]` `out` (or `[migrations]` `dir`, or a `[lint]` path) inside a version-control directory (`.git`, `.hg`, `.svn`), or an `out` naming a TOML file, which could be a schema.";
    InvalidOutputPath = "E065", "invalid-output-path", "A `[[generate]]` `out` (or `[migrations]` `dir`) holding a control character (NUL included), a bidirectional control or a backslash, or an `out` ending with `/` where its target writes one file.";
    OutputOverlap = "E066", "output-overlap", "A `[[generate]]` `out` inside a directory another entry owns (Mermaid, a file per status, or the migration history), or below another entry's file.";
    // `[migrations]`.
    UnknownMigrationStyle = "E067", "unknown-migration-style", "`[migrations]` `style` names no migration runner statuskit writes files for.";
    UnknownStorage = "E068", "unknown-storage", "`[migrations]` `storage` is neither `enum` nor `text`.";
    ColumnNameCollision = "E069", "column-name-collision", "Two `[migrations]` columns whose trigger functions would share a name (`a.b_c` and `a_b.c`), or that may be one column (`jobs.state` and `public.jobs.state`).";
    // Shapes of the generated code (`python = { … }`, `typescript = { … }`).
    UnknownShape = "E070", "unknown-shape", "A `python.base`, `typescript.keys` or `typescript.declaration` naming no shape statuskit generates.";
    InvalidShapeName = "E071", "invalid-shape-name", "A `python.mixin` that is not `module:Class`, a `helper_prefix` that cannot start a method name, or a `typescript.object`/`type` that is no identifier, is a keyword or global, or (for an enum) differs from the other.";
    // Size.
    ExtendsTooDeep = "E050", "extends-too-deep", "An `extends` chain deeper than 16 statuses.";
    SchemaTooLarge = "E051", "schema-too-large", "A schema that resolves to more than 1,000,000 states, transitions, spellings and conversion entries, each status counting 64 besides.";
    // Lifecycle.
    TerminalExit = "E030", "terminal-exit", "A terminal state with an outgoing transition.";
    // Wire values and spellings.
    DuplicateWire = "E040", "duplicate-wire", "Two states with the same wire value.";
    AliasCollision = "E041", "alias-collision", "An alias that is another state's wire value or alias.";
    EmptyWire = "E042", "empty-wire", "An empty wire value or alias.";
    // Text: what generated code can carry (see `crate::text`).
    ControlCharacter = "E043", "control-character", "Text holding a control character its field cannot carry: NUL, escape, or a line break in a wire value.";
    BidiControl = "E044", "bidi-control", "Text holding a bidirectional control character, which makes it display unlike it reads.";
    InvalidLabel = "E045", "invalid-label", "A label that is blank or spans more than one line.";
    SpellingWhitespace = "E046", "spelling-whitespace", "A wire value or alias with whitespace at either end, or only whitespace.";
    SpellingTooLong = "E047", "spelling-too-long", "A wire value or alias over 63 bytes, PostgreSQL's limit for an enum label.";
    ReservedInUse = "E048", "reserved-in-use", "A `reserved` (retired) wire value that spells a state again, as a wire value or an alias.";
    TextTooLong = "E049", "text-too-long", "A label over 256 bytes, or prose (`doc`, `docs`, `deprecated`) over 8 KiB.";
    // Warnings.
    UnreachableState = "W001", "unreachable-state", "A state that no path from `initial` (or from the `fallback` state, which parsing enters) reaches.";
    DeadEnd = "W002", "dead-end", "A non-terminal state with no way out.";
    RedundantAlias = "W003", "redundant-alias", "An alias that its own state already accepts.";
    NoInitial = "W004", "no-initial", "A status with a lifecycle but no `initial` state.";
    EventAppliesNowhere = "W005", "event-applies-nowhere", "An event that applies in no state: its `from` is `*` and every other state is terminal, or an extension removed every state it named.";
    // Changes between two schemas (`statuskit diff`): wire.
    StatusRemoved = "B001", "status-removed", "A status of the old schema that the new one does not declare: removed or renamed.";
    ValueUnreadable = "B002", "value-unreadable", "A state removed while its wire value is neither an alias of another state, nor migrated by an `into` table, nor `reserved`.";
    WireChanged = "B003", "wire-changed", "A state's wire value changed, or now reads as another state, without the old value kept as an alias.";
    AliasRemoved = "B004", "alias-removed", "An alias that no longer parses, or parses as another state.";
    CaseSensitive = "B005", "case-sensitive", "`case_insensitive` turned off: values stored in another case stop parsing.";
    FallbackRemoved = "B006", "fallback-removed", "`fallback` removed or changed: unknown values that used to parse now fail, or read as another state.";
    ReservedReused = "B007", "reserved-reused", "A value the old schema reserved that the new one spells again.";
    WriteUnreadable = "B008", "write-unreadable", "A state now written as a value that the previous release does not read as that state: during a rolling deploy its readers fail, or read another state.";
    FallbackValueClaimed = "B009", "fallback-value-claimed", "A value the old `fallback` read as its state now reads as another state through a new alias: stored rows holding it change meaning.";
    StoredValueRenamed = "B010", "stored-value-renamed", "A state's stored value changes (its old value kept as an alias): the migration rewrites stored rows, so the previous release's queries comparing with the old value find none (its writes of it are accepted and stored as the new value).";
    // Source.
    VariantRemoved = "B101", "variant-removed", "A state (its Rust variant, TypeScript and Python member) removed or renamed.";
    EventRemoved = "B102", "event-removed", "An event removed or renamed.";
    ConversionRemoved = "B103", "conversion-removed", "A conversion between two statuses that both still exist, removed.";
    ConversionPartial = "B104", "conversion-partial", "A total conversion (`From`) that became partial (`TryFrom`).";
    StateAdded = "B105", "state-added", "A state added: exhaustive matches over the status stop compiling.";
    // Behaviour.
    MoveRemoved = "B201", "move-removed", "A transition removed: rows in its source state can no longer take it.";
    InitialChanged = "B202", "initial-changed", "`initial` changed.";
    MadeTerminal = "B203", "made-terminal", "A state made terminal: rows in it can no longer move.";
    MoveAdded = "B204", "move-added", "A transition added (a note: it breaks nobody).";
    ConversionChanged = "B205", "conversion-changed", "A conversion that maps a state onto another state than before, or no longer maps it: converted values, and rows migrated through it, change meaning.";
    OrderChanged = "B206", "order-changed", "The states' order changed: the enum type is rebuilt (the table rewritten under a lock), and ordering and comparisons on the column change.";
    InvalidLintSetting = "E072", "invalid-lint-setting", "A `[lint]` rule that `statuskit lint` does not have, or a level other than `error`, `warn` or `off`.";
    // The code around the schema (`statuskit lint`).
    UnknownValue = "L001", "unknown-value", "A literal used as a status's value (compared with, assigned to, passed as or stored in a place the status governs) that is no spelling of it.";
    LegacySpelling = "L002", "legacy-spelling", "A literal used as a status's value that is an alias or another case of a state, not its canonical wire value.";
    DriftedCopy = "L003", "drifted-copy", "A hand-written definition that holds most of a status's states but lacks some, adds others, or spells them otherwise.";
    TransitionNotAllowed = "L004", "transition-not-allowed", "A transition table in the code that allows a move the schema does not.";
}

impl Code {
    /// Errors fail a check; warnings fail it only when warnings are denied. A copy that
    /// drifted (L003) and a legacy spelling (L002) are warnings by default: the code still
    /// runs, on values the parsers accept.
    pub fn severity(self) -> Severity {
        if self.id().starts_with('W') || matches!(self, Code::DriftedCopy | Code::LegacySpelling) {
            Severity::Warning
        } else {
            Severity::Error
        }
    }
}

impl core::fmt::Display for Code {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_names_are_unique() {
        for (i, a) in Code::ALL.iter().enumerate() {
            for b in &Code::ALL[i + 1..] {
                assert_ne!(a.id(), b.id());
                assert_ne!(a.name(), b.name());
            }
        }
    }
}
