/**
 * `npm run schema`: writes what is generated from the settings' zod schemas: the stack files' JSON
 * Schema (schema/stack.schema.json), the settings reference (docs/settings.md) and Pulumi.yaml's
 * settings part; and the library's API reference from its JSDoc (docs/library-api.md). Run it after changing a setting or its description; a test fails while any is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { SCHEMA_FILE } from "./location";
import { stackFileSchemaText } from "./stack-schema";
import { SETTINGS_DOC, settingsDocText } from "../docs/settings-doc";
import { PULUMI_YAML, pulumiYamlText } from "../docs/pulumi-yaml";
import { LIBRARY_DOC, libraryDocText } from "../docs/library-doc";

const ROOT = path.resolve(__dirname, "../../..");
const write = (file: string, text: string) => {
  writeFileSync(path.join(ROOT, file), text);
  console.log(`Wrote ${file}`);
};
write(SCHEMA_FILE, stackFileSchemaText());
write(SETTINGS_DOC, settingsDocText());
write(PULUMI_YAML, pulumiYamlText(readFileSync(path.join(ROOT, PULUMI_YAML), "utf8")));
write(LIBRARY_DOC, libraryDocText(ROOT));
