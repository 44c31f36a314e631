// The `routes` rules (stack/settings/route-rules.ts): known keys, `from` as Pomerium accepts
// it, one destination, an access rule that cannot be silently widened, groups assigned to the app,
// valid PPL, and a config file that fits in one ConfigMap.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseSettings } from "../../stack/settings";
import { pomeriumScopes } from "../../components/okta/plan";
import { CONFIGMAP_MAX_BYTES, configFileBytes } from "../../components/pomerium/config";
import { baseConfig, failsAt, problemsOf, ROUTES } from "../mocks";

const route = (over: Record<string, unknown>) => ({ ...ROUTES[0], ...over });
const withRoutes = (...routes: unknown[]) => baseConfig({ "okta-pomerium:routes": routes });

describe("routes: the ConfigMap budget", () => {
  /** n routes; the first one's upstream padded by `pad` characters (one byte each in the file). */
  const many = (n: number, pad = 0) =>
    withRoutes(
      ...Array.from({ length: n }, (_, i) =>
        route({
          from: `https://app${i}.test.example.com`,
          to: `http://app.internal/${i === 0 ? "x".repeat(pad) : ""}`,
          allowGroups: undefined,
          allowEmails: [`user${i}@example.com`],
        }),
      ),
    );

  test("fails when the routes make Pomerium's config file larger than a ConfigMap holds", () => {
    // About 460 bytes a route here: 2,000 routes fit, 10,000 do not.
    assert.doesNotThrow(() => parseSettings(many(2000), "test"));
    failsAt(
      many(10000),
      "okta-pomerium:routes",
      /has 10000 routes, which make Pomerium's config file about \d+ KiB; a Kubernetes ConfigMap holds at most 1024 KiB\. Split the routes across stacks/,
    );
  });

  test("a config file of exactly 1 MiB is accepted, one byte more is refused", () => {
    const n = 2600;
    const s = parseSettings(many(n), "test");
    const bytes = configFileBytes(
      {
        authenticateUrl: s.authenticateUrl,
        routes: s.routes,
        groupsClaimName: s.groupsClaim.name,
        version: s.pomeriumVersion,
        databroker: s.pomerium.databroker,
        xffNumTrustedHops: s.pomerium.xffNumTrustedHops ?? 10,
      },
      pomeriumScopes(s.authorizationServer.scope),
    );
    const pad = CONFIGMAP_MAX_BYTES - bytes;
    assert.ok(pad > 0 && pad < 100_000, `pad ${pad}`);
    assert.deepEqual(problemsOf(many(n, pad)), []);
    assert.deepEqual(problemsOf(many(n, pad + 1)), [
      {
        path: "okta-pomerium:routes",
        message: `has ${n} routes, which make Pomerium's config file about 1025 KiB; a Kubernetes ConfigMap holds at most 1024 KiB. Split the routes across stacks (one proxy per group of apps) or shorten their policies`,
      },
    ]);
  });
});

describe("routes: from and destination", () => {
  test("fails when a route's from is not https", () =>
    failsAt(
      withRoutes(ROUTES[0], route({ from: "http://x.example.com" })),
      "okta-pomerium:routes[1].from",
      /https:\/\/ URL \(got "http:\/\/x.example.com"\)/,
    ));
  test("fails when two routes share a from", () =>
    failsAt(
      withRoutes(ROUTES[0], route({})),
      "okta-pomerium:routes[1].from",
      /same prefix\/path\/regex is also routes\[0\]/,
    ));
  test("accepts two routes on one host split by prefix", () => {
    parseSettings(withRoutes(route({ prefix: "/a" }), route({ prefix: "/b" })), "test");
  });
  test("fails when a route's from has a path (Pomerium refuses it)", () =>
    failsAt(
      withRoutes(route({ from: "https://a.example.com/app" })),
      "okta-pomerium:routes[0].from",
      /origin only.*prefix, path or regex/,
    ));
  test("fails when a route uses the authenticate host", () =>
    assert.deepEqual(
      problemsOf(withRoutes(route({ from: "https://authenticate.test.example.com" }))),
      [
        {
          path: "okta-pomerium:routes[0].from",
          message:
            "uses the authenticate host authenticate.test.example.com; give the route a host of its own",
        },
      ],
    ));
  test("fails when a route has both to and redirect", () =>
    failsAt(
      withRoutes(route({ redirect: { https_redirect: true } })),
      "okta-pomerium:routes[0]",
      /exactly one of to, redirect, response/,
    ));
  test("accepts a redirect route without to", () => {
    const { to: _to, ...noTo } = ROUTES[0];
    parseSettings(withRoutes({ ...noTo, redirect: { host_redirect: "example.com" } }), "test");
  });
  test("fails when an upstream is not an http(s) URL", () =>
    assert.deepEqual(problemsOf(withRoutes(route({ to: ["http://a", "ftp://b"] }))), [
      {
        path: "okta-pomerium:routes[0].to[1]",
        message: 'must be an http:// or https:// upstream URL (got "ftp://b")',
      },
    ]));
  test("fails when an upstream URL carries credentials", () =>
    failsAt(
      withRoutes(route({ to: "http://user:pw@app.internal" })),
      "okta-pomerium:routes[0].to",
      /must not carry credentials/,
    ));
});

