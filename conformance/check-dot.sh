#!/usr/bin/env bash
# Parses and lays out a DOT file with Graphviz's own `dot` (installed by scripts/setup-tools)
# and prints what it made of it as JSON, so a test can compare the labels with the schema's
# text exactly. `dot` exits non-zero on a syntax error, and so does this script.
#
# Usage: conformance/check-dot.sh FILE
#
# Prints one JSON object from `dot -Tjson`:
#   name                      the graph's name
#   clusters                  [{name, label, text}]
#   nodes                     [{name, cluster, label, text}]
#   edges                     [{tail, head, label, text}] (tail and head by node name)
# label is the attribute's value as `dot` read it (quoted-string escapes other than \" are
# still in it: \\, \n, \l, \r, \N, ... are expanded when drawn); text is the lines `dot`
# actually draws (its _ldraw_ text operations: escapes and entities like &amp; expanded,
# one entry per line), so for a one-line label text is [the text a reader sees].
set -euo pipefail
file=${1:?usage: check-dot.sh FILE}
json=$(mktemp)
trap 'rm -f "$json"' EXIT
dot -Tjson "$file" >"$json"

node - "$json" <<'EOF'
"use strict";
// Graphviz 2.43 writes control characters (other than tab and newline) into JSON strings
// raw, which JSON forbids: escape them inside strings before parsing.
function parseJson(text) {
  let out = "", inString = false, escaped = false;
  for (const c of text) {
    if (inString && !escaped && c < " ") out += "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0");
    else out += c;
    if (escaped) escaped = false;
    else if (c === "\\") escaped = inString;
    else if (c === '"') inString = !inString;
  }
  return JSON.parse(out);
}
const graph = parseJson(require("fs").readFileSync(process.argv[2], "utf8"));
// The lines drawn for an object's label, in order.
const drawn = (object) => (object._ldraw_ || []).filter((op) => op.op === "T").map((op) => op.text);
const objects = graph.objects || [];
const byId = new Map(objects.map((o) => [o._gvid, o]));
const clusters = objects.filter((o) => o.nodes !== undefined || o.edges !== undefined || o.subgraphs !== undefined);
const clusterOf = new Map();
// Later (inner) subgraphs overwrite earlier (outer) ones: each node gets its innermost one.
for (const cluster of clusters) for (const id of cluster.nodes || []) clusterOf.set(id, cluster.name);
const report = {
  name: graph.name,
  clusters: clusters.map((c) => ({ name: c.name, label: c.label ?? null, text: drawn(c) })),
  nodes: objects.filter((o) => !clusters.includes(o)).map((n) => ({
    name: n.name, cluster: clusterOf.get(n._gvid) ?? null, label: n.label ?? null, text: drawn(n),
  })),
  edges: (graph.edges || []).map((e) => ({
    tail: byId.get(e.tail).name, head: byId.get(e.head).name, label: e.label ?? null, text: drawn(e),
  })),
};
process.stdout.write(JSON.stringify(report, null, 2) + "\n");
EOF
