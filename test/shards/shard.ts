/**
 * `npm test` runs the test files in two shared processes (shard-0, shard-1) instead of one each:
 * every file loads the Pulumi SDK (about a second), which made that start-up most of the suite's
 * time. Evaluations are serialized by the mock runtime, so files sharing a process never
 * interleave. The files that test something about their own process (what it loaded, what it
 * printed once, timing, build outputs) run alone: ISOLATED, passed to `node --test` by name.
 */
import { readdirSync } from "node:fs";
import * as path from "node:path";

const TEST_ROOT = path.resolve(__dirname, "..");

/** Files that need a process of their own (relative to bin/test). */
export const ISOLATED = [
  "openmetadata/lazy.test.js",
  "render/build.test.js",
  "render/warnings.test.js",
  "verify/client.test.js",
];

/** Every test file but the isolated ones, sorted, dealt round-robin into `of` shards. */
export function shardFiles(index: number, of: number): string[] {
  const files = readdirSync(TEST_ROOT, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== "shards")
    .flatMap((d) =>
      readdirSync(path.join(TEST_ROOT, d.name))
        .filter((f) => f.endsWith(".test.js"))
        .map((f) => `${d.name}/${f}`),
    )
    .filter((f) => !ISOLATED.includes(f))
    .sort();
  return files.filter((_, i) => i % of === index);
}

export function runShard(index: number, of: number): void {
  for (const f of shardFiles(index, of)) require(path.join(TEST_ROOT, f));
}
