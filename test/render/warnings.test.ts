// The program's warnings under the mock runtime: recorded by every evaluation, printed once per
// process (tests and the bench evaluate the same stacks dozens of times).
import assert from "node:assert/strict";
import { test } from "node:test";
import { program } from "../../stack/program";
import { evaluate } from "../../scripts/render/mock-runtime";
import { findPlaceholders } from "../../stack/settings/placeholders";
import { configOf, template } from "../stack-files";

test("each evaluation records the warning; stderr shows it once; other console.warn calls pass", async () => {
  const printed: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => void printed.push(args.map(String).join(" "));
  try {
    // The quickstart template as written: one warning per placeholder, naming its key.
    const { config } = configOf(template("quickstart"));
    const keys = findPlaceholders(config, new Set()).map((p) => p.path);
    assert.equal(keys.length, 8, keys.join());
    const runs = [];
    for (let i = 0; i < 3; i++)
      runs.push((await evaluate(config, "quickstart", () => program())).recording);
    for (const r of runs) {
      assert.deepEqual(
        r.warnings.map((w) => w.split(" ")[0]),
        keys,
      );
      assert.match(
        r.warnings[0],
        /^okta-pomerium:authenticateUrl is still a placeholder \(https:\/\/authenticate\.changeme\.example\.com\): set your own value before `pulumi preview`, which refuses placeholders$/,
      );
    }
    await evaluate(config, "quickstart", () => console.warn("something else"));
    assert.deepEqual(printed, [
      ...runs[0].warnings.map((w) => `warning: [runtime] ${w}`),
      "something else",
    ]);
  } finally {
    console.warn = original;
  }
  assert.equal(console.warn, original);
});
