// Validates generated Prisma enums with Prisma's own schema validator (the Wasm build of
// prisma-fmt), inside a minimal PostgreSQL datasource. Usage: node validate-prisma.cjs enums.prisma
"use strict";
const fs = require("fs");
const wasm = require("@prisma/prisma-schema-wasm");

const enums = fs.readFileSync(process.argv[2], "utf8");
const schema = `datasource db {\n  provider = "postgresql"\n}\n\n${enums}`;
try {
  wasm.validate(JSON.stringify({ prismaSchema: [["schema.prisma", schema]], noColor: true }));
} catch (error) {
  console.error(String(error));
  process.exit(1);
}
const count = (enums.match(/^enum /gm) || []).length;
console.log(`prisma: ${count} enums valid`);
