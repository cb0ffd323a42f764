// Checks the compiled TypeScript module against the JSON facts of the same schema:
// every spelling (and its other cases) parses as the facts say, every pair of states is
// allowed exactly when the facts list the transition, every event in every state, every
// conversion. Usage: node check.cjs facts.json statuses.js
"use strict";
const assert = require("assert/strict");
const { load, check, counted, passed, lowerFirst, expected, inputs } = require("./facts.cjs");

const { facts, mod } = load(process.argv[2], process.argv[3]);

for (const status of facts.statuses) {
  // The object is exported under the status's name, or under `typescript.object`: found
  // by its values.
  const wires = JSON.stringify(status.states.map((s) => s.wire));
  const values = mod[status.name] ??
    Object.values(mod).find((v) => v && typeof v === "object" && JSON.stringify(Object.values(v)) === wires);
  const helper = mod[lowerFirst(status.name)];
  check(values && helper && helper.name === status.name, `${status.name}: exported`);
  const wire = Object.fromEntries(status.states.map((s) => [s.name, s.wire]));
  check(
    JSON.stringify(helper.values) === JSON.stringify(status.states.map((s) => s.wire)),
    `${status.name}: values in schema order`,
  );
  for (const state of status.states) {
    check(helper.label(state.wire) === state.label, `${status.name}.${state.name}: label`);
    check(helper.isTerminal(state.wire) === state.terminal, `${status.name}.${state.name}: terminal`);
    check(helper.isInitial(state.wire) === state.initial, `${status.name}.${state.name}: initial`);
  }
  const initial = status.states.find((s) => s.name === status.initial);
  check(helper.initial === (initial ? initial.wire : undefined), `${status.name}: initial`);

  for (const input of inputs(status)) {
    const want = expected(status, input);
    check(helper.tryParse(input) === want, `${status.name}: tryParse(${JSON.stringify(input)})`);
    if (want === undefined) {
      assert.throws(() => helper.parse(input), (e) => e instanceof mod.StatusParseError && e.message.includes(JSON.stringify(input)));
      counted();
    } else {
      check(helper.parse(input) === want, `${status.name}: parse(${JSON.stringify(input)})`);
    }
  }

  // A value from outside that is no state (or names a property every object has) moves
  // nowhere, and is refused as a move, never a TypeError.
  for (const stranger of ["no such state", "constructor", "__proto__", "toString"]) {
    if (status.states.some((s) => s.wire === stranger)) continue;
    const someone = status.states[0].wire;
    check(helper.canTransition(stranger, someone) === false, `${status.name}: canTransition(${stranger})`);
    check(helper.canTransition(someone, stranger) === false, `${status.name}: canTransition(-> ${stranger})`);
    check(helper.successors(stranger).length === 0, `${status.name}: successors(${stranger})`);
    check(helper.isTerminal(stranger) === false, `${status.name}: isTerminal(${stranger})`);
    check(typeof helper.label(stranger) === "string", `${status.name}: label(${stranger})`);
    assert.throws(() => helper.transition(stranger, someone), mod.StatusTransitionError);
    counted();
    if (status.events.length > 0) {
      assert.throws(() => helper.apply(someone, stranger), mod.StatusTransitionError);
      counted();
    }
  }

  const allowed = new Set(status.transitions.map(([f, t]) => `${f}>${t}`));
  for (const from of status.states) {
    for (const to of status.states) {
      const ok = allowed.has(`${from.name}>${to.name}`);
      check(helper.canTransition(from.wire, to.wire) === ok, `${status.name}: ${from.name} -> ${to.name}`);
      if (ok) {
        check(helper.transition(from.wire, to.wire) === to.wire, "transition");
      } else {
        assert.throws(() => helper.transition(from.wire, to.wire), mod.StatusTransitionError);
        counted();
      }
    }
  }

  for (const event of status.events) {
    for (const state of status.states) {
      if (event.from.includes(state.name)) {
        check(helper.apply(state.wire, event.name) === wire[event.to], `${status.name}: ${event.name} in ${state.name}`);
      } else {
        assert.throws(() => helper.apply(state.wire, event.name), mod.StatusTransitionError);
        counted();
      }
    }
  }
}

for (const conversion of facts.conversions) {
  const fn = mod[`${lowerFirst(conversion.from)}To${conversion.to}`];
  check(typeof fn === "function", `conversion ${conversion.from} -> ${conversion.to} exported`);
  const from = facts.statuses.find((s) => s.name === conversion.from);
  const to = facts.statuses.find((s) => s.name === conversion.to);
  const toWire = Object.fromEntries(to.states.map((s) => [s.name, s.wire]));
  for (const state of from.states) {
    const target = conversion.map[state.name];
    check(fn(state.wire) === (target === null ? undefined : toWire[target]), `${conversion.from}.${state.name} -> ${conversion.to}`);
  }
}

console.log(`typescript: ${passed()} checks passed over ${facts.statuses.length} statuses and ${facts.conversions.length} conversions`);
