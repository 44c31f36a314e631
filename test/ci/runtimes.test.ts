// Current runtimes: the workflows run Node 24 (LTS); package.json's engines say what is supported;
// .ci/run runs the README's test command under the machine's Node and, while engines include 20,
// under a pinned Node 24 from the npm registry's `node` package.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { ROOT } from "./workflows";

const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
const run = readFileSync(path.join(ROOT, ".ci/run"), "utf8");

test("npm test names its reporter (Node 24's runner defaults to spec), which ends on the line CI reads", () =>
  assert.match(
    pkg.scripts.test,
    /node --test --test-reporter=\.\/bin\/scripts\/test\/reporter\.js /,
  ));

test("engines: Node 20.19+, 22.12+ and 24", () =>
  assert.equal(pkg.engines.node, "^20.19.0 || ^22.12.0 || ^24.0.0"));

test(".ci/run: clean install, npm test, then npm test again under a pinned Node 24 while engines include 20", () => {
  const lines = run.split("\n").map((l) => l.trim());
  const at = (l: string) => lines.indexOf(l);
  assert.ok(at("npm ci --no-audit --no-fund") >= 0);
  assert.ok(at("npm ci --no-audit --no-fund") < at("npm test"));
  assert.match(
    run,
    /^NODE24_PACKAGE=node@24\.\d+\.\d+$/m,
    "an exact version, for a reproducible run",
  );
  assert.match(run, /node24="\$\(npx -y "\$NODE24_PACKAGE" -p process\.execPath\)"/);
  assert.match(run, /PATH="\$\(dirname "\$node24"\):\$PATH" npm test/);
  // The condition reads engines: it holds today, and goes when 20 leaves engines.
  const cond = /node -e '(.*)'; then/.exec(run)?.[1];
  assert.ok(cond, "no engines condition");
  const holds = (engines: string) => {
    const code = cond.replace('require("./package.json").engines.node', JSON.stringify(engines));
    return new Function(
      "process",
      `let c = 0; process = { exit: (x) => (c = x) }; ${code}; return c;`,
    )({});
  };
  assert.equal(holds(pkg.engines.node), 0);
  assert.equal(holds("^22.12.0 || ^24.0.0"), 1);
  assert.equal(holds(">=20"), 0);
});
