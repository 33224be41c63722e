/** Writes the served OpenAPI document to a file, for `redocly lint` (npm run lint:openapi). */
import fs from "node:fs";
import path from "node:path";
import { openApiDocument } from "@/app/api/v1/openapi.json/document";

const out = process.argv[2];
if (!out) {
  console.error("usage: tsx scripts/write-openapi.ts <file.json>");
  process.exit(2);
}
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(openApiDocument, null, 2));
