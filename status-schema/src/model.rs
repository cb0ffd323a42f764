//! The resolved model: what a schema means, ready for generators.
//!
//! Everything a generator needs is here already worked out: inheritance applied, `*`
//! expanded, event edges folded into the transition relation, wire values spelt, and every
//! conversion tabulated with its totality. A generator reads a [`Schema`] and never looks at
//! the TOML. A `Schema` handed out by [`crate::analyze`] has passed every check, so its
//! invariants hold: state names are unique snake_case, variants are unique and not keywords,
//! wire values and aliases are unique under the status's case rule, and every [`StateId`]
//! indexes the status it came from.
//!
//! ```
//! let source = status_schema::SourceFile::new("statuses.toml", r#"
//! schema_version = 1
//! [status.Light]
//! states = ["red", "green", "amber"]
//! initial = "red"
//! transitions = { red = ["green"], green = ["amber"], amber = ["red"] }
//! "#);
//! let schema = status_schema::analyze(&source).schema.expect("valid");
//! let light = schema.status("Light").unwrap();
//! let red = light.state_id("red").unwrap();
//! let green = light.state_id("green").unwrap();
//! assert!(light.can_transition(red, green));
//! assert!(!light.can_transition(green, red));
//! assert_eq!(light.state(green).variant, "Green");
//! ```

use std::collections::HashMap;

use crate::naming::RenameRule;
use crate::source::Span;

/// A whole schema: every status, and every conversion between them.
#[derive(Clone, Debug)]
pub struct Schema {
    /// The statuses, in the order the file declares them.
    pub statuses: Vec<Status>,
    /// Every conversion the schema defines, grouped by source status in declaration order.
    pub conversions: Vec<Conversion>,
    /// Lookups by name, so that generators stay linear in the schema's size.
    index: Index,
}

/// Where each status, and each status's run of conversions, sits.
#[derive(Clone, Debug, Default)]
struct Index {
    statuses: HashMap<String, usize>,
    conversions_from: HashMap<String, core::ops::Range<usize>>,
}

impl Schema {
    /// A schema of `statuses` and `conversions` (grouped by source status), indexed by name.
    pub(crate) fn new(statuses: Vec<Status>, conversions: Vec<Conversion>) -> Self {
        let mut index = Index::default();
        for (i, status) in statuses.iter().enumerate() {
            index.statuses.entry(status.name.clone()).or_insert(i);
        }
        let mut start = 0;
        while start < conversions.len() {
            let from = &conversions[start].from;
            let end = start
                + conversions[start..]
                    .iter()
                    .take_while(|c| &c.from == from)
                    .count();
            index
                .conversions_from
                .entry(from.clone())
                .or_insert(start..end);
            start = end;
        }
        Self {
            statuses,
            conversions,
            index,
        }
    }

    /// The status called `name`.
    pub fn status(&self, name: &str) -> Option<&Status> {
        // The fields are public, so the index is checked before it is trusted.
        match self
            .index
            .statuses
            .get(name)
            .and_then(|&i| self.statuses.get(i))
        {
            Some(status) if status.name == name => Some(status),
            _ => self.statuses.iter().find(|s| s.name == name),
        }
    }

    /// The conversion from `from` to `to`, if the schema defines one.
    pub fn conversion<'a>(&'a self, from: &'a str, to: &str) -> Option<&'a Conversion> {
        self.conversions_from(from).find(|c| c.to == to)
    }

    /// The conversions out of the status called `from`.
    pub fn conversions_from<'a>(&'a self, from: &'a str) -> impl Iterator<Item = &'a Conversion> {
        let indexed = self
            .index
            .conversions_from
            .get(from)
            .and_then(|range| self.conversions.get(range.clone()))
            .filter(|run| run.iter().all(|c| c.from == from));
        let all: &'a [Conversion] = indexed.unwrap_or(&self.conversions);
        all.iter().filter(move |c| c.from == from)
    }

    /// The chain of statuses `name` extends, nearest first (empty for a base family).
    pub fn ancestors(&self, name: &str) -> Vec<&Status> {
        let mut chain = Vec::new();
        let mut current = self.status(name);
        while let Some(base) = current.and_then(|s| s.extends.as_deref()) {
            // A checked schema has no cycles; the bound keeps a corrupt one from looping.
            if chain.len() > self.statuses.len() {
                break;
            }
            current = self.status(base);
            chain.extend(current);
        }
        chain
    }
}

