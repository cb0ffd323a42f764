//! Where a schema names its statuses, states and events: each name's place in the text,
//! read from `toml_edit`'s spanned tree, so that a file that does not check yet (the one
//! being typed) still has its names. Definitions are a status's `[status.X]` key, the
//! strings of its `states` (and an extension's `add`), its `events` keys; everything else
//! that names one is a reference: `initial`, `terminal`, `transitions`, event `from`/`to`,
//! `aliases`' values, `labels`/`docs`/`wire` keys, `extends`, `remove`, and `into`'s tables.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use toml_edit::{Document, Item, Value};

/// How many lines a file being typed may have that do not parse, for names to be read.
const BLANKED_LINES: usize = 8;

/// What a name names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Status,
    State,
    Event,
}

/// One name in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Symbol {
    /// Its characters (inside the quotes of a string).
    pub(super) span: Range<usize>,
    pub(super) kind: Kind,
    /// The status it belongs to (a status names itself).
    pub(super) status: String,
    pub(super) name: String,
    pub(super) definition: bool,
}

/// Every name in the schema `text`, and which status extends which.
pub(super) struct Symbols {
    pub(super) all: Vec<Symbol>,
    /// `(status, base)` for each `extends`.
    extends: Vec<(String, String)>,
    /// Each status's base, and each `(status, state)` a status defines: looked up once per
    /// name, so that finding every reference costs the names once each.
    bases: HashMap<String, String>,
    defined: HashSet<(String, String)>,
}

impl Symbols {
    /// The names of `text`. A file being typed is seldom TOML throughout: a line the
    /// parser stops at is read as blank (its bytes replaced by spaces, so every other name
    /// keeps its place), up to [`BLANKED_LINES`] of them; past that, no names.
    pub(super) fn of(text: &str) -> Self {
        let mut text = text.to_owned();
        for _ in 0..=BLANKED_LINES {
            match Document::parse(text.as_str()) {
                Ok(document) => return Self::of_document(&document),
                Err(error) => {
                    let Some(at) = error.span().map(|span| span.start.min(text.len())) else {
                        break;
                    };
                    let start = text[..at].rfind('\n').map_or(0, |n| n + 1);
                    let end = text[at..].find('\n').map_or(text.len(), |n| at + n);
                    if text[start..end].trim().is_empty() {
                        break;
                    }
                    let blank = " ".repeat(end - start);
                    text.replace_range(start..end, &blank);
                }
            }
        }
        Symbols {
            all: Vec::new(),
            extends: Vec::new(),
            bases: HashMap::new(),
            defined: HashSet::new(),
        }
    }

    fn of_document(document: &Document<&str>) -> Self {
        let mut symbols = Symbols {
            all: Vec::new(),
            extends: Vec::new(),
            bases: HashMap::new(),
            defined: HashSet::new(),
        };
        symbols.read(document);
        for (status, base) in &symbols.extends {
            symbols
                .bases
                .entry(status.clone())
                .or_insert_with(|| base.clone());
        }
        symbols.defined = symbols
            .all
            .iter()
            .filter(|s| s.kind == Kind::State && s.definition)
            .map(|s| (s.status.clone(), s.name.clone()))
            .collect();
        symbols
    }

    fn read(&mut self, document: &Document<&str>) {
        let symbols = self;
        let Some(statuses) = document.get("status").and_then(Item::as_table_like) else {
            return;
        };
        for (name, item) in statuses.iter() {
            if let Some(key) = statuses.key(name) {
                if let Some(span) = key.span() {
                    symbols.push(Kind::Status, name, name, span, true);
                }
            }
            if let Some(table) = item.as_table_like() {
                symbols.status(name, table);
            }
            if let Some(table) = item.as_table() {
                symbols.headers(document.raw(), name, table);
            }
        }
    }

    /// The status's name in each header of its sub-tables (`[status.X.transitions]`):
    /// references, so that a rename reaches them.
    fn headers(&mut self, raw: &str, status: &str, table: &toml_edit::Table) {
        for (_, item) in table {
            let Some(inner) = item.as_table() else {
                continue;
            };
            if let Some(span) = inner
                .span()
                .filter(|_| !inner.is_implicit() && !inner.is_dotted())
            {
                if let Some(at) = status_in_header(raw, span.clone()) {
                    self.push(Kind::Status, status, status, at, false);
                }
            }
            self.headers(raw, status, inner);
        }
    }

    fn push(&mut self, kind: Kind, status: &str, name: &str, span: Range<usize>, definition: bool) {
        self.all.push(Symbol {
            span,
            kind,
            status: status.to_owned(),
            name: name.to_owned(),
            definition,
        });
    }

