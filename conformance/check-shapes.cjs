// What code written against hand-written TypeScript constants observes of the module
// generated from status-schema/tests/shapes/shapes.toml, under zod 3 or zod 4: the names and
// keys it imports, the plain zod enum's own API, the pipeline's `options`, and the errors.
// Usage: node check-shapes.cjs statuses.js 3|4   (run where `zod` resolves to that major)
"use strict";
const path = require("path");
const assert = require("assert/strict");
const mod = require(path.resolve(process.argv[2]));
// The zod the module imports, not the one beside this script.
const { z } = require(require.resolve("zod", { paths: [path.dirname(path.resolve(process.argv[2]))] }));
const major = Number(process.argv[3]);
let checks = 0;
const eq = (actual, expected, what) => {
  assert.deepEqual(actual, expected, what);
  checks += 1;
};

// Exported under the project's own names, keyed as the project keyed them.
eq(mod.TASK_STATUS.SUCCESS, "success", "TASK_STATUS.SUCCESS");
eq(Object.keys(mod.TASK_STATUS), ["PENDING", "RUNNING", "SUCCESS", "FAILED"], "key order");
eq(Object.values(mod.TASK_STATUS), ["pending", "running", "success", "failed"], "value order");
eq(mod.WORKFLOW_STATUS.COMPLETED, "completed", "WORKFLOW_STATUS.COMPLETED");
eq(mod.TaskStatus, undefined, "no second object under the status's name");
// A string enum keyed by wire values, as Prisma Client's: members and reverse lookups.
eq(mod.DeployState.rolled_back, "rolled_back", "DeployState.rolled_back");
eq(Object.values(mod.DeployState), ["queued", "live", "rolled_back"], "enum values");

// A terminal check written the way the project wrote it keeps working.
const terminal = [mod.TASK_STATUS.SUCCESS, mod.TASK_STATUS.FAILED];
eq(terminal.every((s) => mod.taskStatus.isTerminal(s)), true, "isTerminal");
eq(mod.taskStatus.canTransition("no such state", "running"), false, "no TypeError");
eq(mod.taskStatus.canTransition("constructor", "running"), false, "prototype names");

// Plain zod enums where the wire values are all a status reads: zod's own enum API.
const task = mod.TaskStatusSchema;
check(task instanceof z.ZodType, "TaskStatusSchema is a zod schema");
eq(task.options, ["pending", "running", "success", "failed"], ".options");
eq(task.enum.SUCCESS ?? task.enum.success, "success", ".enum");
eq(task.extract(["success", "failed"]).options, ["success", "failed"], ".extract");
eq(task.exclude(["pending"]).options, ["running", "success", "failed"], ".exclude");
eq(task.safeParse("SUCCESS").success, false, "case-sensitive as written");
// Nested in the project's own object schema, of the same zod.
const body = z.object({ status: task, workflow: mod.WorkflowStatusSchema });
const parsed = body.safeParse({ status: "running", workflow: "done" });
eq(parsed.success && parsed.data, { status: "running", workflow: "completed" }, "nested");
eq(body.safeParse({ status: "nope", workflow: "queued" }).success, false, "nested refusal");

// The pipeline (aliases) keeps the enum's `options` and `enum`.
const workflow = mod.WorkflowStatusSchema;
eq(workflow.options, ["queued", "active", "completed", "cancelled"], "pipeline .options");
eq(workflow.parse("canceled"), "cancelled", "alias through zod");
eq(workflow.safeParse("Cancelled").success, false, "case-sensitive pipeline");
// The enum-declared status validates its members.
eq(mod.DeployStateSchema.parse("LIVE"), "live", "case-insensitive enum status");

// Errors as Rust's: the nearest spelling, where an event applies.
try {
  mod.taskStatus.parse("sucess");
  assert.fail("parsed");
} catch (error) {
  eq(error.suggestion, "success", "suggestion");
  eq(error.message, 'unknown TaskStatus "sucess"; expected one of pending, running, success, failed; did you mean "success"?', "message");
}
try {
  mod.workflowStatus.parse("cancelld");
} catch (error) {
  eq(error.suggestion, "cancelled", "suggestion among aliases");
}
try {
  mod.taskStatus.transition("success", "running");
} catch (error) {
  eq(error.message, "TaskStatus cannot move to `running` in `success`; `success` is terminal", "terminal");
}
eq(typeof z.toJSONSchema === "function", major === 4, "the zod loaded is the major given");
console.log(`shapes (zod ${major}): ${checks} checks passed`);

function check(condition, what) {
  assert.ok(condition, what);
  checks += 1;
}
