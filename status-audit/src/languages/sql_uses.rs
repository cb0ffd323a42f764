//! The literals SQL uses as a column's value, read from sqlparser's tokens rather than its
//! tree: a migration or a query in a Python string need not parse as a whole statement
//! (placeholders, psql commands, dialects) for `WHERE status = 'shiped'` to be read.
//!
//! - `col = 'x'`, `col <> 'x'`, `'x' = col`, `col [NOT] IN ('x', 'y')`: compared (assigned
//!   after `SET`);
//! - `INSERT INTO t (col, …) VALUES ('x', …), …`: stored;
//! - `col type … DEFAULT 'x'` in `CREATE TABLE`, and `ALTER COLUMN col SET DEFAULT 'x'`:
//!   defaults.
//!
//! A column is named by its table: `o.status` by the table aliased `o`, a bare `status` by
//! the statement's only table. A cast after the literal (`'x'::order_status`) is its type.
//! `CHECK (…)` lists and `CREATE TYPE` labels are definitions, read by `sql.rs`, not uses.

use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::{Token, TokenWithSpan, Tokenizer};

use crate::uses::{How, LiteralUse, Place, Positions};

/// Whether a string's text reads as a SQL statement: it starts with a statement's keyword,
/// and has the clause that statement needs (`UPDATE … SET`, `INSERT INTO`, `… FROM`), so
/// that "Update failed" is a message, not a query.
pub(crate) fn looks_like_sql(text: &str) -> bool {
    let start = text.trim_start();
    let word: String = start
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_uppercase();
    let rest = &start[word.len()..];
    if !rest.starts_with(char::is_whitespace) {
        return false;
    }
    let has = |clause: &str| {
        rest.split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .any(|w| w.eq_ignore_ascii_case(clause))
    };
    match word.as_str() {
        "SELECT" | "DELETE" => has("FROM"),
        "UPDATE" => has("SET"),
        "INSERT" => has("INTO"),
        "WITH" => has("SELECT") || has("UPDATE") || has("INSERT") || has("DELETE"),
        _ => false,
    }
}

/// The uses in SQL text `sql`, which sits at byte `base` of a file whose positions are
/// `positions`.
pub(crate) fn uses(
    path: &str,
    sql: &str,
    base: usize,
    positions: &Positions<'_>,
    scope: &str,
    out: &mut Vec<LiteralUse>,
) {
    let dialect = PostgreSqlDialect {};
    // Text the tokenizer cannot read (an unterminated string) has no uses to trust.
    let Ok(tokens) = Tokenizer::new(&dialect, sql).tokenize_with_location() else {
        return;
    };
    let local = Positions::new(sql);
    let tokens: Vec<TokenWithSpan> = tokens
        .into_iter()
        .filter(|t| !matches!(t.token, Token::Whitespace(_)))
        .collect();
    for statement in tokens.split(|t| t.token == Token::SemiColon) {
        let reader = Statement {
            path,
            sql,
            base,
            positions,
            local: &local,
            scope,
            tokens: statement,
            aliases: aliases(statement),
        };
        reader.read(out);
    }
}

struct Statement<'a> {
    path: &'a str,
    sql: &'a str,
    base: usize,
    positions: &'a Positions<'a>,
    local: &'a Positions<'a>,
    scope: &'a str,
    tokens: &'a [TokenWithSpan],
    /// Each table the statement reads or writes, by the name it has in it: `(alias or
    /// name, table)`.
    aliases: Vec<(String, String)>,
}

fn keyword(token: &Token) -> Option<Keyword> {
    match token {
        Token::Word(word) if word.quote_style.is_none() => Some(word.keyword),
        _ => None,
    }
}

/// An identifier: a word that is no reserved keyword, or any quoted word.
fn identifier(token: &Token) -> Option<&str> {
    match token {
        Token::Word(word)
            if word.quote_style.is_some()
                || word.keyword == Keyword::NoKeyword
                || !RESERVED.contains(&word.keyword) =>
        {
            Some(word.value.as_str())
        }
        _ => None,
    }
}

