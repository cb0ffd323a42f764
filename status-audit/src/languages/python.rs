//! Python, with tree-sitter-python: `Enum`/`StrEnum`/`IntEnum` subclasses, `Literal[...]`
//! as type aliases and in annotations (function parameters, class fields), collections of
//! strings named like states, and dictionaries from a state to the states it may move to.

use tree_sitter::Node;

use super::syntax::{
    children, finding, member_references, names_states, owner, parse, push_values, syntax_error,
    text, transition_table,
};
use crate::finding::{FileFindings, Kind, Member, Reference};

pub(super) fn extract(path: &str, source: &str) -> Result<FileFindings, String> {
    let tree = parse(&tree_sitter_python::LANGUAGE.into(), source)?;
    let mut out = FileFindings::default();
    let module = module_of(path);
    let cx = Cx {
        path,
        source,
        literal_names: literal_names(tree.root_node(), source),
        imports: imports(tree.root_node(), source, &module),
        defined: defined_classes(tree.root_node(), source),
        module,
    };
    cx.visit(tree.root_node(), None, &mut out);
    (out.uses, out.fields) = super::python_uses::extract(path, source, tree.root_node());
    out.syntax_error = syntax_error(&tree);
    Ok(out)
}

struct Cx<'a> {
    path: &'a str,
    source: &'a str,
    /// What `typing.Literal` is called here: `Literal`, and any `import … as` name.
    literal_names: Vec<String>,
    /// The file's module, from its path: `pipeline/states.py` is `pipeline.states`.
    module: String,
    /// What `from … import` brings, by the name it has here: `module:Name`.
    imports: Vec<(String, String)>,
    /// The classes the file defines at its top level.
    defined: Vec<String>,
}

/// The module a file is, by its path: `pipeline/states.py` is `pipeline.states`, a
/// package's `__init__.py` the package.
fn module_of(path: &str) -> String {
    let stem = path
        .strip_suffix(".py")
        .or_else(|| path.strip_suffix(".pyi"))
        .unwrap_or(path);
    let dotted = stem.replace('/', ".");
    dotted
        .strip_suffix(".__init__")
        .map_or(dotted.clone(), str::to_owned)
}

/// Every `from X import Name [as Alias]` of the file's top level, as `(Alias, X:Name)`
/// with a relative `X` made absolute from the file's module (`from .base import
/// BaseState` in `pipeline/states.py` is `pipeline.base:BaseState`).
fn imports(root: Node<'_>, source: &str, module: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let package: Vec<&str> = module.split('.').collect();
    for statement in children(root) {
        if statement.kind() != "import_from_statement" {
            continue;
        }
        let Some(from) = statement.child_by_field_name("module_name") else {
            continue;
        };
        let written = text(from, source);
        let dots = written.chars().take_while(|&c| c == '.').count();
        let rest = &written[dots..];
        let absolute = if dots == 0 {
            rest.to_owned()
        } else {
            // One dot is the file's package: the module minus its last part.
            let keep = package.len().saturating_sub(dots);
            let mut parts: Vec<&str> = package[..keep].to_vec();
            if !rest.is_empty() {
                parts.push(rest);
            }
            parts.join(".")
        };
        let mut cursor = statement.walk();
        for imported in statement.children_by_field_name("name", &mut cursor) {
            let (name, alias) = if imported.kind() == "aliased_import" {
                let name = imported
                    .child_by_field_name("name")
                    .map(|n| text(n, source));
                let alias = imported
                    .child_by_field_name("alias")
                    .map(|n| text(n, source));
                (name.unwrap_or(""), alias.unwrap_or(""))
            } else {
                (text(imported, source), text(imported, source))
            };
            if !name.is_empty() && !alias.is_empty() {
                out.push((alias.to_owned(), format!("{absolute}:{name}")));
            }
        }
    }
    out
}

