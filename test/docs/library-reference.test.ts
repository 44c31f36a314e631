// The library's API reference (docs/library-api.md): generated from the JSDoc of the exports of
// components/index.ts, current, and covering every export (values as the package loads them, and
// types as the compiler sees them), every member, and every optional arg's @default.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import ts from "typescript";
import { LIBRARY_DOC, libraryDocText } from "../../scripts/docs/library-doc";
import { libraryExports } from "../../scripts/docs/library-model";

const ROOT = path.resolve(__dirname, "../../..");
const doc = readFileSync(path.join(ROOT, LIBRARY_DOC), "utf8");
const exportsModel = libraryExports(ROOT);
const headings = new Set([...doc.matchAll(/^### `([^`]+)`$/gm)].map((m) => m[1]));

/** Type exports read from the index files' `export type { … }` lists, independently of the model. */
function typeExports(): string[] {
  const names: string[] = [];
  for (const folder of ["cloudflare", "okta", "openmetadata", "pomerium"]) {
    const file = path.join(ROOT, "components", folder, "index.ts");
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022);
    for (const s of source.statements)
      if (ts.isExportDeclaration(s) && s.exportClause && ts.isNamedExports(s.exportClause))
        for (const e of s.exportClause.elements) names.push(e.name.text);
  }
  return names;
}

describe("library API reference", () => {
  test(`${LIBRARY_DOC} is what the JSDoc generates (run \`npm run schema\`)`, () =>
    assert.equal(doc, libraryDocText(ROOT)));

  test("it has a section for every value the package exports", () => {
    const values = Object.keys(require("../../components/index"));
    assert.ok(values.length > 25, `${values.length} values`);
    assert.deepEqual(
      values.filter((v) => !headings.has(v)),
      [],
    );
  });

  test("it has a section for every name the index files export, types included", () => {
    const names = typeExports();
    for (const n of ["PomeriumControllerConfig", "PomeriumControllerConfigArgs", "OktaAppArgs"])
      assert.ok(names.includes(n), n);
    assert.deepEqual(
      names.filter((n) => !headings.has(n)),
      [],
    );
    assert.equal(headings.size, new Set(names).size, "no section for a name not exported");
  });

  test("every component, args type and member is documented; every optional arg has @default", () => {
    const problems: string[] = [];
    for (const e of exportsModel) {
      if (!e.doc) problems.push(`${e.name}: no JSDoc`);
      if (e.kinds.length === 0) problems.push(`${e.name}: kind not read`);
      for (const m of e.members) {
        if (!m.doc && m.default === undefined) problems.push(`${e.name}.${m.name}: no JSDoc`);
        if (e.kinds.includes("interface") && m.optional && m.default === undefined)
          problems.push(`${e.name}.${m.name}: optional without @default`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test("components show their constructor and outputs; args show type, required-ness and default", () => {
    const app = exportsModel.find((e) => e.name === "OktaApp")!;
    assert.deepEqual(app.kinds, ["component"]);
    assert.equal(
      app.signature,
      "new OktaApp(name: string, args: OktaAppArgs, opts?: pulumi.ComponentResourceOptions)",
    );
    assert.deepEqual(
      app.members.map((m) => m.name),
      ["appId", "clientId", "clientSecret"],
    );
    const args = exportsModel.find((e) => e.name === "OktaAppArgs")!;
    const type = args.members.find((m) => m.name === "type")!;
    assert.deepEqual(type, {
      name: "type",
      type: "OktaAppType",
      optional: true,
      doc: "The kind of client; plain, as it decides the defaults below.",
      default: '"web"',
    });
    assert.equal(args.members.find((m) => m.name === "label")!.optional, false);
    assert.deepEqual(exportsModel.find((e) => e.name === "OktaAppType")!.kinds, [
      "constant",
      "type",
    ]);
    assert.match(doc, /\| `refreshTokenLeeway` \| `pulumi.Input<number>` \| no \| 30 \|/);
    assert.match(doc, /\| `label` \| `pulumi.Input<string>` \| yes \| — \|/);
    assert.match(doc, /```ts\nredirectUris\(/);
  });
});
