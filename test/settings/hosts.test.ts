// Hosts: the one validator (components/dns.ts) from a table with both sides of every bound, then
// each setting that carries a host refused at its exact key path.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { hostProblem, HostRules } from "../../components/dns";
import { baseConfig, cloudflareConfig, CF_SECTION, failsAt, problemsOf, ROUTES } from "../mocks";

const label = (n: number, c = "a") => c.repeat(n);
/** A name of exactly `n` characters: 63-character labels joined by dots, the last one shorter. */
function nameOf(n: number): string {
  const labels: string[] = [];
  let left = n;
  while (left > 0) {
    const take = Math.min(63, left);
    labels.push(label(take));
    left -= take + 1;
  }
  let s = labels.join(".");
  if (s.length > n) s = s.slice(0, n);
  // Never end on a dot (that is the empty-label rule, not the length rule).
  return s.endsWith(".") ? `${s.slice(0, -2)}bb` : s;
}

// [host, rules, valid?, what the message must say when invalid]
const TABLE: Array<[string, HostRules, boolean, RegExp?]> = [
  ["grafana.corp.example.com", {}, true],
  ["a", {}, true],
  ["", {}, false, /empty host/],
  // label length: 63 is the limit
  [`${label(63)}.example.com`, {}, true],
  [`${label(64)}.example.com`, {}, false, /64 characters; a DNS label has at most 63/],
  // total length: 253 is the limit
  [nameOf(253), {}, true],
  [nameOf(254), {}, false, /254 characters; a DNS name has at most 253/],
  // empty labels
  ["ledger..corp.example.com", {}, false, /empty label/],
  [".example.com", {}, false, /empty label/],
  ["example.com.", {}, false, /empty label/],
  // characters
  ["grafana_sre.corp.example.com", {}, false, /"grafana_sre" contains "_".*use "-"/],
  ["-a.example.com", {}, false, /starting and ending with a letter or digit/],
  ["a-.example.com", {}, false, /starting and ending with a letter or digit/],
  ["a-b.example.com", {}, true],
  ["0a.example.com", {}, true],
  ["Grafana.example.com", {}, false, /upper-case/],
  ["a b.example.com", {}, false, /letters, digits and "-"/],
  // wildcards: only as the whole first label, and only where allowed
  ["*.example.com", { wildcard: true }, true],
  ["*.example.com", {}, false, /wildcard is not allowed here/],
  ["a.*.example.com", { wildcard: true }, false, /only allowed as the whole first label/],
  ["*a.example.com", { wildcard: true }, false, /only allowed as the whole first label/],
  ["**.example.com", { wildcard: true }, false, /only allowed as the whole first label/],
  // IP literals: only where allowed (an upstream)
  ["10.0.0.5", { ip: true }, true],
  ["[::1]", { ip: true }, true],
  ["10.0.0.5", {}, false, /IP address, not a DNS name/],
  ["256.0.0.5", {}, true], // not an IPv4 address: four numeric labels
  // label count
  ["example.com", { minLabels: 2 }, true],
  ["example", { minLabels: 2 }, false, /at least 2 labels/],
];

describe("hostProblem: RFC 1123 host names as Kubernetes and Pomerium take them", () => {
  for (const [host, rules, valid, message] of TABLE)
    test(`${valid ? "accepts" : "refuses"} ${JSON.stringify(host.length > 40 ? `${host.slice(0, 20)}…(${host.length})` : host)} ${JSON.stringify(rules)}`, () => {
      const problem = hostProblem(host, rules);
      if (valid) assert.equal(problem, undefined);
      else assert.match(problem ?? "(accepted)", message!);
    });
  test("the table's names have the lengths it claims", () => {
    assert.equal(nameOf(253).length, 253);
    assert.equal(nameOf(254).length, 254);
  });
});

const route = (over: Record<string, unknown>) => ({
  "okta-pomerium:routes": [{ ...ROUTES[0], ...over }, ROUTES[1]],
});
const R = "okta-pomerium:routes[0]";