/// The index of a state within its [`Status::states`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StateId(pub usize);

impl StateId {
    /// The index into [`Status::states`].
    pub const fn index(self) -> usize {
        self.0
    }
}

/// One status: a named set of states with its lifecycle, spellings and settings.
#[derive(Clone, Debug)]
pub struct Status {
    /// The Rust type name, as declared (`[status.NAME]`).
    pub name: String,
    /// Where the name is declared.
    pub span: Span,
    /// `doc`: what the status is for.
    pub doc: Option<String>,
    /// `deprecated`: the note, if the status is deprecated (may be empty).
    pub deprecated: Option<String>,
    /// `extends`: the status this one extends directly.
    pub extends: Option<String>,
    /// The states, in schema order: a base's states first, then those `add`ed.
    pub states: Vec<State>,
    /// `initial`.
    pub initial: Option<StateId>,
    /// The transition relation: every declared and event edge, once each, ordered by
    /// source and then target state.
    pub transitions: Vec<Transition>,
    /// `events`, in declaration order (a base's first).
    pub events: Vec<Event>,
    /// `aliases`: extra spellings accepted when parsing, in declaration order.
    pub aliases: Vec<Alias>,
    /// The convention wire values were derived with.
    pub rename_all: RenameRule,
    /// Whether parsing ignores ASCII case.
    pub case_insensitive: bool,
    /// `fallback`: the state unknown input parses to.
    pub fallback: Option<StateId>,
    /// Which status's `terminal` list is in force, and where it is written.
    pub terminal_source: Option<(String, Span)>,
}

/// One state of a status.
#[derive(Clone, Debug)]
pub struct State {
    /// Its position in [`Status::states`].
    pub id: StateId,
    /// The snake_case name used throughout the schema.
    pub name: String,
    /// The Rust variant name (UpperCamelCase of `name`).
    pub variant: String,
    /// The canonical wire value: written by every serialisation, accepted when parsing.
    pub wire: String,
    /// The display label (`labels`, else the name in sentence case).
    pub label: String,
    /// `docs`: what the state means.
    pub doc: Option<String>,
    /// Whether it is the `initial` state.
    pub is_initial: bool,
    /// Whether it is listed in `terminal`.
    pub is_terminal: bool,
    /// Where the state is declared (in `states` or `add`, possibly in a base).
    pub span: Span,
    /// The status whose `states` or `add` declares it (this one, or a base).
    pub declared_in: String,
    /// Where its `wire` entry is, if it has one.
    pub wire_span: Option<Span>,
}

impl State {
    /// `"initial"`, `"terminal"`, `"initial, terminal"` or `""`: how docs and tables name
    /// the state's role.
    pub fn role(&self) -> &'static str {
        match (self.is_initial, self.is_terminal) {
            (true, true) => "initial, terminal",
            (true, false) => "initial",
            (false, true) => "terminal",
            (false, false) => "",
        }
    }
}

/// An allowed move from one state to another.
#[derive(Clone, Debug)]
pub struct Transition {
    /// The state it leaves.
    pub from: StateId,
    /// The state it enters.
    pub to: StateId,
    /// Where it is first declared: a target in `transitions`, or an event's `to`.
    pub span: Span,
    /// The status whose schema entry declares it (this one, or a base it inherits from).
    pub declared_in: String,
}

/// A named transition (an operation), such as `start` or `mark_needs_rerun`.
#[derive(Clone, Debug)]
pub struct Event {
    /// The snake_case name.
    pub name: String,
    /// The Rust variant name of the event enum.
    pub variant: String,
    /// `doc`, if given.
    pub doc: Option<String>,
    /// The states it applies in, `*` expanded, in state order.
    pub from: Vec<StateId>,
    /// The state it moves to.
    pub to: StateId,
    /// Where the event is declared.
    pub span: Span,
    /// The status whose schema entry declares it.
    pub declared_in: String,
}

/// An accepted legacy spelling of a state.
#[derive(Clone, Debug)]
pub struct Alias {
    /// The spelling, exactly as written.
    pub spelling: String,
    /// The state it stands for.
    pub state: StateId,
    /// Where it is declared.
    pub span: Span,
    /// The status whose schema entry declares it.
    pub declared_in: String,
}

