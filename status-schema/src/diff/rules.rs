//! The diff rules, one function per kind of change; each reads the two models and pushes a
//! [`Change`] per finding.

use super::{Category, Change, Side};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Schema, StateId, Status};

/// The category of each diff rule.
pub(super) fn category(code: Code) -> Option<Category> {
    Some(match code {
        Code::StatusRemoved
        | Code::ValueUnreadable
        | Code::WireChanged
        | Code::AliasRemoved
        | Code::CaseSensitive
        | Code::FallbackRemoved
        | Code::ReservedReused
        | Code::WriteUnreadable
        | Code::FallbackValueClaimed
        | Code::StoredValueRenamed => Category::Wire,
        Code::VariantRemoved
        | Code::EventRemoved
        | Code::ConversionRemoved
        | Code::ConversionPartial
        | Code::StateAdded => Category::Source,
        Code::MoveRemoved
        | Code::InitialChanged
        | Code::MadeTerminal
        | Code::MoveAdded
        | Code::ConversionChanged
        | Code::OrderChanged => Category::Behaviour,
        _ => return None,
    })
}

/// Rules that report what breaks nobody.
pub(super) fn informational(code: Code) -> bool {
    code == Code::MoveAdded
}

/// Every change, status by status in the old schema's order, then conversions.
pub(super) fn changes(old: &Schema, new: &Schema) -> Vec<Change> {
    let mut out = Vec::new();
    for before in old.statuses() {
        let Some(after) = new.status(before.name()) else {
            out.push(change(
                Side::Old,
                Diagnostic::new(
                    Code::StatusRemoved,
                    before.span,
                    format!("status `{}` is removed or renamed", before.name),
                )
                .label("not in the new schema")
                .help("keep the status (`deprecated = \"…\"` marks it as kept only to read old data), or migrate its rows first"),
            ));
            continue;
        };
        let pair = Pair { new, before, after };
        pair.wire_values(&mut out);
        pair.writes(&mut out);
        pair.stored_values(&mut out);
        pair.aliases(&mut out);
        pair.fallback_values(&mut out);
        pair.settings(&mut out);
        pair.source(&mut out);
        pair.lifecycle(&mut out);
        pair.order(&mut out);
        pair.ends(&mut out);
    }
    conversions(old, new, &mut out);
    out
}

fn change(side: Side, diagnostic: Diagnostic) -> Change {
    Change {
        category: category(diagnostic.code).unwrap_or(Category::Wire),
        side,
        diagnostic,
    }
}

/// One status in both schemas.
struct Pair<'a> {
    new: &'a Schema,
    before: &'a Status,
    after: &'a Status,
}

