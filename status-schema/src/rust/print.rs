//! Generated tokens as readable Rust source, without a formatter: what build.rs mode writes
//! into `$OUT_DIR`.
//!
//! The file is for the compiler first and for a reader who follows "go to definition"
//! second, so it needs items and statements on lines of their own and indented blocks, not
//! rustfmt's layout. Printing tokens directly spares every build.rs-mode user the compile
//! time of syn's `full` feature and prettyplease (about half of that mode's clean build);
//! `statuskit gen rust`, whose output is committed and checked with rustfmt, still
//! formats with prettyplease.
//!
//! Every token is printed as proc-macro2 displays it, separated from the next by a space
//! unless the two are joined (`::`, `=>`, `'a`) or the space is only noise (before `,`
//! `;` `.` `?`, after `.`, around `::`, between a name and its arguments), so the text
//! lexes back into the same tokens; a test holds every generated file to that.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// `tokens` as source text, ending with a newline.
pub(crate) fn print(tokens: TokenStream) -> String {
    let mut printer = Printer {
        out: String::new(),
        depth: 0,
        previous: Previous::LineStart,
    };
    printer.stream(tokens, true, false);
    if !printer.out.ends_with('\n') {
        printer.out.push('\n');
    }
    printer.out
}

/// What was printed last, which decides the space (or line break) before the next token.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Previous {
    /// Nothing yet on this line.
    LineStart,
    /// An identifier.
    Word,
    /// A word spaced from what follows: a lifetime's name (`static` of `'static`), or a
    /// keyword that is not part of a path (`impl ::core::…`, `&mut ::core::…`,
    /// `match (a, b)`).
    Spaced,
    /// A literal (a `.` after it keeps its space: `t.0 .1` is not `t.0.1`).
    Literal,
    /// Punctuation joined to what follows (`:` of `::`, `=` of `=>`, `'` of `'a`).
    Joint(char),
    /// Punctuation standing alone.
    Alone(char),
    /// A binary `&` (or the second `&` of `&&`): spaced on both sides.
    Operator,
    /// A closing `)` or `]`.
    Close,
    /// The `}` of a block: the next token starts a line, unless it continues the
    /// expression (`,`, `;`, `.`, `?`, `else`, `)`).
    BlockEnd,
    /// Something after which a line ends: `;`, a `,` among items, an attribute.
    LineEnd,
}

/// Keywords that a path, a tuple or an array may follow, spaced from it as rustfmt does.
/// (`self`, `Self`, `super` and `crate` begin paths and stay joined to their `::`; `pub`
/// hugs its `(crate)`.)
const SPACED_KEYWORDS: &[&str] = &[
    "as", "break", "const", "dyn", "else", "for", "if", "impl", "in", "let", "match", "move",
    "mut", "ref", "return", "static", "type", "unsafe", "use", "where", "while",
];

struct Printer {
    out: String,
    /// Blocks open around the current token.
    depth: usize,
    previous: Previous,
}

impl Printer {
    /// The tokens of one group; `block` when they are items or statements (a `{}` group or
    /// the file), where `;`, `,` and attributes end lines.
    /// `rows` for an array of tuples or arrays (a table), whose elements go on lines of
    /// their own.
    fn stream(&mut self, tokens: TokenStream, block: bool, rows: bool) {
        let mut tokens = tokens.into_iter().peekable();
        // Open `<` of generics on this line: their commas (`Result<Self, Error>`) do not
        // end it.
        let mut angles = 0usize;
        while let Some(token) = tokens.next() {
            if self.previous == Previous::LineEnd {
                angles = 0;
            }
            match token {
                TokenTree::Group(group) => self.group(&group, block, rows),
                TokenTree::Ident(ident) => {
                    let text = ident.to_string();
                    let lifetime = self.previous == Previous::Joint('\'');
                    self.space_before('a', text == "else");
                    self.out.push_str(&text);
                    self.previous = if lifetime || SPACED_KEYWORDS.contains(&text.as_str()) {
                        Previous::Spaced
                    } else {
                        Previous::Word
                    };
                }
                TokenTree::Literal(literal) => {
                    self.space_before('0', false);
                    self.out.push_str(&literal.to_string());
                    self.previous = Previous::Literal;
                }
                TokenTree::Punct(punct) => {
                    let c = punct.as_char();
                    let before = self.previous;
                    let group_next = matches!(tokens.peek(), Some(TokenTree::Group(_)));
                    // A macro's `!` hugs its name; `!=` and a `!` of negation do not.
                    let macro_bang = c == '!' && punct.spacing() == Spacing::Alone && group_next;
                    self.space_before(c, macro_bang);
                    self.out.push(c);
                    let inner = matches!(tokens.peek(), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket);
                    let arrow = self.out.ends_with("->") || self.out.ends_with("=>");
                    // `&` after an operand is `a & b` or the end of `a && b`; elsewhere it
                    // takes a reference and hugs what follows.
                    let binary = c == '&'
                        && (matches!(
                            before,
                            Previous::Word
                                | Previous::Literal
                                | Previous::Close
                                | Previous::BlockEnd
                        ) || before == Previous::Joint('&'));
                    match c {
                        '<' => angles += 1,
                        '>' if !arrow => angles = angles.saturating_sub(1),
                        _ => {}
                    }
                    self.previous = match (c, punct.spacing()) {
                        (';', _) if block => Previous::LineEnd,
                        (',', _) if block && angles == 0 || rows => Previous::LineEnd,
                        // `#!` of an inner attribute reads as one mark.
                        ('!', _) if inner && self.out.ends_with("#!") => Previous::Alone('!'),
                        ('&', Spacing::Alone) if binary => Previous::Operator,
                        (c, Spacing::Joint) => Previous::Joint(c),
                        (c, Spacing::Alone) => Previous::Alone(c),
                    };
                }
            }
        }
    }

