//! The literals Python code uses as the value of a place: `order.status == "paid"`,
//! `status in ("a", "b")`, `self.state = "done"`, `filter(status="x")`,
//! `filter(status__in=[…])`, `match job.state: case "x":`, `{"status": "x"}`,
//! `row["status"] == "x"`, a parameter's or a Django field's `default="x"`; and the SQL in
//! strings (`cursor.execute("UPDATE orders SET status = 'x'")`).
//!
//! The types the file gives places are kept with them: a parameter's annotation, a class
//! field's (`status: OrderStatus`, `Mapped[OrderStatus]`), followed through `self.` and a
//! parameter typed with a class of the file.

use std::collections::HashMap;

use tree_sitter::Node;

use super::python_string::string_value;
use super::sql_uses;
use super::syntax::{children, text};
use crate::uses::{DeclaredField, How, LiteralUse, Place, Positions, finish, join};

/// The file's uses, and the fields its classes declare with a type.
pub(super) fn extract(
    path: &str,
    source: &str,
    root: Node<'_>,
) -> (Vec<LiteralUse>, Vec<DeclaredField>) {
    let reader = Reader {
        path,
        source,
        positions: Positions::new(source),
        fields: class_fields(root, source),
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
    /// `(class, field)` → the type its annotation names, for every class of the file.
    fields: HashMap<(String, String), String>,
    /// Where the statement being read starts: the uses of one statement are read together
    /// (`filter(status="canceled").update(status="cancelled")` over three lines converts).
    statement: std::cell::Cell<Option<usize>>,
}

/// Where the walk is: the enclosing function or class, and the types it knows.
#[derive(Clone, Default)]
struct Context {
    scope: String,
    class: Option<String>,
    /// Parameters with an annotation naming a type: `(name, type)`.
    params: Vec<(String, String)>,
    /// Directly in a class body (not in one of its methods).
    in_class_body: bool,
}

/// The type an annotation names, wrappers taken off: `Optional[OrderStatus]`,
/// `Mapped[OrderStatus]`, `OrderStatus | None` and `"OrderStatus"` all name `OrderStatus`.
/// `None` where it names no one type (`Literal[…]`, `dict[str, X]`, a union of two).
pub(super) fn type_name(annotation: &str) -> Option<String> {
    const WRAPPERS: &[&str] = &[
        "Optional",
        "Mapped",
        "Union",
        "None",
        "typing",
        "Annotated",
        "Final",
        "ClassVar",
        "sa",
        "orm",
        "sqlalchemy",
        "t",
    ];
    if annotation.contains("Literal") {
        return None;
    }
    let names: Vec<&str> = annotation
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
        .filter(|w| !w.is_empty())
        .map(|w| w.rsplit('.').next().unwrap_or(w))
        .filter(|w| !WRAPPERS.contains(w))
        .collect();
    match names[..] {
        [one] => Some(one.to_owned()),
        _ => None,
    }
}

/// Every annotated field of every class: `status: OrderStatus` in a class body.
fn class_fields(root: Node<'_>, source: &str) -> HashMap<(String, String), String> {
    let mut out = HashMap::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        if node.kind() == "class_definition" {
            let class = node
                .child_by_field_name("name")
                .map_or("", |n| text(n, source));
            let body = node.child_by_field_name("body");
            for statement in body.map(children).unwrap_or_default() {
                let Some(assignment) = children(statement)
                    .into_iter()
                    .find(|c| c.kind() == "assignment")
                else {
                    continue;
                };
                let (Some(left), Some(kind)) = (
                    assignment.child_by_field_name("left"),
                    assignment.child_by_field_name("type"),
                ) else {
                    continue;
                };
                if let Some(name) = type_name(text(kind, source)) {
                    out.insert((class.to_owned(), text(left, source).to_owned()), name);
                }
            }
        }
        stack.extend(children(node));
    }
    out
}

/// The body of a string literal: inside its quotes (of its first and last part, for
/// adjacent ones).
fn body(node: Node<'_>) -> Option<std::ops::Range<usize>> {
    if node.kind() == "concatenated_string" {
        let parts = children(node);
        let first = body(*parts.first()?)?;
        let last = body(*parts.last()?)?;
        return Some(first.start..last.end);
    }
    let parts = children(node);
    let start = parts.iter().find(|p| p.kind() == "string_start")?;
    let end = parts.iter().rev().find(|p| p.kind() == "string_end")?;
    Some(start.end_byte()..end.start_byte())
}