impl Pair<'_> {
    fn same(&self, id: StateId) -> Option<StateId> {
        self.after.state_id(&self.before.state(id).name)
    }

    /// For each new state, the old state whose rows it holds: the same name, else the removed
    /// state renamed to it (its value kept as an alias). One pass, linear in the states.
    fn predecessors(&self) -> Vec<Option<StateId>> {
        let mut out: Vec<Option<StateId>> = self
            .after
            .states
            .iter()
            .map(|s| self.before.state_id(&s.name))
            .collect();
        for old in &self.before.states {
            if self.same(old.id).is_none()
                && let Some(new) = self.successor(old.id)
                && out[new.index()].is_none()
            {
                out[new.index()] = Some(old.id);
            }
        }
        out
    }

    /// The state an old state's rows are in after the change: the same name, else the
    /// state the new status says its wire value now reads as (a rename kept as an alias).
    fn successor(&self, id: StateId) -> Option<StateId> {
        self.same(id).or_else(|| {
            let wire = &self.before.state(id).wire;
            self.after.spelled(wire).filter(|_| self.said(wire, id))
        })
    }

    /// Whether the new status reads `value`, once a spelling of the old state `meant`,
    /// because the schema says so: the spelling it matches is new, or was `meant`'s in the
    /// old status too; not another state's value that matches only now that case is
    /// ignored.
    fn said(&self, value: &str, meant: StateId) -> bool {
        self.after
            .spelling_of(value)
            .is_some_and(|(_, text)| self.before.spelled(text).is_none_or(|old| old == meant))
    }

    /// The state the new status reads a removed state's value as only through another
    /// state's value and the case rule, if it does.
    fn read_by_accident(&self, value: &str, meant: StateId) -> Option<StateId> {
        let read = self.after.spelled(value)?;
        (!self.said(value, meant)).then_some(read)
    }

    /// Whether `read`, a state the old status had with a value of its own, now has `value`
    /// (a removed state's) as its wire value: the rows of both merge.
    fn took_over(&self, value: &str, read: StateId) -> bool {
        let now = self.after.state(read);
        self.after
            .spelling_of(value)
            .is_some_and(|(_, text)| text == now.wire)
            && self.before.state_id(&now.name).is_some_and(|old| {
                self.before.spelled(&self.before.state(old).wire) != self.before.spelled(value)
            })
    }

    /// The new fallback, where it reads what the old one read (its value kept).
    fn kept_fallback(&self) -> Option<StateId> {
        let old = self.before.fallback?;
        self.after
            .fallback
            .filter(|&new| self.after.spelled(&self.before.state(old).wire) == Some(new))
    }

    /// Whether a conversion into the new status reads `value` (a legacy status that still
    /// spells it, mapped onto a state): rows can be migrated through it.
    ///
    /// Where the old status ignored case, rows may hold the value in any case, so only a
    /// source that ignores case too reads them all.
    fn migrated(&self, value: &str) -> bool {
        self.new
            .converts_into(&self.after.name, value, self.before.case_insensitive)
    }

    /// What the previous release makes of what this one writes: each kept state's wire
    /// value must read, in the old status, as that state. During a rolling deploy the old
    /// release reads rows and messages the new one writes.
    fn writes(&self, out: &mut Vec<Change>) {
        let predecessors = self.predecessors();
        for state in &self.after.states {
            let Some(old_id) = predecessors[state.id.index()] else {
                continue; // An added state: B105.
            };
            let read = self.before.spelled(&state.wire);
            // Read as itself, or as the old fallback when this is that state.
            if read == Some(old_id) || (read.is_none() && self.before.fallback == Some(old_id)) {
                continue;
            }
            let reading = match (read, self.before.fallback) {
                (Some(other), _) => format!("reads it as `{}`", self.before.state(other).name),
                (None, Some(fallback)) => format!(
                    "reads it as its fallback `{}`",
                    self.before.state(fallback).name
                ),
                (None, None) => "cannot read it".to_owned(),
            };
            out.push(change(
                Side::New,
                Diagnostic::new(
                    Code::WriteUnreadable,
                    state.wire_site(),
                    format!(
                        "`{}` is now written as `{}`, and the previous release of `{}` {reading}",
                        state.name, state.wire, self.after.name
                    ),
                )
                .label("what old readers receive during a deploy")
                .help(format!(
                    "first release a version that reads `{}` as `{}` (an alias), then one that writes it",
                    state.wire,
                    self.before.state(old_id).name
                )),
            ));
        }
    }

    /// Where a kept state's value changed and the old one reads as it still (an alias, or
    /// another case): readers agree, but the database stores one value per state, so the
    /// migration rewrites rows to the new value and refuses the old one from then on.
    fn stored_values(&self, out: &mut Vec<Change>) {
        for state in &self.before.states {
            // The same state, or the one it was renamed to with its value kept as an alias.
            let Some(same) = self.successor(state.id) else {
                continue;
            };
            let now = self.after.state(same);
            if now.wire == state.wire || self.after.spelled(&state.wire) != Some(same) {
                continue; // Unchanged, or unreadable now: B003.
            }
            out.push(change(
                Side::New,
                Diagnostic::new(
                    Code::StoredValueRenamed,
                    now.wire_site(),
                    format!(
                        "`{}` is stored as `{}` from now on, not `{}`: the migration rewrites the rows, so the previous release's queries comparing with `{}` find none",
                        state.name, now.wire, state.wire, state.wire
                    ),
                )
                .label("the previous release still filters by the old value")
                .help("its writes of the old value are accepted (the database stores the new one); migrate once no release queries by the old value, or keep it as the wire value until then"),
            ));
        }
    }

    /// Values the old fallback absorbed that now read as another state: rows holding them
    /// change meaning. Only spellings the new status names can differ (every other unknown
    /// value still reads as the fallback, or fails: B006).
    fn fallback_values(&self, out: &mut Vec<Change>) {
        let Some(old_fallback) = self.before.fallback else {
            return;
        };
        let was = &self.before.state(old_fallback).name;
        let kept = self.kept_fallback();
        if !self.before.case_insensitive && self.after.case_insensitive {
            let example = self.before.states.first().map_or("", |s| s.wire.as_str());
            out.push(change(
                Side::New,
                Diagnostic::new(
                    Code::FallbackValueClaimed,
                    self.after.span,
                    format!(
                        "`{}` now ignores case: other cases of its values (`{}` for `{example}`) read as the fallback `{was}` before, and as their states now",
                        self.after.name,
                        example.to_ascii_uppercase()
                    ),
                )
                .label("stored rows holding them change meaning")
                .help("if rows or messages may hold other cases, decide what they were; `--allow fallback-value-claimed` once you have"),
            ));
        }
        // Aliases only: an added state's own value read as the fallback by old readers is
        // what a fallback is for (a newer writer's state), and reads as that state now as
        // intended; an alias gives an existing value another meaning.
        let spellings = self
            .after
            .aliases
            .iter()
            .map(|a| (a.spelling.as_str(), a.state, a.span));
        for (text, state, span) in spellings {
            let now = &self.after.state(state).name;
            if self.before.spelled(text).is_some() || now == was || Some(state) == kept {
                continue;
            }
            out.push(change(
                Side::New,
                Diagnostic::new(
                    Code::FallbackValueClaimed,
                    span,
                    format!(
                        "`{text}` was read by `{}` as its fallback `{was}`, and now reads as `{now}`",
                        self.after.name
                    ),
                )
                .label("stored rows holding it change meaning")
                .help(format!(
                    "if rows or messages may hold `{text}`, they read as `{now}` from now on: that is the point of the alias if they were `{now}`s; otherwise map it to `{was}`, and `--allow fallback-value-claimed` once you have decided"
                )),
            ));
        }
    }

    /// Each old state's wire value must still read as that state (or, for a removed state,
    /// as anything, be retired, or be migrated).
    fn wire_values(&self, out: &mut Vec<Change>) {
        for state in &self.before.states {
            let value = state.wire.as_str();
            let read = self.after.spelled(value);
            match (self.same(state.id), read) {
                (Some(same), Some(read)) if read == same => {}
                (Some(same), Some(read)) => out.push(change(
                    Side::New,
                    Diagnostic::new(
                        Code::WireChanged,
                        self.after.state(same).wire_site(),
                        format!(
                            "`{value}`, the wire value of `{}` in `{}`, now reads as `{}`",
                            state.name,
                            self.after.name,
                            self.after.state(read).name
                        ),
                    )
                    .label("stored rows change meaning")
                    .help(format!(
                        "keep `{value}` meaning `{}`: give the new state another value",
                        state.name
                    )),
                )),
                (Some(same), None) if !self.after.is_reserved(value) => out.push(change(
                    Side::New,
                    Diagnostic::new(
                        Code::WireChanged,
                        self.after.state(same).wire_site(),
                        format!(
                            "the wire value of `{}` in `{}` changed from `{value}` to `{}`",
                            state.name,
                            self.after.name,
                            self.after.state(same).wire
                        ),
                    )
                    .label(format!("`{value}` no longer parses"))
                    .help(format!(
                        "keep reading old rows: add `{value} = \"{}\"` to `aliases`",
                        state.name
                    )),
                )),
                (None, Some(_)) if self.read_by_accident(value, state.id).is_some() => {
                    out.push(self.accidental(state, value));
                }
                (None, Some(read)) if self.took_over(value, read) => out.push(change(
                    Side::New,
                    Diagnostic::new(
                        Code::WireChanged,
                        self.after.state(read).wire_site(),
                        format!(
                            "`{value}`, the value of the removed `{}`, is now the value of `{}` in `{}`",
                            state.name,
                            self.after.state(read).name,
                            self.after.name
                        ),
                    )
                    .label(format!(
                        "rows of `{}` and of `{}` become one",
                        state.name,
                        self.after.state(read).name
                    ))
                    .help(format!(
                        "retire `{value}` first (`{value} = \"{}\"` in `aliases`, in a release of its own), or give `{}` a value nobody used",
                        self.after.state(read).name,
                        self.after.state(read).name
                    )),
                )),
                // Retired knowingly, or a removed state's value read as another state.
                (Some(_), None) | (None, Some(_)) => {}
                (None, None) if self.after.is_reserved(value) || self.migrated(value) => {}
                (None, None) => out.push(change(
                    Side::Old,
                    Diagnostic::new(
                        Code::ValueUnreadable,
                        state.span,
                        match self.after.fallback {
                            Some(fallback) => format!(
                                "state `{}` of `{}` is removed, and its wire value `{value}` now reads as the fallback `{}`",
                                state.name,
                                self.before.name,
                                self.after.state(fallback).name
                            ),
                            None => format!(
                                "state `{}` of `{}` is removed, and its wire value `{value}` no longer parses",
                                state.name, self.before.name
                            ),
                        },
                    )
                    .label("stored rows hold this value")
                    .help(format!(
                        "say what old rows become: an alias `{value} = \"<state>\"`, an `into` table from a legacy status, or `reserved = [\"{value}\"]` to retire it knowingly"
                    )),
                )),
            }
        }
    }

    /// A removed state's value that the new status reads as another state only through that
    /// state's value and the case rule.
    fn accidental(&self, state: &crate::model::State, value: &str) -> Change {
        let read = self
            .read_by_accident(value, state.id)
            .map_or(String::new(), |r| self.after.state(r).name.clone());
        change(
            Side::Old,
            Diagnostic::new(
                Code::ValueUnreadable,
                state.span,
                format!(
                    "state `{}` of `{}` is removed, and its value `{value}` now reads as `{read}` only because `{}` ignores case",
                    state.name, self.before.name, self.after.name
                ),
            )
            .label("stored rows hold this value")
            .help(format!(
                "say what old rows become: an alias `{value} = \"<state>\"`, or `reserved = [\"{value}\"]`; or keep `case_insensitive = false`"
            )),
        )
    }

    /// Each old alias must still read as the same state (or, if that state is gone, as
    /// something).
    fn aliases(&self, out: &mut Vec<Change>) {
        for alias in &self.before.aliases {
            let spelling = alias.spelling.as_str();
            let meant = self.same(alias.state);
            match (self.after.spelled(spelling), meant) {
                (Some(read), Some(meant)) if read == meant => {}
                (Some(_), None) if self.read_by_accident(spelling, alias.state).is_some() => {
                    out.push(self.accidental(self.before.state(alias.state), spelling));
                }
                (Some(_), None) => {}
                (None, _) if self.after.is_reserved(spelling) || self.migrated(spelling) => {}
                (read, _) => {
                    let old_state = &self.before.state(alias.state).name;
                    let message = match read {
                        Some(read) => format!(
                            "alias `{spelling}` of `{}` now reads as `{}`, not `{old_state}`",
                            self.before.name,
                            self.after.state(read).name
                        ),
                        None => format!(
                            "alias `{spelling}` of `{}` (for `{old_state}`) no longer parses",
                            self.before.name
                        ),
                    };
                    out.push(change(
                        Side::Old,
                        Diagnostic::new(Code::AliasRemoved, alias.span, message)
                            .label("old rows and clients may hold it")
                            .help(format!(
                                "keep `{spelling} = \"{old_state}\"` in `aliases`, or retire it with `reserved`"
                            )),
                    ));
                }
            }
        }
        for value in self.before.reserved() {
            // Read as the fallback, it reads as it did.
            let read = self
                .after
                .spelled(value)
                .filter(|&read| self.kept_fallback() != Some(read));
            if let Some(read) = read {
                let state = self.after.state(read);
                out.push(change(
                    Side::New,
                    Diagnostic::new(
                        Code::ReservedReused,
                        state.wire_site(),
                        format!(
                            "`{value}` was reserved in `{}`, and now reads as `{}`",
                            self.before.name, state.name
                        ),
                    )
                    .label("a retired value, used again")
                    .help("choose another value: stored rows may hold the retired one with its old meaning"),
                ));
            }
        }
    }

    /// Settings that change how every value parses.
    fn settings(&self, out: &mut Vec<Change>) {
        if self.before.case_insensitive && !self.after.case_insensitive {
            out.push(change(
                Side::New,
                Diagnostic::new(
                    Code::CaseSensitive,
                    self.after.span,
                    format!("`{}` no longer ignores ASCII case when parsing", self.after.name),
                )
                .label("`case_insensitive = false`")
                .help(format!(
                    "values stored in another case (`{}` for `{}`) stop parsing; keep `case_insensitive = true`, or add the spellings in use as aliases",
                    self.before.states.first().map_or(String::new(), |s| s.wire.to_ascii_uppercase()),
                    self.before.states.first().map_or("", |s| s.wire.as_str())
                )),
            ));
        }
        if let (Some(old), Some(new)) = (self.before.fallback, self.after.fallback) {
            let (was, is) = (&self.before.state(old).name, &self.after.state(new).name);
            // Unknown values read as the fallback's value: a fallback renamed with its value
            // kept reads them as before (the rename itself is B101's).
            let same_value = self.after.spelled(&self.before.state(old).wire) == Some(new);
            if !same_value {
                out.push(change(
                    Side::New,
                    Diagnostic::new(
                        Code::FallbackRemoved,
                        self.after.span,
                        format!("the `fallback` of `{}` changed from `{was}` to `{is}`", self.after.name),
                    )
                    .label(format!("unknown values now read as `{is}`"))
                    .help("rows and messages that held unknown values change meaning; keep the fallback, or rewrite them first"),
                ));
            }
        }
        if let (Some(old), None) = (self.before.fallback, self.after.fallback) {
            out.push(change(
                Side::New,
                Diagnostic::new(
                    Code::FallbackRemoved,
                    self.after.span,
                    format!(
                        "`{}` has no `fallback` any more (it was `{}`)",
                        self.after.name,
                        self.before.state(old).name
                    ),
                )
                .label("unknown values now fail to parse")
                .help("keep the fallback, or make sure no stored value is unknown first"),
            ));
        }
    }

    /// Names generated code declares: variants, events, and added states.
    fn source(&self, out: &mut Vec<Change>) {
        for state in &self.before.states {
            if self.after.state_id(&state.name).is_none() {
                out.push(change(
                    Side::Old,
                    Diagnostic::new(
                        Code::VariantRemoved,
                        state.span,
                        format!(
                            "state `{}` of `{}` is removed or renamed: variant `{}::{}` goes",
                            state.name, self.before.name, self.before.name, state.variant
                        ),
                    )
                    .label("code that names it stops compiling")
                    .help("update the code that names it, in every language generated from the schema"),
                ));
            }
        }
        for event in &self.before.events {
            if self.after.event(&event.name).is_none() {
                out.push(change(
                    Side::Old,
                    Diagnostic::new(
                        Code::EventRemoved,
                        event.span,
                        format!(
                            "event `{}` of `{}` is removed or renamed",
                            event.name, self.before.name
                        ),
                    )
                    .label("code that applies it stops compiling")
                    .help("keep the event, or update the code that applies it"),
                ));
            }
        }
        for state in &self.after.states {
            if self.before.state_id(&state.name).is_none() {
                out.push(change(
                    Side::New,
                    Diagnostic::new(
                        Code::StateAdded,
                        state.span,
                        format!("state `{}` is added to `{}`", state.name, self.after.name),
                    )
                    .label("exhaustive matches over the status stop compiling")
                    .help("handle it wherever code matches on every state; allow this rule (`--allow state-added`) if adding states is expected"),
                ));
            }
        }
    }

    /// Moves removed and added.
    fn lifecycle(&self, out: &mut Vec<Change>) {
        for transition in &self.before.transitions {
            // A move whose source is gone goes with it (B101); one whose target is gone is
            // removed for the rows still in its source.
            let Some(from) = self.same(transition.from) else {
                continue;
            };
            // A target renamed with its old value kept as an alias is still reached: rows
            // that move there are stored as the new state.
            let to = self.successor(transition.to);
            if to.is_none_or(|to| !self.after.can_transition(from, to)) {
                let from_name = &self.after.state(from).name;
                let to_name = match self.same(transition.to) {
                    Some(to) => format!("`{}`", self.after.state(to).name),
                    None => format!("`{}` (removed)", self.before.state(transition.to).name),
                };
                let stuck = if self.after.successors(from).next().is_none()
                    && !self.after.state(from).is_terminal
                {
                    format!("; rows in `{from_name}` can no longer move at all")
                } else {
                    String::new()
                };
                out.push(change(
                    Side::Old,
                    Diagnostic::new(
                        Code::MoveRemoved,
                        transition.span,
                        format!(
                            "`{}` no longer allows `{from_name}` → {to_name}{stuck}",
                            self.after.name
                        ),
                    )
                    .label("a move rows may be waiting to make")
                    .help(format!(
                        "move the rows in `{from_name}` on first, or keep the transition"
                    )),
                ));
            }
        }
        for transition in &self.after.transitions {
            let old_from = self
                .before
                .state_id(&self.after.state(transition.from).name);
            let old_to = self.before.state_id(&self.after.state(transition.to).name);
            if let (Some(from), Some(to)) = (old_from, old_to)
                && !self.before.can_transition(from, to)
            {
                out.push(change(
                    Side::New,
                    Diagnostic::new(
                        Code::MoveAdded,
                        transition.span,
                        format!(
                            "`{}` now allows `{}` → `{}`",
                            self.after.name,
                            self.after.state(transition.from).name,
                            self.after.state(transition.to).name
                        ),
                    )
                    .label("a new move"),
                ));
            }
        }
    }

    /// The order of the states both versions have.
    fn order(&self, out: &mut Vec<Change>) {
        let kept = self
            .before
            .states
            .iter()
            .filter_map(|s| self.after.state_id(&s.name));
        let mut previous: Option<StateId> = None;
        for now in kept {
            if let Some(before) = previous
                && now.index() < before.index()
            {
                out.push(change(
                    Side::New,
                    Diagnostic::new(
                        Code::OrderChanged,
                        self.after.state(now).span,
                        format!(
                            "`{}` now comes before `{}` in `{}`",
                            self.after.state(now).name,
                            self.after.state(before).name,
                            self.after.name
                        ),
                    )
                    .label("moved")
                    .help("`ORDER BY` and comparisons on the column change, and the enum type is rebuilt (the table rewritten under a lock); keep the order unless it is wanted"),
                ));
                return;
            }
            previous = Some(now);
        }
    }

    /// Where entities start, and which states end.
    fn ends(&self, out: &mut Vec<Change>) {
        let name =
            |status: &Status, id: Option<StateId>| id.map(|id| status.state(id).name.clone());
        let (was, is) = (
            name(self.before, self.before.initial),
            name(self.after, self.after.initial),
        );
        if was != is {
            let shown =
                |n: &Option<String>| n.as_ref().map_or("none".to_owned(), |n| format!("`{n}`"));
            out.push(change(
                Side::New,
                Diagnostic::new(
                    Code::InitialChanged,
                    self.after.span,
                    format!(
                        "`initial` of `{}` changed from {} to {}",
                        self.after.name,
                        shown(&was),
                        shown(&is)
                    ),
                )
                .label("new entities start elsewhere")
                .help("check the code and defaults that create entities in the old initial state"),
            ));
        }
        for state in &self.after.states {
            let was_terminal = self
                .before
                .state_id(&state.name)
                .map(|id| self.before.state(id).is_terminal);
            if state.is_terminal && was_terminal == Some(false) {
                out.push(change(
                    Side::New,
                    Diagnostic::new(
                        Code::MadeTerminal,
                        state.span,
                        format!(
                            "state `{}` of `{}` is now terminal",
                            state.name, self.after.name
                        ),
                    )
                    .label("rows in it can no longer move")
                    .help("move the rows waiting in it on first"),
                ));
            }
        }
    }
}