    /// A `{}`, `()` or `[]` group and what it holds; an invisible group's tokens as they are.
    fn group(&mut self, group: &proc_macro2::Group, block: bool, rows: bool) {
        match group.delimiter() {
            Delimiter::Brace => {
                self.space_before('{', false);
                self.out.push('{');
                if group.stream().is_empty() {
                    self.out.push('}');
                    self.previous = Previous::BlockEnd;
                    return;
                }
                self.depth += 1;
                self.previous = Previous::LineEnd;
                self.stream(group.stream(), true, false);
                self.depth -= 1;
                self.line_break();
                self.out.push('}');
                self.previous = Previous::BlockEnd;
            }
            Delimiter::None => self.stream(group.stream(), block, rows),
            delimiter => {
                let (open, close) = if delimiter == Delimiter::Parenthesis {
                    ('(', ')')
                } else {
                    ('[', ']')
                };
                // An attribute: `#[…]` or `#![…]` ends its line among items.
                let attribute = open == '['
                    && matches!(self.previous, Previous::Alone('#' | '!'))
                    && (self.out.ends_with('#') || self.out.ends_with("#!"));
                self.space_before(open, false);
                self.out.push(open);
                if open == '[' && !attribute && is_table(&group.stream()) {
                    self.depth += 1;
                    self.previous = Previous::LineEnd;
                    self.stream(group.stream(), false, true);
                    self.depth -= 1;
                    self.line_break();
                } else {
                    self.previous = Previous::Joint(open);
                    self.stream(group.stream(), false, false);
                }
                self.out.push(close);
                self.previous = if attribute && block {
                    Previous::LineEnd
                } else {
                    Previous::Close
                };
            }
        }
    }

    /// A new line at the current block's indentation.
    fn line_break(&mut self) {
        while self.out.ends_with(' ') {
            self.out.pop();
        }
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        for _ in 0..self.depth {
            self.out.push_str("    ");
        }
        self.previous = Previous::LineStart;
    }

    /// What goes between the previous token and one starting with `next` (`a` for a word,
    /// `0` for a literal); `hug` for `else`, which stays on a block's closing line, and for
    /// a macro's `!`, which stays on its name.
    fn space_before(&mut self, next: char, hug: bool) {
        let tight_next = matches!(next, ',' | ';' | '.' | '?');
        let closing = matches!(next, ')' | ']');
        // Punctuation that stood alone stays apart from the next mark (`& =` is not `&=`,
        // `. .` is not `..`); only `,` `;` and a lifetime's `'` never join into another
        // token.
        let punct_next = !matches!(next, 'a' | '0' | '(' | '[' | '{' | ')' | ']');
        let gap = match self.previous {
            Previous::Alone(_) if punct_next && !matches!(next, ',' | ';' | '\'') => Gap::Space,
            Previous::BlockEnd if tight_next || closing => Gap::None,
            Previous::BlockEnd if hug && next != '!' => Gap::Space,
            Previous::LineEnd | Previous::BlockEnd => Gap::Line,
            // Nothing yet on the line, joined punctuation, `(`/`[` just opened, a `.`,
            // `::`, and `#`/`&` before what they apply to: nothing between.
            Previous::LineStart | Previous::Joint(_) | Previous::Alone('.' | '#' | '&') => {
                Gap::None
            }
            Previous::Alone(':') if self.out.ends_with("::") => Gap::None,
            // A macro's `!` before its arguments; a space before braces, as rustfmt does.
            Previous::Alone('!') if matches!(next, '(' | '[') => Gap::None,
            Previous::Word | Previous::Close if tight_next || matches!(next, '(' | '[') => {
                Gap::None
            }
            Previous::Word if next == ':' || next == '!' && hug => Gap::None,
            Previous::Literal | Previous::Spaced | Previous::Alone(_)
                if tight_next && next != '.' =>
            {
                Gap::None
            }
            _ => Gap::Space,
        };
        match gap {
            Gap::None => {}
            Gap::Space => self.out.push(' '),
            // A blank line after an item's block, between items.
            Gap::Line if self.depth == 0 && self.previous == Previous::BlockEnd => {
                self.out.push('\n');
                self.line_break();
            }
            Gap::Line => self.line_break(),
        }
    }
}

