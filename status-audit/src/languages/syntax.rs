//! What the tree-sitter extractors share: parsing, node text and positions, and the shape
//! of a transition table.

use tree_sitter::{Language, Node, Parser, Tree};

use crate::finding::{Finding, Kind, Member, Move, TransitionTable};

/// The tree of `text`, or why there is none.
pub(super) fn parse(language: &Language, text: &str) -> Result<Tree, String> {
    let mut parser = Parser::new();
    parser
        .set_language(language)
        .map_err(|e| format!("grammar: {e}"))?;
    parser
        .parse(text, None)
        .ok_or_else(|| "the parser gave up".to_owned())
}

/// Where the first syntax error of `tree` is, if it has one.
pub(super) fn syntax_error(tree: &Tree) -> Option<String> {
    fn first_error(node: Node<'_>) -> Option<Node<'_>> {
        if node.is_error() || node.is_missing() {
            return Some(node);
        }
        if !node.has_error() {
            return None;
        }
        let mut cursor = node.walk();
        let children: Vec<Node<'_>> = node.children(&mut cursor).collect();
        children.into_iter().find_map(first_error)
    }
    let root = tree.root_node();
    if !root.has_error() {
        return None;
    }
    let at = first_error(root).unwrap_or(root).start_position();
    Some(format!(
        "syntax error at {}:{}; the definitions around it are kept",
        at.row + 1,
        at.column + 1
    ))
}

/// The source text of `node`.
pub(super) fn text<'a>(node: Node<'_>, source: &'a str) -> &'a str {
    source.get(node.byte_range()).unwrap_or("")
}

/// The named children of `node`.
pub(super) fn children(node: Node<'_>) -> Vec<Node<'_>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor).collect()
}

/// A finding spanning `node`.
pub(super) fn finding(
    path: &str,
    node: Node<'_>,
    name: String,
    kind: Kind,
    members: Vec<Member>,
) -> Finding {
    Finding {
        path: path.to_owned(),
        line: node.start_position().row + 1,
        end_line: node.end_position().row + 1,
        name,
        kind,
        members,
        score: 0,
        shape: crate::finding::Shape::default(),
    }
}

/// A finding of bare `values` named `name` at `at`, when there are at least two (one value
/// is no set of states); whether there was one.
pub(super) fn push_values(
    out: &mut crate::finding::FileFindings,
    path: &str,
    at: Node<'_>,
    name: String,
    kind: Kind,
    values: Option<Vec<String>>,
) -> bool {
    match values {
        Some(values) if values.len() >= 2 => {
            let members = values.into_iter().map(Member::bare).collect();
            out.findings.push(finding(path, at, name, kind, members));
            true
        }
        _ => false,
    }
}