/// Conversions between statuses that both schemas have.
fn conversions(old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    for conversion in old.conversions() {
        let (Some(from), Some(to)) = (new.status(&conversion.from), new.status(&conversion.to))
        else {
            continue;
        };
        match new.conversion(&conversion.from, &conversion.to) {
            None => out.push(change(
                Side::New,
                Diagnostic::new(
                    Code::ConversionRemoved,
                    from.span,
                    format!(
                        "`{}` no longer converts into `{}`",
                        conversion.from, conversion.to
                    ),
                )
                .label("its `From`/`TryFrom` impl and conversion functions go")
                .help(format!(
                    "keep `into.{}` on `{}`, or update the code that converts",
                    conversion.to, conversion.from
                )),
            )),
            Some(now) if conversion.is_total() && !now.is_total() => {
                let unmapped: Vec<&str> = from
                    .states
                    .iter()
                    .filter(|s| now.get(s.id).is_none())
                    .map(|s| s.name.as_str())
                    .collect();
                out.push(change(
                    Side::New,
                    Diagnostic::new(
                        Code::ConversionPartial,
                        from.span,
                        format!(
                            "the conversion from `{}` into `{}` is no longer total (`From` becomes `TryFrom`)",
                            conversion.from, conversion.to
                        ),
                    )
                    .label(format!(
                        "no counterpart in `{}` for {}",
                        to.name,
                        crate::suggest::list(unmapped.iter().copied(), 6)
                    ))
                    .help("map the states in `into`, or update the code that converts"),
                ));
            }
            Some(now) => mappings(old, conversion, from, to, now, out),
        }
    }
}

