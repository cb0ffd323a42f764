// Checks the zod schemas of a module generated with `--zod`, run by the real zod package,
// against the JSON facts of the same schema: every spelling (and its other cases) is
// accepted exactly when the facts say it parses, and yields the facts' wire value; what is
// not a string is refused; and zod's JSON Schema of each is the wire values.
// Usage: node check-zod.cjs facts.json statuses.js
"use strict";
const { z } = require("zod");
const { load, check, passed, expected, inputs } = require("./facts.cjs");

const { facts, mod } = load(process.argv[2], process.argv[3]);

for (const status of facts.statuses) {
  const schema = mod[`${status.name}Schema`];
  check(schema instanceof z.ZodType, `${status.name}Schema: a zod schema`);
  const values = status.states.map((s) => s.wire);
  for (const input of inputs(status)) {
    const want = expected(status, input);
    const got = schema.safeParse(input);
    const shown = JSON.stringify(input);
    if (want === undefined) {
      check(!got.success, `${status.name}Schema refuses ${shown}`);
      check(got.error.issues[0].code === "invalid_value", `${status.name}Schema: zod's own issue for ${shown}`);
    } else {
      check(got.success && got.data === want, `${status.name}Schema: ${shown} -> ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    }
  }
  for (const input of [42, null, undefined, true, {}, [values[0]], { toString: () => values[0] }]) {
    check(!schema.safeParse(input).success, `${status.name}Schema refuses ${typeof input}`);
  }
  // Inside an object, as API input is validated: the field's issue has its path.
  const body = z.object({ status: schema });
  const parsed = body.safeParse({ status: values[0] });
  check(parsed.success && parsed.data.status === values[0], `${status.name}: object field`);
  for (const io of ["output", "input"]) {
    const json = z.toJSONSchema(schema, { io });
    check(JSON.stringify(json.enum) === JSON.stringify(values), `${status.name}Schema: JSON Schema (${io}) lists the wire values`);
  }
}

console.log(`zod: ${passed()} checks passed over ${facts.statuses.length} statuses`);
