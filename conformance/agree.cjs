// Parses each input with the compiled TypeScript module's helpers and prints what each
// status made of it: the wire value, or null where it refused. For the cross-target
// agreement test. Usage: node agree.cjs statuses.js inputs.json
// inputs.json: {"statuses": [{"name", "helper", "inputs": [...]}]}
"use strict";
const fs = require("fs");

const mod = require(require("path").resolve(process.argv[2]));
const { statuses } = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const out = {};
for (const status of statuses) {
  const helper = mod[status.helper];
  out[status.name] = status.inputs.map((input) => {
    const value = helper.tryParse(input);
    return value === undefined ? null : value;
  });
}
fs.writeSync(1, JSON.stringify(out) + "\n");
