// Property-based: thousands of mutated and random settings. For every one, either the settings are
// accepted (and the program registers its resources), or they are refused with the settings error:
// it names a key, carries no stack trace and no JavaScript internals, and nothing is registered.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { parseSettings } from "../../stack/settings";
import { SettingsError } from "../../stack/settings/error";
import { baseConfig, runProgram } from "../mocks";

/** Counts reported in docs/testing.md; keep them in step. */
export const PARSE_RUNS = 2500;
export const PROGRAM_RUNS = 100;

const KEYS = [
  "okta:orgName",
  "okta:baseUrl",
  "okta:apiToken",
  "okta:clientId",
  "okta:scopes",
  "okta:maxApiCapacity",
  "okta-pomerium:authenticateUrl",
  "okta-pomerium:groups",
  "okta-pomerium:routes",
  "okta-pomerium:authorizationServer",
  "okta-pomerium:groupsClaim",
  "okta-pomerium:pomerium",
  "okta-pomerium:protect",
  "okta-pomerium:directorySync",
  "okta-pomerium:databrokerConnectionString",
  "okta-pomerium:directoryApiToken",
  "okta-pomerium:kubernetes",
];

const junk = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom(
    "",
    " ",
    "null",
    "[]",
    "{}",
    "true",
    "-1",
    "1e309",
    "https://",
    "\u0000",
    "💥",
    "__proto__",
    "constructor",
  ),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc
    .array(fc.record({ name: fc.string(), from: fc.string(), to: fc.string() }), { maxLength: 400 })
    .map((v) => JSON.stringify(v)),
);

/** Replaces the value at a random path inside a JSON value. */
function mutateDeep(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0 || value === null || typeof value !== "object") return replacement;
  const entries = Object.entries(value as object);
  if (entries.length === 0) return replacement;
  const [k, v] = entries[path[0] % entries.length];
  const copy: any = Array.isArray(value) ? [...value] : { ...value };
  copy[k] = mutateDeep(v, path.slice(1), replacement);
  return copy;
}

const misspell = (key: string, i: number) => {
  const j = i % key.length;
  return key.slice(0, j) + key.slice(j + 1);
};

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), key: fc.constantFrom(...KEYS) }),
  fc.record({ kind: fc.constant("junk" as const), key: fc.constantFrom(...KEYS), value: junk }),
  fc.record({
    kind: fc.constant("misspell" as const),
    key: fc.constantFrom(...KEYS),
    at: fc.nat(),
  }),
  fc.record({
    kind: fc.constant("deep" as const),
    key: fc.constantFrom(...KEYS),
    path: fc.array(fc.nat(), { maxLength: 4 }),
    value: fc.jsonValue(),
  }),
  fc.record({
    kind: fc.constant("extra" as const),
    key: fc.string({ minLength: 1 }).map((k) => `okta-pomerium:${k}`),
    value: junk,
  }),
);

const configs = fc.array(mutation, { minLength: 1, maxLength: 4 }).map((ms) => {
  const config: Record<string, string> = baseConfig({
    "okta-pomerium:pomerium": { replicas: 1, databroker: { storage: "memory" } },
    "okta-pomerium:groupsClaim": { filter: "test-.*" },
  });
  for (const m of ms) {
    if (m.kind === "delete") delete config[m.key];
    else if (m.kind === "junk") config[m.key] = m.value;
    else if (m.kind === "extra") config[m.key] = m.value;
    else if (m.kind === "misspell" && config[m.key] !== undefined) {
      const [ns, k] = m.key.split(":");
      config[`${ns}:${misspell(k, m.at)}`] = config[m.key];
      delete config[m.key];
    } else if (m.kind === "deep" && config[m.key] !== undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(config[m.key]);
      } catch {
        parsed = config[m.key];
      }
      config[m.key] = JSON.stringify(mutateDeep(parsed, m.path, m.value));
    }
  }
  return config;
});

/** The contract of a refusal. */
function assertGoodRefusal(e: unknown): void {
  assert.ok(e instanceof SettingsError, `not a SettingsError: ${(e as Error)?.stack ?? e}`);
  assert.ok(e.problems.length > 0);
  for (const p of e.problems)
    assert.match(p.path, /^(okta-pomerium|okta):/, `problem without a key: ${p.path}`);
  assert.ok(!/\n\s+at /.test(e.message), "stack trace in the message");
  assert.ok(
    !/Cannot read propert|undefined is not|is not a function|is not iterable|\[object Object\]/.test(
      e.message,
    ),
    e.message,
  );
}

describe("fuzzing the settings", () => {
  test(`${PARSE_RUNS} mutated configurations: accepted, or refused with a settings error that names a key`, () => {
    let refused = 0;
    fc.assert(
      fc.property(configs, (config) => {
        try {
          parseSettings(config, "test");
        } catch (e) {
          refused++;
          assertGoodRefusal(e);
        }
      }),
      { numRuns: PARSE_RUNS, seed: 20261123 },
    );
    // Both outcomes must occur, or the generator tests nothing.
    assert.ok(
      refused > PARSE_RUNS / 4 && refused < PARSE_RUNS,
      `refused ${refused} of ${PARSE_RUNS}`,
    );
  });

  test(`${PROGRAM_RUNS} through the whole program: resources registered, or none at all`, async () => {
    let registered = 0;
    await fc.assert(
      fc.asyncProperty(configs, async (config) => {
        const run = await runProgram(config);
        if (run.error) {
          assertGoodRefusal(run.error);
          assert.equal(
            run.recording.registrations.length,
            0,
            "registered resources despite refusing",
          );
        } else {
          registered++;
          assert.ok(
            run.recording.registrations.some((r) => r.type === "kubernetes:apps/v1:Deployment"),
          );
        }
      }),
      { numRuns: PROGRAM_RUNS, seed: 1123 },
    );
    assert.ok(registered > 0, "no generated configuration was accepted");
  });
});
