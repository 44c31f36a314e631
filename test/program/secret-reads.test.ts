// The keys refused in plain text are exactly the keys the programs read as secrets: every
// getSecret/requireSecret read (recorded at run time) is in the list, every listed key is read, and
// no source file outside the two settings loaders reads a secret at all.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { SECRET_KEYS } from "../../stack/settings";
import { BOOTSTRAP_SECRET_KEYS } from "../../bootstrap/settings";
import { cloudflareConfig, runProgram, SECRET_VALUES } from "../mocks";
import { ALL_SECRETS } from "../pomerium/helpers";
import { bootstrapConfig, runBootstrap } from "../bootstrap/helpers";

const ROOT = path.resolve(__dirname, "../../..");
const READERS = [
  "getSecret",
  "requireSecret",
  "getSecretObject",
  "requireSecretObject",
  "getSecretBoolean",
  "requireSecretBoolean",
  "getSecretNumber",
  "requireSecretNumber",
] as const;

const reads: string[] = [];
const originals = new Map<string, unknown>();
describe("the secrets the programs read", () => {
  before(() => {
    const proto = pulumi.Config.prototype as any;
    for (const m of READERS) {
      originals.set(m, proto[m]);
      proto[m] = function (this: pulumi.Config, key: string, ...rest: unknown[]) {
        reads.push(`${this.name}:${key}`);
        return (originals.get(m) as (...a: unknown[]) => unknown).call(this, key, ...rest);
      };
    }
  });
  after(() => {
    const proto = pulumi.Config.prototype as any;
    for (const [m, f] of originals) proto[m] = f;
  });

  test("the stack program reads exactly the secret settings, each of them", async () => {
    reads.length = 0;
    const run = await runProgram(
      cloudflareConfig(
        {},
        { ...ALL_SECRETS, "cloudflare:apiToken": SECRET_VALUES["cloudflare:apiToken"] },
      ),
    );
    assert.equal(run.error, undefined, String(run.error));
    assert.deepEqual([...new Set(reads)].sort(), Object.values(SECRET_KEYS).sort());
  });

  test("the bootstrap program reads exactly its listed secret", async () => {
    reads.length = 0;
    const run = await runBootstrap(bootstrapConfig());
    assert.equal(run.error, undefined, String(run.error));
    assert.deepEqual([...new Set(reads)].sort(), [...BOOTSTRAP_SECRET_KEYS].sort());
  });

  test("no other source file reads a secret from config", () => {
    const files: string[] = [];
    const walk = (rel: string) => {
      for (const e of readdirSync(path.join(ROOT, rel))) {
        const r = path.posix.join(rel, e);
        if (statSync(path.join(ROOT, r)).isDirectory()) walk(r);
        else if (r.endsWith(".ts")) files.push(r);
      }
    };
    for (const dir of ["components", "stack", "bootstrap", "scripts", "policy"]) walk(dir);
    const pattern = new RegExp(`\\.(${READERS.join("|")})\\(`);
    const readers = files.filter((f) => pattern.test(readFileSync(path.join(ROOT, f), "utf8")));
    assert.deepEqual(readers.sort(), ["bootstrap/settings.ts", "stack/settings/index.ts"]);
  });
});