/// Whether a bracket group is a table: elements separated by commas, some of them tuples or
/// arrays.
fn is_table(tokens: &TokenStream) -> bool {
    let mut comma = false;
    let mut nested = false;
    for token in tokens.clone() {
        match token {
            TokenTree::Punct(p) if p.as_char() == ',' => comma = true,
            TokenTree::Group(g) if g.delimiter() != Delimiter::Brace => nested = true,
            _ => {}
        }
    }
    comma && nested
}

/// What separates two tokens.
enum Gap {
    None,
    Space,
    Line,
}

#[cfg(test)]
mod tests {
    use super::print;
    use crate::rust::{TokenOptions, items};

    /// The printed text lexes back into the very tokens it was printed from, for every
    /// item of the root schema, hostile text and Rust keywords as names.
    #[test]
    fn printing_keeps_every_token() {
        for path in [
            "../statuses.toml",
            "tests/hostile/hostile.toml",
            "../tests/generated/tests/keywords.toml",
            "tests/rust/representative.toml",
        ] {
            let text = std::fs::read_to_string(path).expect("schema");
            let file = crate::SourceFile::new(path, text.as_str());
            let schema = crate::analyze(&file).schema.expect("valid");
            for item in items(&schema, &TokenOptions::default()) {
                let printed = print(item.clone());
                let lexed: proc_macro2::TokenStream = printed.parse().expect("lexes");
                assert_eq!(flat(lexed), flat(item), "{path}:\n{printed}");
            }
        }
    }

    /// The tokens' text and groups. Whether a punctuation mark is joined to the next
    /// (`&` in `&'a`) is left out: the lexer decides it from the text, and Rust's parser
    /// reads `& 'a` and `&'a` alike.
    fn flat(tokens: proc_macro2::TokenStream) -> Vec<String> {
        use proc_macro2::{Delimiter, TokenTree};
        let mut out = Vec::new();
        for token in tokens {
            match token {
                TokenTree::Group(group) => {
                    let (open, close) = match group.delimiter() {
                        Delimiter::Parenthesis => ("(", ")"),
                        Delimiter::Bracket => ("[", "]"),
                        Delimiter::Brace => ("{", "}"),
                        Delimiter::None => ("", ""),
                    };
                    out.push(open.to_owned());
                    out.extend(flat(group.stream()));
                    out.push(close.to_owned());
                }
                other => out.push(other.to_string()),
            }
        }
        out
    }

    /// Marks that stood apart stay apart: `& =` is not the token `&=`, nor `. .` `..`.
    #[test]
    fn punctuation_standing_alone_is_not_joined() {
        for text in [
            "a & = b", "x . . y", "# ! [z]", "p < - q", "m ! = n", "& & r",
        ] {
            let tokens: proc_macro2::TokenStream = text.parse().expect("lexes");
            let printed: proc_macro2::TokenStream = print(tokens.clone()).parse().expect("lexes");
            assert_eq!(printed.to_string(), tokens.to_string(), "{text}");
        }
    }

    #[test]
    fn blocks_statements_and_arms_get_lines() {
        let printed = print(quote::quote! {
            #[doc = "A."]
            impl A for B {
                fn f(&self, x: Vec<u8>) -> ::core::result::Result<Self, E> {
                    match x.len() { 0 => { g() }, _ => h!(x), }
                    if a != b { c } else { d }
                    t.0 .1
                }
            }
        });
        assert_eq!(
            printed,
            "#[doc = \"A.\"]\nimpl A for B {\n    fn f(&self, x: Vec < u8 >) -> ::core::result::Result < Self, E > {\n        match x.len() {\n            0 => {\n                g()\n            },\n            _ => h!(x),\n        }\n        if a != b {\n            c\n        } else {\n            d\n        }\n        t.0 .1\n    }\n}\n"
        );
    }
}
