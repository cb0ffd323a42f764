//! TypeScript: per status an `as const` object of wire values and a union type, and a
//! helper object (`taskStatus.parse`, `.canTransition`, `.apply`, …); conversions as
//! functions. No runtime dependency unless [`TypescriptOptions::zod`] asks for zod schemas;
//! compiles under `tsc --strict`.

use std::fmt::Write;

use super::generated_line;
use crate::Schema;
use crate::escape::js::{
    jsdoc, jsdoc_generated, jsdoc_tagged, key, line_comment, string as quoted,
};
use crate::model::{Conversion, Status};

/// What the TypeScript module holds beyond its types and helpers.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct TypescriptOptions {
    /// Per status a zod schema, `TaskStatusSchema`, that reads every spelling the helper's
    /// `parse` reads and yields the wire value: API input validated with the library a
    /// TypeScript team already uses. The module then imports `zod` (version 4).
    pub zod: bool,
}

/// The module.
pub fn generate(schema: &Schema, schema_name: &str, options: &TypescriptOptions) -> String {
    let mut out = line_comment(&generated_line(schema_name));
    out.push('\n');
    // Imported only where a schema uses it, for the same reason.
    if options.zod && !schema.statuses.is_empty() {
        out.push_str("import { z } from \"zod\";\n\n");
    }
    out.push_str(PRELUDE);
    if schema.statuses.iter().any(|s| s.case_insensitive) {
        out.push_str(ASCII_LOWER);
    }
    for status in &schema.statuses {
        out.push('\n');
        status_block(&mut out, status);
        if options.zod {
            out.push('\n');
            zod_schema(&mut out, status);
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

const PRELUDE: &str = r#"/** Text that is not a spelling of the status: not a wire value, not an alias. */
export class StatusParseError extends Error {
  // Fields declared, not constructor parameter properties: the module compiles under
  // `erasableSyntaxOnly` (Vite's templates, Node's type stripping).
  readonly status: string;
  readonly input: string;
  readonly expected: readonly string[];

  constructor(status: string, input: string, expected: readonly string[]) {
    super(`unknown ${status} ${JSON.stringify(input)}; expected one of ${expected.join(", ")}`);
    this.name = "StatusParseError";
    this.status = status;
    this.input = input;
    this.expected = expected;
  }
}

/** A move the schema does not allow: a target state, or an event that does not apply. */
export class StatusTransitionError extends Error {
  readonly status: string;
  readonly from: string;
  readonly refused: string;
  readonly allowed: readonly string[];

  constructor(status: string, from: string, refused: string, allowed: readonly string[]) {
    const moves = allowed.length === 0 ? `\`${from}\` has no moves` : `from \`${from}\` it may move to ${allowed.map((s) => `\`${s}\``).join(", ")}`;
    super(`${status} cannot ${refused} in \`${from}\`; ${moves}`);
    this.name = "StatusTransitionError";
    this.status = status;
    this.from = from;
    this.refused = refused;
    this.allowed = allowed;
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

fn status_block(out: &mut String, status: &Status) {
    let name = &status.name;
    let helper = crate::naming::ts_helper(name);
    let wire = |id: crate::model::StateId| quoted(&status.state(id).wire);
    let doc: Vec<&str> = status.doc.as_deref().into_iter().collect();
    let deprecated = status.deprecated.as_deref().map(|n| ("deprecated", n));
    jsdoc_tagged(out, "", &doc, deprecated);
    let _ = writeln!(out, "export const {name} = {{");
    for state in &status.states {
        let text = state.doc.clone().unwrap_or_else(|| state.label.clone());
        jsdoc(out, "  ", &[&text]);
        let _ = writeln!(out, "  {}: {},", state.variant, quoted(&state.wire));
    }
    let _ = writeln!(out, "}} as const;");
    jsdoc_tagged(out, "", &doc, deprecated);
    let _ = writeln!(
        out,
        "export type {name} = (typeof {name})[keyof typeof {name}];\n"
    );

    let _ = writeln!(
        out,
        "const {helper}Spellings: ReadonlyMap<string, {name}> = new Map<string, {name}>(["
    );
    for spelling in status.spellings() {
        let key = if status.case_insensitive {
            spelling.text.to_ascii_lowercase()
        } else {
            spelling.text.to_owned()
        };
        let _ = writeln!(out, "  [{}, {}],", quoted(&key), wire(spelling.state));
    }
    let _ = writeln!(out, "]);\n");
    let _ = writeln!(
        out,
        "const {helper}Successors: Readonly<Record<{name}, readonly {name}[]>> = {{"
    );
    for state in &status.states {
        let next: Vec<String> = status.successors(state.id).map(wire).collect();
        let _ = writeln!(out, "  {}: [{}],", key(&state.wire), next.join(", "));
    }
    let _ = writeln!(out, "}};\n");
    // A value from outside (JSON, a cast) may be no state, or name a property every object
    // has (`constructor`): it has no successors, rather than a TypeError.
    let _ = writeln!(
        out,
        "function {helper}Next(from: {name}): readonly {name}[] {{\n  return Object.prototype.hasOwnProperty.call({helper}Successors, from) ? {helper}Successors[from] : [];\n}}\n"
    );
    let _ = writeln!(
        out,
        "const {helper}Labels: Readonly<Record<{name}, string>> = {{"
    );
    for state in &status.states {
        let _ = writeln!(out, "  {}: {},", key(&state.wire), quoted(&state.label));
    }
    let _ = writeln!(out, "}};\n");

    let has_events = !status.events.is_empty();
    if has_events {
        let _ = writeln!(
            out,
            "/** The named events of {{@link {name}}}. */\nexport const {name}Event = {{"
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
            "const {helper}Events: Readonly<Record<{name}Event, {{ readonly from: readonly {name}[]; readonly to: {name} }}>> = {{"
        );
        for event in &status.events {
            let from: Vec<String> = event.from.iter().map(|&f| wire(f)).collect();
            let _ = writeln!(
                out,
                "  {}: {{ from: [{}], to: {} }},",
                quoted(&event.name),
                from.join(", "),
                wire(event.to)
            );
        }
        let _ = writeln!(out, "}};\n");
    }

    helper_object(out, status);
}

/// `export const taskStatus = { parse, canTransition, … } as const`.
fn helper_object(out: &mut String, status: &Status) {
    let name = &status.name;
    let helper = crate::naming::ts_helper(name);
    let wire = |id: crate::model::StateId| quoted(&status.state(id).wire);
    let has_events = !status.events.is_empty();
    let values: Vec<String> = status.states.iter().map(|s| quoted(&s.wire)).collect();
    let expected = values.join(", ");
    let terminal: Vec<String> = status.terminal_states().map(|s| quoted(&s.wire)).collect();
    let initial = status.initial.map_or_else(|| "undefined".to_owned(), wire);
    jsdoc_generated(
        out,
        "",
        &format!("Operations on {{@link {name}}}, all read from the schema's tables."),
    );
    let _ = writeln!(out, "export const {helper} = {{");
    let _ = writeln!(out, "  name: {},", quoted(name));
    let _ = writeln!(
        out,
        "  /** Every state, in schema order. */\n  values: [{expected}] as readonly {name}[],"
    );
    // Typed as the status where the schema names an initial state, as Rust's `INITIAL`.
    if status.initial.is_some() {
        let _ = writeln!(
            out,
            "  /** Where a new item starts: `initial` in the schema. */\n  initial: {initial} as {name},"
        );
    } else {
        let _ = writeln!(
            out,
            "  /** Where a new item starts: the schema names no initial state. */\n  initial: undefined,"
        );
    }
    parse_methods(out, status, &helper, &expected);
    let _ = writeln!(
        out,
        "  /** The display label; a value that is no state is its own label. */\n  label(value: {name}): string {{\n    return Object.prototype.hasOwnProperty.call({helper}Labels, value) ? {helper}Labels[value] : String(value);\n  }},"
    );
    let _ = writeln!(
        out,
        "  isTerminal(value: {name}): boolean {{\n    return ([{}] as readonly {name}[]).includes(value);\n  }},",
        terminal.join(", ")
    );
    let _ = writeln!(
        out,
        "  isInitial(value: {name}): boolean {{\n    return value === {initial};\n  }},"
    );
    let _ = writeln!(
        out,
        "  successors(from: {name}): readonly {name}[] {{\n    return {helper}Next(from);\n  }},"
    );
    let _ = writeln!(
        out,
        "  /** Whether the schema allows the move; false for a value that is no state. */\n  canTransition(from: {name}, to: {name}): boolean {{\n    return {helper}Next(from).includes(to);\n  }},"
    );
    let _ = writeln!(
        out,
        "  /** `to` if the schema allows the move, else throws {{@link StatusTransitionError}}. */\n  transition(from: {name}, to: {name}): {name} {{\n    if (!{helper}Next(from).includes(to)) {{\n      throw new StatusTransitionError({}, from, `move to \\`${{to}}\\``, {helper}Next(from));\n    }}\n    return to;\n  }},",
        quoted(name)
    );
    if has_events {
        let _ = writeln!(
            out,
            "  /** The state `event` leads to from `from`, else throws {{@link StatusTransitionError}}. */\n  apply(from: {name}, event: {name}Event): {name} {{\n    const move = Object.prototype.hasOwnProperty.call({helper}Events, event) ? {helper}Events[event] : undefined;\n    if (move === undefined || !move.from.includes(from)) {{\n      throw new StatusTransitionError({}, from, `apply \\`${{event}}\\``, {helper}Next(from));\n    }}\n    return move.to;\n  }},",
            quoted(name)
        );
    }
    let _ = writeln!(out, "}} as const;");
}

/// `export const TaskStatusSchema = z.preprocess(…, z.enum(TaskStatus))`: a string is read
/// by the helper's spelling table first (aliases, the case rule, the fallback), and what
/// the table does not know is left for `z.enum` to refuse with zod's own issue. Its output
/// type is the status, and `z.toJSONSchema` gives the wire values as an `enum`.
fn zod_schema(out: &mut String, status: &Status) {
    let name = &status.name;
    let helper = crate::naming::ts_helper(name);
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
            "Validates input as {{@link {name}}} with zod: every spelling `{helper}.parse` reads, yielding the wire value."
        ),
    );
    let _ = writeln!(
        out,
        "export const {} = z.preprocess(\n  (input) => (typeof input === \"string\" ? {read} : input),\n  z.enum({name}),\n);",
        crate::naming::ts_zod_schema(name)
    );
}

