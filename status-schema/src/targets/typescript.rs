//! TypeScript: per status an `as const` object of wire values and a union type, and a
//! helper object (`taskStatus.parse`, `.canTransition`, `.apply`, …); conversions as
//! functions. No runtime dependency unless [`TypescriptOptions::zod`] asks for zod schemas;
//! compiles under `tsc --strict`.

use std::fmt::Write;

use heck::ToShoutySnakeCase;

use super::generated_line;
use crate::Schema;
use crate::escape::js::{
    jsdoc, jsdoc_generated, jsdoc_tagged, key, line_comment, string as quoted,
};
use crate::model::{Conversion, StateId, Status};
use crate::shape::{Declaration, KeyStyle};

/// What the TypeScript module holds beyond its types and helpers.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct TypescriptOptions {
    /// Per status a zod schema, `TaskStatusSchema`, that reads every spelling the helper's
    /// `parse` reads and yields the wire value: API input validated with the library a
    /// TypeScript team already uses. The module then imports `zod`; the value is zod's
    /// major version, 3 or 4 (any other is 4), `None` for no schemas.
    pub zod: Option<u8>,
}

/// The module.
pub fn generate(schema: &Schema, schema_name: &str, options: &TypescriptOptions) -> String {
    let mut out = line_comment(&generated_line(schema_name));
    out.push('\n');
    // Imported only where a schema uses it, for the same reason.
    if options.zod.is_some() && !schema.statuses.is_empty() {
        out.push_str("import { z } from \"zod\";\n\n");
    }
    out.push_str(PRELUDE);
    if schema.statuses.iter().any(|s| s.case_insensitive) {
        out.push_str(ASCII_LOWER);
    }
    for status in &schema.statuses {
        out.push('\n');
        status_block(&mut out, status);
        if let Some(major) = options.zod {
            out.push('\n');
            zod_schema(&mut out, status, major);
        }
    }
    for conversion in &schema.conversions {
        if let Some((from, to)) = schema.endpoints(conversion) {
            out.push('\n');
            conversion_fn(&mut out, conversion, from, to);
        }
    }
    out
}

const PRELUDE: &str = r#"/** UTF-8 bytes of `text`, ASCII letters lowered: what the spelling hint compares. */
function hintBytes(text: string): number[] {
  const bytes: number[] = [];
  for (const char of text) {
    const c = char.codePointAt(0) ?? 0;
    if (c < 0x80) bytes.push(c >= 65 && c <= 90 ? c + 32 : c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return bytes;
}

/** Edits from `a` to `b`: insertions, deletions, substitutions, swaps of neighbours. */
function hintDistance(a: readonly number[], b: readonly number[]): number {
  let before: number[] = [];
  let previous = Array.from({ length: a.length + 1 }, (_, i) => i);
  for (let j = 0; j < b.length; j++) {
    const current = [j + 1];
    for (let i = 0; i < a.length; i++) {
      let best = Math.min(previous[i]! + (a[i] === b[j] ? 0 : 1), previous[i + 1]! + 1, current[i]! + 1);
      if (i > 0 && j > 0 && a[i] === b[j - 1] && a[i - 1] === b[j]) best = Math.min(best, before[i - 1]! + 1);
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[a.length]!;
}

/** The candidate `input` most likely meant: at most one edit per three bytes of the longer,
 * ASCII case ignored, the first of equals; none for input over 48 bytes or past 1,000
 * candidates. The rule of statuskit's Rust runtime and schema checker. */
function nearestSpelling(input: string, candidates: readonly string[]): string | undefined {
  const typed = hintBytes(input);
  if (typed.length > 48 || candidates.length > 1000) return undefined;
  let best: [number, string] | undefined;
  for (const candidate of candidates) {
    const known = hintBytes(candidate);
    const allowed = Math.max(1, Math.floor(Math.max(typed.length, known.length) / 3));
    if (Math.abs(typed.length - known.length) > allowed) continue;
    const distance = hintDistance(typed, known);
    if (distance <= allowed && (best === undefined || distance < best[0])) best = [distance, candidate];
  }
  return best?.[1];
}

/** Text that is not a spelling of the status: not a wire value, not an alias. */
export class StatusParseError extends Error {
  // Fields declared, not constructor parameter properties: the module compiles under
  // `erasableSyntaxOnly` (Vite's templates, Node's type stripping).
  readonly status: string;
  readonly input: string;
  readonly expected: readonly string[];
  /** The nearest spelling (wire value or alias), for a near miss. */
  readonly suggestion: string | undefined;

  constructor(status: string, input: string, expected: readonly string[], aliases: readonly string[] = []) {
    const suggestion = nearestSpelling(input, [...expected, ...aliases]);
    const hint = suggestion === undefined ? "" : `; did you mean ${JSON.stringify(suggestion)}?`;
    super(`unknown ${status} ${JSON.stringify(input)}; expected one of ${expected.join(", ")}${hint}`);
    this.name = "StatusParseError";
    this.status = status;
    this.input = input;
    this.expected = expected;
    this.suggestion = suggestion;
  }
}

/** A move the schema does not allow: a target state, or an event that does not apply. */
export class StatusTransitionError extends Error {
  readonly status: string;
  readonly from: string;
  readonly refused: string;
  readonly allowed: readonly string[];
  /** For a refused event, the states it applies in, in schema order. */
  readonly appliesIn: readonly string[];

  constructor(status: string, from: string, refused: string, allowed: readonly string[], appliesIn: readonly string[] = [], terminal = false) {
    const where = appliesIn.length === 0 ? "" : ` (it applies in ${appliesIn.map((s) => `\`${s}\``).join(", ")})`;
    const moves = allowed.length === 0 ? `\`${from}\` ${terminal ? "is terminal" : "has no moves"}` : `from \`${from}\` it may move to ${allowed.map((s) => `\`${s}\``).join(", ")}`;
    super(`${status} cannot ${refused} in \`${from}\`${where}; ${moves}`);
    this.name = "StatusTransitionError";
    this.status = status;
    this.from = from;
    this.refused = refused;
    this.allowed = allowed;
    this.appliesIn = appliesIn;
  }
}
"#;

