//! The transition relation as a table of bit rows, built at generation time, so that
//! `can_transition_to` is one load, one shift and one mask; for a large status, a search of
//! the successor list instead, since N rows of N bits grow with the square of N.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::model::Status;

/// Above this many states `can_transition_to` searches the successor list rather than
/// reading a bit table: the table is N² bits (a 100,000-state status would need 1.25 GB of
/// it, and its source text far more), while the lists hold one entry per transition. At
/// 256 states the table is 8 kB; below, its single load beats a search.
pub const SPARSE_ABOVE: usize = 256;

/// The body of `const fn can_transition_to(self, to: Self) -> bool`.
///
/// Row `i` holds bit `j` when state `i` may move to state `j` (schema indices). Up to 64
/// states a row is the smallest unsigned integer that fits; beyond that, an array of
/// `u64` words; beyond [`SPARSE_ABOVE`] states, a binary search of `successors()`.
pub(crate) fn can_transition_body(status: &Status) -> TokenStream {
    let n = status.states.len();
    if n > SPARSE_ABOVE {
        return sparse_body();
    }
    let mut rows = vec![vec![0u64; n.div_ceil(64)]; n];
    for transition in &status.transitions {
        let (from, to) = (transition.from.index(), transition.to.index());
        rows[from][to / 64] |= 1 << (to % 64);
    }
    let count = super::number(n);
    if let Some((ty, bits)) = row_type(n) {
        let ty = proc_macro2::Ident::new(ty, proc_macro2::Span::call_site());
        let literals = rows.iter().map(|row| binary(row[0], bits));
        quote! {
            const ROWS: [#ty; #count] = [#(#literals),*];
            ROWS[self.index()] >> to.index() & 1 != 0
        }
    } else {
        let words = super::number(n.div_ceil(64));
        let literals = rows.iter().map(|row| {
            let words = row.iter().map(|&word| hex(word));
            quote!([#(#words),*])
        });
        quote! {
            const ROWS: [[u64; #words]; #count] = [#(#literals),*];
            ::statuskit::__private::bit(&ROWS[self.index()], to.index())
        }
    }
}

/// A binary search of `self.successors()`, which lists targets in schema order, so by
/// `index()`. A `while` loop, as iterators and `Ord::cmp` are not `const`.
fn sparse_body() -> TokenStream {
    quote! {
        let targets = self.successors();
        let to = to.index();
        let (mut low, mut high) = (0, targets.len());
        while low < high {
            let middle = low + (high - low) / 2;
            let at = targets[middle].index();
            if at == to {
                return true;
            }
            if at < to {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        false
    }
}

/// The unsigned type holding one row of `n` bits, and its width, up to 64 states.
fn row_type(n: usize) -> Option<(&'static str, usize)> {
    match n {
        0..=8 => Some(("u8", 8)),
        9..=16 => Some(("u16", 16)),
        17..=32 => Some(("u32", 32)),
        33..=64 => Some(("u64", 64)),
        _ => None,
    }
}

/// `0b0000_0110`: a row in binary, grouped by nibble, as wide as its type, so that the
/// table reads as a matrix with state 0 on the right.
fn binary(row: u64, bits: usize) -> Literal {
    let digits = format!("{row:0bits$b}");
    let grouped = group(&digits);
    format!("0b{grouped}")
        .parse()
        .unwrap_or_else(|_| Literal::u64_unsuffixed(row))
}

/// `0x0000_0000_0000_0006`: a 64-bit word in hex, grouped for reading (wide table rows,
/// the parser's word constants).
pub(crate) fn hex(word: u64) -> Literal {
    let grouped = group(&format!("{word:016x}"));
    format!("0x{grouped}")
        .parse()
        .unwrap_or_else(|_| Literal::u64_unsuffixed(word))
}

/// Digits with `_` every four from the right.
fn group(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 4);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 4 == 0 {
            out.push('_');
        }
        out.push(digit);
    }
    out
}