/// Keywords that end a table reference or a column name: what follows a table is its alias
/// unless it is one of these.
const RESERVED: &[Keyword] = &[
    Keyword::WHERE,
    Keyword::SET,
    Keyword::ON,
    Keyword::USING,
    Keyword::JOIN,
    Keyword::LEFT,
    Keyword::RIGHT,
    Keyword::INNER,
    Keyword::OUTER,
    Keyword::FULL,
    Keyword::CROSS,
    Keyword::GROUP,
    Keyword::ORDER,
    Keyword::LIMIT,
    Keyword::RETURNING,
    Keyword::VALUES,
    Keyword::SELECT,
    Keyword::FROM,
    Keyword::AND,
    Keyword::OR,
    Keyword::NOT,
    Keyword::IN,
    Keyword::IS,
    Keyword::AS,
    Keyword::DEFAULT,
    Keyword::CHECK,
    Keyword::UNION,
    Keyword::HAVING,
    Keyword::WINDOW,
    Keyword::FOR,
    Keyword::NATURAL,
    Keyword::WHEN,
    Keyword::THEN,
    Keyword::ELSE,
    Keyword::END,
    Keyword::CASE,
];

/// The tables of a statement: each name after `FROM`, `JOIN`, `UPDATE`, `INTO` or
/// `TABLE` (its schema dropped), with its alias.
fn aliases(tokens: &[TokenWithSpan]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let opens = matches!(
            keyword(&tokens[i].token),
            Some(Keyword::FROM | Keyword::JOIN | Keyword::UPDATE | Keyword::INTO | Keyword::TABLE)
        );
        i += 1;
        if !opens {
            continue;
        }
        // `ONLY`, `IF NOT EXISTS`: words between the keyword and the table.
        while matches!(
            tokens.get(i).and_then(|t| keyword(&t.token)),
            Some(Keyword::ONLY | Keyword::IF | Keyword::NOT | Keyword::EXISTS)
        ) {
            i += 1;
        }
        let Some(mut table) = tokens.get(i).and_then(|t| identifier(&t.token)) else {
            continue;
        };
        i += 1;
        while tokens.get(i).is_some_and(|t| t.token == Token::Period) {
            match tokens.get(i + 1).and_then(|t| identifier(&t.token)) {
                Some(next) => table = next,
                None => break,
            }
            i += 2;
        }
        let table = table.to_owned();
        if tokens
            .get(i)
            .is_some_and(|t| keyword(&t.token) == Some(Keyword::AS))
        {
            i += 1;
        }
        if let Some(alias) = tokens.get(i).and_then(|t| identifier(&t.token)) {
            out.push((alias.to_owned(), table.clone()));
            i += 1;
        }
        out.push((table.clone(), table));
    }
    out
}

