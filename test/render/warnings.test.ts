// The program's warnings under the mock runtime: recorded by every evaluation, printed once per
// process (tests and the bench evaluate the same stacks dozens of times).
import assert from "node:assert/strict";
import { test } from "node:test";
import { program } from "../../stack/program";
import { evaluate } from "../../scripts/render/mock-runtime";
import { readStackConfig } from "../../scripts/render/stack-config";
import { ROOT } from "./cli";

test("each evaluation records the warning; stderr shows it once; other console.warn calls pass", async () => {
  const printed: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void printed.push(args.map(String).join(" "));
  try {
    const { config } = readStackConfig(ROOT, "dev");
    const runs = [];
    for (let i = 0; i < 3; i++)
      runs.push((await evaluate(config, "dev", () => program())).recording);
    for (const r of runs) {
      assert.equal(r.warnings.length, 1);
      assert.match(
        r.warnings[0],
        /^routes\[2\] \(https:\/\/docs\.dev\.example\.com\) allows oncall@example\.com/,
      );
    }
    await evaluate(config, "dev", () => console.warn("something else"));
    assert.deepEqual(printed, [`warning: [runtime] ${runs[0].warnings[0]}`, "something else"]);
  } finally {
    console.warn = original;
  }
  assert.equal(console.warn, original);
});