describe("every host the settings read is a DNS name", () => {
  test("fails when authenticateUrl has an underscore", () =>
    failsAt(
      baseConfig({ "okta-pomerium:authenticateUrl": "https://auth_sso.example.com" }),
      "okta-pomerium:authenticateUrl",
      /^"https:\/\/auth_sso.example.com" has the host "auth_sso.example.com": the label "auth_sso" contains "_"/,
    ));
  test("fails when authenticateUrl is a wildcard", () =>
    failsAt(
      baseConfig({ "okta-pomerium:authenticateUrl": "https://*.example.com" }),
      "okta-pomerium:authenticateUrl",
      /wildcard is not allowed here/,
    ));
  test("fails when a route's from has an empty label, or an underscore", () => {
    failsAt(
      baseConfig(route({ from: "https://ledger..corp.example.com" })),
      `${R}.from`,
      /empty label/,
    );
    failsAt(
      baseConfig(route({ from: "https://grafana_sre.corp.example.com" })),
      `${R}.from`,
      /"_"/,
    );
  });
  test("a wildcard from is accepted as the whole first label, refused elsewhere", () => {
    assert.deepEqual(problemsOf(baseConfig(route({ from: "https://*.apps.example.com" }))), []);
    failsAt(
      baseConfig(route({ from: "https://app-*.example.com" })),
      `${R}.from`,
      /only allowed as the whole first label/,
    );
  });
  test("fails when a route's to is a wildcard or has a bad label; an IP upstream is accepted", () => {
    failsAt(
      baseConfig(route({ to: "https://*.example.com" })),
      `${R}.to`,
      /wildcard is not allowed/,
    );
    failsAt(
      baseConfig(route({ to: ["https://a.example.com", "https://b_x.example.com"] })),
      `${R}.to[1]`,
      /"b_x" contains "_"/,
    );
    assert.deepEqual(problemsOf(baseConfig(route({ to: "http://10.0.0.5:8080" }))), []);
  });
  test("fails when authorizationServer.orgUrl or openMetadata.url has a bad host", () => {
    failsAt(
      baseConfig({
        "okta-pomerium:authorizationServer": { mode: "org", orgUrl: "https://login..example.com" },
      }),
      "okta-pomerium:authorizationServer.orgUrl",
      /empty label/,
    );
    failsAt(
      baseConfig({ "okta-pomerium:openMetadata": { url: "https://open_metadata.example.com" } }),
      "okta-pomerium:openMetadata.url",
      /"open_metadata" contains "_"/,
    );
  });
  test("fails when okta:orgName is not a DNS label, or the org's host is too long", () => {
    failsAt(baseConfig({ "okta:orgName": "dev-123456-" }), "okta:orgName", /starting and ending/);
    failsAt(baseConfig({ "okta:orgName": label(64) }), "okta:orgName", /at most 63/);
    assert.deepEqual(problemsOf(baseConfig({ "okta:orgName": label(63) })), []);
    failsAt(
      baseConfig({ "okta:orgName": label(63), "okta:baseUrl": nameOf(190) }),
      "okta:baseUrl",
      /with okta:orgName, the org's host is of 254 characters|254 characters/,
    );
    assert.deepEqual(
      problemsOf(baseConfig({ "okta:orgName": label(63), "okta:baseUrl": nameOf(189) })),
      [],
    );
  });
  test("fails when a Cloudflare domain has a bad host (same validator, two labels at least)", () => {
    const AT = "okta-pomerium:cloudflareAccess";
    failsAt(
      cloudflareConfig({ teamDomain: "my_team.cloudflareaccess.com" }),
      `${AT}.teamDomain`,
      /"_"/,
    );
    const apps = [{ ...CF_SECTION.apps[0], domain: "wiki..example.com" }, CF_SECTION.apps[1]];
    failsAt(cloudflareConfig({ apps }), `${AT}.apps[0].domain`, /empty label/);
    const single = [{ ...CF_SECTION.apps[0], domain: "wiki" }, CF_SECTION.apps[1]];
    failsAt(cloudflareConfig({ apps: single }), `${AT}.apps[0].domain`, /at least 2 labels/);
  });
});
