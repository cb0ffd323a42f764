// Renders a Markdown file as a code host would (CommonMark plus GFM tables and
// strikethrough, by markdown-it, with raw HTML passed through, so that any HTML that got
// into the source shows up as HTML), parses the rendered HTML with parse5 (the HTML
// standard's parser, as a browser would) and prints what a reader gets, as JSON.
//
// Usage: node check-markdown.cjs FILE      (FILE "-" reads standard input)
//
// Prints one JSON object:
//   blocks       the top-level elements in order (["h1", "table", "h2", "p", "pre", ...])
//   headings     [{level, text}]
//   tables       [{header: [text], rows: [[text]], row_count, row_cells: [count per row]}]
//   code_blocks  [{info, content}] fenced (info string) and indented (info null) code blocks,
//                from markdown-it's tokens; content is exactly the block's text
//   paragraphs   [text] of every <p>
//   links        [{href, text}]
//   tags         sorted element names used
//   attributes   [{tag, name, value}] every attribute other than class on <code>, href, and
//                a numeric start on <ol>
//                on <a> (which are listed under links)
//   comments     [text] HTML comments
//   raw_html     [text] raw HTML that markdown-it passed through, other than whole comments
//   problems     [text] elements outside the allowlist, attributes other than the above,
//                on* attributes, script-like URLs, and raw_html; empty for a clean file
// Text is an element's text content, entities decoded, <br> as "\n".
// Exit status: 1 if problems is not empty, else 0.
"use strict";
const fs = require("fs");
const MarkdownIt = require("markdown-it");
const parse5 = require("parse5");

const ALLOWED = new Set(["h1", "h2", "h3", "h4", "h5", "h6", "p", "table", "thead", "tbody",
  "tr", "th", "td", "code", "pre", "a", "strong", "em", "ul", "ol", "li", "br"]);
const SCRIPT_URL = /^(javascript|vbscript|data):/i;

const file = process.argv[2];
if (!file) {
  console.error("usage: node check-markdown.cjs FILE");
  process.exit(64);
}
const source = fs.readFileSync(file === "-" ? 0 : file, "utf8");
const md = new MarkdownIt("default", { html: true, linkify: false, typographer: false });
const tokens = md.parse(source, {});
const html = md.renderer.render(tokens, md.options, {});

const report = {
  blocks: [], headings: [], tables: [], code_blocks: [], paragraphs: [], links: [], tags: [],
  attributes: [], comments: [], raw_html: [], problems: [],
};

const isComment = (text) => /^\s*<!--[\s\S]*?-->\s*$/.test(text) && !/-->[\s\S]*-->/.test(text);
const rawHtml = (list) => {
  for (const token of list) {
    if ((token.type === "html_block" || token.type === "html_inline") && !isComment(token.content)) {
      report.raw_html.push(token.content);
    }
    if (token.children) rawHtml(token.children);
  }
};
rawHtml(tokens);
for (const token of tokens) {
  if (token.type === "fence") report.code_blocks.push({ info: token.info, content: token.content });
  if (token.type === "code_block") report.code_blocks.push({ info: null, content: token.content });
}

const text = (node) => {
  if (node.nodeName === "#text") return node.value;
  if (node.nodeName === "br") return "\n";
  return (node.childNodes || []).map(text).join("");
};
const children = (node, name) => (node.childNodes || []).filter((c) => c.nodeName === name);
const tags = new Set();

function walk(node) {
  for (const child of node.childNodes || []) {
    if (child.nodeName === "#comment") {
      report.comments.push(child.data);
      continue;
    }
    if (child.nodeName === "#text" || !child.tagName) continue;
    const tag = child.tagName;
    tags.add(tag);
    if (!ALLOWED.has(tag)) report.problems.push(`element <${tag}>`);
    for (const { name, value } of child.attrs) {
      const shown = `<${tag}> ${name}=${JSON.stringify(value)}`;
      // Browsers drop tabs and newlines inside URLs and leading spaces or controls.
      if (SCRIPT_URL.test(value.replace(/[\u0000-\u0020]/g, ""))) report.problems.push(`script URL ${shown}`);
      // An ordered list that starts at another number carries `start` (a number, inert).
      const listStart = tag === "ol" && name === "start" && /^[0-9]+$/.test(value);
      if ((tag === "a" && name === "href") || (tag === "code" && name === "class") || listStart) continue;
      report.attributes.push({ tag, name, value });
      report.problems.push(`${/^on/i.test(name) ? "event handler" : "attribute"} ${shown}`);
    }
    if (/^h[1-6]$/.test(tag)) report.headings.push({ level: Number(tag[1]), text: text(child) });
    if (tag === "p") report.paragraphs.push(text(child));
    if (tag === "a") {
      const href = child.attrs.find((a) => a.name === "href");
      report.links.push({ href: href ? href.value : null, text: text(child) });
    }
    if (tag === "table") {
      const rowsOf = (section) => children(child, section).flatMap((s) => children(s, "tr"))
        .map((tr) => tr.childNodes.filter((c) => c.nodeName === "th" || c.nodeName === "td").map(text));
      const header = rowsOf("thead");
      const rows = rowsOf("tbody");
      report.tables.push({
        header: header[0] || [], rows, row_count: rows.length, row_cells: rows.map((r) => r.length),
      });
    }
    walk(child);
  }
}
const fragment = parse5.parseFragment(html);
report.blocks = fragment.childNodes.filter((c) => c.tagName).map((c) => c.tagName);
walk(fragment);
report.tags = [...tags].sort();
for (const raw of report.raw_html) report.problems.push(`raw HTML ${JSON.stringify(raw)}`);

// Written synchronously: process.exit() would cut a piped stdout short.
fs.writeSync(1, JSON.stringify(report, null, 2) + "\n");
process.exit(report.problems.length ? 1 : 0);