/// How one spelling is accepted when parsing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpellingKind {
    /// The canonical wire value.
    Wire,
    /// An alias.
    Alias,
}

/// A string that parses to a state, for generators of parsers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spelling<'a> {
    /// The text as written in the schema (match it ignoring ASCII case when
    /// [`Status::case_insensitive`] is set).
    pub text: &'a str,
    /// The state it parses to.
    pub state: StateId,
    /// Canonical or alias.
    pub kind: SpellingKind,
}

impl Status {
    /// The state with this id.
    ///
    /// # Panics
    /// If `id` does not come from this status.
    pub fn state(&self, id: StateId) -> &State {
        &self.states[id.0]
    }

    /// The id of the state called `name`.
    pub fn state_id(&self, name: &str) -> Option<StateId> {
        self.states.iter().position(|s| s.name == name).map(StateId)
    }

    /// Whether the status has a lifecycle (transitions or events), as opposed to being a
    /// plain value set such as an outcome.
    pub fn has_lifecycle(&self) -> bool {
        !self.transitions.is_empty() || !self.events.is_empty()
    }

    /// The terminal states, in state order.
    pub fn terminal_states(&self) -> impl Iterator<Item = &State> {
        self.states.iter().filter(|s| s.is_terminal)
    }

    /// Whether `from → to` is an allowed move.
    pub fn can_transition(&self, from: StateId, to: StateId) -> bool {
        self.transitions
            .binary_search_by(|t| (t.from, t.to).cmp(&(from, to)))
            .is_ok()
    }

    /// The states `from` may move to, in state order.
    pub fn successors(&self, from: StateId) -> impl Iterator<Item = StateId> + '_ {
        let start = self.transitions.partition_point(|t| t.from < from);
        self.transitions[start..]
            .iter()
            .take_while(move |t| t.from == from)
            .map(|t| t.to)
    }

    /// The event called `name`.
    pub fn event(&self, name: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.name == name)
    }

    /// Every accepted spelling: each state's wire value, then each alias.
    pub fn spellings(&self) -> impl Iterator<Item = Spelling<'_>> {
        let wires = self.states.iter().map(|s| Spelling {
            text: &s.wire,
            state: s.id,
            kind: SpellingKind::Wire,
        });
        let aliases = self.aliases.iter().map(|a| Spelling {
            text: &a.spelling,
            state: a.state,
            kind: SpellingKind::Alias,
        });
        wires.chain(aliases)
    }

    /// The state `input` parses to, by the same rules every generated parser follows:
    /// wire values and aliases, ASCII case ignored when the status says so, else the
    /// fallback. This is the reference the generated code is tested against.
    pub fn parse(&self, input: &str) -> Option<StateId> {
        self.spelled(input).or(self.fallback)
    }

    /// The state `input` spells (a wire value or an alias, under the case rule), without
    /// the fallback: what a migration must rewrite or may leave alone.
    pub fn spelled(&self, input: &str) -> Option<StateId> {
        self.spellings()
            .find(|s| {
                if self.case_insensitive {
                    s.text.eq_ignore_ascii_case(input)
                } else {
                    s.text == input
                }
            })
            .map(|s| s.state)
    }
}

/// Which relation between two statuses a [`Conversion`] comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConversionKind {
    /// `into.<Other>` between statuses not related by `extends`.
    Explicit,
    /// From an extension to a status it extends (directly or through a chain); same-named
    /// states map onto each other, `into` entries map the rest.
    ToBase,
    /// From a status to an extension of it; same-named states map onto each other.
    FromBase,
}

/// A mapping of one status's states onto another's.
#[derive(Clone, Debug)]
pub struct Conversion {
    /// The source status.
    pub from: String,
    /// The target status.
    pub to: String,
    /// Where the conversion comes from.
    pub kind: ConversionKind,
    /// For each source state (indexed by its [`StateId`]), the target state, if it has one.
    pub map: Vec<Option<StateId>>,
}

impl Conversion {
    /// Whether every source state has a target: total conversions become `From`, partial
    /// ones `TryFrom`.
    pub fn is_total(&self) -> bool {
        self.map.iter().all(Option::is_some)
    }

    /// The target of source state `from`.
    pub fn get(&self, from: StateId) -> Option<StateId> {
        self.map.get(from.0).copied().flatten()
    }
}
