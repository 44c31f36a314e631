// Template placeholders (stack/settings/placeholders.ts): which values are placeholders, their key
// paths, and the two behaviours: a warning each offline, a refusal listing each for the real engine.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { parseSettings } from "../../stack/settings";
import { SettingsError } from "../../stack/settings/error";
import {
  findPlaceholders,
  isPlaceholder,
  PLACEHOLDER_ACCOUNT_ID,
} from "../../stack/settings/placeholders";
import { isMockRuntime } from "../../stack/sdk-internals";
import { evaluate } from "../../scripts/render/mock-runtime";
import { baseConfig } from "../mocks";
import { checkedStacks, configOf, template } from "../stack-files";

const BIN = path.resolve(__dirname, "../..");

describe("placeholders", () => {
  test("a value is a placeholder when it holds the word changeme (any case) or is the zero account id", () => {
    for (const v of [
      "changeme",
      "https://a.changeme.example.com",
      "0oaCHANGEME",
      PLACEHOLDER_ACCOUNT_ID,
    ])
      assert.equal(isPlaceholder(v), true, v);
    for (const v of ["change-me", "dev-123456", "0".repeat(31), "0".repeat(33), "", "chang eme"])
      assert.equal(isPlaceholder(v), false, v);
  });

  test("found with their key paths in objects, lists and keys; secrets and other namespaces skipped", () => {
    const config = {
      "okta:orgName": "changeme",
      "okta:baseUrl": "okta.com",
      "okta-pomerium:routes": JSON.stringify([
        { from: "https://a.example.com", to: ["http://x", "http://y.changeme.svc"] },
        { from: "https://b.changeme.example.com", set_request_headers: { "X-changeme": "v" } },
      ]),
      "okta-pomerium:cloudflareAccess": JSON.stringify({ accountId: PLACEHOLDER_ACCOUNT_ID }),
      "okta-pomerium:directoryApiToken": "changeme",
      "aws:region": "changeme",
      "okta-pomerium:protect": "true",
    };
    assert.deepEqual(findPlaceholders(config, new Set(["okta-pomerium:directoryApiToken"])), [
      { path: "okta-pomerium:cloudflareAccess.accountId", value: PLACEHOLDER_ACCOUNT_ID },
      { path: "okta-pomerium:routes[0].to[1]", value: "http://y.changeme.svc" },
      { path: "okta-pomerium:routes[1].from", value: "https://b.changeme.example.com" },
      { path: "okta-pomerium:routes[1].set_request_headers.X-changeme", value: "X-changeme" },
      { path: "okta:orgName", value: "changeme" },
    ]);
    assert.deepEqual(findPlaceholders({}, new Set()), []);
  });

  test("offline, each is a warning naming its key; for the real engine, a refusal listing each", () => {
    const config = baseConfig({ "okta:orgName": "changeme" });
    const s = parseSettings(config, "test");
    assert.deepEqual(
      s.warnings.filter((w) => w.includes("placeholder")),
      [
        "okta:orgName is still a placeholder (changeme): set your own value before `pulumi preview`, which refuses placeholders",
      ],
    );
    assert.throws(
      () => parseSettings(config, "test", undefined, { refusePlaceholders: true }),
      (e: unknown) =>
        e instanceof SettingsError &&
        e.problems.length === 1 &&
        e.problems[0].path === "okta:orgName" &&
        e.problems[0].message.startsWith(
          "is still a template placeholder (changeme): set your own value",
        ),
    );
    const none = baseConfig();
    assert.doesNotThrow(() => parseSettings(none, "test", undefined, { refusePlaceholders: true }));
  });

  test("the program refuses them only outside the mock runtime (pulumi preview / up)", async () => {
    const { result } = await evaluate({}, "test", () => isMockRuntime());
    assert.equal(result, true);
    // A fresh process without mocks, as under the engine: loadSettings refuses the placeholder.
    const load = (orgName: string) => {
      const script = `
        const pulumi = require(${JSON.stringify(require.resolve("@pulumi/pulumi"))});
        const { loadSettings } = require(${JSON.stringify(path.join(BIN, "stack/settings"))});
        const { isMockRuntime } = require(${JSON.stringify(path.join(BIN, "stack/sdk-internals"))});
        pulumi.runtime.setAllConfig(${JSON.stringify({ ...baseConfig(), "okta:orgName": orgName })});
        try { loadSettings(); console.log(isMockRuntime(), "accepted"); }
        catch (e) { console.log(isMockRuntime(), e.message); }`;
      const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
      assert.equal(run.status, 0, run.stderr);
      return run.stdout;
    };
    const refused = load("changeme");
    assert.match(refused, /^false Invalid settings for stack/);
    assert.match(refused, /^ {2}- okta:orgName: is still a template placeholder \(changeme\)/m);
    assert.doesNotMatch(load("acme"), /placeholder/);
  });

  test("every template has placeholders; a root stack's are listed by render (not refused offline)", () => {
    for (const c of checkedStacks().filter((x) => x.template)) {
      const { config } = configOf(c);
      assert.ok(findPlaceholders(config, new Set()).length > 0, c.label);
      assert.doesNotThrow(() => parseSettings(config, c.stack), c.label);
    }
    const { config } = configOf(template("production"));
    assert.throws(() =>
      parseSettings(config, "production", undefined, { refusePlaceholders: true }),
    );
  });
});