/// Declared only where a status reads input in any case: an unused function fails a
/// project compiled with `--noUnusedLocals`.
const ASCII_LOWER: &str = r"
/** ASCII-only lower case: the schema's case rule ignores ASCII case and nothing else. */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}
";

/// How one status is written: its exported names, and how its states are keyed and named.
struct Shape<'a> {
    status: &'a Status,
    /// The exported object (or enum).
    object: &'a str,
    /// The exported type (the enum's name for an enum).
    ty: &'a str,
    declaration: Declaration,
}

impl<'a> Shape<'a> {
    fn of(status: &'a Status) -> Self {
        Self {
            status,
            object: status.shape.ts_object(&status.name),
            ty: status.shape.ts_type(&status.name),
            declaration: status.shape.ts_declaration(),
        }
    }

    /// The key (or enum member name) of a state, as `typescript.keys` spells it.
    fn key_text(&self, id: StateId) -> String {
        let state = self.status.state(id);
        match self.status.shape.ts_keys() {
            KeyStyle::PascalCase => state.variant.clone(),
            KeyStyle::ScreamingSnake => state.name.to_shouty_snake_case(),
            KeyStyle::Wire => state.wire.clone(),
        }
    }

    /// The key as an object literal or enum declares it: a plain identifier where it is
    /// one, else a string literal (`__proto__` computed, so that it defines a property).
    fn declared_key(&self, id: StateId) -> String {
        let text = self.key_text(id);
        if is_plain_key(&text) {
            text
        } else {
            key(&text)
        }
    }

    /// An expression of the state's value, typed as the status: the wire value's literal
    /// for a const object (its type is the literal), the member for an enum (a string
    /// literal is no enum member to TypeScript).
    fn value(&self, id: StateId) -> String {
        match self.declaration {
            Declaration::Const => quoted(&self.status.state(id).wire),
            Declaration::Enum => {
                let text = self.key_text(id);
                if is_plain_key(&text) {
                    format!("{}.{text}", self.ty)
                } else {
                    format!("{}[{}]", self.ty, quoted(&text))
                }
            }
        }
    }

    /// A table's key for the state: its wire value, computed from the member for an enum.
    fn table_key(&self, id: StateId) -> String {
        match self.declaration {
            Declaration::Const => key(&self.status.state(id).wire),
            Declaration::Enum => format!("[{}]", self.value(id)),
        }
    }
}

/// Whether `text` can be written as a bare property name or enum member.
fn is_plain_key(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
        && text != "__proto__"
}

fn status_block(out: &mut String, status: &Status) {
    let shape = Shape::of(status);
    declaration(out, &shape);
    tables(out, &shape);
    helper_object(out, &shape);
}