/// The definition a statement is, under its decorators (`@dataclass class …`).
fn undecorated(statement: Node<'_>) -> Option<Node<'_>> {
    if statement.kind() == "decorated_definition" {
        statement.child_by_field_name("definition")
    } else {
        Some(statement)
    }
}

/// The names of the classes defined at the file's top level.
fn defined_classes(root: Node<'_>, source: &str) -> Vec<String> {
    children(root)
        .into_iter()
        .filter_map(|statement| {
            let class = undecorated(statement)?;
            (class.kind() == "class_definition")
                .then(|| {
                    class
                        .child_by_field_name("name")
                        .map(|n| text(n, source).to_owned())
                })
                .flatten()
        })
        .collect()
}

/// The standard library's `enum` base a class's own bases name, as the schema's
/// `python.base` names it (`StrEnum`, `str, Enum`, `Enum`; `IntEnum` for a numeric one,
/// which no status has); `None` when they name none.
pub(crate) fn std_base(bases: &[String]) -> Option<&'static str> {
    let last = |b: &String| b.rsplit(['.', ':']).next().unwrap_or(b).to_owned();
    // A project's own class (`app.compat:StrEnum`, a backport) is no base of `enum`'s,
    // whatever its name: the second pass follows it.
    let names: Vec<String> = bases
        .iter()
        .filter(|b| !b.contains(':') || b.starts_with("enum:"))
        .map(last)
        .collect();
    let has = |n: &str| names.iter().any(|b| b == n);
    if has("StrEnum") {
        Some("StrEnum")
    } else if has("IntEnum") || has("IntFlag") || has("int") {
        Some("IntEnum")
    } else if has("str") && (has("Enum") || names.iter().any(|b| b.ends_with("Enum"))) {
        Some("str, Enum")
    } else if has("Enum") {
        Some("Enum")
    } else {
        None
    }
}

/// `Literal` and the names it is imported as (`from typing import Literal as L`).
fn literal_names(root: Node<'_>, source: &str) -> Vec<String> {
    let mut names = vec!["Literal".to_owned()];
    for statement in children(root) {
        if statement.kind() != "import_from_statement" {
            continue;
        }
        for imported in children(statement) {
            if imported.kind() != "aliased_import" {
                continue;
            }
            let name = imported
                .child_by_field_name("name")
                .map(|n| text(n, source));
            let alias = imported
                .child_by_field_name("alias")
                .map(|n| text(n, source));
            if let (Some("Literal"), Some(alias)) = (name, alias) {
                names.push(alias.to_owned());
            }
        }
    }
    names
}

