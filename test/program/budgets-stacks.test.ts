// The structural budgets on every stack file (the root's and the templates, whatever they are): a
// short critical path, Pomerium waiting only on the Okta outputs it reads, and @pulumi/cloudflare
// loaded only by a stack with the section. (Synthetic stacks: budgets.test.ts.)
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { before, describe, test } from "node:test";
import { criticalPath } from "../../scripts/render/render-lib";
import { Recording, runProgram } from "../mocks";
import { assertWaitsOnlyOnReadOktaOutputs } from "./okta-waits";
import { checkedStacks, configOf, STACKS_DIR } from "../stack-files";

const ROOT = path.resolve(__dirname, "../../..");
const STACKS = checkedStacks();
const labels = STACKS.map((s) => s.label);

describe("budgets of every stack file", () => {
  const rec: Record<string, Recording> = {};
  before(async () => {
    // One at a time: the mock runtime is process-global.
    for (const s of STACKS) {
      const run = await runProgram(configOf(s).config, s.stack);
      if (run.error) throw run.error;
      rec[s.label] = run.recording;
    }
  });

  test("there is a stack file", () => assert.ok(labels.length > 0));

  test("the critical path is at most 4 resources on every stack file", () => {
    for (const name of labels) {
      const chain = criticalPath(rec[name]);
      assert.ok(chain.length >= 2 && chain.length <= 4, `${name}: ${chain.join(" -> ")}`);
    }
  });

  test("Pomerium and its resources wait only on the Okta resources whose outputs they read", () => {
    // dependsOn the Okta component would add every one of its children (claim, groups, rule…).
    for (const name of labels) assertWaitsOnlyOnReadOktaOutputs(rec[name], name);
  });

  test("@pulumi/cloudflare is never required by a stack without the section (it is with it)", () => {
    // A fresh process per stack: what the stack's own evaluation loads, as Pulumi would run it. One
    // stack file of each kind (the first with the section, the first without), to keep it quick.
    const loaded = (label: string) => {
      const s = STACKS.find((x) => x.label === label)!;
      const script = `
        const path = require("node:path");
        const bin = ${JSON.stringify(path.join(ROOT, "bin"))};
        const { evaluate } = require(path.join(bin, "scripts/render/mock-runtime"));
        const { readStackConfig } = require(path.join(bin, "scripts/render/stack-config"));
        const { config } = readStackConfig(${JSON.stringify(STACKS_DIR)}, ${JSON.stringify(s.stack)}, ${JSON.stringify(s.file)});
        evaluate(config, ${JSON.stringify(s.stack)}, () => require(path.join(bin, "index.js"))).then(() =>
          console.log(Object.keys(require.cache).filter((k) => /@pulumi[\\/]cloudflare/.test(k)).length));`;
      const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
      assert.equal(run.status, 0, run.stderr);
      return Number(run.stdout.trim().split("\n").pop());
    };
    const hasSection = (label: string) =>
      "okta-pomerium:cloudflareAccess" in configOf(STACKS.find((x) => x.label === label)!).config;
    const without = labels.find((l) => !hasSection(l));
    const withIt = labels.find(hasSection);
    assert.ok(without || withIt, "no stack file");
    if (without) assert.equal(loaded(without), 0, without);
    if (withIt) assert.ok(loaded(withIt) > 0, `${withIt} (with the section) loads it`);
  });
});
