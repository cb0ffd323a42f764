//! The literals TypeScript and JavaScript use as the value of a place:
//! `order.status === "paid"`, `this.state = "done"`, `["a", "b"].includes(job.state)`,
//! `switch (order.status) { case "x": }`, `{ status: "x" }`, `row["status"] !== "x"`, a
//! parameter's, variable's or field's default, a JSX attribute (`<Badge status="x" />`);
//! and the SQL in strings and in templates without substitutions.
//!
//! The types the file gives places are kept with them: interface, type and class fields
//! (`status: OrderStatus`), followed through `this.` and parameters and variables typed
//! with them.

use std::collections::HashMap;

use tree_sitter::Node;

use super::sql_uses;
use super::syntax::{children, text, unescape};
use crate::uses::{DeclaredField, How, LiteralUse, Place, Positions, finish, join};

/// The file's uses, and the fields its interfaces, types and classes declare with a type.
pub(super) fn extract(
    path: &str,
    source: &str,
    root: Node<'_>,
) -> (Vec<LiteralUse>, Vec<DeclaredField>) {
    let reader = Reader {
        path,
        source,
        positions: Positions::new(source),
        fields: declared_fields(root, source),
        statement: std::cell::Cell::new(None),
    };
    let mut out = Vec::new();
    reader.visit(root, &Context::default(), &mut Vec::new(), &mut out);
    finish(out, reader.fields)
}

struct Reader<'a> {
    path: &'a str,
    source: &'a str,
    positions: Positions<'a>,
    /// `(type, field)` → the type the field is declared with, for every interface, object
    /// type alias and class of the file.
    fields: HashMap<(String, String), String>,
    /// Where the statement being read starts: the uses of one statement are read together
    /// (`filter(status="canceled").update(status="cancelled")` over three lines converts).
    statement: std::cell::Cell<Option<usize>>,
}

#[derive(Clone, Default)]
struct Context {
    scope: String,
    class: Option<String>,
    /// Parameters and variables declared with a type: `(name, type)`.
    typed: Vec<(String, String)>,
}

/// The one type an annotation names: `OrderStatus`, `OrderStatus | null`,
/// `Readonly<Order>`; `None` for a union of literals or of two types.
fn type_name(annotation: &str) -> Option<String> {
    const WRAPPERS: &[&str] = &[
        "null",
        "undefined",
        "Readonly",
        "Partial",
        "Required",
        "NonNullable",
    ];
    if annotation.contains(['"', '\'', '`', '{', '[']) {
        return None;
    }
    let names: Vec<&str> = annotation
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$' || c == '.'))
        .filter(|w| !w.is_empty())
        .map(|w| w.rsplit('.').next().unwrap_or(w))
        .filter(|w| !WRAPPERS.contains(w))
        .collect();
    match names[..] {
        [one] => Some(one.to_owned()),
        _ => None,
    }
}

/// The type a `type_annotation` node (`: OrderStatus`) names.
fn annotated(node: Node<'_>, source: &str) -> Option<String> {
    type_name(text(node, source).trim_start_matches(':').trim())
}

/// Fields with a declared type in interfaces, object type aliases and classes.
fn declared_fields(root: Node<'_>, source: &str) -> HashMap<(String, String), String> {
    let mut out = HashMap::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        let owner = match node.kind() {
            "interface_declaration" | "type_alias_declaration" | "class_declaration" => {
                node.child_by_field_name("name").map(|n| text(n, source))
            }
            _ => None,
        };
        if let Some(owner) = owner {
            let body = node
                .child_by_field_name("body")
                .or_else(|| node.child_by_field_name("value"));
            for member in body.map(children).unwrap_or_default() {
                if !matches!(
                    member.kind(),
                    "property_signature" | "public_field_definition"
                ) {
                    continue;
                }
                let (Some(name), Some(kind)) = (
                    member.child_by_field_name("name"),
                    member
                        .child_by_field_name("type")
                        .and_then(|t| annotated(t, source)),
                ) else {
                    continue;
                };
                out.insert((owner.to_owned(), text(name, source).to_owned()), kind);
            }
        }
        stack.extend(children(node));
    }
    out
}

/// A string's or a substitution-free template's value and body; `None` for anything else.
fn literal(node: Node<'_>, source: &str) -> Option<(String, std::ops::Range<usize>)> {
    if !matches!(node.kind(), "string" | "template_string") {
        return None;
    }
    let mut value = String::new();
    for part in children(node) {
        match part.kind() {
            "string_fragment" => value.push_str(text(part, source)),
            "escape_sequence" => value.push_str(&unescape(text(part, source))),
            _ => return None,
        }
    }
    let (start, end) = (node.start_byte(), node.end_byte());
    (end >= start + 2).then(|| (value, start + 1..end - 1))
}