    /// Each string in `item` (a string, or an array of them) as a name.
    fn strings(&mut self, kind: Kind, status: &str, item: &Item, definition: bool) {
        let values: Vec<&Value> = match item {
            Item::Value(Value::Array(array)) => array.iter().collect(),
            Item::Value(value) => vec![value],
            _ => Vec::new(),
        };
        for value in values {
            if let (Some(name), Some(span)) = (value.as_str(), value.span()) {
                self.push(kind, status, name, inside_quotes(span), definition);
            }
        }
    }

    /// The keys of a table (or inline table) as names, and optionally its values.
    fn keys(&mut self, kind: Kind, status: &str, item: &Item, values: Option<(Kind, &str)>) {
        let Some(table) = item.as_table_like() else {
            return;
        };
        for (name, inner) in table.iter() {
            if name != "*" {
                if let Some(span) = table.key(name).and_then(toml_edit::Key::span) {
                    self.push(kind, status, name, span, kind == Kind::Event);
                }
            }
            if let Some((kind, of)) = values {
                self.strings(kind, of, inner, false);
            }
        }
    }

    fn status(&mut self, status: &str, table: &dyn toml_edit::TableLike) {
        for (key, item) in table.iter() {
            match key {
                "states" | "add" => self.strings(Kind::State, status, item, true),
                "initial" | "terminal" | "remove" => {
                    self.strings(Kind::State, status, item, false);
                }
                "transitions" => self.keys(Kind::State, status, item, Some((Kind::State, status))),
                "labels" | "docs" | "wire" => self.keys(Kind::State, status, item, None),
                "aliases" => {
                    if let Some(aliases) = item.as_table_like() {
                        for (_, target) in aliases.iter() {
                            self.strings(Kind::State, status, target, false);
                        }
                    }
                }
                "extends" => {
                    if let Some(base) = item.as_str() {
                        self.extends.push((status.to_owned(), base.to_owned()));
                    }
                    self.strings(Kind::Status, status, item, false);
                    if let Some(last) = self.all.last_mut() {
                        if last.kind == Kind::Status && !last.definition {
                            last.status.clone_from(&last.name);
                        }
                    }
                }
                "events" => {
                    self.keys(Kind::Event, status, item, None);
                    if let Some(events) = item.as_table_like() {
                        for (_, event) in events.iter() {
                            if let Some(event) = event.as_table_like() {
                                for (field, value) in event.iter() {
                                    if matches!(field, "from" | "to") {
                                        self.strings(Kind::State, status, value, false);
                                    }
                                }
                            }
                        }
                    }
                }
                "into" => self.into(status, item),
                _ => {}
            }
        }
    }

    /// `into.Other = { mine = "theirs" }`: `Other` a status, its keys this status's states,
    /// its values `Other`'s.
    fn into(&mut self, status: &str, item: &Item) {
        let Some(targets) = item.as_table_like() else {
            return;
        };
        for (other, map) in targets.iter() {
            if let Some(span) = targets.key(other).and_then(toml_edit::Key::span) {
                self.push(Kind::Status, other, other, span, false);
            }
            self.keys(Kind::State, status, map, Some((Kind::State, other)));
        }
    }

    /// The status whose `name` a state of `status` is: `status` itself, or the base it
    /// extends (through the chain) that defines it.
    pub(super) fn owner(&self, status: &str, name: &str) -> String {
        let mut at = status.to_owned();
        let mut seen = vec![at.clone()];
        loop {
            if self.defined.contains(&(at.clone(), name.to_owned())) {
                return at;
            }
            match self.bases.get(&at) {
                Some(base) if !seen.contains(base) => {
                    at.clone_from(base);
                    seen.push(at.clone());
                }
                _ => return status.to_owned(),
            }
        }
    }

    /// The states a status has: its own, then each base's along its `extends`, in the order
    /// written.
    pub(super) fn states_of(&self, status: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut at = status.to_owned();
        let mut seen = vec![at.clone()];
        loop {
            for symbol in &self.all {
                if symbol.kind == Kind::State
                    && symbol.definition
                    && symbol.status == at
                    && !out.contains(&symbol.name)
                {
                    out.push(symbol.name.clone());
                }
            }
            match self.extends.iter().find(|(s, _)| *s == at) {
                Some((_, base)) if !seen.contains(base) => {
                    at.clone_from(base);
                    seen.push(at.clone());
                }
                _ => return out,
            }
        }
    }

    /// The name at byte `at`, if one is there.
    pub(super) fn at(&self, at: usize) -> Option<&Symbol> {
        self.all
            .iter()
            .find(|s| s.span.start <= at && at <= s.span.end)
    }

