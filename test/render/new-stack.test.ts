// `npm run new-stack -- <name> --from <stack>` (scripts/new-stack.ts): what a copy renames and
// keeps, and that the copy of every stack file renders. (`--template`: templates.test.ts.)
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, test } from "node:test";
import { parse } from "yaml";
import { program } from "../../stack/program";
import { copyStackConfig, nextSteps, refuseName, secretsToSet } from "../../scripts/new-stack";
import { stackNames } from "../../scripts/stacks";
import { templateAsStackText } from "../../scripts/stack-header";
import { checkedStacks, template } from "../stack-files";
import { evaluate } from "../../scripts/render/mock-runtime";
import { readStackConfig } from "../../scripts/render/stack-config";

const ROOT = path.resolve(__dirname, "../../..");

/** A project dir with Pulumi.yaml, the templates and one stack, alpha (the quickstart's). */
function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "okta-pomerium-new-"));
  copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  cpSync(path.join(ROOT, "templates"), path.join(dir, "templates"), { recursive: true });
  const quickstart = templateAsStackText(readFileSync(template("quickstart").file, "utf8"));
  const { text } = copyStackConfig(quickstart, "quickstart", "alpha", false);
  writeFileSync(path.join(dir, "Pulumi.alpha.yaml"), text);
  return dir;
}

/** Evaluates a stack file's text as stack `stack`; the error, if any. */
async function renders(text: string, stack: string): Promise<Error | undefined> {
  const dir = mkdtempSync(path.join(tmpdir(), "okta-pomerium-new-"));
  copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), text);
  const { config } = readStackConfig(dir, stack);
  const { result } = await evaluate(config, stack, () => {
    try {
      program();
      return undefined;
    } catch (e) {
      return e as Error;
    }
  });
  return result;
}

/** `npm run new-stack -- <args>` in that project. */
const newStack = (dir: string, args: string[]) =>
  spawnSync(process.execPath, [path.join(ROOT, "bin/scripts/new-stack.js"), ...args], {
    env: { ...process.env, OKTA_POMERIUM_DIR: dir },
    encoding: "utf8",
  });

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
    assert.match(
      text,
      /^# yaml-language-server: \$schema=\.\/schema\/stack\.schema\.json\n# The qa stack\./,
    );
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

  for (const c of checkedStacks())
    test(`the copy of ${c.label} for a new stack renders`, async () => {
      const source = readFileSync(c.file, "utf8");
      const { text } = copyStackConfig(
        c.template ? templateAsStackText(source) : source,
        c.stack,
        "qa",
      );
      assert.equal(await renders(text, "qa"), undefined);
    });

  test("the copy of the cloudflare template renames its Access hosts' created groups, and renders", async () => {
    const { text, renamed } = copyStackConfig(
      templateAsStackText(readFileSync(template("cloudflare").file, "utf8")),
      "cloudflare",
      "qa",
    );
    const cf = parse(text).config["okta-pomerium:cloudflareAccess"];
    assert.deepEqual(
      cf.apps.map((a: any) => [a.domain, a.allowGroups]),
      [["wiki.changeme.example.com", ["pomerium-qa-admins", "pomerium-qa-contractors"]]],
    );
    assert.equal(cf.teamDomain, "changeme.cloudflareaccess.com", "the account's, kept");
    assert.ok(renamed.includes("okta-pomerium:cloudflareAccess.apps.0.allowGroups.1"));
    assert.equal(await renders(text, "qa"), undefined);
  });

  test("refuses a stack name that is not a DNS-friendly word", () => {
    assert.throws(() => copyStackConfig("config: {}\n", "dev", "Prod_1"), /must be lower-case/);
  });

  for (const name of ["Prod", "eu-prod", "qa_1", "1qa", "a".repeat(21)])
    test(`refuses the stack name "${name}" in one line`, () => {
      const why = refuseName(name);
      assert.match(String(why), new RegExp(`^stack name "${name}" `));
      assert.ok(!String(why).includes("\n"));
    });
  test("accepts qa, eu2 and a 20-character name", () =>
    assert.deepEqual(["qa", "eu2", "a".repeat(20)].map(refuseName), [
      undefined,
      undefined,
      undefined,
    ]));

  test("the CLI refuses a bad name in one line, without a stack trace, and writes nothing", () => {
    const dir = project();
    const r = newStack(dir, ["eu-prod", "--from", "alpha"]);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, `${refuseName("eu-prod")}\n`);
    assert.deepEqual(stackNames(dir), ["alpha"]);
  });

  test("the CLI prints every remaining step, numbered, with every secret to set", () => {
    const dir = project();
    const r = newStack(dir, ["qa", "--from", "alpha"]);
    assert.equal(r.status, 0, r.stderr);
    const steps = r.stdout.split("Next:\n")[1].trimEnd().split("\n");
    steps.forEach((line, i) => assert.match(line, new RegExp(`^  ${i + 1}\\. `), line));
    assert.deepEqual(
      steps
        .filter((l) => l.includes("--secret"))
        .map((l) => l.replace(/^.*--secret (\S+).*$/, "$1")),
      ["okta:privateKey"],
    );
    assert.match(r.stdout, /KUBECONFIG_QA/);
    assert.match(r.stdout, /environment "qa"/);
    assert.deepEqual(stackNames(dir), ["alpha", "qa"]);
  });

  test("the secrets to set: dropped secure values and what the settings require", () => {
    const text = [
      "config:",
      "  okta:orgName: o",
      "  okta-pomerium:pomerium:",
      "    databroker: { storage: postgres }",
      "",
    ].join("\n");
    assert.deepEqual(secretsToSet(text, ["okta-pomerium:directoryApiToken"]), [
      "okta-pomerium:databrokerConnectionString",
      "okta-pomerium:directoryApiToken",
      "okta:apiToken",
    ]);
    assert.deepEqual(secretsToSet("config:\n  okta:clientId: x\n", []), ["okta:privateKey"]);
    assert.deepEqual(nextSteps("qa", ["okta:apiToken", "x:y"]).slice(2, 4), [
      "  3. pulumi config set --secret okta:apiToken --stack qa   # prompts for an Okta SSWS API token",
      "  4. pulumi config set --secret x:y --stack qa   # prompts for the value",
    ]);
  });

  test("render of a stack without a file lists the stacks there", () => {
    const dir = project();
    const r = spawnSync(process.execPath, [path.join(ROOT, "dist/render.js"), "qa"], {
      env: { ...process.env, OKTA_POMERIUM_DIR: dir },
      encoding: "utf8",
    });
    assert.equal(r.status, 1);
    assert.equal(
      r.stderr.trim(),
      "no stack file Pulumi.qa.yaml: the stacks here are alpha; create one with npm run new-stack -- qa --template <cloudflare|controller|openmetadata|production|quickstart>",
    );
  });
});
