// The policy pack is self-contained (a published pack carries all it runs): its imports never
// leave policy/, every package it imports is one of its own dependencies, it declares none it does
// not use, and its wrapper is typed (no `any`).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";

const POLICY = path.resolve(__dirname, "../../../policy");
// Needed at run time without an import: @pulumi/policy's peer @pulumi/pulumi, and ts-node with
// typescript, through which the engine runs a TypeScript pack.
const RUNTIME_ONLY = ["@pulumi/pulumi", "ts-node", "typescript"];

/** Every module reachable from policy/index.ts: local files, and the packages they import. */
function graph(): { files: string[]; packages: Set<string> } {
  const files: string[] = [];
  const packages = new Set<string>();
  const queue = [path.join(POLICY, "index.ts")];
  for (let f = queue.shift(); f !== undefined; f = queue.shift()) {
    if (files.includes(f)) continue;
    files.push(f);
    const text = readFileSync(f, "utf8");
    for (const [, spec] of text.matchAll(/(?:from|import|require\()\s*"([^"]+)"/g)) {
      if (!spec.startsWith(".")) {
        packages.add(
          spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0],
        );
        continue;
      }
      const target = path.resolve(path.dirname(f), spec);
      const file = [`${target}.ts`, path.join(target, "index.ts")].find((c) => {
        try {
          return readFileSync(c) !== undefined;
        } catch {
          return false;
        }
      });
      assert.ok(file, `${path.relative(POLICY, f)} imports ${spec}, which is not in policy/`);
      queue.push(file);
    }
  }
  return { files, packages };
}

test("policy/index.ts reaches only files inside policy/", () => {
  const { files } = graph();
  const outside = files.filter((f) => path.relative(POLICY, f).startsWith(".."));
  assert.deepEqual(outside, []);
  assert.ok(
    files.some((f) => f.endsWith(path.join("guardrails", "index.ts"))),
    files.join(),
  );
});

test("its packages are exactly its dependencies (nothing missing, nothing unused)", () => {
  const { packages } = graph();
  const deps = Object.keys(
    JSON.parse(readFileSync(path.join(POLICY, "package.json"), "utf8")).dependencies,
  );
  assert.deepEqual([...packages].filter((p) => !p.startsWith("node:")).sort(), ["@pulumi/policy"]);
  assert.deepEqual(
    deps.filter((d) => !packages.has(d) && !RUNTIME_ONLY.includes(d)),
    [],
    "unused dependencies",
  );
  assert.deepEqual(deps.sort(), ["@pulumi/policy", "@pulumi/pulumi", "ts-node", "typescript"]);
  const lock = JSON.parse(readFileSync(path.join(POLICY, "package-lock.json"), "utf8"));
  assert.deepEqual(Object.keys(lock.packages[""].dependencies).sort(), deps.sort());
});

test("the pack's code has no `any`", () => {
  for (const f of graph().files)
    assert.doesNotMatch(
      readFileSync(f, "utf8"),
      /:\s*any\b|as any\b|<any>/,
      path.relative(POLICY, f),
    );
});