fn is_string(node: Node<'_>) -> bool {
    matches!(node.kind(), "string" | "concatenated_string")
}

/// ORM calls whose keywords are conditions: Django's `filter`, `exclude`, `get`,
/// SQLAlchemy's `filter_by`.
const QUERY_CALLS: &[&str] = &[
    "filter",
    "exclude",
    "get",
    "filter_by",
    "get_or_create",
    "count",
];

/// Calls whose arguments are messages for people, not values.
const MESSAGE_CALLS: &[&str] = &[
    "print",
    "debug",
    "info",
    "warning",
    "warn",
    "error",
    "exception",
    "critical",
    "log",
];

impl Reader<'_> {
    fn text(&self, node: Node<'_>) -> &str {
        text(node, self.source)
    }

    /// Reads `node` as the statement its uses belong to when it is one: a simple statement (`expression_statement`, `return_statement`, …) or an `if`'s or `elif`'s condition.
    fn visit<'t>(
        &self,
        node: Node<'t>,
        cx: &Context,
        up: &mut Vec<Node<'t>>,
        out: &mut Vec<LiteralUse>,
    ) {
        let kind = node.kind();
        if kind.ends_with("_statement") || kind == "elif_clause" {
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
        match node.kind() {
            "class_definition" => {
                let name = node
                    .child_by_field_name("name")
                    .map_or("", |n| self.text(n));
                let inner = Context {
                    scope: join(&cx.scope, name),
                    class: Some(name.to_owned()),
                    params: Vec::new(),
                    in_class_body: true,
                };
                up.push(node);
                for child in children(node) {
                    self.visit(child, &inner, up, out);
                }
                up.pop();
                return;
            }
            "function_definition" => {
                let name = node
                    .child_by_field_name("name")
                    .map_or("", |n| self.text(n));
                let inner = Context {
                    scope: join(&cx.scope, name),
                    class: cx.class.clone(),
                    params: self.params(node),
                    in_class_body: false,
                };
                up.push(node);
                for child in children(node) {
                    self.visit(child, &inner, up, out);
                }
                up.pop();
                return;
            }
            "comparison_operator" => self.comparison(node, cx, out),
            "assignment" => self.assignment(node, cx, out),
            "keyword_argument" => self.keyword(node, cx, up, out),
            "match_statement" => self.matched(node, cx, out),
            "default_parameter" | "typed_default_parameter" => self.default(node, cx, out),
            "pair" => self.pair(node, cx, up, out),
            "string" => self.sql(node, cx, up, out),
            "call" => self.constructed(node, cx, out),
            _ => {}
        }
        up.push(node);
        for child in children(node) {
            self.visit(child, cx, up, out);
        }
        up.pop();
    }

    /// A function's annotated parameters.
    fn params(&self, function: Node<'_>) -> Vec<(String, String)> {
        let Some(parameters) = function.child_by_field_name("parameters") else {
            return Vec::new();
        };
        children(parameters)
            .into_iter()
            .filter_map(|p| {
                let kind = p.child_by_field_name("type")?;
                let name = p
                    .child_by_field_name("name")
                    .or_else(|| children(p).into_iter().find(|c| c.kind() == "identifier"))?;
                Some((self.text(name).to_owned(), type_name(self.text(kind))?))
            })
            .collect()
    }

    /// The place an expression is, if it is one: a name, an attribute, a subscript or
    /// `.get()` with a string key.
    fn place(&self, node: Node<'_>, cx: &Context) -> Option<Place> {
        match node.kind() {
            "identifier" => {
                let name = self.text(node);
                let typed = cx
                    .params
                    .iter()
                    .find(|(p, _)| p == name)
                    .map(|(_, t)| t.clone());
                Some(Place {
                    text: name.to_owned(),
                    owner: None,
                    field: name.to_owned(),
                    typed,
                    owner_type: None,
                })
            }
            "attribute" => {
                let object = node.child_by_field_name("object")?;
                let field = self.text(node.child_by_field_name("attribute")?);
                Some(self.field_of(object, field, self.text(node), cx))
            }
            "subscript" => {
                let object = node.child_by_field_name("value")?;
                let key = node.child_by_field_name("subscript")?;
                let field = string_value(key, self.source)?;
                Some(self.field_of(object, &field, self.text(node), cx))
            }
            "call" => {
                let function = node.child_by_field_name("function")?;
                if function.kind() != "attribute"
                    || self.text(function.child_by_field_name("attribute")?) != "get"
                {
                    return None;
                }
                let object = function.child_by_field_name("object")?;
                let arguments = children(node.child_by_field_name("arguments")?);
                let field = string_value(*arguments.first()?, self.source)?;
                Some(self.field_of(object, &field, self.text(node), cx))
            }
            _ => None,
        }
    }

    /// `field` of `object`: its owner is the object's last name (the class, for `self`),
    /// its type what the class declares for it.
    fn field_of(&self, object: Node<'_>, field: &str, written: &str, cx: &Context) -> Place {
        let object_text = self.text(object);
        let last = object_text.rsplit('.').next().unwrap_or(object_text);
        let class = if matches!(object_text, "self" | "cls") {
            cx.class.clone()
        } else {
            cx.params
                .iter()
                .find(|(p, _)| p == object_text)
                .map(|(_, t)| t.clone())
        };
        let typed = class
            .as_ref()
            .and_then(|c| self.fields.get(&(c.clone(), field.to_owned())))
            .cloned();
        let owner = match &class {
            Some(class) if matches!(object_text, "self" | "cls") => class.clone(),
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
        string: Node<'_>,
        place: Place,
        how: How,
        cx: &Context,
        out: &mut Vec<LiteralUse>,
    ) {
        let (Some(value), Some(bytes)) = (string_value(string, self.source), body(string)) else {
            return;
        };
        let mut found = self
            .positions
            .literal(self.path, bytes, value, place, how, &cx.scope);
        found.statement = self.statement.get();
        out.push(found);
    }

    /// Each string of a tuple, list or set (or a lone string).
    fn each_string(node: Node<'_>) -> Vec<Node<'_>> {
        if is_string(node) {
            return vec![node];
        }
        if matches!(
            node.kind(),
            "tuple" | "list" | "set" | "parenthesized_expression"
        ) {
            let items = children(node);
            if items.iter().all(|i| is_string(*i)) {
                return items;
            }
        }
        Vec::new()
    }

    /// The strings an expression may be: itself, or each branch of `"a" if c else "b"`.
    fn branches(node: Node<'_>) -> Vec<Node<'_>> {
        match node.kind() {
            "string" | "concatenated_string" => vec![node],
            "parenthesized_expression" => children(node)
                .first()
                .map(|inner| Self::branches(*inner))
                .unwrap_or_default(),
            "conditional_expression" => {
                let parts = children(node);
                match parts.as_slice() {
                    [yes, _, no] => {
                        let mut out = Self::branches(*yes);
                        out.extend(Self::branches(*no));
                        out
                    }
                    _ => Vec::new(),
                }
            }
            _ => Vec::new(),
        }
    }

    /// `OrderStatus("shipped")`: a value given to a class to parse, typed by the class's
    /// name (evidence only when that is a status, or a copy of one).
    fn constructed(&self, node: Node<'_>, cx: &Context, out: &mut Vec<LiteralUse>) {
        let Some(function) = node.child_by_field_name("function") else {
            return;
        };
        let name = self.text(function);
        let class = name.rsplit('.').next().unwrap_or(name);
        if !matches!(function.kind(), "identifier" | "attribute")
            || !class.starts_with(char::is_uppercase)
        {
            return;
        }
        let arguments = node
            .child_by_field_name("arguments")
            .map(children)
            .unwrap_or_default();
        let [argument] = arguments.as_slice() else {
            return;
        };
        if !is_string(*argument) {
            return;
        }
        let place = Place {
            text: format!("{name}(…)"),
            owner: None,
            field: String::new(),
            typed: Some(class.to_owned()),
            owner_type: None,
        };
        self.push(*argument, place, How::Passed, cx, out);
    }

    /// `a == "x"`, `"x" != a`, `a in ("x", "y")`, `a not in {…}`, chained.
    fn comparison(&self, node: Node<'_>, cx: &Context, out: &mut Vec<LiteralUse>) {
        let mut cursor = node.walk();
        let parts: Vec<Node<'_>> = node.children(&mut cursor).collect();
        let mut operands: Vec<(Node<'_>, String)> = Vec::new();
        let mut operator = String::new();
        for part in parts {
            if part.is_named() {
                operands.push((part, std::mem::take(&mut operator)));
            } else {
                if !operator.is_empty() {
                    operator.push(' ');
                }
                operator.push_str(self.text(part));
            }
        }
        for pair in operands.windows(2) {
            let (left, (right, operator)) = (pair[0].0, (pair[1].0, pair[1].1.as_str()));
            match operator {
                "==" | "!=" => {
                    if let (Some(place), true) = (self.place(left, cx), is_string(right)) {
                        self.push(right, place, How::Compared, cx, out);
                    } else if let (Some(place), true) = (self.place(right, cx), is_string(left)) {
                        self.push(left, place, How::Compared, cx, out);
                    }
                }
                "in" | "not in" => {
                    if let Some(place) = self.place(left, cx) {
                        if !is_string(right) {
                            for string in Self::each_string(right) {
                                self.push(string, place.clone(), How::Compared, cx, out);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// `place = "x"`, `status: str = "x"` in a class body (a default), and
    /// `status = models.CharField(default="x")`.
    fn assignment(&self, node: Node<'_>, cx: &Context, out: &mut Vec<LiteralUse>) {
        let (Some(left), Some(right)) = (
            node.child_by_field_name("left"),
            node.child_by_field_name("right"),
        ) else {
            return;
        };
        let Some(mut place) = self.place(left, cx) else {
            return;
        };
        if let Some(kind) = node.child_by_field_name("type") {
            place.typed = type_name(self.text(kind)).or(place.typed);
        }
        if cx.in_class_body && place.owner.is_none() {
            place.owner.clone_from(&cx.class);
        }
        let values = Self::branches(right);
        if !values.is_empty() {
            let how = if cx.in_class_body {
                How::Default
            } else {
                How::Assigned
            };
            for value in values {
                self.push(value, place.clone(), how, cx, out);
            }
        } else if right.kind() == "call" && cx.in_class_body {
            // A model field's default: `status = models.CharField(default="pending")`; its
            // `choices=STATUS_CHOICES` (or `choices=OrderStatus.choices`) is its type.
            let arguments = right
                .child_by_field_name("arguments")
                .map(children)
                .unwrap_or_default();
            let choices = arguments.iter().find_map(|argument| {
                let name = argument.child_by_field_name("name")?;
                let value = argument.child_by_field_name("value")?;
                if self.text(name) != "choices" {
                    return None;
                }
                let written = self.text(value);
                let written = written.strip_suffix(".choices").unwrap_or(written);
                let last = written.rsplit('.').next().unwrap_or(written);
                matches!(value.kind(), "identifier" | "attribute").then(|| last.to_owned())
            });
            if choices.is_some() {
                place.typed = choices;
            }
            for argument in arguments {
                if argument.kind() != "keyword_argument" {
                    continue;
                }
                let name = argument
                    .child_by_field_name("name")
                    .map_or("", |n| self.text(n));
                if let (true, Some(value)) =
                    (name == "default", argument.child_by_field_name("value"))
                {
                    if is_string(value) {
                        self.push(value, place.clone(), How::Default, cx, out);
                    }
                }
            }
        }
    }

    /// `f(status="x")`, `filter(status__in=["x", "y"])`, `exclude(status__iexact="x")`:
    /// the keyword is the field, the call's receiver or class its owner.
    fn keyword(&self, node: Node<'_>, cx: &Context, up: &[Node<'_>], out: &mut Vec<LiteralUse>) {
        let (Some(name), Some(value)) = (
            node.child_by_field_name("name"),
            node.child_by_field_name("value"),
        ) else {
            return;
        };
        let written = self.text(name);
        let (field, lookup) = written.split_once("__").unwrap_or((written, ""));
        let strings = match lookup {
            "" | "exact" | "iexact" => Self::branches(value),
            "in" => Self::each_string(value),
            _ => Vec::new(),
        };
        if strings.is_empty() || field == "default" {
            return;
        }
        let call = up.len().checked_sub(2).map(|at| up[at]);
        let function = call
            .and_then(|c| c.child_by_field_name("function"))
            .map_or("", |f| self.text(f));
        let callee = function.rsplit('.').next().unwrap_or(function);
        if MESSAGE_CALLS.contains(&callee) {
            return;
        }
        // `Order.objects.filter` and `order.update` belong to their first name, `Order(…)`
        // to itself; `self.update` to the class.
        let first = function.split('.').next().unwrap_or(function);
        let owner = match first {
            "self" | "cls" => cx.class.clone(),
            "" => None,
            _ => Some(first.to_owned()),
        };
        let typed = owner
            .as_ref()
            .and_then(|o| self.fields.get(&(o.clone(), field.to_owned())))
            .cloned();
        // `Order.objects.filter(…)`, `Order(…)`: the first name is the model's class.
        let owner_type = owner.clone().filter(|o| o.starts_with(char::is_uppercase));
        let place = Place {
            text: format!("{written}="),
            owner,
            field: field.to_owned(),
            typed,
            owner_type,
        };
        // A query's lookup compares; any other call stores or passes the value on.
        let how = if !lookup.is_empty() || QUERY_CALLS.contains(&callee) {
            How::Compared
        } else {
            How::Passed
        };
        for string in strings {
            self.push(string, place.clone(), how, cx, out);
        }
    }

    /// `match place:` and each `case "x":` / `case "x" | "y":`.
    fn matched(&self, node: Node<'_>, cx: &Context, out: &mut Vec<LiteralUse>) {
        let Some(place) = node
            .child_by_field_name("subject")
            .and_then(|s| self.place(s, cx))
        else {
            return;
        };
        let Some(body) = node.child_by_field_name("body") else {
            return;
        };
        for clause in children(body) {
            if clause.kind() != "case_clause" {
                continue;
            }
            for pattern in children(clause)
                .into_iter()
                .filter(|c| c.kind() == "case_pattern")
            {
                let mut stack = children(pattern);
                while let Some(part) = stack.pop() {
                    if is_string(part) {
                        self.push(part, place.clone(), How::Matched, cx, out);
                    } else if matches!(part.kind(), "union_pattern" | "case_pattern") {
                        stack.extend(children(part));
                    }
                }
            }
        }
    }

    /// `def f(status="x")`, `def f(status: OrderStatus = "x")`.
    fn default(&self, node: Node<'_>, cx: &Context, out: &mut Vec<LiteralUse>) {
        let (Some(name), Some(value)) = (
            node.child_by_field_name("name"),
            node.child_by_field_name("value"),
        ) else {
            return;
        };
        if !is_string(value) {
            return;
        }
        let name = self.text(name);
        let place = Place {
            text: name.to_owned(),
            owner: None,
            field: name.to_owned(),
            typed: node
                .child_by_field_name("type")
                .and_then(|t| type_name(self.text(t))),
            owner_type: None,
        };
        self.push(value, place, How::Default, cx, out);
    }

    /// `{"status": "x"}`: stored under a key; its owner the variable it is assigned to.
    fn pair(&self, node: Node<'_>, cx: &Context, up: &[Node<'_>], out: &mut Vec<LiteralUse>) {
        let (Some(key), Some(value)) = (
            node.child_by_field_name("key"),
            node.child_by_field_name("value"),
        ) else {
            return;
        };
        let (Some(field), true) = (string_value(key, self.source), is_string(value)) else {
            return;
        };
        // The dictionary's parent: `payload = {…}`.
        let owner = up
            .len()
            .checked_sub(2)
            .map(|at| up[at])
            .filter(|p| p.kind() == "assignment")
            .and_then(|a| a.child_by_field_name("left"))
            .map(|left| {
                let written = self.text(left);
                written.rsplit('.').next().unwrap_or(written).to_owned()
            });
        let place = Place {
            text: match &owner {
                Some(owner) => format!("{owner}[\"{field}\"]"),
                None => format!("\"{field}\""),
            },
            owner,
            field,
            typed: None,
            owner_type: None,
        };
        self.push(value, place, How::Stored, cx, out);
    }

    /// A string holding a SQL statement: its uses, where the string's text is its value
    /// (so positions in one are positions in the other). Docstrings and messages are not
    /// read.
    fn sql(&self, node: Node<'_>, cx: &Context, up: &[Node<'_>], out: &mut Vec<LiteralUse>) {
        let parent = up.last().copied();
        if parent.is_some_and(|p| p.kind() == "expression_statement") {
            return;
        }
        let in_message = up
            .len()
            .checked_sub(2)
            .map(|at| up[at])
            .filter(|call| call.kind() == "call")
            .and_then(|call| call.child_by_field_name("function"))
            .is_some_and(|f| {
                let name = self.text(f);
                MESSAGE_CALLS.contains(&name.rsplit('.').next().unwrap_or(name))
            });
        if in_message {
            return;
        }
        let (Some(value), Some(bytes)) = (string_value(node, self.source), body(node)) else {
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
    use super::type_name;
    use crate::languages::Language;
    use crate::uses::How;

    /// `(field, owner, type, value, how)` of each use.
    type Read = (String, Option<String>, Option<String>, String, How);

    fn uses(source: &str) -> Vec<Read> {
        let found = Language::Python.extract("app.py", source).expect("parses");
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
    fn annotations_name_one_type() {
        assert_eq!(
            type_name("Optional[OrderStatus]").as_deref(),
            Some("OrderStatus")
        );
        assert_eq!(
            type_name("Mapped[models.OrderStatus]").as_deref(),
            Some("OrderStatus")
        );
        assert_eq!(
            type_name("OrderStatus | None").as_deref(),
            Some("OrderStatus")
        );
        assert_eq!(type_name("Literal['a', 'b']"), None);
        assert_eq!(type_name("dict[str, OrderStatus]"), None);
    }

    #[test]
    fn comparisons_assignments_and_keywords_are_uses() {
        let found = uses(
            "class Order:\n    status: OrderStatus\n\n    def ship(self, job: Job):\n        if self.status == \"paid\" and job.state in (\"queued\", \"done\"):\n            self.status = \"shipped\"\n        Order.objects.filter(status__in=[\"new\"]).update(status=\"x\")\n",
        );
        assert_eq!(
            found,
            [
                (
                    s("status"),
                    Some(s("Order")),
                    Some(s("OrderStatus")),
                    s("paid"),
                    How::Compared
                ),
                (s("state"), Some(s("job")), None, s("queued"), How::Compared),
                (s("state"), Some(s("job")), None, s("done"), How::Compared),
                (
                    s("status"),
                    Some(s("Order")),
                    Some(s("OrderStatus")),
                    s("shipped"),
                    How::Assigned
                ),
                (
                    s("status"),
                    Some(s("Order")),
                    Some(s("OrderStatus")),
                    s("new"),
                    How::Compared
                ),
                (
                    s("status"),
                    Some(s("Order")),
                    Some(s("OrderStatus")),
                    s("x"),
                    How::Passed
                ),
            ]
        );
    }

    #[test]
    fn messages_docstrings_and_comments_are_not_uses() {
        let found = uses(
            "def f(order):\n    \"\"\"order.status == 'paid'\"\"\"\n    # order.status == 'paid'\n    log.info(\"status is paid\", status=\"paid\")\n    print(f\"order.status == 'x' for {order}\")\n    return order.color == 'red'\n",
        );
        // Only the comparison in code: its place is `order.color`, which no status will claim.
        assert_eq!(
            found,
            [(s("color"), Some(s("order")), None, s("red"), How::Compared)]
        );
    }

    #[test]
    fn sql_in_strings_is_read_at_its_position() {
        let source = "def f(cur):\n    cur.execute(\"UPDATE orders SET status = 'shiped' WHERE id = %s\", (1,))\n";
        let found = Language::Python.extract("app.py", source).expect("parses");
        let [one] = &found.uses[..] else {
            panic!("{:?}", found.uses)
        };
        assert_eq!(
            (one.value.as_str(), one.place.owner.as_deref()),
            ("shiped", Some("orders"))
        );
        assert_eq!(&source[one.bytes.clone()], "shiped");
        assert_eq!((one.line, one.column), (2, 46));
    }

    #[test]
    fn match_defaults_and_dicts() {
        let found = uses(
            "def f(job, state: JobState = \"queued\"):\n    match job.state:\n        case \"done\" | \"failed\":\n            pass\n    payload = {\"status\": \"ok\"}\n",
        );
        assert_eq!(
            found,
            [
                (
                    s("state"),
                    None,
                    Some(s("JobState")),
                    s("queued"),
                    How::Default
                ),
                (s("state"), Some(s("job")), None, s("done"), How::Matched),
                (s("state"), Some(s("job")), None, s("failed"), How::Matched),
                (s("status"), Some(s("payload")), None, s("ok"), How::Stored),
            ]
        );
    }
}