    /// What a symbol is, for comparing: its kind, the status that defines it, its name.
    pub(super) fn identity(&self, symbol: &Symbol) -> (Kind, String, String) {
        let status = match symbol.kind {
            Kind::State => self.owner(&symbol.status, &symbol.name),
            _ => symbol.status.clone(),
        };
        (symbol.kind, status, symbol.name.clone())
    }

    /// Every place that names what `symbol` names, its definition first.
    pub(super) fn references(&self, symbol: &Symbol) -> Vec<&Symbol> {
        let identity = self.identity(symbol);
        let mut out: Vec<&Symbol> = self
            .all
            .iter()
            .filter(|s| self.identity(s) == identity)
            .collect();
        out.sort_by_key(|s| (!s.definition, s.span.start));
        out
    }
}

/// Where the second key of a header (`X` of `[status.X.transitions]`) is written, its
/// quotes left out: the header's text split at the dots outside quotes.
fn status_in_header(raw: &str, span: Range<usize>) -> Option<Range<usize>> {
    let header = raw.get(span.clone())?;
    let open = header.find('[')? + 1;
    let mut parts = Vec::new();
    let (mut start, mut quote) = (open, None);
    for (at, c) in header.char_indices().skip_while(|(at, _)| *at < open) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '.' | ']') => {
                parts.push(start..at);
                start = at + 1;
                if c == ']' {
                    break;
                }
            }
            _ => {}
        }
    }
    let second = parts.get(1)?.clone();
    let text = &header[second.clone()];
    let trimmed_start = second.start + (text.len() - text.trim_start().len());
    let trimmed = text.trim();
    let inner = if trimmed.len() >= 2 && trimmed.starts_with(['"', '\'']) {
        trimmed_start + 1..trimmed_start + trimmed.len() - 1
    } else {
        trimmed_start..trimmed_start + trimmed.len()
    };
    Some(span.start + inner.start..span.start + inner.end)
}

/// A string's span without its quotes (a literal string's one, a basic string's one, or
/// three of either for a multi-line one).
fn inside_quotes(span: Range<usize>) -> Range<usize> {
    if span.end >= span.start + 2 {
        span.start + 1..span.end - 1
    } else {
        span
    }
}

#[cfg(test)]
mod tests {
    use super::{Kind, Symbols};

    const SCHEMA: &str = "schema_version = 1\n\n[status.Base]\nstates = [\"pending\", \"done\"]\ninitial = \"pending\"\ntransitions = { pending = [\"done\"] }\n\n[status.Job]\nextends = \"Base\"\nadd = [\"failed\"]\nterminal = [\"done\", \"failed\"]\n\n[status.Job.events]\nfinish = { from = \"pending\", to = \"done\" }\n";

    #[test]
    fn names_and_their_references() {
        let symbols = Symbols::of(SCHEMA);
        let done = SCHEMA.rfind("\"done\" }").expect("done") + 1;
        let symbol = symbols.at(done).expect("a name");
        assert_eq!((symbol.kind, symbol.name.as_str()), (Kind::State, "done"));
        // `done` of `Job` is `Base`'s: defined there, named in both.
        let places: Vec<(usize, bool)> = symbols
            .references(symbol)
            .iter()
            .map(|s| (s.span.start, s.definition))
            .collect();
        assert_eq!(places.len(), 4, "{places:?}");
        assert!(places[0].1, "the definition first");
        assert_eq!(&SCHEMA[symbols.references(symbol)[0].span.clone()], "done");
        let base = SCHEMA.find("\"Base\"").expect("extends") + 1;
        let extends = symbols.at(base).expect("extends");
        assert_eq!(
            (extends.kind, extends.name.as_str()),
            (Kind::Status, "Base")
        );
        // The status's own header, `extends`, and the header of its events' table.
        assert_eq!(symbols.references(extends).len(), 2);
        let job = SCHEMA.find("Job]").expect("Job");
        let job = symbols.at(job).expect("Job");
        let places: Vec<&str> = symbols
            .references(job)
            .iter()
            .map(|s| &SCHEMA[s.span.clone()])
            .collect();
        assert_eq!(places, ["Job", "Job"]);
    }

    #[test]
    fn a_line_being_typed_leaves_the_others_their_names() {
        let typing = "[status.A]\nstates = [\"a\", \"b\"]\ninitial = \"\nterminal = [\"b\"]\n";
        let symbols = Symbols::of(typing);
        let names: Vec<&str> = symbols.all.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["A", "a", "b", "b"]);
        assert_eq!(&typing[symbols.all[3].span.clone()], "b");
    }
}
