//! The inherent API of a status: constants and `const fn`s read from tables built at
//! generation time.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Names, table};
use crate::model::{StateId, Status};

/// Statuses with more states than this get `#[allow(clippy::too_many_lines)]` on their
/// inherent impl (smaller ones keep their output unchanged).
const LONG_ABOVE: usize = 64;

/// Events that lead from the same source states (to the same target).
type Group = (Vec<StateId>, Vec<proc_macro2::Ident>);

/// `impl Status { … }`: `NAME`, `ALL`, `INITIAL`, `index`, `as_str`, `label`, the role
/// tests, the transition API and (with events) `apply`.
pub(crate) fn inherent(status: &Status, names: &Names<'_>) -> TokenStream {
    let ty = names.ty;
    let name = &status.name;
    let n = super::number(status.states.len());
    let all = status.states.iter().map(|state| names.path(state.id));
    // Typed as the state itself where the schema names one: `TaskStatus::INITIAL` is a
    // state, not an `Option`. A status without `initial` has no such constant; generic code
    // reads `StatusMachine::INITIAL`, an `Option` for every status.
    let initial = status.initial.map(|id| {
        let path = names.path(id);
        quote! {
            /// The state a new item starts in: `initial` in the schema.
            pub const INITIAL: Self = #path;
        }
    });
    let index = index_body(status, names);
    // A `match` rather than a table: the compiler then keeps lengths and pointers in
    // separate tables, so a caller that needs only `len()` reads one.
    let wire_arms = status.states.iter().map(|state| {
        let path = names.path(state.id);
        let wire = &state.wire;
        quote!(#path => #wire,)
    });
    let labels = status.states.iter().map(|state| &state.label);
    let aliases = aliases_fn(status);
    let is_terminal = role_test(status, names, |state| state.is_terminal);
    let is_initial = role_test(status, names, |state| state.is_initial);
    let can_transition = table::can_transition_body(status);
    let successors = status.states.iter().map(|state| {
        let targets = status.successors(state.id).map(|to| names.qualified(to));
        quote!(&[#(#targets),*])
    });
    let apply = names
        .event
        .as_ref()
        .map(|event| apply(status, names, event));
    let allow_deprecated = &names.allow_deprecated;
    // A method with a line per state (`as_str`, the tables) passes clippy's 100-line limit
    // somewhere past 90 states; a table that long is the schema's size, not a smell.
    let allow_long =
        (status.states.len() > LONG_ABOVE).then(|| quote!(#[allow(clippy::too_many_lines)]));
    quote! {
        #allow_deprecated
        #allow_long
        #[allow(dead_code)]
        impl #ty {
            /// The status's name in the schema.
            pub const NAME: &'static str = #name;

            /// Every state, in schema order.
            pub const ALL: [Self; #n] = [#(#all),*];

            #initial

            /// The state's position in [`ALL`](Self::ALL).
            #[must_use]
            #[inline]
            pub const fn index(self) -> usize {
                #index
            }

            /// The wire value: what is written to databases, JSON and logs.
            #[must_use]
            #[inline]
            pub const fn as_str(self) -> &'static str {
                match self {
                    #(#wire_arms)*
                }
            }

            /// The display name for people.
            #[must_use]
            #[inline]
            pub const fn label(self) -> &'static str {
                const LABELS: [&str; #n] = [#(#labels),*];
                LABELS[self.index()]
            }

            #aliases

            /// Whether the schema lists this state as terminal.
            #[must_use]
            #[inline]
            pub const fn is_terminal(self) -> bool {
                #is_terminal
            }

            /// Whether this is the schema's initial state.
            #[must_use]
            #[inline]
            pub const fn is_initial(self) -> bool {
                #is_initial
            }

            /// Whether the schema allows moving from `self` to `to`: one table lookup, and a
            /// `const fn`, so `const _: () = assert!(A.can_transition_to(B));` checks a move
            /// at compile time.
            #[must_use]
            #[inline]
            pub const fn can_transition_to(self, to: Self) -> bool {
                #can_transition
            }

            /// The states `self` may move to, in schema order.
            #[must_use]
            #[inline]
            pub const fn successors(self) -> &'static [Self] {
                const SUCCESSORS: [&[#ty]; #n] = [#(#successors),*];
                SUCCESSORS[self.index()]
            }

            /// Moves to `to` if the schema allows it.
            ///
            /// # Errors
            ///
            /// A [`TransitionError`](::statuskit::TransitionError) naming the status, both
            /// states and the allowed moves, when the schema has no such transition.
            #[inline]
            pub fn transition_to(
                self,
                to: Self,
            ) -> ::core::result::Result<Self, ::statuskit::__private::TransitionError<Self>> {
                if self.can_transition_to(to) {
                    ::core::result::Result::Ok(to)
                } else {
                    ::core::result::Result::Err(::statuskit::__private::TransitionError::target(self, to))
                }
            }

            #apply
        }
    }
}

/// `self as usize` when the variants are in schema order, else a `match`.
fn index_body(status: &Status, names: &Names<'_>) -> TokenStream {
    if names.in_schema_order {
        return quote!(self as usize);
    }
    let arms = status.states.iter().map(|state| {
        let path = names.path(state.id);
        let index = super::number(state.id.index());
        quote!(#path => #index,)
    });
    quote!(match self { #(#arms)* })
}

/// `matches!(self, Self::A | Self::B)`, or `false` when no state has the role.
fn role_test(
    status: &Status,
    names: &Names<'_>,
    has_role: impl Fn(&crate::model::State) -> bool,
) -> TokenStream {
    let paths: Vec<TokenStream> = status
        .states
        .iter()
        .filter(|state| has_role(state))
        .map(|state| names.path(state.id))
        .collect();
    if paths.is_empty() {
        quote! {
            let _ = self;
            false
        }
    } else {
        quote!(::core::matches!(self, #(#paths)|*))
    }
}

/// Above this many (state, event) cells, `apply` matches instead of reading a table: the
/// table's source text grows with states × events, the match with the events' sources.
pub const APPLY_TABLE_UP_TO: usize = 4096;

/// `fn apply(self, event) -> Result<Self, TransitionError<Self>>`: one load from a table of
/// (state, event) → target built at generation time, then one comparison, where a `match`
/// on the pair would branch on both; a `match` for statuses too large for a table.
fn apply(status: &Status, names: &Names<'_>, event_ty: &proc_macro2::Ident) -> TokenStream {
    let (state_count, event_count) = (status.states.len(), status.events.len());
    // Every target fits the cell type, with one value left for "refused".
    if state_count * event_count > APPLY_TABLE_UP_TO || state_count >= usize::from(u8::MAX) {
        return apply_match(status, names, event_ty);
    }
    let mut next = vec![vec![u8::MAX; event_count]; state_count];
    for (e, event) in status.events.iter().enumerate() {
        for &from in &event.from {
            // `states < u8::MAX`, checked above.
            next[from.0][e] = u8::try_from(event.to.0).unwrap_or(u8::MAX);
        }
    }
    let rows = next.iter().map(|row| {
        let cells = row
            .iter()
            .map(|&cell| proc_macro2::Literal::u8_unsuffixed(cell));
        quote!([#(#cells),*])
    });
    let (rows_len, columns) = (super::number(state_count), super::number(event_count));
    let body = quote! {
        // Row: the state; column: the event; cell: the target's index, 255 where the event
        // does not apply.
        const NEXT: [[u8; #columns]; #rows_len] = [#(#rows),*];
        let to = usize::from(NEXT[self.index()][event as usize]);
        if to < #rows_len {
            ::core::result::Result::Ok(Self::ALL[to])
        } else {
            ::core::result::Result::Err(::statuskit::__private::TransitionError::event(self, event))
        }
    };
    apply_fn(event_ty, &body)
}

/// `apply` as a `match` on (state, event): one arm per target state, so no two arms share
/// a body.
fn apply_match(status: &Status, names: &Names<'_>, event_ty: &proc_macro2::Ident) -> TokenStream {
    // One arm per target state, and within it one pattern per set of source states, so
    // that no two arms share a body and no pattern can be nested further.
    let mut by_target: Vec<(StateId, Vec<Group>)> = Vec::new();
    let mut pairs = 0;
    for event in &status.events {
        let variant = proc_macro2::Ident::new(&event.variant, proc_macro2::Span::call_site());
        pairs += event.from.len();
        let index = by_target
            .iter()
            .position(|(to, _)| *to == event.to)
            .unwrap_or_else(|| {
                by_target.push((event.to, Vec::new()));
                by_target.len() - 1
            });
        let groups = &mut by_target[index].1;
        match groups.iter_mut().find(|(from, _)| *from == event.from) {
            Some((_, events)) => events.push(variant),
            None => groups.push((event.from.clone(), vec![variant])),
        }
    }
    let arms = by_target.iter().map(|(to, groups)| {
        let patterns = groups.iter().map(|(from, events)| {
            let from = from.iter().map(|&id| names.path(id));
            quote!((#(#from)|*, #(#event_ty::#events)|*))
        });
        let to = names.path(*to);
        quote!(#(#patterns)|* => ::core::result::Result::Ok(#to),)
    });
    // A catch-all arm would be unreachable (a warning) when every event applies everywhere.
    let refused = (pairs < status.states.len() * status.events.len()).then(|| {
        quote! {
            _ => ::core::result::Result::Err(
                ::statuskit::__private::TransitionError::event(self, event),
            ),
        }
    });
    let body = quote! {
        match (self, event) {
            #(#arms)*
            #refused
        }
    };
    apply_fn(event_ty, &body)
}

fn apply_fn(event_ty: &proc_macro2::Ident, body: &TokenStream) -> TokenStream {
    quote! {
        /// Applies a named event: the state it leads to from `self`.
        ///
        /// # Errors
        ///
        /// A [`TransitionError`](::statuskit::TransitionError) naming the event and the
        /// states it applies in, when it does not apply in `self`.
        #[inline]
        // A match where every event applies everywhere never returns the error.
        #[allow(clippy::too_many_lines, clippy::unnecessary_wraps)]
        pub fn apply(
            self,
            event: #event_ty,
        ) -> ::core::result::Result<Self, ::statuskit::__private::TransitionError<Self>> {
            #body
        }
    }
}

/// `const fn aliases(self)`: the schema's other spellings of each state.
fn aliases_fn(status: &Status) -> TokenStream {
    let n = super::number(status.states.len());
    // Grouped in one pass: a scan of every alias per state would be quadratic.
    let mut by_state: Vec<Vec<&str>> = vec![Vec::new(); status.states.len()];
    for alias in &status.aliases {
        if let Some(spellings) = by_state.get_mut(alias.state.index()) {
            spellings.push(&alias.spelling);
        }
    }
    let aliases = by_state.iter().map(|spellings| quote!(&[#(#spellings),*]));
    quote! {
        /// The other spellings that parse to this state (the schema's `aliases`).
        #[must_use]
        #[inline]
        pub const fn aliases(self) -> &'static [&'static str] {
            const ALIASES: [&[&str]; #n] = [#(#aliases),*];
            ALIASES[self.index()]
        }
    }
}