fn is_literal(node: Node<'_>, source: &str) -> bool {
    literal(node, source).is_some()
}

/// Calls whose arguments are messages for people, not values.
const MESSAGE_CALLS: &[&str] = &["log", "info", "warn", "error", "debug", "trace", "alert"];

impl Reader<'_> {
    fn text(&self, node: Node<'_>) -> &str {
        text(node, self.source)
    }

    /// Reads `node` as the statement its uses belong to when it is one: a statement, a declaration or a `case`.
    fn visit<'t>(
        &self,
        node: Node<'t>,
        cx: &Context,
        up: &mut Vec<Node<'t>>,
        out: &mut Vec<LiteralUse>,
    ) {
        let kind = node.kind();
        if kind.ends_with("_statement") || kind.ends_with("_declaration") || kind == "switch_case" {
            let outer = self.statement.replace(Some(node.start_byte()));
            self.read(node, cx, up, out);
            self.statement.set(outer);
        } else {
            self.read(node, cx, up, out);
        }
    }

    /// `up` holds the node's ancestors, nearest last: tree-sitter finds a node's parent by
    /// walking down from the root, which costs the tree's depth each time.
    fn read<'t>(
        &self,
        node: Node<'t>,
        cx: &Context,
        up: &mut Vec<Node<'t>>,
        out: &mut Vec<LiteralUse>,
    ) {
        let inner;
        let mut cx = cx;
        match node.kind() {
            "class_declaration" | "abstract_class_declaration" => {
                let name = node
                    .child_by_field_name("name")
                    .map_or("", |n| self.text(n));
                inner = Context {
                    scope: join(&cx.scope, name),
                    class: Some(name.to_owned()),
                    typed: Vec::new(),
                };
                cx = &inner;
            }
            "function_declaration"
            | "method_definition"
            | "arrow_function"
            | "function_expression" => {
                let name = node
                    .child_by_field_name("name")
                    .or_else(|| {
                        up.last()
                            .copied()
                            .filter(|p| p.kind() == "variable_declarator")
                            .and_then(|p| p.child_by_field_name("name"))
                    })
                    .map_or("", |n| self.text(n));
                let mut typed = cx.typed.clone();
                typed.extend(self.parameters(node));
                inner = Context {
                    scope: join(&cx.scope, name),
                    class: cx.class.clone(),
                    typed,
                };
                cx = &inner;
            }
            "binary_expression" => self.comparison(node, cx, out),
            "assignment_expression" => self.assignment(node, cx, out),
            "switch_statement" => self.switch(node, cx, out),
            "call_expression" => {
                self.includes(node, cx, out);
                self.generic(node, cx, out);
            }
            "pair" => self.pair(node, cx, up, out),
            "required_parameter"
            | "optional_parameter"
            | "variable_declarator"
            | "public_field_definition" => self.default(node, cx, out),
            "jsx_attribute" => self.attribute(node, cx, up, out),
            "string" | "template_string" => self.sql(node, cx, up, out),
            _ => {}
        }
        up.push(node);
        for child in children(node) {
            self.visit(child, cx, up, out);
        }
        up.pop();
    }

    /// A function's parameters declared with a type.
    fn parameters(&self, function: Node<'_>) -> Vec<(String, String)> {
        let Some(parameters) = function.child_by_field_name("parameters") else {
            return Vec::new();
        };
        children(parameters)
            .into_iter()
            .filter_map(|p| {
                let name = p.child_by_field_name("pattern")?;
                let kind = annotated(p.child_by_field_name("type")?, self.source)?;
                Some((self.text(name).to_owned(), kind))
            })
            .collect()
    }

    fn type_of(name: &str, cx: &Context) -> Option<String> {
        cx.typed
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.clone())
    }

    /// The place an expression is: a name, `object.field`, `object["field"]`.
    fn place(&self, node: Node<'_>, cx: &Context) -> Option<Place> {
        match node.kind() {
            "identifier" => {
                let name = self.text(node);
                Some(Place {
                    text: name.to_owned(),
                    owner: None,
                    field: name.to_owned(),
                    typed: Self::type_of(name, cx),
                    owner_type: None,
                })
            }
            "member_expression" => {
                let object = node.child_by_field_name("object")?;
                let field = self.text(node.child_by_field_name("property")?);
                Some(self.field_of(object, field, self.text(node), cx))
            }
            "subscript_expression" => {
                let object = node.child_by_field_name("object")?;
                let (field, _) = literal(node.child_by_field_name("index")?, self.source)?;
                Some(self.field_of(object, &field, self.text(node), cx))
            }
            "parenthesized_expression" | "non_null_expression" => {
                self.place(*children(node).first()?, cx)
            }
            _ => None,
        }
    }

    fn field_of(&self, object: Node<'_>, field: &str, written: &str, cx: &Context) -> Place {
        let object_text = self.text(object).trim_end_matches(['?', '!']);
        let last = object_text.rsplit(['.', '?']).next().unwrap_or(object_text);
        let class = if object_text == "this" {
            cx.class.clone()
        } else {
            Self::type_of(object_text, cx)
        };
        let typed = class
            .as_ref()
            .and_then(|c| self.fields.get(&(c.clone(), field.to_owned())))
            .cloned();
        let owner = match (&class, object_text) {
            (Some(class), "this") => class.clone(),
            _ => last.to_owned(),
        };
        Place {
            text: written.to_owned(),
            owner: Some(owner),
            field: field.to_owned(),
            typed,
            owner_type: class,
        }
    }

    fn push(
        &self,
        node: Node<'_>,
        place: Place,
        how: How,
        cx: &Context,
        out: &mut Vec<LiteralUse>,
    ) {
        if let Some((value, bytes)) = literal(node, self.source) {
            let mut found = self
                .positions
                .literal(self.path, bytes, value, place, how, &cx.scope);
            found.statement = self.statement.get();
            out.push(found);
        }
    }

    /// `a === "x"`, `"x" != a`.
    fn comparison(&self, node: Node<'_>, cx: &Context, out: &mut Vec<LiteralUse>) {
        let operator = node
            .child_by_field_name("operator")
            .map_or("", |o| self.text(o));
        if !matches!(operator, "===" | "==" | "!==" | "!=") {
            return;
        }
        let (Some(left), Some(right)) = (
            node.child_by_field_name("left"),
            node.child_by_field_name("right"),
        ) else {
            return;
        };
        if let (Some(place), true) = (self.place(left, cx), is_literal(right, self.source)) {
            self.push(right, place, How::Compared, cx, out);
        } else if let (Some(place), true) = (self.place(right, cx), is_literal(left, self.source)) {
            self.push(left, place, How::Compared, cx, out);
        }
    }

    /// `place = "x"`.
    fn assignment(&self, node: Node<'_>, cx: &Context, out: &mut Vec<LiteralUse>) {
        let (Some(left), Some(right)) = (
            node.child_by_field_name("left"),
            node.child_by_field_name("right"),
        ) else {
            return;
        };
        if let Some(place) = self.place(left, cx) {
            for value in self.branches(right) {
                self.push(value, place.clone(), How::Assigned, cx, out);
            }
        }
    }

    /// `switch (place) { case "x": … }`.
    fn switch(&self, node: Node<'_>, cx: &Context, out: &mut Vec<LiteralUse>) {
        let Some(place) = node
            .child_by_field_name("value")
            .and_then(|v| self.place(v, cx))
        else {
            return;
        };
        let Some(body) = node.child_by_field_name("body") else {
            return;
        };
        for case in children(body) {
            if let Some(value) = case.child_by_field_name("value") {
                self.push(value, place.clone(), How::Matched, cx, out);
            }
        }
    }

    /// The literals an expression may be: itself, or each branch of `c ? "a" : "b"`.
    fn branches<'t>(&self, node: Node<'t>) -> Vec<Node<'t>> {
        match node.kind() {
            "string" | "template_string" if is_literal(node, self.source) => vec![node],
            "parenthesized_expression" => children(node)
                .first()
                .map(|inner| self.branches(*inner))
                .unwrap_or_default(),
            "ternary_expression" => {
                let mut out = Vec::new();
                for field in ["consequence", "alternative"] {
                    if let Some(branch) = node.child_by_field_name(field) {
                        out.extend(self.branches(branch));
                    }
                }
                out
            }
            _ => Vec::new(),
        }
    }

    /// `useState<OrderStatus>("pending")`: a value given where a type argument names its
    /// type (evidence only when that is a status, or a copy of one).
    fn generic(&self, node: Node<'_>, cx: &Context, out: &mut Vec<LiteralUse>) {
        let Some(kind) = node
            .child_by_field_name("type_arguments")
            .and_then(|t| type_name(self.text(t).trim_start_matches('<').trim_end_matches('>')))
        else {
            return;
        };
        let arguments = node
            .child_by_field_name("arguments")
            .map(children)
            .unwrap_or_default();
        let Some(first) = arguments.first() else {
            return;
        };
        let function = node
            .child_by_field_name("function")
            .map_or("", |f| self.text(f));
        let place = Place {
            text: format!("{function}<{kind}>(…)"),
            owner: None,
            field: String::new(),
            typed: Some(kind),
            owner_type: None,
        };
        for value in self.branches(*first) {
            self.push(value, place.clone(), How::Passed, cx, out);
        }
    }

    /// `["x", "y"].includes(place)`.
    fn includes(&self, node: Node<'_>, cx: &Context, out: &mut Vec<LiteralUse>) {
        let Some(function) = node.child_by_field_name("function") else {
            return;
        };
        if function.kind() != "member_expression"
            || function
                .child_by_field_name("property")
                .map(|p| self.text(p))
                != Some("includes")
        {
            return;
        }
        let Some(array) = function.child_by_field_name("object") else {
            return;
        };
        let array = if array.kind() == "parenthesized_expression" {
            children(array).first().copied().unwrap_or(array)
        } else {
            array
        };
        let arguments = node
            .child_by_field_name("arguments")
            .map(children)
            .unwrap_or_default();
        let (true, [argument]) = (array.kind() == "array", &arguments[..]) else {
            return;
        };
        let items = children(array);
        if !items.iter().all(|i| is_literal(*i, self.source)) {
            return;
        }
        if let Some(place) = self.place(*argument, cx) {
            for item in items {
                self.push(item, place.clone(), How::Compared, cx, out);
            }
        }
    }

    /// `{ status: "x" }`: stored under a key; its owner the variable or field it is
    /// given to, typed where that is.
    fn pair(&self, node: Node<'_>, cx: &Context, up: &[Node<'_>], out: &mut Vec<LiteralUse>) {
        let (Some(key), Some(value)) = (
            node.child_by_field_name("key"),
            node.child_by_field_name("value"),
        ) else {
            return;
        };
        let values = self.branches(value);
        if values.is_empty() {
            return;
        }
        let field = match key.kind() {
            "property_identifier" => self.text(key).to_owned(),
            _ => match literal(key, self.source) {
                Some((field, _)) => field,
                None => return,
            },
        };
        let holder = up
            .len()
            .checked_sub(2)
            .map(|at| up[at])
            .filter(|p| p.kind() == "variable_declarator");
        let owner = holder
            .and_then(|d| d.child_by_field_name("name"))
            .map(|n| self.text(n).to_owned());
        let holder_type = holder
            .and_then(|d| d.child_by_field_name("type"))
            .and_then(|t| annotated(t, self.source));
        let typed = holder_type
            .as_ref()
            .and_then(|t| self.fields.get(&(t.clone(), field.clone())).cloned());
        let place = Place {
            text: match &owner {
                Some(owner) => format!("{owner}.{field}"),
                None => field.clone(),
            },
            owner,
            field,
            typed,
            owner_type: holder_type,
        };
        for value in values {
            self.push(value, place.clone(), How::Stored, cx, out);
        }
    }

    /// `(status: OrderStatus = "x")`, `let status: OrderStatus = "x"`, `status = "x"` as a
    /// class field.
    fn default(&self, node: Node<'_>, cx: &Context, out: &mut Vec<LiteralUse>) {
        let Some(value) = node.child_by_field_name("value") else {
            return;
        };
        let values = self.branches(value);
        if values.is_empty() {
            return;
        }
        let Some(name) = node
            .child_by_field_name("pattern")
            .or_else(|| node.child_by_field_name("name"))
        else {
            return;
        };
        if !matches!(name.kind(), "identifier" | "property_identifier") {
            return;
        }
        let name = self.text(name);
        let typed = node
            .child_by_field_name("type")
            .and_then(|t| annotated(t, self.source));
        // A class field belongs to its class; a variable or parameter to no one.
        let owner = (node.kind() == "public_field_definition")
            .then(|| cx.class.clone())
            .flatten();
        // A typed variable's value is checked by TypeScript where the type is precise; an
        // untyped one (`let status = "x"`) is a name like any other.
        let place = Place {
            text: name.to_owned(),
            owner,
            field: name.to_owned(),
            typed,
            owner_type: None,
        };
        let how = if node.kind() == "variable_declarator" {
            How::Assigned
        } else {
            How::Default
        };
        for value in values {
            self.push(value, place.clone(), how, cx, out);
        }
    }

    /// `<Badge status="x" />`: passed to the component.
    fn attribute(&self, node: Node<'_>, cx: &Context, up: &[Node<'_>], out: &mut Vec<LiteralUse>) {
        let parts = children(node);
        let (Some(name), Some(value)) = (parts.first(), parts.get(1)) else {
            return;
        };
        if name.kind() != "property_identifier" || value.kind() != "string" {
            return;
        }
        let component = up
            .last()
            .and_then(|element| element.child_by_field_name("name"))
            .map(|n| self.text(n).to_owned());
        let field = self.text(*name);
        let place = Place {
            text: field.to_owned(),
            owner: component,
            field: field.to_owned(),
            typed: None,
            owner_type: None,
        };
        self.push(*value, place, How::Passed, cx, out);
    }

    /// A string or template holding a SQL statement, not given to a logger.
    fn sql(&self, node: Node<'_>, cx: &Context, up: &[Node<'_>], out: &mut Vec<LiteralUse>) {
        let in_message = up
            .len()
            .checked_sub(2)
            .map(|at| up[at])
            .filter(|call| call.kind() == "call_expression")
            .and_then(|call| call.child_by_field_name("function"))
            .is_some_and(|f| {
                let name = self.text(f);
                MESSAGE_CALLS.contains(&name.rsplit('.').next().unwrap_or(name))
            });
        if in_message {
            return;
        }
        let Some((value, bytes)) = literal(node, self.source) else {
            return;
        };
        if self.source.get(bytes.clone()) != Some(value.as_str())
            || !sql_uses::looks_like_sql(&value)
        {
            return;
        }
        sql_uses::uses(
            self.path,
            &value,
            bytes.start,
            &self.positions,
            &cx.scope,
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::languages::Language;
    use crate::uses::How;

    /// `(field, owner, type, value, how)` of each use.
    type Read = (String, Option<String>, Option<String>, String, How);

    fn uses(source: &str, language: Language) -> Vec<Read> {
        let found = language.extract("app.ts", source).expect("parses");
        found
            .uses
            .into_iter()
            .map(|u| (u.place.field, u.place.owner, u.place.typed, u.value, u.how))
            .collect()
    }

    fn s(text: &str) -> String {
        text.to_owned()
    }

    #[test]
    fn comparisons_switches_includes_and_typed_fields() {
        let found = uses(
            "interface Order { status: OrderStatus | null }\n\
             function ship(order: Order, job) {\n\
               if (order.status === 'paid' && ['queued', 'done'].includes(job.state)) { order.status = `shipped`; }\n\
               switch (job.state) { case \"queued\": break; }\n\
               console.log(\"order.status === 'x'\");\n\
             }\n",
            Language::Typescript,
        );
        assert_eq!(
            found,
            [
                (
                    s("status"),
                    Some(s("order")),
                    Some(s("OrderStatus")),
                    s("paid"),
                    How::Compared
                ),
                (s("state"), Some(s("job")), None, s("queued"), How::Compared),
                (s("state"), Some(s("job")), None, s("done"), How::Compared),
                (
                    s("status"),
                    Some(s("order")),
                    Some(s("OrderStatus")),
                    s("shipped"),
                    How::Assigned
                ),
                (s("state"), Some(s("job")), None, s("queued"), How::Matched),
            ]
        );
    }

    #[test]
    fn objects_defaults_jsx_and_sql() {
        let found = uses(
            "const order: Order = { status: 'new', note: 'hello' };\n\
             function f(state: JobState = 'queued') {}\n\
             const q = sql`UPDATE jobs SET state = 'done' WHERE id = 1`;\n\
             const el = <Badge status=\"paid\" />;\n",
            Language::Tsx,
        );
        assert_eq!(
            found,
            [
                (s("status"), Some(s("order")), None, s("new"), How::Stored),
                (s("note"), Some(s("order")), None, s("hello"), How::Stored),
                (
                    s("state"),
                    None,
                    Some(s("JobState")),
                    s("queued"),
                    How::Default
                ),
                (s("state"), Some(s("jobs")), None, s("done"), How::Assigned),
                (s("status"), Some(s("Badge")), None, s("paid"), How::Passed),
            ]
        );
    }
}
