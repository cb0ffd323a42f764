// Parses each input with the compiled TypeScript module's helpers and prints what each
// status made of it: the wire value, or null where it refused. For the cross-target
// agreement test. Usage: node agree.cjs statuses.js inputs.json [suggest]
// inputs.json: {"statuses": [{"name", "helper", "inputs": [...]}]}
// With `suggest`: the spelling `parse`'s error suggests for each input, or null.
"use strict";
const fs = require("fs");

const mod = require(require("path").resolve(process.argv[2]));
const { statuses } = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const out = {};
for (const status of statuses) {
  const helper = mod[status.helper];
  out[status.name] = status.inputs.map((input) => {
    if (process.argv[4] === "suggest") {
      try {
        helper.parse(input);
        return null;
      } catch (error) {
        return error.suggestion ?? null;
      }
    }
    const value = helper.tryParse(input);
    return value === undefined ? null : value;
  });
}
fs.writeSync(1, JSON.stringify(out) + "\n");
