//! SQL, with sqlparser's PostgreSQL dialect: `CREATE TYPE … AS ENUM (…)`, and `CHECK`
//! constraints that hold a column to a list (`status IN ('a', 'b')`, or `pg_dump`'s
//! `(status)::text = ANY ((ARRAY['a'::character varying, …])::text[])`) in `CREATE TABLE`
//! and `ALTER TABLE … ADD CONSTRAINT`. A statement that does not parse (migrations hold
//! psql commands and dialects' own syntax) is skipped, and the next one read.

use sqlparser::ast::{
    AlterTableOperation, AlterTypeAddValuePosition, AlterTypeOperation, BinaryOperator,
    ColumnOption, Expr, InTarget, ObjectName, Spanned, Statement, TableConstraint,
    UserDefinedTypeRepresentation, Value,
};
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;
use sqlparser::tokenizer::Token;

use crate::finding::{EnumChange, FileFindings, Finding, Kind, Member};

pub(super) fn extract(path: &str, source: &str) -> FileFindings {
    let mut out = FileFindings::default();
    let positions = crate::uses::Positions::new(source);
    super::sql_uses::uses(path, &blank_psql(source), 0, &positions, "", &mut out.uses);
    let source = without_psql(source);
    let (statements, error) = statements(&source);
    out.syntax_error = error;
    for (line, end_line, statement) in statements {
        let mut push = |name: String, kind: Kind, values: Vec<String>| {
            if values.len() >= 2 {
                out.findings.push(Finding {
                    path: path.to_owned(),
                    line,
                    end_line: end_line.max(line),
                    name,
                    kind,
                    members: values.into_iter().map(Member::bare).collect(),
                    score: 0,
                    shape: crate::finding::Shape::default(),
                });
            }
        };
        match &statement {
            Statement::CreateType {
                name,
                representation: Some(UserDefinedTypeRepresentation::Enum { labels }),
            } => {
                let values = labels.iter().map(|l| l.value.clone()).collect();
                push(last(name), Kind::SqlEnum, values);
            }
            Statement::CreateTable(table) => {
                let table_name = last(&table.name);
                for column in &table.columns {
                    for option in &column.options {
                        if let ColumnOption::Check(check) = &option.option {
                            for (_, values) in lists(&check.expr) {
                                let name = format!("{table_name}.{}", column.name.value);
                                push(name, Kind::SqlCheck, values);
                            }
                        }
                    }
                }
                for constraint in &table.constraints {
                    if let TableConstraint::Check(check) = constraint {
                        for (column, values) in lists(&check.expr) {
                            push(format!("{table_name}.{column}"), Kind::SqlCheck, values);
                        }
                    }
                }
            }
            // A later migration's `ALTER TYPE … ADD VALUE` / `RENAME VALUE`: applied to the
            // type once every file is read, in path order (the order migrations run in).
            Statement::AlterType(change) => {
                let (value, after, before, renamed) = match &change.operation {
                    AlterTypeOperation::AddValue(add) => {
                        let (after, before) = match &add.position {
                            Some(AlterTypeAddValuePosition::After(n)) => {
                                (Some(n.value.clone()), None)
                            }
                            Some(AlterTypeAddValuePosition::Before(n)) => {
                                (None, Some(n.value.clone()))
                            }
                            None => (None, None),
                        };
                        (add.value.value.clone(), after, before, None)
                    }
                    AlterTypeOperation::RenameValue(rename) => (
                        rename.to.value.clone(),
                        None,
                        None,
                        Some(rename.from.value.clone()),
                    ),
                    AlterTypeOperation::Rename(_) => continue,
                };
                out.enum_changes.push(EnumChange {
                    path: path.to_owned(),
                    line,
                    type_name: last(&change.name),
                    value,
                    after,
                    before,
                    renamed,
                });
            }
            Statement::AlterTable(alter) => {
                let table_name = last(&alter.name);
                for operation in &alter.operations {
                    if let AlterTableOperation::AddConstraint {
                        constraint: TableConstraint::Check(check),
                        ..
                    } = operation
                    {
                        for (column, values) in lists(&check.expr) {
                            push(format!("{table_name}.{column}"), Kind::SqlCheck, values);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The text with what psql reads itself blanked, lines kept where they are: meta-commands
/// (`\set`, `\connect`), which end at the line's end and not at a `;`, and the data of
/// `COPY … FROM stdin`, up to its `\.`.
fn without_psql(source: &str) -> String {
    let mut in_copy = false;
    source
        .lines()
        .map(|line| {
            let trimmed = line.trim_start();
            if in_copy {
                // sqlparser reads COPY's data itself, up to the `\.` it keeps.
                in_copy = trimmed != "\\.";
                return if in_copy { "" } else { line };
            }
            let upper = trimmed.to_ascii_uppercase();
            if upper.starts_with("COPY ") && upper.contains("FROM STDIN") {
                in_copy = true;
                return line;
            }
            if trimmed.starts_with('\\') { "" } else { line }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `source` with psql's commands and `COPY … FROM STDIN` data blanked out byte for byte, so
/// that an offset in one is the same offset in the other: the rows of a dump are data, not
/// code using a status.
fn blank_psql(source: &str) -> String {
    let mut in_copy = false;
    let mut out = String::with_capacity(source.len());
    for line in source.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let blank = if in_copy {
            in_copy = trimmed.trim_end() != "\\.";
            true
        } else {
            let upper = trimmed.to_ascii_uppercase();
            in_copy = upper.starts_with("COPY ") && upper.contains("FROM STDIN");
            trimmed.starts_with('\\')
        };
        if blank {
            let (body, end) = match line.strip_suffix('\n') {
                Some(body) => (body, "\n"),
                None => (line, ""),
            };
            out.extend(std::iter::repeat_n(' ', body.len()));
            out.push_str(end);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Every statement that parses, with its first and last line; those that do not are
/// skipped up to their `;`. Text the tokenizer cannot read (an unterminated string or
/// dollar quote) ends the file there, and is reported.
fn statements(source: &str) -> (Vec<(usize, usize, Statement)>, Option<String>) {
    let dialect = PostgreSqlDialect {};
    let (mut parser, error) = match Parser::new(&dialect).try_with_sql(source) {
        Ok(parser) => (parser, None),
        Err(error) => {
            let message = error.to_string();
            // "… at Line: 12, Column: 5": read what comes before that line.
            let line = message
                .split("Line: ")
                .nth(1)
                .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(1);
            let before: String = source
                .lines()
                .take(line.saturating_sub(1))
                .collect::<Vec<_>>()
                .join("\n");
            let report = Some(format!("{message}; the statements before it are read"));
            match Parser::new(&dialect).try_with_sql(&before) {
                Ok(parser) => (parser, report),
                Err(_) => return (Vec::new(), report),
            }
        }
    };
    let mut out = Vec::new();
    loop {
        while parser.consume_token(&Token::SemiColon) {}
        if parser.peek_token().token == Token::EOF {
            break;
        }
        let line =
            |location: sqlparser::tokenizer::Location| usize::try_from(location.line).unwrap_or(0);
        let start = line(parser.peek_token().span.start);
        if let Ok(statement) = parser.parse_statement() {
            // The statement's own span where sqlparser has one; else where its tokens ran.
            let end = line(statement.span().end)
                .max(line(parser.get_current_token().span.end))
                .max(start);
            out.push((start, end, statement));
            continue;
        }
        loop {
            let token = parser.next_token().token;
            if token == Token::SemiColon || token == Token::EOF {
                break;
            }
        }
    }
    (out, error)
}

/// The last part of a possibly qualified name, unquoted.
fn last(name: &ObjectName) -> String {
    name.0
        .last()
        .and_then(|part| part.as_ident())
        .map_or_else(|| name.to_string(), |ident| ident.value.clone())
}

/// Each `column IN (…)` or `column = ANY (ARRAY[…])` of string literals in a condition,
/// through `AND`, `OR`, parentheses and casts.
fn lists(expr: &Expr) -> Vec<(String, Vec<String>)> {
    match expr {
        Expr::Nested(inner) => lists(inner),
        Expr::BinaryOp {
            left,
            op: BinaryOperator::And | BinaryOperator::Or,
            right,
        } => {
            let mut out = lists(left);
            out.extend(lists(right));
            out
        }
        Expr::In {
            expr,
            target: InTarget::List(list),
            negated: false,
            ..
        } => column(expr).zip(strings(list)).into_iter().collect(),
        Expr::AnyOp {
            left,
            compare_op: BinaryOperator::Eq,
            right,
            ..
        } => match peel(right) {
            Expr::Array(array) => column(left).zip(strings(&array.elem)).into_iter().collect(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// Under parentheses and casts.
fn peel(expr: &Expr) -> &Expr {
    match expr {
        Expr::Nested(inner) | Expr::Cast { expr: inner, .. } => peel(inner),
        other => other,
    }
}

fn column(expr: &Expr) -> Option<String> {
    match peel(expr) {
        Expr::Identifier(ident) => Some(ident.value.clone()),
        Expr::CompoundIdentifier(parts) => parts.last().map(|p| p.value.clone()),
        _ => None,
    }
}

/// The strings of a list of literals (each perhaps cast); `None` if any is not one.
fn strings(list: &[Expr]) -> Option<Vec<String>> {
    list.iter()
        .map(|e| match peel(e) {
            Expr::Value(v) => match &v.value {
                Value::SingleQuotedString(s)
                | Value::EscapedStringLiteral(s)
                | Value::DollarQuotedString(sqlparser::ast::DollarQuotedString {
                    value: s, ..
                }) => Some(s.clone()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// Applies every `ALTER TYPE` of the tree to the `CREATE TYPE` it changes, in path and line
/// order: a value added by `002_refunds.sql` is a member of the type `001_init.sql` created
/// (after the member it names, or last), and a renamed value is renamed. A change to a
/// type created nowhere in the tree is dropped.
pub(crate) fn apply_enum_changes(findings: &mut [Finding], mut changes: Vec<EnumChange>) {
    changes.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    let mut by_name: std::collections::BTreeMap<String, Vec<usize>> =
        std::collections::BTreeMap::new();
    for (i, finding) in findings.iter().enumerate() {
        if finding.kind == Kind::SqlEnum {
            by_name
                .entry(finding.name.to_lowercase())
                .or_default()
                .push(i);
        }
    }
    for change in changes {
        // The type as created last before the change; the first created where none was.
        let Some(created) = by_name.get(&change.type_name.to_lowercase()) else {
            continue;
        };
        let mut before_change = created
            .iter()
            .copied()
            .filter(|&i| (&findings[i].path, findings[i].line) < (&change.path, change.line));
        let Some(target) = before_change
            .next_back()
            .or_else(|| created.first().copied())
        else {
            continue;
        };
        let members = &mut findings[target].members;
        if let Some(from) = &change.renamed {
            if let Some(member) = members.iter_mut().find(|m| &m.value == from) {
                *member = Member::bare(change.value.clone());
            }
            continue;
        }
        // `ADD VALUE IF NOT EXISTS`, or a migration replayed: a value once.
        if members.iter().any(|m| m.value == change.value) {
            continue;
        }
        let at = match (&change.after, &change.before) {
            (Some(after), _) => members
                .iter()
                .position(|m| &m.value == after)
                .map(|i| i + 1),
            (_, Some(before)) => members.iter().position(|m| &m.value == before),
            _ => None,
        };
        let member = Member::bare(change.value.clone());
        match at {
            Some(at) => members.insert(at, member),
            None => members.push(member),
        }
    }
}
