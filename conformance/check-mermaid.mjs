// Runs Mermaid diagrams through Mermaid itself (the `mermaid` package: its own preprocessing,
// directive detection, stateDiagram-v2 grammar and renderer), headless in Node with jsdom
// standing in for the browser, and prints what Mermaid made of them as JSON.
//
// Usage: node check-mermaid.mjs [--split] FILE...      (FILE "-" reads standard input)
//
// Each FILE is one diagram, as a Mermaid file is. With --split a file may hold several, as
// `statuskit gen mermaid` writes them: a new diagram starts at each `stateDiagram-v2` line,
// together with the `%%` comment lines just above it (the last of which, `%% Name`, names it).
//
// Prints one JSON object: {"ok": bool, "clean": bool, "diagrams": [...]}, each diagram:
//   file, index, name       where it came from (name: its `%% Name` comment, or null)
//   ok, error               whether mermaid.parse() and mermaid.render() accepted it
//   diagramType             "stateDiagram" for stateDiagram-v2
//   config                  the configuration Mermaid took from front matter and `%%{init}%%`
//                           or `%%{wrap}%%` directives: {} unless the source asked for some
//   states                  [{id, type, descriptions}] from Mermaid's StateDB: descriptions
//                           as the grammar read them, entity codes shown as written (#35;)
//   transitions             [{from, to, label}] the edges, [*] as root_start / root_end
//   transition_count
//   rendered                what mermaid.render() drew: {states: {id: text} (not [*]),
//                           transitions: [text] (in the order of transitions)} with text a
//                           label's text content as a browser reads it (entity codes decoded,
//                           <br> as "\n"), and label_tags: element names inside labels other
//                           than the p / span / div wrappers (markup that got through)
//   unsafe                  active content anywhere in the SVG: <script>, <iframe>, <object>,
//                           <embed>, on* attributes, javascript: URLs
//   clean                   ok, config is {}, label_tags and unsafe are empty
// Exit status: 1 if any diagram failed to parse or render, else 2 if any is not clean, else 0.
import fs from "node:fs";
import { JSDOM } from "jsdom";

// Mermaid sanitises labels with DOMPurify and renders with d3, both of which need a window;
// jsdom lays nothing out, so the few measuring calls get stand-in sizes.
const { window } = new JSDOM("<!doctype html><html><body></body></html>", { pretendToBeVisual: true });
for (const name of ["window", "document", "navigator", "Element", "HTMLElement", "SVGElement",
  "Node", "DOMParser", "XMLSerializer", "getComputedStyle", "MutationObserver", "CSSStyleSheet"]) {
  if (!(name in globalThis)) globalThis[name] = name === "window" ? window : window[name];
}
window.SVGElement.prototype.getBBox = function () {
  return { x: 0, y: 0, width: 8 * (this.textContent || "").length, height: 16 };
};
window.SVGElement.prototype.getComputedTextLength = function () {
  return 8 * (this.textContent || "").length;
};
// Mermaid waits for images in labels to load; jsdom loads none, so report them settled.
Object.defineProperty(window.HTMLImageElement.prototype, "complete", { get: () => true });
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });
// Mermaid logs parse errors to the console; keep stdout for the JSON.
console.log = console.info = console.warn = console.debug = console.error;

const args = process.argv.slice(2);
const split = args[0] === "--split";
const files = split ? args.slice(1) : args;
if (files.length === 0) {
  console.error("usage: node check-mermaid.mjs [--split] FILE...");
  process.exit(64);
}

// Mermaid swaps entity codes (#35;, #quot;) for placeholders before parsing and back after
// rendering; show them as written.
const showEntities = (text) => text.replace(/\uFB02\xB0\xB0/g, "#").replace(/\uFB02\xB0/g, "#").replace(/\xB6\xDF/g, ";");

