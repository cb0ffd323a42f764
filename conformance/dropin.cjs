// What code importing a hand-written TypeScript module of constants observes, compared with
// what it observes of the module statuskit generates from `audit --draft` of that code:
// every export of the hand-written module exists under the same name with the same keys, in
// the same order, holding the same values (an `as const` object, a string enum). Prints each
// difference; exits 1 if there is one.
// Usage: node dropin.cjs hand.js generated.js
"use strict";
const path = require("path");
const hand = require(path.resolve(process.argv[2]));
const generated = require(path.resolve(process.argv[3]));

let differences = 0;
for (const [name, value] of Object.entries(hand)) {
  const want = JSON.stringify([typeof value, value && Object.entries(value)]);
  const ours = generated[name];
  const got = JSON.stringify([typeof ours, ours && Object.entries(ours)]);
  if (want !== got) {
    console.log(`${name}: hand-written ${want}, generated ${got}`);
    differences += 1;
  }
}
console.log(`drop-in: ${Object.keys(hand).length} exports compared, ${differences} differences`);
process.exit(differences === 0 ? 0 : 1);