impl Cx<'_> {
    /// `scope` is the enclosing class or function, which qualifies inline definitions.
    fn visit(&self, node: Node<'_>, scope: Option<&str>, out: &mut FileFindings) {
        match node.kind() {
            "class_definition" => {
                // A class inside a class is named by both (`Order.Status`).
                let name = match scope {
                    Some(scope) => format!("{scope}.{}", self.field_text(node, "name")),
                    None => self.field_text(node, "name").to_owned(),
                };
                if self.is_enum_class(node) {
                    self.enum_class(node, &name, out);
                    return;
                }
                self.other_class(node, &name, out);
                if let Some(body) = node.child_by_field_name("body") {
                    self.visit(body, Some(&name), out);
                }
                return;
            }
            "function_definition" => {
                let name = self.field_text(node, "name");
                if let Some(parameters) = node.child_by_field_name("parameters") {
                    for parameter in children(parameters) {
                        self.parameter(parameter, name, out);
                    }
                }
                if let Some(body) = node.child_by_field_name("body") {
                    self.visit(body, Some(name), out);
                }
                return;
            }
            "assignment" => self.assignment(node, scope, out),
            "type_alias_statement" => {
                // `type Status = Literal["a", "b"]` (Python 3.12).
                if let (Some(left), Some(right)) = (node.named_child(0), node.named_child(1)) {
                    let name = self.text(left).to_owned();
                    self.literal(right, node, name, out);
                }
                return;
            }
            _ => {}
        }
        for child in children(node) {
            self.visit(child, scope, out);
        }
    }

    fn text(&self, node: Node<'_>) -> &str {
        text(node, self.source)
    }

    fn field_text(&self, node: Node<'_>, field: &str) -> &str {
        node.child_by_field_name(field)
            .map_or("", |n| text(n, self.source))
    }

    /// A class whose bases include an enum: `Enum`, `StrEnum`, `IntEnum` (as `enum.Enum`
    /// too), a project's own base named so (`BaseStrEnum`), or Django's `TextChoices` and
    /// `IntegerChoices`.
    fn is_enum_class(&self, node: Node<'_>) -> bool {
        let Some(bases) = node.child_by_field_name("superclasses") else {
            return false;
        };
        children(bases).into_iter().any(|base| {
            let name = self.text(base);
            let last = name.rsplit('.').next().unwrap_or(name);
            last.ends_with("Enum") || matches!(last, "TextChoices" | "IntegerChoices" | "Choices")
        })
    }

    fn is_literal(&self, head: &str) -> bool {
        let last = head.rsplit('.').next().unwrap_or(head);
        self.literal_names.iter().any(|n| n == last || n == head)
    }

    /// Each base of a class: `module:Class` where this file imports or defines it, else as
    /// written.
    fn bases(&self, node: Node<'_>) -> Vec<String> {
        let Some(bases) = node.child_by_field_name("superclasses") else {
            return Vec::new();
        };
        children(bases)
            .into_iter()
            .filter(|b| b.kind() != "keyword_argument")
            .map(|base| {
                let written = self.text(base);
                if let Some((_, id)) = self.imports.iter().find(|(local, _)| local == written) {
                    return id.clone();
                }
                if self.defined.iter().any(|d| d == written) {
                    return format!("{}:{written}", self.module);
                }
                // `base.BaseState` after `from pipeline import base`, or `pipeline.base.BaseState`
                // after `import pipeline.base`.
                if let Some((head, class)) = written.rsplit_once('.') {
                    let module = self
                        .imports
                        .iter()
                        .find(|(local, _)| local == head)
                        .map_or_else(|| head.to_owned(), |(_, id)| id.replace(':', "."));
                    return format!("{module}:{class}");
                }
                written.to_owned()
            })
            .collect()
    }

    /// The methods a class body defines.
    fn methods(&self, node: Node<'_>) -> Vec<String> {
        let Some(body) = node.child_by_field_name("body") else {
            return Vec::new();
        };
        children(body)
            .into_iter()
            .filter_map(|statement| {
                let function = undecorated(statement)?;
                (function.kind() == "function_definition")
                    .then(|| self.field_text(function, "name").to_owned())
            })
            .collect()
    }

    /// A class that is no enum by its own bases, but derives from a class: it may be one
    /// by that class's bases, in this file or another, decided once every file is read.
    fn other_class(&self, node: Node<'_>, name: &str, out: &mut FileFindings) {
        let bases = self.bases(node);
        if bases.is_empty() || bases.iter().all(|b| b == "object") {
            return;
        }
        let members = self.members(node, false);
        let pending = (!members.is_empty())
            .then(|| finding(self.path, node, name.to_owned(), Kind::PythonEnum, members));
        out.classes.push(crate::finding::PythonClass {
            path: self.path.to_owned(),
            name: name.to_owned(),
            id: format!("{}:{name}", self.module),
            bases,
            methods: self.methods(node),
            pending,
        });
    }

    fn enum_class(&self, node: Node<'_>, name: &str, out: &mut FileFindings) {
        let bases = self.bases(node);
        out.classes.push(crate::finding::PythonClass {
            path: self.path.to_owned(),
            name: name.to_owned(),
            id: format!("{}:{name}", self.module),
            bases: bases.clone(),
            methods: self.methods(node),
            pending: None,
        });
        let str_enum = node
            .child_by_field_name("superclasses")
            .is_some_and(|b| self.text(b).contains("StrEnum") || self.text(b).contains("str"));
        let members = self.members(node, str_enum);
        if !members.is_empty() {
            let mut found = finding(self.path, node, name.to_owned(), Kind::PythonEnum, members);
            found.shape.python_base = std_base(&bases).map(str::to_owned);
            out.findings.push(found);
        }
    }

    /// The members of an enum class body: `NAME = value` assignments, in order.
    fn members(&self, node: Node<'_>, str_enum: bool) -> Vec<Member> {
        let Some(body) = node.child_by_field_name("body") else {
            return Vec::new();
        };
        let mut members = Vec::new();
        for statement in children(body) {
            let Some(assignment) = statement
                .named_child(0)
                .filter(|n| statement.kind() == "expression_statement" && n.kind() == "assignment")
            else {
                continue;
            };
            let (Some(left), Some(right)) = (
                assignment.child_by_field_name("left"),
                assignment.child_by_field_name("right"),
            ) else {
                continue;
            };
            let member = self.text(left);
            if left.kind() != "identifier" || member.starts_with('_') {
                continue;
            }
            let value = match right.kind() {
                "string" | "concatenated_string" => self.string(right),
                // Django's choices: `DRAFT = "draft", "Draft"` (the value, then a label).
                "expression_list" | "tuple" => right.named_child(0).and_then(|first| {
                    self.string(first)
                        .or_else(|| Some(self.text(first).to_owned()))
                }),
                "call" if self.field_text(right, "function").ends_with("auto") => {
                    Some(if str_enum {
                        member.to_ascii_lowercase()
                    } else {
                        (members.len() + 1).to_string()
                    })
                }
                _ => Some(self.text(right).to_owned()),
            };
            if let Some(value) = value {
                members.push(Member {
                    name: member.to_owned(),
                    value,
                });
            }
        }
        members
    }

    /// `def f(status: Literal["a", "b"])`.
    fn parameter(&self, parameter: Node<'_>, function: &str, out: &mut FileFindings) {
        if !matches!(
            parameter.kind(),
            "typed_parameter" | "typed_default_parameter"
        ) {
            return;
        }
        let Some(annotation) = parameter.child_by_field_name("type") else {
            return;
        };
        let name = parameter
            .child_by_field_name("name")
            .or_else(|| parameter.named_child(0))
            .map_or("", |n| self.text(n));
        self.literal(annotation, parameter, format!("{function}.{name}"), out);
    }

    fn assignment(&self, node: Node<'_>, scope: Option<&str>, out: &mut FileFindings) {
        let (Some(left), right) = (
            node.child_by_field_name("left"),
            node.child_by_field_name("right"),
        ) else {
            return;
        };
        if left.kind() != "identifier" {
            return;
        }
        let bare = self.text(left);
        let name = match scope {
            Some(scope) => format!("{scope}.{bare}"),
            None => bare.to_owned(),
        };
        // `status: Literal[...] = ...` in a class (a dataclass or pydantic field), or
        // `Status: TypeAlias = Literal[...]`.
        if let Some(annotation) = node.child_by_field_name("type") {
            let alias = self.text(annotation).ends_with("TypeAlias");
            if !alias && self.literal(annotation, node, name.clone(), out) {
                return;
            }
        }
        let Some(right) = right else {
            return;
        };
        if self.literal(right, node, name.clone(), out) {
            return;
        }
        // `TRANSITIONS = [("pending", "running"), ("running", "done")]`: a list of moves,
        // which has the shape of Django's choices but pairs states with states.
        if let Some(rows) = self.edges(right, bare) {
            if let Some(table) = transition_table(self.path, self.source, node, bare, rows, None) {
                out.tables.push(table);
                return;
            }
        }
        // Django's `STATUS_CHOICES = [("open", "Open"), …]`, or `choices=[…]` inline in a
        // field (`status = models.CharField(choices=[…])`).
        let choices = self
            .choices(right)
            .or_else(|| self.keyword(right, "choices").and_then(|c| self.choices(c)));
        if push_values(
            out,
            self.path,
            node,
            name.clone(),
            Kind::PythonChoices,
            choices,
        ) {
            return;
        }
        // SQLAlchemy's `Enum("started", "done", name="export_status")`, alone or in a
        // column (`mapped_column(Enum(…))`), named by its database type where it has one.
        if let Some((sql_name, values)) = self.sqlalchemy_enum(right) {
            let name = sql_name.unwrap_or(name);
            push_values(
                out,
                self.path,
                node,
                name,
                Kind::PythonSqlEnum,
                Some(values),
            );
            return;
        }
        if names_states(bare) {
            let values = self.strings(right);
            if push_values(
                out,
                self.path,
                node,
                name.clone(),
                Kind::PythonCollection,
                values,
            ) {
                return;
            }
            // `frozenset({TaskStatus.DONE, TaskStatus.FAILED})`: some of an enum's members,
            // their values found once every file is read.
            if let Some((target, names)) = self.member_list(right) {
                out.references.push(Reference {
                    finding: finding(
                        self.path,
                        node,
                        name.clone(),
                        Kind::PythonCollection,
                        Vec::new(),
                    ),
                    target,
                    only: Some(names),
                });
                return;
            }
        }
        if right.kind() == "dictionary" {
            if let Some(rows) = self.rows(right) {
                let owner = owner(right, self.source, "attribute");
                if let Some(table) =
                    transition_table(self.path, self.source, node, bare, rows, owner)
                {
                    out.tables.push(table);
                }
            }
        }
    }

    /// The first `Literal[...]` of strings in `node` (inside `Optional[...]`, `Annotated`,
    /// unions), as a finding named `name`; whether there was one.
    fn literal(&self, node: Node<'_>, at: Node<'_>, name: String, out: &mut FileFindings) -> bool {
        let values = self.literal_values(node);
        push_values(out, self.path, at, name, Kind::PythonLiteral, values)
    }

    fn literal_values(&self, node: Node<'_>) -> Option<Vec<String>> {
        if node.kind() == "subscript" {
            let value = self.field_text(node, "value");
            if self.is_literal(value) {
                let mut cursor = node.walk();
                let values: Vec<String> = node
                    .children_by_field_name("subscript", &mut cursor)
                    .filter_map(|n| self.string(n))
                    .collect();
                return Some(values);
            }
        }
        // In annotations the grammar reads `Literal["a"]` as a generic type whose
        // parameters are types wrapping the strings.
        if node.kind() == "generic_type" {
            let head = node.named_child(0).map_or("", |n| self.text(n));
            if self.is_literal(head) {
                let parameters = node.named_child(1)?;
                let values: Vec<String> = children(parameters)
                    .into_iter()
                    .filter_map(|t| {
                        self.string(if t.kind() == "type" {
                            t.named_child(0)?
                        } else {
                            t
                        })
                    })
                    .collect();
                return Some(values);
            }
        }
        children(node)
            .into_iter()
            .find_map(|child| self.literal_values(child))
    }

    /// The strings of a set, list, tuple, or `frozenset(...)`/`set(...)`/`tuple(...)` of
    /// one; `None` when anything in it is not a plain string.
    /// Django's choices: a list or tuple of pairs, each a value string and its label.
    fn choices(&self, node: Node<'_>) -> Option<Vec<String>> {
        if !matches!(node.kind(), "list" | "tuple") {
            return None;
        }
        children(node)
            .into_iter()
            .filter(|n| n.kind() != "comment")
            .map(|pair| {
                let parts = match pair.kind() {
                    "tuple" | "list" => children(pair),
                    _ => return None,
                };
                match parts.as_slice() {
                    [value, _label] => self.string(*value),
                    _ => None,
                }
            })
            .collect()
    }

    /// A list, tuple or set of `(source, target)` pairs of strings that are moves, not
    /// choices: named like moves, or a target that is another pair's source (a label never
    /// is), every target written like a state (no space, no capital). Rows by source, in
    /// order.
    fn edges(&self, node: Node<'_>, name: &str) -> Option<Vec<(String, Vec<String>)>> {
        if !matches!(node.kind(), "list" | "tuple" | "set") {
            return None;
        }
        let pairs: Vec<(String, String)> = children(node)
            .into_iter()
            .filter(|n| n.kind() != "comment")
            .map(|pair| match (pair.kind(), children(pair).as_slice()) {
                ("tuple" | "list", [from, to]) => Some((self.string(*from)?, self.string(*to)?)),
                _ => None,
            })
            .collect::<Option<_>>()?;
        let state_like = |s: &str| {
            !s.is_empty() && !s.contains(char::is_whitespace) && !s.contains(char::is_uppercase)
        };
        if pairs.is_empty() || !pairs.iter().all(|(_, to)| state_like(to)) {
            return None;
        }
        let lower = name.to_ascii_lowercase();
        let named = ["transition", "edge", "moves", "allowed"]
            .iter()
            .any(|w| lower.contains(w));
        let linked = pairs
            .iter()
            .any(|(from, to)| from != to && pairs.iter().any(|(other, _)| other == to));
        if !(named || linked) {
            return None;
        }
        let mut rows: Vec<(String, Vec<String>)> = Vec::new();
        for (from, to) in pairs {
            match rows.iter_mut().find(|(f, _)| *f == from) {
                Some((_, targets)) => targets.push(to),
                None => rows.push((from, vec![to])),
            }
        }
        Some(rows)
    }

    /// The value of keyword argument `key` of a call.
    fn keyword<'t>(&self, call: Node<'t>, key: &str) -> Option<Node<'t>> {
        if call.kind() != "call" {
            return None;
        }
        children(call.child_by_field_name("arguments")?)
            .into_iter()
            .filter(|a| a.kind() == "keyword_argument")
            .find(|a| self.field_text(*a, "name") == key)?
            .child_by_field_name("value")
    }

    /// `Enum("a", "b", …)` (or `sa.Enum`, `sqlalchemy.Enum`, `db.Enum`) with string
    /// arguments only, itself or as an argument of the call `node` is (`Column(Enum(…))`):
    /// its `name=` (the database type) and its values. Python's functional `Enum("Name",
    /// "A B")` has one string after the name, and is not read as one.
    fn sqlalchemy_enum(&self, node: Node<'_>) -> Option<(Option<String>, Vec<String>)> {
        if node.kind() != "call" {
            return None;
        }
        let function = self.field_text(node, "function");
        let arguments = children(node.child_by_field_name("arguments")?);
        if function == "Enum" || function.ends_with(".Enum") {
            let values: Vec<String> = arguments
                .iter()
                .filter(|a| a.kind() != "keyword_argument")
                .map(|a| self.string(*a))
                .collect::<Option<_>>()?;
            let name = self
                .keyword(node, "name")
                .and_then(|n| self.string(n))
                .filter(|n| !n.is_empty());
            return (values.len() >= 3 || name.is_some() && values.len() >= 2)
                .then_some((name, values));
        }
        arguments
            .into_iter()
            .find_map(|argument| self.sqlalchemy_enum(argument))
    }

    fn strings(&self, node: Node<'_>) -> Option<Vec<String>> {
        self.elements(node)?
            .into_iter()
            .map(|e| self.string(e))
            .collect()
    }

    /// `{X.A, X.B, …}` (any collection `elements` reads): the one enum `X` and its member
    /// names, when every element is one of its members.
    fn member_list(&self, node: Node<'_>) -> Option<(String, Vec<String>)> {
        let elements: Vec<Node<'_>> = self
            .elements(node)?
            .into_iter()
            .filter(|n| n.kind() != "comment")
            .collect();
        member_references(&elements, |e| {
            (e.kind() == "attribute").then(|| {
                (
                    self.field_text(e, "object").to_owned(),
                    self.field_text(e, "attribute").to_owned(),
                )
            })
        })
    }

    /// The elements of a collection literal, or of one wrapped in a constructor call.
    fn elements<'t>(&self, node: Node<'t>) -> Option<Vec<Node<'t>>> {
        match node.kind() {
            "set" | "list" | "tuple" => Some(children(node)),
            "call" => {
                let function = self.field_text(node, "function");
                if !matches!(function, "frozenset" | "set" | "tuple" | "list") {
                    return None;
                }
                let arguments = node.child_by_field_name("arguments")?;
                match children(arguments).as_slice() {
                    [] => Some(Vec::new()),
                    [inner] => self.elements(*inner),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// A state as a transition table writes it: a string, or `Status.MEMBER`'s member.
    fn state(&self, node: Node<'_>) -> Option<String> {
        match node.kind() {
            "attribute" => Some(self.field_text(node, "attribute").to_owned()),
            _ => self.string(node),
        }
    }

    /// The rows of a dictionary from a state to a collection of states.
    fn rows(&self, node: Node<'_>) -> Option<Vec<(String, Vec<String>)>> {
        children(node)
            .into_iter()
            .filter(|n| n.kind() != "comment")
            .map(|pair| {
                if pair.kind() != "pair" {
                    return None;
                }
                let from = self.state(pair.child_by_field_name("key")?)?;
                let to = self
                    .elements(pair.child_by_field_name("value")?)?
                    .into_iter()
                    .map(|e| self.state(e))
                    .collect::<Option<Vec<_>>>()?;
                Some((from, to))
            })
            .collect()
    }

    /// The value of a plain string literal (not an f-string or bytes), or of adjacent ones
    /// (`"pend" "ing"`).
    fn string(&self, node: Node<'_>) -> Option<String> {
        super::python_string::string_value(node, self.source)
    }
}
