/**
 * `npm run schema`: writes the stack files' JSON Schema (schema/stack.schema.json) from the settings'
 * zod schemas. Run it after changing a setting; a test fails while the committed file is stale.
 */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { SCHEMA_FILE } from "./location";
import { stackFileSchemaText } from "./stack-schema";

const ROOT = path.resolve(__dirname, "../../..");
writeFileSync(path.join(ROOT, SCHEMA_FILE), stackFileSchemaText());
console.log(`Wrote ${SCHEMA_FILE}`);
