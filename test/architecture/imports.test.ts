// The import graph of the sources (the .ts files, not bin/): no cycles; components/ (the library) never
// reaches stack/ (settings, program, providers); the library surface loads neither that layer nor
// zod; and one file requires the Pulumi SDK's internals. Imports are read from the TypeScript AST
// (import/export ... from, import x = require, require(), import()), so comments do not count.
// Compiled to bin/test/architecture/, so the repository root is three levels up.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "../../..");
/** tsconfig's `paths` alias: examples import the library by its package name. */
const ALIASES: Record<string, string> = { "okta-pomerium": "components/index.ts" };
const SDK_INTERNALS = "stack/sdk-internals.ts";
/** The stack program: settings, providers and the settings -> component args mapping. */
const STACK_LAYER = /^stack\//;
/** The one file that loads the optional Cloudflare SDK (lazily, inside a function). */
const CLOUDFLARE_SDK = "components/cloudflare/sdk.ts";
const SDK_INTERNAL_MODULE = /^@pulumi\/pulumi\/(runtime|provider)(\/|$)/;

interface Specifier {
  text: string;
  line: number;
  /** `require.resolve` names a module without loading it: no edge, but it counts as a mention. */
  loads: boolean;
  /** `import type …`: erased at compile time, never loaded at run time. */
  typeOnly?: boolean;
  /** A `require()` or `import()` inside a function: loaded only when that function runs. */
  lazy?: boolean;
}

interface Module {
  specifiers: Specifier[];
  /** Repo-relative paths of the local modules it loads. */
  local: string[];
  /** Package specifiers it loads (`zod`, `@pulumi/pulumi/runtime/config`). */
  packages: string[];
}

/** The repo-relative .ts files under the given folders (and the given files), sorted. */
function sources(roots: string[]): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    const abs = path.join(ROOT, rel);
    if (fs.statSync(abs).isFile()) {
      if (rel.endsWith(".ts") && !rel.endsWith(".d.ts")) out.push(rel);
      return;
    }
    for (const e of fs.readdirSync(abs)) if (e !== "node_modules") walk(path.posix.join(rel, e));
  };
  roots.forEach(walk);
  return out.sort();
}