/// The exported object and type, or the enum.
fn declaration(out: &mut String, shape: &Shape<'_>) {
    let status = shape.status;
    let (object, ty) = (shape.object, shape.ty);
    let doc: Vec<&str> = status.doc.as_deref().into_iter().collect();
    let deprecated = status.deprecated.as_deref().map(|n| ("deprecated", n));
    jsdoc_tagged(out, "", &doc, deprecated);
    match shape.declaration {
        Declaration::Const => {
            let _ = writeln!(out, "export const {object} = {{");
            for state in &status.states {
                let text = state.doc.clone().unwrap_or_else(|| state.label.clone());
                jsdoc(out, "  ", &[&text]);
                let _ = writeln!(
                    out,
                    "  {}: {},",
                    shape.declared_key(state.id),
                    quoted(&state.wire)
                );
            }
            let _ = writeln!(out, "}} as const;");
            jsdoc_tagged(out, "", &doc, deprecated);
            let _ = writeln!(
                out,
                "export type {ty} = (typeof {object})[keyof typeof {object}];\n"
            );
        }
        Declaration::Enum => {
            let _ = writeln!(out, "export enum {ty} {{");
            for state in &status.states {
                let text = state.doc.clone().unwrap_or_else(|| state.label.clone());
                jsdoc(out, "  ", &[&text]);
                let _ = writeln!(
                    out,
                    "  {} = {},",
                    shape.declared_key(state.id),
                    quoted(&state.wire)
                );
            }
            let _ = writeln!(out, "}}\n");
        }
    }
}

/// The lookup tables the helper object reads, and the events.
fn tables(out: &mut String, shape: &Shape<'_>) {
    let (status, ty) = (shape.status, shape.ty);
    let helper = crate::naming::ts_helper(&status.name);
    let _ = writeln!(
        out,
        "const {helper}Spellings: ReadonlyMap<string, {ty}> = new Map<string, {ty}>(["
    );
    for spelling in status.spellings() {
        let text = if status.case_insensitive {
            spelling.text.to_ascii_lowercase()
        } else {
            spelling.text.to_owned()
        };
        let _ = writeln!(
            out,
            "  [{}, {}],",
            quoted(&text),
            shape.value(spelling.state)
        );
    }
    let _ = writeln!(out, "]);\n");
    let _ = writeln!(
        out,
        "const {helper}Successors: Readonly<Record<{ty}, readonly {ty}[]>> = {{"
    );
    for state in &status.states {
        let next: Vec<String> = status
            .successors(state.id)
            .map(|t| shape.value(t))
            .collect();
        let _ = writeln!(
            out,
            "  {}: [{}],",
            shape.table_key(state.id),
            next.join(", ")
        );
    }
    let _ = writeln!(out, "}};\n");
    // A value from outside (JSON, a cast) may be no state, or name a property every object
    // has (`constructor`): it has no successors, rather than a TypeError.
    let _ = writeln!(
        out,
        "function {helper}Next(from: {ty}): readonly {ty}[] {{\n  return Object.prototype.hasOwnProperty.call({helper}Successors, from) ? {helper}Successors[from] : [];\n}}\n"
    );
    let _ = writeln!(
        out,
        "const {helper}Labels: Readonly<Record<{ty}, string>> = {{"
    );
    for state in &status.states {
        let _ = writeln!(
            out,
            "  {}: {},",
            shape.table_key(state.id),
            quoted(&state.label)
        );
    }
    let _ = writeln!(out, "}};\n");

    let name = &status.name;
    if !status.events.is_empty() {
        let _ = writeln!(
            out,
            "/** The named events of {{@link {ty}}}. */\nexport const {name}Event = {{"
        );
        for event in &status.events {
            if let Some(doc) = &event.doc {
                jsdoc(out, "  ", &[doc]);
            }
            let _ = writeln!(out, "  {}: {},", event.variant, quoted(&event.name));
        }
        let _ = writeln!(
            out,
            "}} as const;\nexport type {name}Event = (typeof {name}Event)[keyof typeof {name}Event];\n"
        );
        let _ = writeln!(
            out,
            "const {helper}Events: Readonly<Record<{name}Event, {{ readonly from: readonly {ty}[]; readonly to: {ty} }}>> = {{"
        );
        for event in &status.events {
            let from: Vec<String> = event.from.iter().map(|&f| shape.value(f)).collect();
            let _ = writeln!(
                out,
                "  {}: {{ from: [{}], to: {} }},",
                quoted(&event.name),
                from.join(", "),
                shape.value(event.to)
            );
        }
        let _ = writeln!(out, "}};\n");
    }
}