/// Each state a conversion mapped, mapped onto the same state (by name) as before.
fn mappings(
    old: &Schema,
    conversion: &crate::model::Conversion,
    from: &Status,
    to: &Status,
    now: &crate::model::Conversion,
    out: &mut Vec<Change>,
) {
    let Some((old_from, old_to)) = old.endpoints(conversion) else {
        return;
    };
    for state in &old_from.states {
        let Some(was) = conversion.get(state.id) else {
            continue;
        };
        let Some(new_id) = from.state_id(&state.name) else {
            continue; // Removed: B101, and its rows are B002's.
        };
        let was = &old_to.state(was).name;
        let is = now.get(new_id).map(|t| &to.state(t).name);
        if is == Some(was) || (is.is_none() && conversion.is_total() && !now.is_total()) {
            continue; // Unchanged, or reported as B104.
        }
        let message = match is {
            Some(is) => format!(
                "`{}` now converts `{}` into `{is}`, not `{was}`",
                from.name, state.name
            ),
            None => format!(
                "`{}` no longer converts `{}` into `{}` (it converted into `{was}`)",
                from.name, state.name, to.name
            ),
        };
        out.push(change(
            Side::New,
            Diagnostic::new(Code::ConversionChanged, from.span, message)
                .label("conversions and migrated rows change meaning")
                .help(format!(
                    "keep `into.{}.{} = \"{was}\"` unless values converted before must read otherwise",
                    to.name, state.name
                )),
        ));
    }
}
