// Validates generated Prisma enums with Prisma's own schema validator (the Wasm build of
// prisma-fmt), inside a minimal PostgreSQL datasource, then prints the data model Prisma
// reads from them (the DMMF that Prisma Client is generated from) as JSON: each enum with
// its database name and its values with theirs, how many models there are, and whether
// `prisma format` (the same Wasm module's formatter) would leave the text unchanged.
// Usage: node validate-prisma.cjs enums.prisma
"use strict";
const fs = require("fs");
const wasm = require("@prisma/prisma-schema-wasm");

const enums = fs.readFileSync(process.argv[2], "utf8");
const schema = `datasource db {\n  provider = "postgresql"\n}\n\n${enums}`;
const params = JSON.stringify({ prismaSchema: [["schema.prisma", schema]], noColor: true });
let dmmf;
let formatted;
try {
  wasm.validate(params);
  dmmf = JSON.parse(wasm.get_dmmf(params));
  formatted = wasm.format(
    schema,
    JSON.stringify({ textDocument: { uri: "file:/schema.prisma" }, options: { tabSize: 2, insertSpaces: true } }),
  );
} catch (error) {
  console.error(String(error));
  process.exit(1);
}
const summary = {
  models: dmmf.datamodel.models.length,
  format_unchanged: formatted === schema,
  enums: dmmf.datamodel.enums.map((e) => ({
    name: e.name,
    dbName: e.dbName,
    values: e.values.map((v) => ({ name: v.name, dbName: v.dbName })),
  })),
};
console.log(JSON.stringify(summary));