/// The helper's `tryParse` and `parse`: spellings under the case rule, then the fallback
/// or `undefined` (which `parse` turns into a `StatusParseError`).
fn parse_methods(out: &mut String, status: &Status, helper: &str, expected: &str) {
    let name = &status.name;
    let key = if status.case_insensitive {
        "asciiLower(input)"
    } else {
        "input"
    };
    let miss = status.fallback.map_or_else(
        || "undefined".to_owned(),
        |id| quoted(&status.state(id).wire),
    );
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
            "  tryParse(input: string): {name} {{\n    return {helper}Spellings.get({key}) ?? {miss};\n  }},"
        );
        let _ = writeln!(
            out,
            "  /** The same as `tryParse`: with a fallback state, every input parses. */\n  parse(input: string): {name} {{\n    return {helper}Spellings.get({key}) ?? {miss};\n  }},"
        );
    } else {
        let _ = writeln!(
            out,
            "  tryParse(input: string): {name} | undefined {{\n    return {helper}Spellings.get({key});\n  }},"
        );
        let _ = writeln!(
            out,
            "  /** As `tryParse`, throwing {{@link StatusParseError}} for unknown input. */"
        );
        let _ = writeln!(
            out,
            "  parse(input: string): {name} {{\n    const value = {helper}Spellings.get({key});\n    if (value === undefined) {{\n      throw new StatusParseError({}, input, [{expected}]);\n    }}\n    return value;\n  }},",
            quoted(name)
        );
    }
}

fn conversion_fn(out: &mut String, conversion: &Conversion, from: &Status, to: &Status) {
    let function = crate::naming::ts_conversion(&from.name, &to.name);
    let total = conversion.is_total();
    let result = if total {
        to.name.clone()
    } else {
        format!("{} | undefined", to.name)
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
        from.name
    );
    let _ = writeln!(
        out,
        "  const map: Readonly<Record<{}, {result}>> = {{",
        from.name
    );
    for state in &from.states {
        let target = conversion
            .get(state.id)
            .map_or_else(|| "undefined".to_owned(), |t| quoted(&to.state(t).wire));
        let _ = writeln!(out, "    {}: {target},", key(&state.wire));
    }
    let _ = writeln!(out, "  }};\n  return map[value];\n}}");
}