function pieces(file) {
  const text = fs.readFileSync(file === "-" ? 0 : file, "utf8");
  if (!split) return [{ name: null, text }];
  const lines = text.split("\n");
  const starts = [];
  lines.forEach((line, i) => {
    if (/^stateDiagram(-v2)?\s*$/.test(line)) {
      let start = i;
      while (start > 0 && /^%%/.test(lines[start - 1]) && !starts.includes(start - 1)) start--;
      starts.push(start);
    }
  });
  if (starts.length === 0) return [{ name: null, text }];
  return starts.map((start, k) => {
    const body = lines.slice(start, starts[k + 1] ?? lines.length);
    const header = body.findIndex((line) => /^stateDiagram/.test(line));
    const comment = header > 0 ? body[header - 1].match(/^%%\s?(.*)$/) : null;
    return { name: comment ? comment[1] : null, text: body.join("\n") };
  });
}

// The text a label shows, and the elements inside it beyond the wrappers Mermaid adds.
function labelFacts(element) {
  if (!element) return { text: null, tags: [] };
  const tags = new Set();
  const walk = (node) => {
    let out = "";
    for (const child of node.childNodes) {
      if (child.nodeType === 3) out += child.data;
      else if (child.nodeType === 1) {
        const tag = child.localName;
        if (tag === "br") out += "\n";
        else {
          if (!["p", "span", "div"].includes(tag)) tags.add(tag);
          out += walk(child);
        }
      }
    }
    return out;
  };
  return { text: walk(element), tags: [...tags] };
}

function unsafeMarkup(root) {
  const found = [];
  for (const el of root.querySelectorAll("*")) {
    const tag = el.localName;
    if (["script", "iframe", "object", "embed"].includes(tag)) found.push(`<${tag}>`);
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) found.push(`${tag} ${attr.name}`);
      if (/^\s*javascript:/i.test(attr.value)) found.push(`${tag} ${attr.name}=javascript:`);
    }
  }
  return found;
}

let counter = 0;
async function check(file, index, { name, text }) {
  const result = { file, index, name, ok: false, error: null };
  try {
    const parsed = await mermaid.parse(text);
    result.diagramType = parsed.diagramType;
    result.config = parsed.config ?? {};
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db;
    if (typeof db.getStates === "function") {
      result.states = [...db.getStates().values()].map((state) => ({
        id: state.id,
        type: state.type,
        descriptions: (state.descriptions ?? []).map(showEntities),
      }));
      result.transitions = db.getRelations().map((rel) => ({
        from: rel.id1, to: rel.id2, label: showEntities(rel.relationTitle ?? ""),
      }));
      result.transition_count = result.transitions.length;
    }
    const id = `d${++counter}`;
    const { svg } = await mermaid.render(id, text);
    // Parsed as HTML, as a page that embeds the SVG parses it (label HTML such as <br> is
    // not well-formed XML).
    const svgDoc = new JSDOM(`<!doctype html><body>${svg}</body>`).window.document;
    const states = {};
    const tags = new Set();
    for (const node of svgDoc.querySelectorAll("g.node")) {
      const match = node.id.match(new RegExp(`^${id}-state-(.*)-\\d+$`));
      if (!match) continue;
      const facts = labelFacts(node.querySelector("g.label foreignObject"));
      if (facts.text !== null) states[match[1]] = facts.text; // [*] has no label
      facts.tags.forEach((tag) => tags.add(tag));
    }
    const transitions = [];
    for (const label of svgDoc.querySelectorAll("g.edgeLabels g.label[data-id]")) {
      const facts = labelFacts(label.querySelector("foreignObject"));
      transitions.push(facts.text);
      facts.tags.forEach((tag) => tags.add(tag));
    }
    result.rendered = { states, transitions, label_tags: [...tags] };
    result.unsafe = unsafeMarkup(svgDoc);
    result.ok = true;
  } catch (error) {
    result.error = String(error?.message ?? error);
  }
  result.clean = result.ok && Object.keys(result.config).length === 0
    && result.rendered.label_tags.length === 0 && result.unsafe.length === 0;
  return result;
}

const diagrams = [];
for (const file of files) {
  const list = pieces(file);
  for (let i = 0; i < list.length; i++) diagrams.push(await check(file, i, list[i]));
}
const ok = diagrams.every((d) => d.ok);
const clean = diagrams.every((d) => d.clean);
// Written synchronously: process.exit() would cut a piped stdout short.
fs.writeSync(1, JSON.stringify({ ok, clean, diagrams }, null, 2) + "\n");
process.exit(!ok ? 1 : !clean ? 2 : 0);