/// `export const taskStatus = { parse, canTransition, … } as const`.
fn helper_object(out: &mut String, shape: &Shape<'_>) {
    let status = shape.status;
    let (name, ty) = (&status.name, shape.ty);
    let helper = crate::naming::ts_helper(name);
    let has_events = !status.events.is_empty();
    let values: Vec<String> = status.states.iter().map(|s| shape.value(s.id)).collect();
    let terminal: Vec<String> = status
        .terminal_states()
        .map(|s| shape.value(s.id))
        .collect();
    let initial = status
        .initial
        .map_or_else(|| "undefined".to_owned(), |id| shape.value(id));
    let is_terminal = format!(
        "([{}] as readonly {ty}[]).includes(from)",
        terminal.join(", ")
    );
    jsdoc_generated(
        out,
        "",
        &format!("Operations on {{@link {ty}}}, all read from the schema's tables."),
    );
    let _ = writeln!(out, "export const {helper} = {{");
    let _ = writeln!(out, "  name: {},", quoted(name));
    let _ = writeln!(
        out,
        "  /** Every state, in schema order. */\n  values: [{}] as readonly {ty}[],",
        values.join(", ")
    );
    // Typed as the status where the schema names an initial state, as Rust's `INITIAL`.
    if status.initial.is_some() {
        let _ = writeln!(
            out,
            "  /** Where a new item starts: `initial` in the schema. */\n  initial: {initial} as {ty},"
        );
    } else {
        let _ = writeln!(
            out,
            "  /** Where a new item starts: the schema names no initial state. */\n  initial: undefined,"
        );
    }
    parse_methods(out, shape, &helper);
    let _ = writeln!(
        out,
        "  /** The display label; a value that is no state is its own label. */\n  label(value: {ty}): string {{\n    return Object.prototype.hasOwnProperty.call({helper}Labels, value) ? {helper}Labels[value] : String(value);\n  }},"
    );
    let _ = writeln!(
        out,
        "  isTerminal(value: {ty}): boolean {{\n    return ([{}] as readonly {ty}[]).includes(value);\n  }},",
        terminal.join(", ")
    );
    let _ = writeln!(
        out,
        "  isInitial(value: {ty}): boolean {{\n    return value === {initial};\n  }},"
    );
    let _ = writeln!(
        out,
        "  successors(from: {ty}): readonly {ty}[] {{\n    return {helper}Next(from);\n  }},"
    );
    let _ = writeln!(
        out,
        "  /** Whether the schema allows the move; false for a value that is no state. */\n  canTransition(from: {ty}, to: {ty}): boolean {{\n    return {helper}Next(from).includes(to);\n  }},"
    );
    let _ = writeln!(
        out,
        "  /** `to` if the schema allows the move, else throws {{@link StatusTransitionError}}. */\n  transition(from: {ty}, to: {ty}): {ty} {{\n    if (!{helper}Next(from).includes(to)) {{\n      throw new StatusTransitionError({}, from, `move to \\`${{to}}\\``, {helper}Next(from), [], {is_terminal});\n    }}\n    return to;\n  }},",
        quoted(name)
    );
    if has_events {
        let _ = writeln!(
            out,
            "  /** The state `event` leads to from `from`, else throws {{@link StatusTransitionError}}. */\n  apply(from: {ty}, event: {name}Event): {ty} {{\n    const move = Object.prototype.hasOwnProperty.call({helper}Events, event) ? {helper}Events[event] : undefined;\n    if (move === undefined || !move.from.includes(from)) {{\n      throw new StatusTransitionError({}, from, `apply \\`${{event}}\\``, {helper}Next(from), move?.from ?? [], {is_terminal});\n    }}\n    return move.to;\n  }},",
            quoted(name)
        );
    }
    let _ = writeln!(out, "}} as const;");
}

