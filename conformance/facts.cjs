// What the JSON facts of a schema say about parsing, shared by the checks of every
// TypeScript entry point (the helpers in check.cjs, the zod schemas in check-zod.cjs).
"use strict";
const fs = require("fs");
const path = require("path");
const assert = require("assert/strict");

/** The facts, and the compiled module checked against them. */
function load(factsPath, modulePath) {
  return {
    facts: JSON.parse(fs.readFileSync(factsPath, "utf8")),
    mod: require(path.resolve(modulePath)),
  };
}

let checks = 0;
/** Asserts, and counts the check for the report. */
function check(condition, message) {
  assert.ok(condition, message);
  checks += 1;
}
/** Counts a check made by another assertion (`assert.throws`). */
function counted() {
  checks += 1;
}
/** How many checks passed. */
const passed = () => checks;

const asciiLower = (s) => s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
const asciiUpper = (s) => s.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 32));
const lowerFirst = (s) => s[0].toLowerCase() + s.slice(1);

/** The state `input` parses to by the facts' rules, as a wire value, or undefined. */
function expected(status, input) {
  const wire = Object.fromEntries(status.states.map((s) => [s.name, s.wire]));
  const hit = status.spellings.find((s) =>
    status.case_insensitive ? asciiLower(s.text) === asciiLower(input) : s.text === input,
  );
  if (hit) return wire[hit.state];
  return status.fallback === null ? undefined : wire[status.fallback];
}

/** Every spelling in its written, upper and lower case, and text no schema spells (the
 * dotted capital I is not ASCII, so no case rule folds it to `i`). */
function inputs(status) {
  const all = status.spellings.flatMap((s) => [s.text, asciiUpper(s.text), asciiLower(s.text)]);
  all.push("", "definitely-not-a-state", "\u0130NITIAL");
  return all;
}

module.exports = { load, check, counted, passed, asciiLower, asciiUpper, lowerFirst, expected, inputs };
