// `npm run new-stack` (scripts/new-stack.ts): what a copy renames and keeps, and that the copy of
// dev renders.
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, test } from "node:test";
import { parse } from "yaml";
import { program } from "../../components/program";
import { copyStackConfig } from "../../scripts/new-stack";
import { evaluate } from "../../scripts/render/mock-runtime";
import { readStackConfig } from "../../scripts/render/stack-config";

const ROOT = path.resolve(__dirname, "../../..");

describe("new-stack", () => {
  test("renames only the per-stack settings; e-mails, headers, existing groups and okta: keys stay", () => {
    const src = [
      "# The dev stack.",
      "config:",
      "  okta:orgName: dev-123456",
      "  okta:privateKeyId: dev-deploy-key",
      "  okta-pomerium:authenticateUrl: https://authenticate.dev.example.com",
      "  okta-pomerium:groups:",
      "    - name: pomerium-dev-admins",
      "      create: true",
      "    - name: dev-oncall",
      "      id: 00g1a2b3c4d5e6f7g8h9",
      "  okta-pomerium:routes:",
      "    - from: https://app.dev.example.com",
      "      to: http://app.dev.svc",
      "      allowGroups: [pomerium-dev-admins, dev-oncall]",
      "      allowEmails: [dev@example.com]",
      "      set_request_headers: { X-Env: dev }",
      "    - from: https://raw.dev.example.com",
      "      to: http://raw",
      "      policy: [{ allow: { or: [{ claim/groups: pomerium-dev-admins }] } }]",
      "  okta-pomerium:databrokerConnectionString:",
      "    secure: v1:abc",
      "",
    ].join("\n");
    const { text, secrets, renamed } = copyStackConfig(src, "dev", "qa");
    const config = parse(text).config;
    assert.match(text, /^# The qa stack\./);
    assert.equal(config["okta-pomerium:authenticateUrl"], "https://authenticate.qa.example.com");
    assert.deepEqual(
      config["okta-pomerium:groups"].map((g: any) => g.name),
      ["pomerium-qa-admins", "dev-oncall"],
    );
    const [app, raw] = config["okta-pomerium:routes"];
    assert.equal(app.from, "https://app.qa.example.com");
    assert.deepEqual(app.allowGroups, ["pomerium-qa-admins", "dev-oncall"]);
    assert.deepEqual(app.allowEmails, ["dev@example.com"], "an e-mail address is not a stack name");
    assert.deepEqual(app.set_request_headers, { "X-Env": "dev" });
    assert.equal(app.to, "http://app.dev.svc", "upstreams are copied as they are");
    assert.deepEqual(raw.policy, [{ allow: { or: [{ "claim/groups": "pomerium-qa-admins" }] } }]);
    assert.equal(
      config["okta:orgName"],
      "dev-123456",
      "the Okta provider's keys are copied unchanged",
    );
    assert.equal(config["okta:privateKeyId"], "dev-deploy-key");
    assert.ok(!text.includes("secure"));
    assert.deepEqual(secrets, ["okta-pomerium:databrokerConnectionString"]);
    assert.ok(
      renamed.includes("okta-pomerium:routes.1.policy.0.allow.or.0.claim/groups"),
      renamed.join(),
    );
  });

  test("the copy of dev for a new stack renders", async () => {
    const { text } = copyStackConfig(
      readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8"),
      "dev",
      "qa",
    );
    const dir = mkdtempSync(path.join(tmpdir(), "okta-pomerium-new-"));
    copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    writeFileSync(path.join(dir, "Pulumi.qa.yaml"), text);
    const { config } = readStackConfig(dir, "qa");
    const { result } = await evaluate(config, "qa", () => {
      try {
        return program();
      } catch (e) {
        return e as Error;
      }
    });
    assert.ok(!(result instanceof Error), String(result));
  });

  test("the copy of staging renames its Cloudflare Access hosts and created groups, and renders", async () => {
    const { text, renamed } = copyStackConfig(
      readFileSync(path.join(ROOT, "Pulumi.staging.yaml"), "utf8"),
      "staging",
      "qa",
    );
    const cf = parse(text).config["okta-pomerium:cloudflareAccess"];
    assert.deepEqual(
      cf.apps.map((a: any) => [a.domain, a.allowGroups]),
      [
        ["wiki.qa.example.com", ["pomerium-qa-admins", "pomerium-qa-developers"]],
        ["billing.qa.example.com", ["pomerium-qa-admins"]],
      ],
    );
    assert.equal(cf.teamDomain, "example-staging.cloudflareaccess.com", "the account's, kept");
    assert.ok(renamed.includes("okta-pomerium:cloudflareAccess.apps.1.allowGroups.0"));
    const dir = mkdtempSync(path.join(tmpdir(), "okta-pomerium-new-"));
    copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    writeFileSync(path.join(dir, "Pulumi.qa.yaml"), text);
    const { config } = readStackConfig(dir, "qa");
    const { result } = await evaluate(config, "qa", () => {
      try {
        return program();
      } catch (e) {
        return e as Error;
      }
    });
    assert.ok(!(result instanceof Error), String(result));
  });

  test("refuses a stack name that is not a DNS-friendly word", () => {
    assert.throws(() => copyStackConfig("config: {}\n", "dev", "Prod_1"), /must be lower-case/);
  });
});