/// A transition table named `name` at `node`, from rows of `(source, targets)`, when it
/// has the shape of one: at least one row, every row with a source, and names a table of
/// moves would have (`transitions`, `allowed`, `next`, `moves`) or states that appear both
/// as sources and as targets.
pub(super) fn transition_table(
    path: &str,
    source: &str,
    node: Node<'_>,
    name: &str,
    rows: Vec<(String, Vec<String>)>,
    owner: Option<String>,
) -> Option<TransitionTable> {
    if rows.is_empty() {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    let named = ["transition", "allowed", "next", "moves", "successor"]
        .iter()
        .any(|w| lower.contains(w));
    let sources: std::collections::HashSet<&str> = rows.iter().map(|(f, _)| f.as_str()).collect();
    let linked = rows
        .iter()
        .flat_map(|(_, to)| to)
        .any(|t| sources.contains(t.as_str()));
    (named || linked).then(|| TransitionTable {
        path: path.to_owned(),
        line: node.start_position().row + 1,
        name: name.to_owned(),
        owner,
        looked_up: looked_up(source, name),
        moves: rows
            .into_iter()
            .map(|(from, to)| Move { from, to })
            .collect(),
    })
}

/// Whether the file looks a state up in the table named `name` (`TABLE[status]`,
/// `TABLE?.[status]`, `TABLE.get(status)`): code that decides moves with it.
fn looked_up(source: &str, name: &str) -> bool {
    let identifier = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    source.match_indices(name).any(|(at, _)| {
        // The name itself, not the end of a longer one (`MY_NEXT[` is not `NEXT[`).
        let whole = !source[..at].chars().next_back().is_some_and(identifier);
        let rest = &source[at + name.len()..];
        whole
            && ["[", "?.[", ".get("]
                .iter()
                .any(|after| rest.starts_with(after))
    })
}

/// The one enum whose members `node` names (`TaskStatus` in `TaskStatus.PENDING` or
/// `models.TaskStatus.PENDING`), looking at every `access` node (`attribute`,
/// `member_expression`) in it by its `object` field; `None` for none or several.
pub(super) fn owner(node: Node<'_>, source: &str, access: &str) -> Option<String> {
    let mut owners = std::collections::BTreeSet::new();
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        if node.kind() == access {
            // The object is the enum, perhaps reached through a module: its last part. An
            // access is not looked into, so a module path is not an owner of its own.
            if let Some(object) = node.child_by_field_name("object") {
                let object = text(object, source);
                owners.insert(
                    object
                        .rsplit('.')
                        .next()
                        .unwrap_or(object)
                        .trim()
                        .to_owned(),
                );
            }
            continue;
        }
        stack.extend(children(node));
    }
    let mut owners = owners.into_iter();
    match (owners.next(), owners.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

/// The one enum that every element names a member of, and the member names in order, from
/// `split` (an element as `(enum, member)`, `None` for anything else): `X.A` or
/// `module.X.A` names `X`. Two elements at least.
pub(super) fn member_references<'t>(
    elements: &[Node<'t>],
    split: impl Fn(Node<'t>) -> Option<(String, String)>,
) -> Option<(String, Vec<String>)> {
    let mut target: Option<String> = None;
    let mut names = Vec::new();
    for &element in elements {
        let (object, member) = split(element)?;
        let object = object
            .rsplit('.')
            .next()
            .unwrap_or(&object)
            .trim()
            .to_owned();
        match &target {
            Some(t) if *t != object => return None,
            Some(_) => {}
            None => target = Some(object),
        }
        names.push(member);
    }
    (names.len() >= 2).then_some(())?;
    Some((target?, names))
}

/// Whether a name is one a collection of states would have.
pub(super) fn names_states(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    ["state", "status", "phase", "stage"]
        .iter()
        .any(|w| lower.contains(w))
}

/// The value of a string literal's body: backslash escapes decoded as Python and JavaScript
/// both write them (`\n`, `\t`, `\\`, quotes, `\xHH`, `\uHHHH`, JavaScript's `\u{H…}`,
/// Python's `\UHHHHHHHH`, a backslash before a line end); anything else is kept as written.
pub(crate) fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(next) = chars.next() else {
            out.push('\\');
            break;
        };
        let hex = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>, n: usize| {
            let digits: String = (0..n)
                .map_while(|_| chars.next_if(char::is_ascii_hexdigit))
                .collect();
            (digits.len() == n)
                .then(|| {
                    u32::from_str_radix(&digits, 16)
                        .ok()
                        .and_then(char::from_u32)
                })
                .flatten()
                .ok_or(digits)
        };
        match next {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            '0' => out.push('\0'),
            '\n' => {}
            '\\' | '\'' | '"' | '`' => out.push(next),
            'u' if chars.peek() == Some(&'{') => {
                chars.next();
                let digits: String = chars.by_ref().take_while(|&c| c != '}').collect();
                if let Some(decoded) = u32::from_str_radix(&digits, 16)
                    .ok()
                    .and_then(char::from_u32)
                {
                    out.push(decoded);
                } else {
                    out.push_str("\\u{");
                    out.push_str(&digits);
                    out.push('}');
                }
            }
            'x' | 'u' | 'U' => {
                let width = match next {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                match hex(&mut chars, width) {
                    Ok(decoded) => out.push(decoded),
                    Err(digits) => {
                        out.push('\\');
                        out.push(next);
                        out.push_str(&digits);
                    }
                }
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::looked_up;

    #[test]
    fn lookups_are_of_the_whole_name() {
        assert!(looked_up("x = NEXT[s]", "NEXT"));
        assert!(looked_up("NEXT.get(s)", "NEXT"));
        assert!(looked_up("t?.NEXT?.[s]", "NEXT"));
        assert!(!looked_up("MY_NEXT[s]", "NEXT"));
        assert!(!looked_up("NEXT = {}", "NEXT"));
    }

    #[test]
    fn escapes_decode() {
        assert_eq!(
            super::unescape(r"caf\u00e9 \x21 \u{1F680} \U0001F680 a\'b \q"),
            "café ! 🚀 🚀 a'b \\q"
        );
    }
}