/// The zod schema of a status, for zod 3 or 4 (`major`). A plain `z.enum([…])` where the
/// wire values are all a status reads (no alias, no case folding, no fallback): `.options`,
/// `.enum`, `.extract` and `.exclude` work as on any zod enum. Otherwise a string is read
/// by the helper's spelling table first (aliases, the case rule, the fallback), and what
/// the table does not know is left for the enum to refuse with zod's own issue; the
/// enum's `options` and `enum` stay on the schema. Its output type is the status.
fn zod_schema(out: &mut String, status: &Status, major: u8) {
    let shape = Shape::of(status);
    let name = &status.name;
    let helper = crate::naming::ts_helper(name);
    let values: Vec<String> = status.states.iter().map(|s| shape.value(s.id)).collect();
    let plain = format!("z.enum([{}])", values.join(", "));
    let schema = crate::naming::ts_zod_schema(name);
    let reads_more =
        !status.aliases.is_empty() || status.case_insensitive || status.fallback.is_some();
    if !reads_more {
        jsdoc_generated(
            out,
            "",
            &format!(
                "Validates input as {{@link {}}} with zod {major}: its wire values.",
                shape.ty
            ),
        );
        let _ = writeln!(out, "export const {schema} = {plain};");
        return;
    }
    let read = if status.fallback.is_some() {
        // Every string parses: the fallback takes what no spelling names.
        format!("{helper}.parse(input)")
    } else {
        format!("({helper}.tryParse(input) ?? input)")
    };
    jsdoc_generated(
        out,
        "",
        &format!(
            "Validates input as {{@link {}}} with zod {major}: every spelling `{helper}.parse` reads, yielding the wire value.",
            shape.ty
        ),
    );
    let inner = format!("{}Values", crate::naming::ts_helper(&schema));
    let _ = writeln!(
        out,
        "const {inner} = {plain};\nexport const {schema} = Object.assign(\n  z.preprocess((input) => (typeof input === \"string\" ? {read} : input), {inner}),\n  {{ options: {inner}.options, enum: {inner}.enum }},\n);"
    );
}

/// The helper's `tryParse` and `parse`: spellings under the case rule, then the fallback
/// or `undefined` (which `parse` turns into a `StatusParseError`).
fn parse_methods(out: &mut String, shape: &Shape<'_>, helper: &str) {
    let status = shape.status;
    let ty = shape.ty;
    let key = if status.case_insensitive {
        "asciiLower(input)"
    } else {
        "input"
    };
    let miss = status
        .fallback
        .map_or_else(|| "undefined".to_owned(), |id| shape.value(id));
    let _ = writeln!(
        out,
        "  /** The wire value, or an alias (case rule applied); {}. */",
        if status.fallback.is_some() {
            "anything else is the fallback"
        } else {
            "`undefined` for anything else"
        }
    );
    if status.fallback.is_some() {
        // Every input parses, so neither can fail.
        let _ = writeln!(
            out,
            "  tryParse(input: string): {ty} {{\n    return {helper}Spellings.get({key}) ?? {miss};\n  }},"
        );
        let _ = writeln!(
            out,
            "  /** The same as `tryParse`: with a fallback state, every input parses. */\n  parse(input: string): {ty} {{\n    return {helper}Spellings.get({key}) ?? {miss};\n  }},"
        );
    } else {
        let (expected, aliases) = super::parse_error_spellings(status, quoted);
        let _ = writeln!(
            out,
            "  tryParse(input: string): {ty} | undefined {{\n    return {helper}Spellings.get({key});\n  }},"
        );
        let _ = writeln!(
            out,
            "  /** As `tryParse`, throwing {{@link StatusParseError}} (naming the nearest spelling) for unknown input. */"
        );
        let _ = writeln!(
            out,
            "  parse(input: string): {ty} {{\n    const value = {helper}Spellings.get({key});\n    if (value === undefined) {{\n      throw new StatusParseError({}, input, [{}]{aliases});\n    }}\n    return value;\n  }},",
            quoted(&status.name),
            expected
        );
    }
}

fn conversion_fn(out: &mut String, conversion: &Conversion, from: &Status, to: &Status) {
    let function = crate::naming::ts_conversion(&from.name, &to.name);
    let (source, target) = (Shape::of(from), Shape::of(to));
    let total = conversion.is_total();
    let result = if total {
        target.ty.to_owned()
    } else {
        format!("{} | undefined", target.ty)
    };
    let doc = format!(
        "`{}` → `{}`{}.",
        from.name,
        to.name,
        if total {
            ""
        } else {
            "; `undefined` for a state with no counterpart"
        }
    );
    jsdoc_generated(out, "", &doc);
    let _ = writeln!(
        out,
        "export function {function}(value: {}): {result} {{",
        source.ty
    );
    let _ = writeln!(
        out,
        "  const map: Readonly<Record<{}, {result}>> = {{",
        source.ty
    );
    for state in &from.states {
        let mapped = conversion
            .get(state.id)
            .map_or_else(|| "undefined".to_owned(), |t| target.value(t));
        let _ = writeln!(out, "    {}: {mapped},", source.table_key(state.id));
    }
    let _ = writeln!(out, "  }};\n  return map[value];\n}}");
}
