//! TypeScript and JavaScript, with tree-sitter-typescript: `enum`s, unions of string
//! literals (type aliases, and fields of interfaces and object types), arrays and objects of
//! strings (`as const`, or named like states), zod's `z.enum([...])` and
//! `z.nativeEnum(X)`, and objects from a state to the states it may move to.

use tree_sitter::Node;

use super::syntax::{
    children, finding, member_references, names_states, owner, parse, push_values, syntax_error,
    text, transition_table, unescape,
};
use crate::finding::{FileFindings, Kind, Member, Reference};

pub(super) fn extract(path: &str, source: &str, jsx: bool) -> Result<FileFindings, String> {
    let language = if jsx {
        tree_sitter_typescript::LANGUAGE_TSX
    } else {
        tree_sitter_typescript::LANGUAGE_TYPESCRIPT
    };
    let tree = parse(&language.into(), source)?;
    let cx = Cx { path, source };
    let mut out = FileFindings::default();
    cx.visit(tree.root_node(), None, &mut out);
    (out.uses, out.fields) = super::typescript_uses::extract(path, source, tree.root_node());
    out.syntax_error = syntax_error(&tree);
    Ok(out)
}

struct Cx<'a> {
    path: &'a str,
    source: &'a str,
}

/// `scope.name`, or `name` at the top.
fn qualified(scope: Option<&str>, name: &str) -> String {
    match scope {
        Some(scope) => format!("{scope}.{name}"),
        None => name.to_owned(),
    }
}

