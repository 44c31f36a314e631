// `npm test` runs every test file exactly once: the two shards and the isolated files by name.
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { ISOLATED, shardFiles } from "../shards/shard";

const ROOT = path.resolve(__dirname, "../../..");

test("the shards and the isolated files cover every test file once, and npm test names each isolated file", () => {
  const all = readdirSync(path.join(ROOT, "test"), { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== "shards")
    .flatMap((d) =>
      readdirSync(path.join(ROOT, "test", d.name))
        .filter((f) => f.endsWith(".test.ts"))
        .map((f) => `${d.name}/${f.replace(/\.ts$/, ".js")}`),
    )
    .sort();
  const run = [...shardFiles(0, 2), ...shardFiles(1, 2), ...ISOLATED].sort();
  assert.deepEqual(run, all);
  const script = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts.test;
  for (const f of [...ISOLATED, "shards/shard-0.test.js", "shards/shard-1.test.js"])
    assert.ok(script.includes(`bin/test/${f}`), f);
});
