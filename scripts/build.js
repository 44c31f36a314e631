#!/usr/bin/env node
// `npm run build` (and the first step of render, test, new-stack, schema and bench): type-check and
// compile with tsc (incremental) into bin/, then bundle the stack program with esbuild into
// dist/index.js (and the render and access CLIs into dist/render.js, dist/access.js), only when a source changed since the last build. Plain JavaScript, so that an
// up-to-date build costs one hash of the sources instead of a TypeScript start-up.
//
// Sources: every file tsc compiles (tsconfig.json's include), tsconfig.json, package.json,
// package-lock.json and this file. Their SHA-256 is kept in bin/.build-state; `--force` rebuilds.
// Next to the bundle, dist/index.sources.json lists the bundle's own inputs with their hashes: the
// bundle checks them when Pulumi starts it and refuses to run stale (scripts/build/freshness.ts).
"use strict";
const { createHash } = require("node:crypto");
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const STATE = path.join(ROOT, "bin", ".build-state");
// What tsc compiles: the directories and files tsconfig.json's include names (`dir/**/*.ts`, `file.ts`).
const INCLUDE = JSON.parse(fs.readFileSync(path.join(ROOT, "tsconfig.json"), "utf8")).include;
const DIRS = [...new Set(INCLUDE.filter((g) => g.includes("/")).map((g) => g.split("/")[0]))];
const FILES = [
  ...INCLUDE.filter((g) => !g.includes("/")),
  "tsconfig.json",
  "package.json",
  "package-lock.json",
];

/** Every source file, relative to the root, sorted (node_modules and build outputs skipped). */
function sources() {
  const out = [...FILES, "scripts/build.js"];
  const walk = (rel) => {
    for (const e of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (e.name !== "node_modules") walk(r);
      } else if (/\.(ts|mts|cts)$/.test(e.name)) out.push(r);
    }
  };
  for (const d of DIRS) if (fs.existsSync(path.join(ROOT, d))) walk(d);
  return [...new Set(out)].filter((f) => fs.existsSync(path.join(ROOT, f))).sort();
}

const sha256 = (data) => createHash("sha256").update(data).digest("hex");

/** One hash over the names and contents of the sources. */
function sourcesHash() {
  const h = createHash("sha256");
  for (const f of sources()) h.update(`${f}\0`).update(fs.readFileSync(path.join(ROOT, f)));
  return h.digest("hex");
}

/** Pulumi's entry, bundled into dist/index.js. */
const ENTRY = path.join(ROOT, "scripts", "build", "entry.ts");
/** The CLI bundles: dist/<name>.js from its entry. */
const CLI_BUNDLES = [
  ["render", path.join(ROOT, "scripts", "render", "render.ts")],
  ["access", path.join(ROOT, "scripts", "access", "cli.ts")],
];

function upToDate(hash) {
  return (
    fs.existsSync(path.join(ROOT, "dist", "index.js")) &&
    fs.existsSync(path.join(ROOT, "dist", "index.sources.json")) &&
    CLI_BUNDLES.every(([name]) => fs.existsSync(path.join(ROOT, "dist", `${name}.js`))) &&
    fs.existsSync(path.join(ROOT, "bin", ".tsbuildinfo")) &&
    fs.existsSync(STATE) &&
    fs.readFileSync(STATE, "utf8") === hash
  );
}

async function bundle() {
  const esbuild = require("esbuild");
  // One build, three bundles: Pulumi's entry (dist/index.js) and the CLIs users run most,
  // `npm run render` and `npm run access` (dist/render.js, dist/access.js: the program, the mock
  // runtime and the writers in one file each, zod and yaml inlined and tree-shaken, instead of
  // about 250 modules to resolve and load). esbuild parses the modules they share once.
  const result = await esbuild.build({
    entryPoints: { index: ENTRY, ...Object.fromEntries(CLI_BUNDLES) },
    bundle: true,
    platform: "node",
    target: "node22",
    external: ["@pulumi/*"],
    sourcemap: true,
    sourcesContent: false,
    outdir: path.join(ROOT, "dist"),
    logLevel: "warning",
    metafile: true,
  });
  // The entry's own inputs, which it checks when Pulumi starts it (scripts/build/freshness.ts).
  // The CLIs run only after this build, so they need no such guard.
  const entry = Object.values(result.metafile.outputs).find(
    (o) => o.entryPoint && path.resolve(o.entryPoint) === ENTRY,
  );
  const inputs = Object.keys(entry.inputs)
    .filter((f) => !f.split(/[\\/]/).includes("node_modules"))
    .map((f) => path.relative(ROOT, path.resolve(ROOT, f)).split(path.sep).join("/"))
    .sort();
  const files = Object.fromEntries(
    inputs.map((f) => [f, sha256(fs.readFileSync(path.join(ROOT, f)))]),
  );
  fs.writeFileSync(
    path.join(ROOT, "dist", "index.sources.json"),
    `${JSON.stringify({ root: "..", files }, null, 2)}\n`,
  );
}

async function main() {
  const force = process.argv.includes("--force");
  const hash = sourcesHash();
  if (!force && upToDate(hash)) return;
  // The state goes first: a build that fails leaves it stale, so the next run builds again.
  fs.rmSync(STATE, { force: true });
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", ROOT], {
    stdio: "inherit",
  });
  await bundle();
  fs.writeFileSync(STATE, hash);
}

main().catch((e) => {
  // tsc and esbuild have printed their errors already.
  if (e && e.status === undefined && !(e.errors && e.errors.length)) console.error(e.message);
  process.exit(1);
});
