// What `protect: true` opts a stack into (stack/settings/protect-rules.ts), on the production
// template and on the test stack: each rule at its bound and one over, each message naming the key
// and the fix, and nothing of it on an unprotected stack.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseSettings } from "../../stack/settings";
import { baseConfig, failsAt, problemsOf } from "../mocks";
import { configOf, template } from "../stack-files";

const production = () => ({ ...configOf(template("production")).config });
const P = "okta-pomerium:";
const withJson = (config: Record<string, string>, key: string, edit: (v: any) => void) => {
  const v = JSON.parse(config[`${P}${key}`]);
  edit(v);
  return { ...config, [`${P}${key}`]: JSON.stringify(v) };
};
const OFF = "or set okta-pomerium:protect: false if this stack is not one users depend on";

describe("protect: true opts into production's shape", () => {
  test("the production template (protected) passes as written", () =>
    assert.deepEqual(problemsOf(production(), "production"), []));

  test("fails when replicas is 1; 2 passes", () => {
    const one = withJson(production(), "pomerium", (p) => (p.replicas = 1));
    failsAt(
      one,
      `${P}pomerium.replicas`,
      new RegExp(
        `^is 1 on a protected stack \\(protect: true\\): one pod is a single point of failure for every sign-in; set it to 2 or more \\(e\\.g\\. 3, spread over nodes and zones\\), ${OFF}$`,
      ),
      "production",
    );
    const two = withJson(production(), "pomerium", (p) => (p.replicas = 2));
    assert.deepEqual(problemsOf(two, "production"), []);
  });

  test("fails when sessions are in memory", () => {
    const config = withJson(production(), "pomerium", (p) => {
      p.replicas = 1;
      p.databroker.storage = "memory";
    });
    delete config[`${P}databrokerConnectionString`];
    const problems = problemsOf(config, "production");
    assert.deepEqual(
      problems.map((p) => p.path),
      [`${P}pomerium.replicas`, `${P}pomerium.databroker.storage`],
    );
    assert.match(
      problems[1].message,
      /^is memory on a protected stack \(protect: true\): sessions are lost on every restart and not shared between replicas; set it to postgres \(and `pulumi config set --secret databrokerConnectionString`\), or set/,
    );
  });

  test("fails when the access token lives 31 minutes; 30 passes", () => {
    const at = (m: number) =>
      withJson(production(), "authorizationServer", (a) => (a.accessTokenLifetimeMinutes = m));
    failsAt(
      at(31),
      `${P}authorizationServer.accessTokenLifetimeMinutes`,
      /^is 31 on a protected stack \(protect: true\): set it to at most 30, so a revoked user loses access soon, or set/,
      "production",
    );
    assert.deepEqual(problemsOf(at(30), "production"), []);
  });

  test("fails when refresh tokens are unlimited (0) or live 10081 minutes; 10080 passes", () => {
    const at = (m: number) =>
      withJson(production(), "authorizationServer", (a) => {
        a.refreshTokenLifetimeMinutes = m;
        a.refreshTokenWindowMinutes = Math.min(1440, m || 1440);
      });
    const key = `${P}authorizationServer.refreshTokenLifetimeMinutes`;
    failsAt(
      at(0),
      key,
      /^is 0 \(unlimited\) on a protected stack .* at most 10080 \(seven days\)/,
      "production",
    );
    failsAt(
      at(10081),
      key,
      /^is 10081 on a protected stack \(protect: true\): set it to at most 10080/,
      "production",
    );
    assert.deepEqual(problemsOf(at(10080), "production"), []);
  });

  test("fails when identity headers go outside the cluster; .svc and .svc.cluster.local pass", () => {
    const to = (url: string | string[]) => withJson(production(), "routes", (r) => (r[1].to = url));
    failsAt(
      to("https://verify.pomerium.com"),
      `${P}routes[1].pass_identity_headers`,
      /^is set on a protected stack \(protect: true\), but `to` https:\/\/verify\.pomerium\.com is outside the cluster: signed identity headers .* remove pass_identity_headers from this route, or point `to` at an in-cluster Service$/,
      "production",
    );
    // One of several upstreams outside is enough; a host that only contains ".svc." is outside.
    failsAt(
      to(["http://a.b.svc:80", "http://a.svc.example.com"]),
      `${P}routes[1].pass_identity_headers`,
      /`to` http:\/\/a\.svc\.example\.com is outside/,
      "production",
    );
    for (const ok of ["http://who.apps.svc:8080", "http://who.apps.svc.cluster.local"])
      assert.deepEqual(problemsOf(to(ok), "production"), [], ok);
    const off = withJson(production(), "routes", (r) => {
      r[1].to = "https://verify.pomerium.com";
      r[1].pass_identity_headers = false;
    });
    assert.deepEqual(problemsOf(off, "production"), []);
  });

  test("an unprotected stack is held to none of it", () => {
    const config = {
      ...baseConfig({
        "okta-pomerium:routes": [
          {
            from: "https://a.test.example.com",
            to: "https://verify.pomerium.com",
            allowGroups: ["test-admins"],
            pass_identity_headers: true,
          },
        ],
      }),
    };
    assert.doesNotThrow(() => parseSettings(config, "test"));
    const protectedOne = { ...config, [`${P}protect`]: "true" };
    assert.deepEqual(
      problemsOf(protectedOne, "test").map((p) => p.path),
      [
        `${P}pomerium.replicas`,
        `${P}pomerium.databroker.storage`,
        `${P}authorizationServer.accessTokenLifetimeMinutes`,
        `${P}authorizationServer.refreshTokenLifetimeMinutes`,
        `${P}routes[0].pass_identity_headers`,
      ],
    );
  });

  test("org mode and the ingress controller: only the rules that apply there", () => {
    const controller = configOf(template("controller")).config;
    const problems = problemsOf({ ...controller, [`${P}protect`]: "true" }, "controller");
    // The controller runs the replicas, the org server sets the lifetimes: storage and headers only
    // (the template sends identity headers to an in-cluster Service).
    assert.deepEqual(
      problems.map((p) => p.path),
      [`${P}pomerium.databroker.storage`],
    );
  });
});
