// Pulumi runs the esbuild bundle that Pulumi.yaml names, not tsc's bin/: the bundle must be the
// same program. For every committed stack (with every secret set), both entry points are evaluated
// under the mocks and must register the same resources, in the same order, with the same inputs,
// secrets and options, and export the same stack outputs with the same secretness.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { evaluate } from "../../scripts/render/mock-runtime";
import { SECRET_VALUES } from "../mocks";
import { CheckedStack, checkedStacks, configOf, template } from "../stack-files";

const ROOT = path.resolve(__dirname, "../../..");
/** Every stack file, and the quickstart template on a pre-v0.20 image with directory sync. */
const CASES: Array<[string, CheckedStack, boolean]> = [
  ...checkedStacks().map((s): [string, CheckedStack, boolean] => [s.label, s, false]),
  ["the quickstart template with directory sync", template("quickstart"), true],
];
const MAIN = path.join(
  ROOT,
  (parse(readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as any).main,
);
const TSC_ENTRY = path.join(ROOT, "bin/index.js");

/** The stack's settings with every secret setting given a value (so every secret path runs). */
function fullConfig(stack: CheckedStack, directorySync: boolean) {
  const { config, storedSecret } = configOf(stack);
  const credential = "okta:clientId" in config ? "okta:privateKey" : "okta:apiToken";
  const secrets: Record<string, string> = { [credential]: SECRET_VALUES[credential] };
  if ("okta-pomerium:cloudflareAccess" in config)
    secrets["cloudflare:apiToken"] = SECRET_VALUES["cloudflare:apiToken"];
  const pomerium = JSON.parse(config["okta-pomerium:pomerium"] ?? "{}");
  if (pomerium.databroker?.storage === "postgres")
    secrets["okta-pomerium:databrokerConnectionString"] =
      SECRET_VALUES["okta-pomerium:databrokerConnectionString"];
  const settings: Record<string, string> = {};
  if (directorySync) {
    secrets["okta-pomerium:directoryApiToken"] = SECRET_VALUES["okta-pomerium:directoryApiToken"];
    settings["okta-pomerium:pomerium"] = JSON.stringify({
      ...pomerium,
      image: "pomerium/pomerium:v0.19.1",
    });
  }
  return {
    config: { ...config, ...settings, ...secrets },
    secretKeys: [...storedSecret, ...Object.keys(secrets)],
  };
}

/** Evaluates an entry point afresh (as Pulumi's runtime does: `require` of the file). */
async function run(entry: string, stack: CheckedStack, directorySync: boolean) {
  delete require.cache[require.resolve(entry)];
  const { config, secretKeys } = fullConfig(stack, directorySync);
  const { recording, result } = await evaluate(
    config,
    stack.stack,
    () => require(entry) as Record<string, unknown>,
    { secretKeys },
  );
  const out: Record<string, { value: unknown; secret: boolean }> = {};
  for (const [key, value] of Object.entries(result)) {
    const o = pulumi.output(value) as pulumi.Output<unknown>;
    out[key] = {
      value: await new Promise((resolve) => o.apply(resolve)),
      secret: await pulumi.isSecret(o),
    };
  }
  return { rec: recording, out };
}

describe("bundle", () => {
  test("Pulumi.yaml's main is the file `npm run build` bundles with esbuild, from the checked entry", () => {
    const scripts = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts;
    assert.equal(scripts.build, "node scripts/build.js");
    const build = readFileSync(path.join(ROOT, "scripts/build.js"), "utf8");
    // dist/<entry name>.js: the entry named `index` is the checked entry.
    assert.match(build, /outdir: path\.join\(ROOT, "dist"\)/);
    assert.equal(path.join(ROOT, "dist", "index.js"), MAIN);
    assert.match(build, /entryPoints: \{ index: ENTRY,/);
    assert.match(build, /const ENTRY = path\.join\(ROOT, "scripts", "build", "entry\.ts"\);/);
    // The Pulumi SDKs stay external: one @pulumi/pulumi instance, providers' own package.json.
    assert.match(build, /external: \["@pulumi\/\*"\]/);
    assert.ok(existsSync(MAIN), `${MAIN} is missing: run npm run build`);
  });

  test("the bundle holds no @pulumi code and no yaml package (tree-shaken zod only)", () => {
    const text = readFileSync(MAIN, "utf8");
    const bundled = [...text.matchAll(/^\/\/ (node_modules\/\S+)/gm)].map((m) => m[1]);
    assert.ok(
      bundled.some((f) => f.startsWith("node_modules/zod/")),
      "zod is bundled",
    );
    assert.deepEqual(
      bundled.filter((f) => f.startsWith("node_modules/@pulumi/") || f.includes("/yaml/")),
      [],
    );
    assert.ok(!bundled.some((f) => f.includes("zod/v4/locales/") && !f.endsWith("/en.js")));
  });

  for (const [what, stack, directorySync] of CASES) {
    test(`${what}: the bundle registers and exports exactly what tsc's output does`, async () => {
      const bundled = await run(MAIN, stack, directorySync);
      const compiled = await run(TSC_ENTRY, stack, directorySync);
      assert.ok(bundled.rec.registrations.length > 10, String(bundled.rec.registrations.length));
      assert.deepEqual(bundled.rec, compiled.rec);
      assert.deepEqual(bundled.out, compiled.out);
      assert.ok(bundled.out.clientSecret.secret, "clientSecret stays secret");
      if (directorySync) assert.ok(bundled.out.idpServiceAccount.secret);
    });
  }
});
