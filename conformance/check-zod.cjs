// Checks the zod schemas of a module generated with `--zod`, run by the real zod package,
// against the JSON facts of the same schema: every spelling (and its other cases) is
// accepted exactly when the facts say it parses, and yields the facts' wire value; what is
// not a string is refused; and zod's JSON Schema of each is the wire values.
// Under zod 3 (no JSON Schema export) the issue code is zod 3's.
// Usage: node check-zod.cjs facts.json statuses.js
"use strict";
const path = require("path");
const { load, check, passed, expected, inputs } = require("./facts.cjs");

const { facts, mod } = load(process.argv[2], process.argv[3]);
// The zod the module imports (zod 3 or 4), not the one beside this script.
const { z } = require(require.resolve("zod", { paths: [path.dirname(path.resolve(process.argv[3]))] }));
const major = typeof z.toJSONSchema === "function" ? 4 : 3;
const refusal = major === 4 ? "invalid_value" : "invalid_enum_value";

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
      check(got.error.issues[0].code === refusal, `${status.name}Schema: zod's own issue for ${shown}`);
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
  for (const io of major === 4 ? ["output", "input"] : []) {
    const json = z.toJSONSchema(schema, { io });
    check(JSON.stringify(json.enum) === JSON.stringify(values), `${status.name}Schema: JSON Schema (${io}) lists the wire values`);
  }
}

console.log(`zod ${major}: ${passed()} checks passed over ${facts.statuses.length} statuses`);