function specifiersOf(rel: string): Specifier[] {
  const text = fs.readFileSync(path.join(ROOT, rel), "utf8");
  const file = ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true);
  const out: Specifier[] = [];
  const add = (node: ts.Node | undefined, loads = true, typeOnly = false) => {
    if (!node || !ts.isStringLiteralLike(node)) return;
    const line = file.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    let lazy = false;
    for (let p: ts.Node | undefined = node.parent; p; p = p.parent)
      if (ts.isFunctionLike(p)) lazy = true;
    out.push({ text: node.text, line, loads, typeOnly, lazy });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node))
      add(node.moduleSpecifier, true, !!node.importClause?.isTypeOnly);
    if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, true, node.isTypeOnly);
    if (ts.isExternalModuleReference(node)) add(node.expression);
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isRequire = (e: ts.Expression) => ts.isIdentifier(e) && e.text === "require";
      if (isRequire(callee) || callee.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0]);
      if (ts.isPropertyAccessExpression(callee) && isRequire(callee.expression)) {
        if (callee.name.text === "resolve") add(node.arguments[0], false);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

/** The repo-relative file a local specifier loads; undefined for a package. */
function resolveLocal(from: string, spec: string): string | undefined {
  if (ALIASES[spec]) return ALIASES[spec];
  if (!spec.startsWith(".")) return undefined;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  const candidates = [base, `${base}.ts`, `${base}/index.ts`, base.replace(/\.js$/, ".ts")];
  const found = candidates.find((c) => fs.existsSync(path.join(ROOT, c)) && !isDir(c));
  assert.ok(found, `${from}: cannot resolve "${spec}"`);
  return found;
}

const isDir = (rel: string) => fs.statSync(path.join(ROOT, rel)).isDirectory();

const modules = new Map<string, Module>();
/** One module of the graph, read on first use (so files reached outside the scanned folders count). */
function moduleOf(rel: string): Module {
  let m = modules.get(rel);
  if (m) return m;
  const specifiers = rel.endsWith(".ts") ? specifiersOf(rel) : [];
  const loaded = specifiers.filter((s) => s.loads);
  const local = loaded.map((s) => resolveLocal(rel, s.text)).filter((f) => f !== undefined);
  const packages = loaded.filter((s) => resolveLocal(rel, s.text) === undefined).map((s) => s.text);
  m = { specifiers, local: [...new Set(local)], packages: [...new Set(packages)] };
  modules.set(rel, m);
  return m;
}

/** Every module reachable from `start`, each with the import chain that reaches it. */
function reach(start: string): Map<string, string[]> {
  const chains = new Map<string, string[]>([[start, [start]]]);
  const queue = [start];
  for (let f = queue.shift(); f !== undefined; f = queue.shift()) {
    for (const g of moduleOf(f).local) {
      if (chains.has(g)) continue;
      chains.set(g, [...chains.get(f)!, g]);
      queue.push(g);
    }
  }
  return chains;
}

/** Every import cycle met by a depth-first walk from `files`, each as the path that closes it. */
function cycles(files: string[]): string[] {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const found: string[] = [];
  const visit = (f: string) => {
    state.set(f, "open");
    stack.push(f);
    for (const g of moduleOf(f).local) {
      if (state.get(g) === "open") found.push([...stack.slice(stack.indexOf(g)), g].join(" -> "));
      else if (!state.has(g)) visit(g);
    }
    stack.pop();
    state.set(f, "done");
  };
  for (const f of files) if (!state.has(f)) visit(f);
  return found;
}

const SCANNED = sources(["components", "stack", "scripts", "examples", "bootstrap", "index.ts"]);

describe("the import graph", () => {
  test("is read from the sources: the entry, the library surface and the SDK internals are seen", () => {
    assert.ok(SCANNED.length > 40, `only ${SCANNED.length} files found under ${ROOT}`);
    assert.deepEqual(moduleOf("index.ts").local, ["stack/program.ts"]);
    assert.deepEqual(moduleOf("components/index.ts").local, [
      "components/cloudflare/index.ts",
      "components/okta/index.ts",
      "components/pomerium/index.ts",
      "components/openmetadata/index.ts",
    ]);
    assert.ok(reach("examples/library/index.ts").has("components/index.ts"));
    assert.deepEqual(moduleOf(SDK_INTERNALS).packages, [
      "@pulumi/pulumi/runtime/config",
      "@pulumi/pulumi/runtime/settings",
      "@pulumi/pulumi/runtime/mocks",
    ]);
  });

  test("has no import cycle", () => {
    const found = cycles(SCANNED);
    assert.deepEqual(found, [], `import cycles:\n${found.join("\n")}`);
  });

  test("components/ (the library) never reaches stack/ (the stack program)", () => {
    const bad: string[] = [];
    for (const f of SCANNED.filter((s) => s.startsWith("components/"))) {
      for (const [g, chain] of reach(f)) if (STACK_LAYER.test(g)) bad.push(chain.join(" -> "));
    }
    assert.deepEqual(bad, [], `the components import the stack layer:\n${bad.join("\n")}`);
  });

  test("components/ never reach bootstrap/ (the second project sits on top of the library)", () => {
    const bad: string[] = [];
    for (const f of SCANNED.filter((s) => s.startsWith("components/")))
      for (const [g, chain] of reach(f))
        if (g.startsWith("bootstrap/")) bad.push(chain.join(" -> "));
    assert.deepEqual(bad, [], `components import bootstrap/:\n${bad.join("\n")}`);
  });

  test("components/index.ts loads neither the stack layer nor zod, however indirectly", () => {
    const bad: string[] = [];
    for (const [g, chain] of reach("components/index.ts")) {
      if (STACK_LAYER.test(g)) bad.push(chain.join(" -> "));
      for (const p of moduleOf(g).packages) {
        if (p === "zod" || p.startsWith("zod/")) bad.push(`${chain.join(" -> ")} -> ${p}`);
      }
    }
    assert.deepEqual(bad, [], `the library surface loads:\n${bad.join("\n")}`);
  });

  test("npm run verify (scripts/verify/) loads only Node's built-ins and its own folder", () => {
    // It runs in CI after every up and on a user's laptop: no Pulumi SDK, no settings, no packages.
    const bad: string[] = [];
    for (const [g, chain] of reach("scripts/verify/cli.ts")) {
      if (!g.startsWith("scripts/verify/")) bad.push(chain.join(" -> "));
      for (const p of moduleOf(g).packages) if (!p.startsWith("node:")) bad.push(`${g} -> ${p}`);
    }
    assert.ok(
      reach("scripts/verify/cli.ts").has("scripts/verify/run.ts"),
      "the graph reaches run.ts",
    );
    assert.deepEqual(bad, []);
  });

  test(`only ${SDK_INTERNALS} requires @pulumi/pulumi/runtime/* or @pulumi/pulumi/provider*`, () => {
    // test/ is not scanned: the schema test imports @pulumi/pulumi/provider/experimental.
    const bad = SCANNED.filter((f) => f !== SDK_INTERNALS).flatMap((f) =>
      moduleOf(f)
        .specifiers.filter((s) => SDK_INTERNAL_MODULE.test(s.text))
        .map((s) => `${f}:${s.line}: ${s.text}`),
    );
    assert.deepEqual(bad, [], `SDK internals outside ${SDK_INTERNALS}:\n${bad.join("\n")}`);
  });

  test(`only ${CLOUDFLARE_SDK} loads @pulumi/cloudflare, and only inside a function`, () => {
    const mentions = SCANNED.flatMap((f) =>
      moduleOf(f)
        .specifiers.filter((s) => s.text.startsWith("@pulumi/cloudflare") && !s.typeOnly)
        .map((s) => ({ f, s })),
    );
    assert.ok(
      mentions.some(({ f }) => f === CLOUDFLARE_SDK),
      "the loader is seen",
    );
    const bad = mentions
      .filter(({ f, s }) => f !== CLOUDFLARE_SDK || !s.lazy)
      .map(({ f, s }) => `${f}:${s.line}: ${s.text}${s.lazy ? "" : " (at load time)"}`);
    assert.deepEqual(bad, [], `eager or stray @pulumi/cloudflare loads:\n${bad.join("\n")}`);
  });
});
