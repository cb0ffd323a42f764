#!/usr/bin/env node
// Runs the `statuskit` binary from the package built for this platform, which npm installs
// as an optional dependency and skips on every other platform (its package.json names its
// `os`, `cpu` and `libc`): the pattern of biome and esbuild. No install script, no download.
"use strict";

const { spawn } = require("node:child_process");
const os = require("node:os");

// Platform (`process.platform`-`process.arch`) to the package that holds its binary.
const PACKAGES = {
  "linux-x64": "@statuskit/cli-linux-x64",
};

function fail(message) {
  process.stderr.write(`statuskit: ${message}\n`);
  process.exit(2);
}

const platform = `${process.platform}-${process.arch}`;
const pkg = PACKAGES[platform];
if (pkg === undefined) {
  fail(
    `no prebuilt binary for ${platform} (there are: ${Object.keys(PACKAGES).join(", ")}); ` +
      "install the command with `cargo install --locked status-cli` or `pip install statuskit`",
  );
}
let binary;
try {
  binary = require.resolve(`${pkg}/bin/statuskit${process.platform === "win32" ? ".exe" : ""}`);
} catch {
  fail(
    `${pkg}, which holds the binary, is not installed: reinstall without --omit=optional or ` +
      `--no-optional (installing from tarballs, install ${pkg}'s beside this one)`,
  );
}
// Run asynchronously, so that this process stays to pass on the signals a terminal, a CI
// runner or a process manager sends it: a launcher that died of them would leave the binary
// running, orphaned.
const FORWARDED = ["SIGINT", "SIGTERM", "SIGHUP"];
const child = spawn(binary, process.argv.slice(2), { stdio: "inherit" });
const forward = (signal) => {
  // The binary may already have exited, between the signal and this handler.
  try {
    child.kill(signal);
  } catch {}
};
for (const signal of FORWARDED) {
  process.on(signal, forward);
}
child.on("error", (error) => fail(`cannot run ${binary}: ${error.message}`));
child.on("exit", (code, signal) => {
  for (const forwarded of FORWARDED) {
    process.removeListener(forwarded, forward);
  }
  if (signal !== null) {
    // Die of the same signal, so a shell sees what the binary saw.
    process.kill(process.pid, signal);
    process.exit(128 + (os.constants.signals[signal] ?? 0));
  }
  process.exit(code);
});
