// verify's part 7: fixes that speak of Okta (and where in its Admin Console) only when the issuer
// is on an Okta host; progress on stderr as each check starts and ends (quiet with --json); and one
// line when there are no outputs to read (no Pulumi CLI, no --outputs).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { describe, test } from "node:test";
import type { Answer } from "../../scripts/verify/http";
import { idpFixes, isOktaHost } from "../../scripts/verify/idp";
import { judgeScopes } from "../../scripts/verify/okta-checks";
import { Target } from "../../scripts/verify/outputs";
import { judgeRegistration } from "../../scripts/verify/registration";
import { progressLine } from "../../scripts/verify/cli";

const CLI = path.resolve(__dirname, "../../scripts/verify/cli.js");
const target = (issuer: string): Target => ({
  issuer,
  clientId: "0oa1",
  redirectUri: "https://authenticate.acme.example.com/oauth2/callback",
  authenticateUrl: "https://authenticate.acme.example.com",
  scopes: ["openid", "pomerium"],
  routeUrls: ["https://app.acme.example.com"],
  pomeriumVersion: [0, 33, 1],
  mode: "custom",
});
const answer = (issuer: string, status: number, body: string): Answer => ({
  url: `${issuer}/v1/authorize`,
  status,
  headers: {},
  body,
});

describe("fixes name Okta only on an Okta host", () => {
  test("Okta hosts: an org or cell subdomain of okta.com, oktapreview.com, okta-emea.com, okta-gov.com", () => {
    for (const u of [
      "https://dev-1.okta.com/oauth2/aus1",
      "https://acme.oktapreview.com",
      "https://acme.okta-emea.com/oauth2/default",
      "https://acme.okta-gov.com",
      "https://ACME.OKTA.COM",
    ])
      assert.equal(isOktaHost(u), true, u);
    for (const u of [
      "https://okta.com",
      "https://login.acme.com/oauth2/aus1",
      "https://evilokta.com",
      "https://acme.okta.com.evil.example",
      "https://127.0.0.1:8443/oauth2/aus1",
      "not a url",
    ])
      assert.equal(isOktaHost(u), false, u);
  });

  for (const [issuer, okta] of [
    ["https://dev-1.okta.com/oauth2/aus1", true],
    ["https://login.acme.com/oauth2/aus1", false],
  ] as const)
    test(`${okta ? "an Okta host" : "a custom domain"}: the registration, scope and key fixes`, () => {
      const t = target(issuer);
      const fixes = [
        judgeRegistration(t, answer(issuer, 400, "invalid_client: client_id unknown")).fix,
        judgeRegistration(t, answer(issuer, 400, "redirect_uri is not registered")).fix,
        judgeRegistration(t, answer(issuer, 400, "something else")).fix,
        judgeScopes(t, { ...doc(issuer), scopes_supported: ["openid"] }).fix,
        idpFixes(issuer).inactiveServer,
      ];
      for (const f of fixes) {
        assert.equal(/\bOkta\b/.test(f ?? ""), okta, f);
        assert.equal(/Okta Admin Console/.test(f ?? ""), okta, f);
      }
      assert.match(
        fixes[1] ?? "",
        /add https:\/\/authenticate\.acme\.example\.com\/oauth2\/callback to the /,
      );
    });
});

function doc(issuer: string) {
  return {
    issuer,
    authorization_endpoint: `${issuer}/v1/authorize`,
    token_endpoint: `${issuer}/v1/token`,
    jwks_uri: `${issuer}/v1/keys`,
  };
}

describe("verify as it goes", () => {
  const outputs = () => {
    const dir = mkdtempSync(path.join(tmpdir(), "okta-pomerium-progress-"));
    const file = path.join(dir, "outputs.json");
    // Hosts that never resolve (.invalid): every check ends quickly, each with its own line.
    writeFileSync(
      file,
      JSON.stringify({
        issuer: "https://issuer.acme.invalid/oauth2/aus1",
        clientId: "0oa1",
        scopes: ["openid", "pomerium"],
        authenticateUrl: "https://authenticate.acme.invalid",
        redirectUri: "https://authenticate.acme.invalid/oauth2/callback",
        routeUrls: ["https://app.acme.invalid"],
        pomeriumVersion: "v0.33.1",
        authorizationServerMode: "custom",
      }),
    );
    return file;
  };
  const run = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
    promisify(execFile)(process.execPath, [CLI, ...args], { env, encoding: "utf8" }).catch(
      (e: { stdout: string; stderr: string; code: number }) => e,
    );

  test("one stderr line per check as it starts and as it ends; the report on stdout", async () => {
    const r = await run(["acme", "--outputs", outputs(), "--timeout", "2"]);
    const lines = r.stderr.trimEnd().split("\n");
    const checks = r.stdout
      .trimEnd()
      .split("\n")
      .slice(0, -1)
      .map((l) => l.split(" | ")[0].slice(5));
    assert.ok(checks.length >= 6, r.stdout);
    for (const c of checks) {
      const start = lines.indexOf(`...  ${c}`);
      const end = lines.findIndex((l) => /^(PASS|FAIL|SKIP) /.test(l) && l.slice(5) === c);
      assert.ok(start >= 0 && end > start, `${c}: ${r.stderr}`);
    }
    assert.equal(lines.length, 2 * checks.length);
  });

  test("quiet with --json: stderr holds the summary alone", async () => {
    const r = await run(["acme", "--outputs", outputs(), "--timeout", "2", "--json"]);
    assert.match(
      r.stderr,
      /^acme: NOT verified: \d+ passed, \d+ failed, \d+ skipped \([\d.]+ s\)\n$/,
    );
  });

  test("without the Pulumi CLI and without --outputs: one line, exit 2", async () => {
    const r = await run(["acme"], { ...process.env, PATH: path.join(tmpdir(), "no-such-dir") });
    assert.equal("code" in r ? r.code : 0, 2);
    assert.equal(
      r.stderr,
      "verify: the Pulumi CLI is not on PATH: install pulumi or pass --outputs FILE (the output of `pulumi stack output --json`)\n",
    );
  });

  test("the progress lines", () => {
    assert.equal(progressLine({ check: "issuer keys", phase: "start" }), "...  issuer keys");
    assert.equal(
      progressLine({ check: "issuer keys", phase: "end", status: "fail" }),
      "FAIL issuer keys",
    );
  });
});