impl Cx<'_> {
    fn text(&self, node: Node<'_>) -> &str {
        text(node, self.source)
    }

    fn field_text(&self, node: Node<'_>, field: &str) -> &str {
        node.child_by_field_name(field)
            .map_or("", |n| text(n, self.source))
    }

    /// `scope` names what encloses a definition written inline: an interface, a type, a
    /// variable holding an object.
    fn visit(&self, node: Node<'_>, scope: Option<&str>, out: &mut FileFindings) {
        match node.kind() {
            "enum_declaration" => {
                self.enum_declaration(node, out);
                return;
            }
            "type_alias_declaration" => {
                let name = self.field_text(node, "name");
                if let Some(value) = node.child_by_field_name("value") {
                    if !self.union(value, node, name.to_owned(), out) {
                        self.visit(value, Some(name), out);
                    }
                }
                return;
            }
            "function_declaration"
            | "method_definition"
            | "generator_function_declaration"
            | "class_declaration"
            | "abstract_class_declaration" => {
                let name = qualified(scope, self.field_text(node, "name"));
                for child in children(node) {
                    self.visit(child, Some(&name), out);
                }
                return;
            }
            "interface_declaration" => {
                let name = self.field_text(node, "name");
                if let Some(body) = node.child_by_field_name("body") {
                    self.visit(body, Some(name), out);
                }
                return;
            }
            "property_signature"
            | "public_field_definition"
            | "required_parameter"
            | "optional_parameter" => {
                // A parameter's name is its `pattern` (a destructured one is read inside).
                let own = node
                    .child_by_field_name("name")
                    .or_else(|| node.child_by_field_name("pattern"))
                    .filter(|n| n.kind() == "identifier" || n.kind() == "property_identifier")
                    .map(|n| self.text(n));
                if let (Some(own), Some(annotation)) = (own, node.child_by_field_name("type")) {
                    let name = qualified(scope, own);
                    // Not a union: perhaps an object type holding one, however deep
                    // (`components: { scheduler: { status: 'up' | 'down' } }`, `Array<{…}>`,
                    // `Record<string, {…}>`), each field named by the path to it.
                    if !self.union(annotation, node, name.clone(), out) {
                        self.visit(annotation, Some(&name), out);
                    }
                    return;
                }
            }
            "variable_declarator" => {
                self.variable(node, out);
                return;
            }
            "call_expression" if self.zod(node, scope, out) => return,
            "pair" => {
                let key = self.key(node);
                if let (Some(key), Some(value)) = (key, node.child_by_field_name("value")) {
                    let name = qualified(scope, &key);
                    self.visit(value, Some(&name), out);
                    return;
                }
            }
            _ => {}
        }
        for child in children(node) {
            self.visit(child, scope, out);
        }
    }

    fn enum_declaration(&self, node: Node<'_>, out: &mut FileFindings) {
        let name = self.field_text(node, "name").to_owned();
        let Some(body) = node.child_by_field_name("body") else {
            return;
        };
        let mut members: Vec<Member> = Vec::new();
        // The value a member with no initializer gets: one more than the last number.
        let mut next: Option<i64> = Some(0);
        for item in children(body) {
            let (member, initializer) = match item.kind() {
                "enum_assignment" => {
                    let Some(key) = item.child_by_field_name("name") else {
                        continue;
                    };
                    (self.name_of(key), item.child_by_field_name("value"))
                }
                "property_identifier" | "string" => (self.name_of(item), None),
                _ => continue,
            };
            let value = match initializer {
                None => next.map_or_else(|| members.len().to_string(), |n| n.to_string()),
                Some(v) => {
                    let written = self.text(v);
                    if let Some(text) = self.string(v) {
                        text
                    } else if let Some(earlier) = members.iter().find(|m| m.name == written) {
                        // `B = A`: A's value.
                        earlier.value.clone()
                    } else {
                        written.to_owned()
                    }
                }
            };
            next = value.parse::<i64>().ok().map(|n| n + 1);
            members.push(Member {
                name: member,
                value,
            });
        }
        if !members.is_empty() {
            out.findings.push(finding(
                self.path,
                node,
                name,
                Kind::TypescriptEnum,
                members,
            ));
        }
    }

    /// A union of at least two string literals (`null` and `undefined` beside them are
    /// allowed) as a finding named `name`; whether it was one.
    fn union(&self, node: Node<'_>, at: Node<'_>, name: String, out: &mut FileFindings) -> bool {
        let values = self.union_values(node);
        push_values(out, self.path, at, name, Kind::TypescriptUnion, values)
    }

    fn union_values(&self, node: Node<'_>) -> Option<Vec<String>> {
        let mut values = Vec::new();
        self.union_values_into(node, &mut values)?;
        Some(values)
    }

    /// The members of a union, pushed onto `values`: a union of n members nests n deep,
    /// so each level adds to one list rather than copying its own.
    fn union_values_into(&self, node: Node<'_>, values: &mut Vec<String>) -> Option<()> {
        match node.kind() {
            "type_annotation" | "parenthesized_type" => {
                let inner = children(node);
                self.union_values_into(*inner.first()?, values)
            }
            "union_type" => {
                for part in children(node) {
                    self.union_values_into(part, values)?;
                }
                Some(())
            }
            "literal_type" => {
                let inner = node.named_child(0)?;
                match inner.kind() {
                    "string" => {
                        values.push(self.string(inner)?);
                        Some(())
                    }
                    "null" | "undefined" => Some(()),
                    _ => None,
                }
            }
            "predefined_type" if self.text(node) == "undefined" => Some(()),
            _ => None,
        }
    }

    fn variable(&self, node: Node<'_>, out: &mut FileFindings) {
        let name = self.field_text(node, "name").to_owned();
        // `let status: "open" | "closed"`.
        if let Some(annotation) = node.child_by_field_name("type") {
            if self.union(annotation, node, name.clone(), out) {
                return;
            }
            // `const health: { components: { db: { status: 'up' | 'down' } } } = …`.
            self.visit(annotation, Some(&name), out);
        }
        let Some(value) = node.child_by_field_name("value") else {
            return;
        };
        let (inner, constant) = self.unwrap_const(value);
        match inner.kind() {
            "array" if constant || names_states(&name) => {
                if let Some(values) = self.strings(inner) {
                    if values.len() >= 2 {
                        let members = values.into_iter().map(Member::bare).collect();
                        out.findings.push(finding(
                            self.path,
                            node,
                            name,
                            Kind::TypescriptArray,
                            members,
                        ));
                        return;
                    }
                }
                // `[WorkflowStatus.COMPLETED, WorkflowStatus.FAILED]` named like states:
                // some of an enum's members, their values found once every file is read.
                if names_states(&name) {
                    if let Some((target, names)) = self.member_list(inner) {
                        out.references.push(Reference {
                            finding: finding(
                                self.path,
                                node,
                                name,
                                Kind::TypescriptArray,
                                Vec::new(),
                            ),
                            target,
                            only: Some(names),
                        });
                        return;
                    }
                }
            }
            "object" => {
                if let Some(members) = self.string_object(inner) {
                    if members.len() >= 2 && (constant || names_states(&name)) {
                        out.findings.push(finding(
                            self.path,
                            node,
                            name,
                            Kind::TypescriptObject,
                            members,
                        ));
                        return;
                    }
                }
                if let Some(rows) = self.rows(inner) {
                    let owner = owner(inner, self.source, "member_expression")
                        .or_else(|| self.record_key(node));
                    if let Some(table) =
                        transition_table(self.path, self.source, node, &name, rows, owner)
                    {
                        out.tables.push(table);
                        return;
                    }
                }
            }
            _ => {}
        }
        self.visit(value, Some(&name), out);
    }

    /// The expression under `as const` / `satisfies …`, and whether `as const` was there.
    fn unwrap_const<'t>(&self, node: Node<'t>) -> (Node<'t>, bool) {
        match node.kind() {
            "as_expression" | "satisfies_expression" => {
                let constant = node.kind() == "as_expression" && self.text(node).ends_with("const");
                match node.named_child(0) {
                    Some(inner) => {
                        let (inner, nested) = self.unwrap_const(inner);
                        (inner, constant || nested)
                    }
                    None => (node, constant),
                }
            }
            "parenthesized_expression" => match node.named_child(0) {
                Some(inner) => self.unwrap_const(inner),
                None => (node, false),
            },
            // `Object.freeze({...})` is JavaScript's `as const`.
            "call_expression" if self.field_text(node, "function") == "Object.freeze" => match node
                .child_by_field_name("arguments")
                .and_then(|a| a.named_child(0))
            {
                Some(inner) => (self.unwrap_const(inner).0, true),
                None => (node, false),
            },
            _ => (node, false),
        }
    }

    /// `z.enum([...])`, `z.enum(X)` or `z.nativeEnum(X)` (zod imported as `z`); whether
    /// `node` was one.
    fn zod(&self, node: Node<'_>, scope: Option<&str>, out: &mut FileFindings) -> bool {
        let function = self.field_text(node, "function");
        if !matches!(function, "z.enum" | "z.nativeEnum") {
            return false;
        }
        let Some(argument) = node
            .child_by_field_name("arguments")
            .and_then(|a| a.named_child(0))
        else {
            return true;
        };
        let name = scope.unwrap_or("z.enum").to_owned();
        let (argument, _) = self.unwrap_const(argument);
        match argument.kind() {
            "array" => {
                if let Some(values) = self.strings(argument) {
                    if values.len() >= 2 {
                        let members = values.into_iter().map(Member::bare).collect();
                        out.findings
                            .push(finding(self.path, node, name, Kind::Zod, members));
                    }
                }
            }
            // Its members are X's, found once every file is read.
            "identifier" => out.references.push(Reference {
                finding: finding(self.path, node, name, Kind::Zod, Vec::new()),
                target: self.text(argument).to_owned(),
                only: None,
            }),
            _ => {}
        }
        true
    }

    /// The strings of an array; `None` when anything in it is not a plain string.
    fn strings(&self, node: Node<'_>) -> Option<Vec<String>> {
        children(node)
            .into_iter()
            .filter(|n| n.kind() != "comment")
            .map(|n| self.string(n))
            .collect()
    }

    /// An object whose every property has a string value: its members.
    fn string_object(&self, node: Node<'_>) -> Option<Vec<Member>> {
        children(node)
            .into_iter()
            .filter(|n| n.kind() != "comment")
            .map(|pair| {
                if pair.kind() != "pair" {
                    return None;
                }
                let name = self.key(pair)?;
                let value = self.string(pair.child_by_field_name("value")?)?;
                Some(Member { name, value })
            })
            .collect()
    }

    /// A pair's key: an identifier, a string, a number, or `[Status.Member]`.
    fn key(&self, pair: Node<'_>) -> Option<String> {
        let key = pair.child_by_field_name("key")?;
        match key.kind() {
            "computed_property_name" => self.state(key.named_child(0)?),
            _ => Some(self.name_of(key)),
        }
    }

    fn name_of(&self, node: Node<'_>) -> String {
        self.string(node)
            .unwrap_or_else(|| self.text(node).to_owned())
    }

    /// A state as a transition table writes it: a string, or `Status.Member`'s member.
    fn state(&self, node: Node<'_>) -> Option<String> {
        match node.kind() {
            "member_expression" => Some(self.field_text(node, "property").to_owned()),
            _ => self.string(node),
        }
    }

    /// The key type of a declaration annotated `Record<RunState, …>` (perhaps inside
    /// `Partial<…>` or `Readonly<…>`): the enum a transition table is keyed by.
    fn record_key(&self, declarator: Node<'_>) -> Option<String> {
        let mut stack = vec![declarator.child_by_field_name("type")?];
        while let Some(node) = stack.pop() {
            if node.kind() == "generic_type" && self.field_text(node, "name") == "Record" {
                let arguments = node.child_by_field_name("type_arguments")?;
                let key = self.text(*children(arguments).first()?);
                let key = key.rsplit('.').next().unwrap_or(key);
                return key
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
                    .then(|| key.to_owned());
            }
            stack.extend(children(node));
        }
        None
    }

    /// `[X.A, X.B, …]`: the one enum `X` and its member names, when every element is one
    /// of its members.
    fn member_list(&self, node: Node<'_>) -> Option<(String, Vec<String>)> {
        let elements: Vec<Node<'_>> = children(node)
            .into_iter()
            .filter(|n| n.kind() != "comment")
            .collect();
        member_references(&elements, |e| {
            (e.kind() == "member_expression").then(|| {
                (
                    self.field_text(e, "object").to_owned(),
                    self.field_text(e, "property").to_owned(),
                )
            })
        })
    }

    /// The rows of an object from a state to an array of states.
    fn rows(&self, node: Node<'_>) -> Option<Vec<(String, Vec<String>)>> {
        children(node)
            .into_iter()
            .filter(|n| n.kind() != "comment")
            .map(|pair| {
                if pair.kind() != "pair" {
                    return None;
                }
                let from = self.key(pair)?;
                let (value, _) = self.unwrap_const(pair.child_by_field_name("value")?);
                if value.kind() != "array" {
                    return None;
                }
                let to = children(value)
                    .into_iter()
                    .filter(|n| n.kind() != "comment")
                    .map(|e| self.state(e))
                    .collect::<Option<Vec<_>>>()?;
                Some((from, to))
            })
            .collect()
    }

    /// The value of a string literal, or of a template with no substitution.
    fn string(&self, node: Node<'_>) -> Option<String> {
        if !matches!(node.kind(), "string" | "template_string") {
            return None;
        }
        let mut value = String::new();
        for part in children(node) {
            let text = self.text(part);
            match part.kind() {
                "string_fragment" => value.push_str(text),
                "escape_sequence" => value.push_str(&unescape(text)),
                "template_substitution" => return None,
                _ => {}
            }
        }
        Some(value)
    }
}