impl Statement<'_> {
    fn read(&self, out: &mut Vec<LiteralUse>) {
        let first = self.tokens.first().and_then(|t| keyword(&t.token));
        match first {
            Some(Keyword::CREATE) => {
                if self
                    .tokens
                    .get(1)
                    .is_some_and(|t| keyword(&t.token) == Some(Keyword::TABLE))
                {
                    self.defaults(out);
                }
            }
            Some(Keyword::ALTER) => self.altered_default(out),
            _ => self.comparisons(out),
        }
    }

    /// Where the statement starts, as a byte of the file.
    fn start(&self) -> Option<usize> {
        let first = self.tokens.first()?.span.start;
        let line = usize::try_from(first.line).ok()?;
        let column = usize::try_from(first.column).ok()?;
        Some(self.base + self.local.offset(line, column)?)
    }

    /// The table a column reference `qualifier.column` or `column` names.
    fn table_of(&self, qualifier: Option<&str>) -> Option<String> {
        if let Some(name) = qualifier {
            return Some(
                self.aliases
                    .iter()
                    .find(|(alias, _)| alias.eq_ignore_ascii_case(name))
                    .map_or(name, |(_, table)| table.as_str())
                    .to_owned(),
            );
        }
        let mut tables: Vec<&str> = self.aliases.iter().map(|(_, t)| t.as_str()).collect();
        tables.sort_unstable();
        tables.dedup();
        match tables[..] {
            [only] => Some(only.to_owned()),
            _ => None,
        }
    }

    /// The column reference ending at token `end` (inclusive): `(qualifier, column, text)`.
    fn column_before(&self, end: usize) -> Option<(Option<&str>, &str, String)> {
        let column = identifier(&self.tokens.get(end)?.token)?;
        let qualified = end >= 2 && self.tokens[end - 1].token == Token::Period;
        if qualified {
            let table = identifier(&self.tokens[end - 2].token)?;
            return Some((Some(table), column, format!("{table}.{column}")));
        }
        Some((None, column, column.to_owned()))
    }

    /// The column reference starting at token `start`: `(qualifier, column, text, next)`.
    fn column_after(&self, start: usize) -> Option<(Option<&str>, &str, String, usize)> {
        let first = identifier(&self.tokens.get(start)?.token)?;
        if self
            .tokens
            .get(start + 1)
            .is_some_and(|t| t.token == Token::Period)
        {
            let column = identifier(&self.tokens.get(start + 2)?.token)?;
            return Some((Some(first), column, format!("{first}.{column}"), start + 3));
        }
        Some((None, first, first.to_owned(), start + 1))
    }

    fn place(&self, qualifier: Option<&str>, column: &str, text: String, at: usize) -> Place {
        Place {
            text,
            owner: self.table_of(qualifier),
            field: column.to_owned(),
            typed: self.cast_after(at),
            owner_type: None,
        }
    }

    /// The type a literal at token `at` is cast to: `'x'::order_status`.
    fn cast_after(&self, at: usize) -> Option<String> {
        if self.tokens.get(at + 1)?.token != Token::DoubleColon {
            return None;
        }
        let mut i = at + 2;
        let mut name = identifier(&self.tokens.get(i)?.token)?;
        while self
            .tokens
            .get(i + 1)
            .is_some_and(|t| t.token == Token::Period)
        {
            i += 2;
            name = identifier(&self.tokens.get(i)?.token)?;
        }
        Some(name.to_owned())
    }

    /// The literal at token `at`, as a use of `place`.
    fn literal(&self, at: usize, place: Place, how: How, out: &mut Vec<LiteralUse>) {
        let Some(token) = self.tokens.get(at) else {
            return;
        };
        let Token::SingleQuotedString(value) = &token.token else {
            return;
        };
        let (start, end) = (token.span.start, token.span.end);
        let (Ok(start_line), Ok(start_column), Ok(end_line), Ok(end_column)) = (
            usize::try_from(start.line),
            usize::try_from(start.column),
            usize::try_from(end.line),
            usize::try_from(end.column),
        ) else {
            return;
        };
        // The span covers the quotes; the body is inside them.
        let (Some(from), Some(to)) = (
            self.local.offset(start_line, start_column + 1),
            self.local.offset(end_line, end_column.saturating_sub(1)),
        ) else {
            return;
        };
        if from > to || self.sql.get(from..to).is_none() {
            return;
        }
        let mut found = self.positions.literal(
            self.path,
            self.base + from..self.base + to,
            value.clone(),
            place,
            how,
            self.scope,
        );
        found.statement = self.start();
        out.push(found);
    }

    /// `col = 'x'`, `'x' = col`, `col IN ('x', …)`, outside `CHECK (…)`; after `SET` (up to
    /// `WHERE`) an assignment. Then `INSERT`'s values.
    fn comparisons(&self, out: &mut Vec<LiteralUse>) {
        let tokens = self.tokens;
        let mut in_set = false;
        let mut depth = 0usize;
        let mut check_depth: Option<usize> = None;
        for (i, token) in tokens.iter().enumerate() {
            match &token.token {
                Token::LParen => depth += 1,
                Token::RParen => {
                    depth = depth.saturating_sub(1);
                    if check_depth.is_some_and(|d| depth <= d) {
                        check_depth = None;
                    }
                }
                _ => {}
            }
            match keyword(&token.token) {
                Some(Keyword::SET) => in_set = true,
                Some(Keyword::WHERE | Keyword::FROM | Keyword::RETURNING) => in_set = false,
                Some(Keyword::CHECK) => check_depth = Some(depth),
                _ => {}
            }
            if check_depth.is_some() {
                continue;
            }
            let how = if in_set { How::Assigned } else { How::Compared };
            let equality = matches!(token.token, Token::Eq | Token::Neq | Token::DoubleEq);
            if equality {
                let left_literal =
                    i > 0 && matches!(tokens[i - 1].token, Token::SingleQuotedString(_));
                if matches!(
                    tokens.get(i + 1).map(|t| &t.token),
                    Some(Token::SingleQuotedString(_))
                ) {
                    if let Some((qualifier, column, text)) =
                        i.checked_sub(1).and_then(|end| self.column_before(end))
                    {
                        let place = self.place(qualifier, column, text, i + 1);
                        self.literal(i + 1, place, how, out);
                    }
                } else if left_literal {
                    if let Some((qualifier, column, text, _)) = self.column_after(i + 1) {
                        let place = self.place(qualifier, column, text, i - 1);
                        self.literal(i - 1, place, How::Compared, out);
                    }
                }
            }
            if keyword(&token.token) == Some(Keyword::IN) {
                let mut end = i.checked_sub(1);
                if end.is_some_and(|e| keyword(&tokens[e].token) == Some(Keyword::NOT)) {
                    end = end.and_then(|e| e.checked_sub(1));
                }
                if let Some((qualifier, column, text)) = end.and_then(|e| self.column_before(e)) {
                    self.list(i + 1, qualifier, column, &text, out);
                }
            }
        }
        self.inserted(out);
    }

    /// `( 'x', 'y' )` from token `open`: each literal a comparison with the column.
    fn list(
        &self,
        open: usize,
        qualifier: Option<&str>,
        column: &str,
        text: &str,
        out: &mut Vec<LiteralUse>,
    ) {
        if self.tokens.get(open).map(|t| &t.token) != Some(&Token::LParen) {
            return;
        }
        let mut i = open + 1;
        while let Some(token) = self.tokens.get(i) {
            match &token.token {
                Token::SingleQuotedString(_) => {
                    let place = self.place(qualifier, column, text.to_owned(), i);
                    self.literal(i, place, How::Compared, out);
                }
                Token::Comma => {}
                Token::DoubleColon => i += 1,
                _ => return,
            }
            i += 1;
        }
    }

    /// `INSERT INTO t (a, b) VALUES ('x', 'y'), (…)`: each literal stored in its column.
    fn inserted(&self, out: &mut Vec<LiteralUse>) {
        let tokens = self.tokens;
        if tokens.first().and_then(|t| keyword(&t.token)) != Some(Keyword::INSERT) {
            return;
        }
        let Some(open) = tokens.iter().position(|t| t.token == Token::LParen) else {
            return;
        };
        let Some(table) = tokens[..open]
            .iter()
            .rev()
            .find_map(|t| identifier(&t.token))
        else {
            return;
        };
        let mut columns = Vec::new();
        let mut i = open + 1;
        while let Some(token) = tokens.get(i) {
            match &token.token {
                Token::RParen => break,
                Token::Comma => {}
                other => columns.push(identifier(other).map(str::to_owned)),
            }
            i += 1;
        }
        if tokens.get(i + 1).and_then(|t| keyword(&t.token)) != Some(Keyword::VALUES) {
            return;
        }
        i += 2;
        // Each row: `(`, values separated by commas at depth one, `)`.
        while tokens.get(i).is_some_and(|t| t.token == Token::LParen) {
            let (mut position, mut depth, mut expression_start) = (0usize, 0usize, true);
            i += 1;
            while let Some(token) = tokens.get(i) {
                match &token.token {
                    Token::LParen => depth += 1,
                    Token::RParen if depth == 0 => break,
                    Token::RParen => depth -= 1,
                    Token::Comma if depth == 0 => {
                        position += 1;
                        expression_start = true;
                        i += 1;
                        continue;
                    }
                    Token::SingleQuotedString(_) if depth == 0 && expression_start => {
                        let ends = matches!(
                            tokens.get(i + 1).map(|t| &t.token),
                            Some(Token::Comma | Token::RParen | Token::DoubleColon)
                        );
                        if let (true, Some(Some(column))) = (ends, columns.get(position)) {
                            let place = Place {
                                text: format!("{table}.{column}"),
                                owner: Some(table.to_owned()),
                                field: column.clone(),
                                typed: self.cast_after(i),
                                owner_type: None,
                            };
                            self.literal(i, place, How::Stored, out);
                        }
                    }
                    _ => {}
                }
                expression_start = false;
                i += 1;
            }
            i += 1;
            if tokens.get(i).is_some_and(|t| t.token == Token::Comma) {
                i += 1;
            }
        }
    }

    /// `CREATE TABLE t (col type … DEFAULT 'x', …)`: each column's default.
    fn defaults(&self, out: &mut Vec<LiteralUse>) {
        let tokens = self.tokens;
        let Some(open) = tokens.iter().position(|t| t.token == Token::LParen) else {
            return;
        };
        let Some(table) = tokens[..open]
            .iter()
            .rev()
            .find_map(|t| identifier(&t.token))
        else {
            return;
        };
        let (mut depth, mut column): (usize, Option<&str>) = (0, None);
        let mut starts_column = true;
        for (i, token) in tokens.iter().enumerate().skip(open) {
            match &token.token {
                Token::LParen => {
                    depth += 1;
                    starts_column = depth == 1;
                    continue;
                }
                Token::RParen => depth = depth.saturating_sub(1),
                Token::Comma if depth == 1 => {
                    starts_column = true;
                    continue;
                }
                _ => {}
            }
            if starts_column && depth == 1 {
                column = identifier(&token.token);
            }
            starts_column = false;
            if depth == 1 && keyword(&token.token) == Some(Keyword::DEFAULT) {
                if let Some(column) = column {
                    let place = Place {
                        text: format!("{table}.{column}"),
                        owner: Some(table.to_owned()),
                        field: column.to_owned(),
                        typed: self.cast_after(i + 1),
                        owner_type: None,
                    };
                    self.literal(i + 1, place, How::Default, out);
                }
            }
        }
    }

    /// `ALTER TABLE t ALTER [COLUMN] col SET DEFAULT 'x'`.
    fn altered_default(&self, out: &mut Vec<LiteralUse>) {
        let tokens = self.tokens;
        let Some(table) = self.aliases.first().map(|(_, t)| t.clone()) else {
            return;
        };
        for (i, token) in tokens.iter().enumerate() {
            if keyword(&token.token) != Some(Keyword::DEFAULT)
                || i < 2
                || keyword(&tokens[i - 1].token) != Some(Keyword::SET)
            {
                continue;
            }
            let Some(column) = identifier(&tokens[i - 2].token) else {
                continue;
            };
            let place = Place {
                text: format!("{table}.{column}"),
                owner: Some(table.clone()),
                field: column.to_owned(),
                typed: self.cast_after(i + 1),
                owner_type: None,
            };
            self.literal(i + 1, place, How::Default, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{looks_like_sql, uses};
    use crate::uses::{How, LiteralUse, Positions};

    fn read(sql: &str) -> Vec<LiteralUse> {
        let positions = Positions::new(sql);
        let mut out = Vec::new();
        uses("q.sql", sql, 0, &positions, "", &mut out);
        out
    }

    fn summary(uses: &[LiteralUse]) -> Vec<(String, Option<String>, String, How)> {
        uses.iter()
            .map(|u| {
                (
                    u.place.field.clone(),
                    u.place.owner.clone(),
                    u.value.clone(),
                    u.how,
                )
            })
            .collect()
    }

    #[test]
    fn comparisons_name_the_table_through_aliases() {
        let sql = "SELECT * FROM shop.orders o JOIN users u ON u.id = o.user_id\nWHERE o.status = 'shiped' AND u.kind <> 'admin' OR 'x' = o.status;";
        let found = read(sql);
        let owner = |u: &LiteralUse| u.place.owner.clone();
        assert_eq!(found.len(), 3);
        assert_eq!(
            (found[0].value.as_str(), owner(&found[0]).as_deref()),
            ("shiped", Some("orders"))
        );
        assert_eq!(
            (found[1].value.as_str(), owner(&found[1]).as_deref()),
            ("admin", Some("users"))
        );
        assert_eq!(
            (found[2].value.as_str(), owner(&found[2]).as_deref()),
            ("x", Some("orders"))
        );
        // The body, inside the quotes.
        assert_eq!(
            (found[0].line, found[0].column, found[0].end_column),
            (2, 19, 25)
        );
        assert_eq!(&sql[found[0].bytes.clone()], "shiped");
    }

    #[test]
    fn set_is_an_assignment_and_in_lists_compare() {
        let found = read(
            "UPDATE orders SET status = 'paid' WHERE status IN ('new', 'pending'::order_status) AND id = 3",
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "status".into(),
                    Some("orders".into()),
                    "paid".into(),
                    How::Assigned
                ),
                (
                    "status".into(),
                    Some("orders".into()),
                    "new".into(),
                    How::Compared
                ),
                (
                    "status".into(),
                    Some("orders".into()),
                    "pending".into(),
                    How::Compared
                ),
            ]
        );
        assert_eq!(found[2].place.typed.as_deref(), Some("order_status"));
    }

    #[test]
    fn inserts_and_defaults_store_values_but_checks_are_definitions() {
        let found = read(
            "CREATE TABLE jobs (id int, state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'done')));\n\
             INSERT INTO jobs (id, state) VALUES (1, 'queued'), (2, lower('DONE'));\n\
             ALTER TABLE jobs ALTER COLUMN state SET DEFAULT 'waiting';",
        );
        assert_eq!(
            summary(&found),
            [
                (
                    "state".into(),
                    Some("jobs".into()),
                    "queued".into(),
                    How::Default
                ),
                (
                    "state".into(),
                    Some("jobs".into()),
                    "queued".into(),
                    How::Stored
                ),
                (
                    "state".into(),
                    Some("jobs".into()),
                    "waiting".into(),
                    How::Default
                ),
            ]
        );
    }

    #[test]
    fn only_statements_read_as_sql() {
        assert!(looks_like_sql("  SELECT id FROM t"));
        assert!(looks_like_sql("update t set a = 1"));
        assert!(!looks_like_sql("selected items"));
        assert!(!looks_like_sql("Update failed"));
        assert!(!looks_like_sql("select an option"));
        assert!(!looks_like_sql("pending"));
    }
}