describe("routes: keys and headers", () => {
  test("fails when a route keeps a secret-bearing option", () =>
    failsAt(
      withRoutes(route({ tls_client_key: "-----BEGIN" })),
      "okta-pomerium:routes[0].tls_client_key",
      /not supported by this program: a private key would land in the ConfigMap/,
    ));
  test("fails when a route sets a literal credential header", () =>
    failsAt(
      withRoutes(route({ set_request_headers: { Authorization: "Bearer abc123" } })),
      "okta-pomerium:routes[0].set_request_headers.Authorization",
      /looks like a credential.*pomerium\.access_token/,
    ));
  test("accepts Pomerium's token placeholders and ordinary headers", () => {
    const headers = { Authorization: "Bearer ${pomerium.access_token}", "X-Team": "platform" };
    parseSettings(withRoutes(route({ set_request_headers: headers })), "test");
  });
  test("fails when a route key is a JavaScript builtin name", () =>
    failsAt(
      withRoutes(route({ constructor: 1 })),
      "okta-pomerium:routes[0].constructor",
      /unknown key "constructor"/,
    ));
  test("fails when a route uses the removed allowed_groups", () =>
    failsAt(
      withRoutes(route({ allowed_groups: ["a"] })),
      "okta-pomerium:routes[0].allowed_groups",
      /removed by Pomerium; use `allowGroups`/,
    ));
  test("fails when a route option is misspelt, naming the intended one", () =>
    failsAt(
      withRoutes(route({ passIdentityHeaders: true })),
      "okta-pomerium:routes[0].passIdentityHeaders",
      /did you mean "pass_identity_headers"/,
    ));
});

describe("routes: access rules", () => {
  test("fails when an allowGroups name is not one of groups", () =>
    failsAt(
      withRoutes(route({ allowGroups: ["nope"] })),
      "okta-pomerium:routes[0].allowGroups[0]",
      /"nope" is not one of okta-pomerium:groups/,
    ));
  test("accepts a public route whose policy only denies", () => {
    const { allowGroups: _g, ...open } = ROUTES[0];
    parseSettings(
      withRoutes({
        ...open,
        allow_public_unauthenticated_access: true,
        policy: { deny: { or: [{ source_ip: "10.0.0.0/8" }] } },
      }),
      "test",
    );
  });
  test("fails when a public route also has an allow rule", () =>
    failsAt(
      withRoutes({
        from: "https://open.test.example.com",
        to: "http://open",
        allow_any_authenticated_user: true,
        policy: { allow: { or: [{ email: { is: "a@example.com" } }] } },
      }),
      "okta-pomerium:routes[0].allow_any_authenticated_user",
      /allow rules would restrict nothing/,
    ));
  test("fails when a route is public and also names groups", () =>
    failsAt(
      withRoutes(route({ allow_public_unauthenticated_access: true })),
      "okta-pomerium:routes[0].allow_public_unauthenticated_access",
      /Pomerium ORs them/,
    ));
  test("fails when a route has no access rule", () =>
    failsAt(
      withRoutes({ from: "https://a.example.com", to: "http://a" }),
      "okta-pomerium:routes[0]",
      /no access rule/,
    ));
  test("fails when a route mixes a raw policy with allowGroups", () =>
    failsAt(
      withRoutes(route({ policy: [{ allow: { or: [{ email: { is: "a@b.c" } }] } }] })),
      "okta-pomerium:routes[0].policy",
      /either the shortcuts or a raw PPL policy/,
    ));
  test("fails when a raw policy uses the groups criterion", () =>
    failsAt(
      withRoutes({
        from: "https://a.example.com",
        to: "http://a",
        policy: { allow: { or: [{ groups: { has: "x" } }] } },
      }),
      "okta-pomerium:routes[0].policy.allow.or[0].groups",
      /never matches on Pomerium Core.*claim\/groups/,
    ));
});
