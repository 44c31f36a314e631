// Every length rule of the settings at both sides of its bound (DNS labels, names, descriptions,
// the claim filter, ids, image tags, and names derived from the stack), each refusal's message exact.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { baseConfig, problemsOf, ROUTES } from "../mocks";
import { a, as, Bound, boundTests, got, label, P, pom, postgres, tooLong } from "./bound-table";

const OTHER_GROUP = { name: "test-admins", create: true };
const withGroup = (g: object) =>
  baseConfig({ [`${P}groups`]: [OTHER_GROUP, { name: "Everyone Engineering" }, g] });
const version = { version: "v0.33.1" };

const LENGTHS: Bound[] = [
  label(`${P}pomerium.namespace`, "`namespace`", (s) => pom({ namespace: s })),
  label(`${P}pomerium.name`, "`name`", (s) => pom({ name: s })),
  label(`${P}pomerium.ingress.tlsSecretName`, "`tlsSecretName`", (s) =>
    pom({ ingress: { enabled: true, tlsSecretName: s } }),
  ),
  label(`${P}pomerium.databroker.postgresNamespace`, "`postgresNamespace`", (s) =>
    postgres({ databroker: { postgresNamespace: s } }),
  ),
  label(`${P}pomerium.networkPolicy.ingressNamespaces[0]`, "a namespace", (s) =>
    pom({ networkPolicy: { ingressNamespaces: [s] } }),
  ),
  {
    path: `${P}groups[2].name`,
    config: (n) => withGroup({ name: "E".repeat(n) }),
    ok: 255,
    bad: 256,
    message: `must be at most 255 characters (Okta's limit for a group name) (got ${got("E".repeat(256))})`,
  },
  {
    path: `${P}groups[2].description`,
    config: (n) => withGroup({ name: "test-ops", create: true, description: a(n) }),
    ok: 1024,
    bad: 1025,
    message: tooLong(1024, a(1025)),
  },
  ...[10, 30].map((n) => ({
    path: `${P}groups[2].id`,
    config: (m: number) => withGroup({ name: "ops", id: `00g${"1".repeat(m)}` }),
    ok: n,
    bad: n === 10 ? 9 : 31,
    message: `must be an Okta group id (00g…, 20 characters) (got ${got(`00g${"1".repeat(n === 10 ? 9 : 31)}`)})`,
  })),
  ...[10, 30].map((n) => ({
    path: `${P}directorySync.apiTokenId`,
    config: (m: number) =>
      baseConfig({ [`${P}directorySync`]: { apiTokenId: `00T${"1".repeat(m)}`, name: "t" } }),
    ok: n,
    bad: n === 10 ? 9 : 31,
    message: `must be an Okta API token id (00T…) (got ${got(`00T${"1".repeat(n === 10 ? 9 : 31)}`)})`,
  })),
  {
    path: `${P}authorizationServer.name`,
    config: (n) => as({ name: a(n) }),
    ok: 128,
    bad: 129,
    message: tooLong(128, a(129)),
  },
  {
    path: `${P}authorizationServer.audience`,
    config: (n) => as({ audience: a(n) }),
    ok: 1024,
    bad: 1025,
    message: tooLong(1024, a(1025)),
  },
  {
    // ".*|a|a…" matches every group, whatever its length.
    path: `${P}groupsClaim.filter`,
    config: (n) => baseConfig({ [`${P}groupsClaim`]: { filter: ".*|a".padEnd(n, "|a") } }),
    ok: 1024,
    bad: 1025,
    message: tooLong(1024, ".*|a".padEnd(1025, "|a")),
  },
  {
    path: `${P}groupsClaim.filter`,
    config: (n) =>
      baseConfig({ [`${P}groupsClaim`]: { filterType: "CONTAINS", filter: "test-".slice(0, n) } }),
    ok: 1,
    bad: 0,
    message: 'must not be empty (got "")',
  },
  {
    // An image tag has at most 128 characters.
    path: `${P}pomerium.image`,
    config: (n) => pom({ image: `pomerium/pomerium:v${"1".repeat(n - 1)}`, ...version }),
    ok: 128,
    bad: 129,
    message: `must be an image reference such as pomerium/pomerium:v0.33.1 (got ${got(`pomerium/pomerium:v${"1".repeat(128)}`)})`,
  },
];

/** Stacks with a created group and a route that carry the stack name. */
const stackConfig = (stack: string, pomerium: object = {}) =>
  baseConfig({
    [`${P}groups`]: [{ name: `${stack}-admins`, create: true }],
    [`${P}routes`]: [{ ...ROUTES[0], allowGroups: [`${stack}-admins`] }],
    [`${P}pomerium`]: pomerium,
  });

boundTests("bounds: lengths", LENGTHS);

describe("bounds: names derived from the stack", () => {
  test("a stack of 54 characters gives a 63-character default namespace and name; 55 are refused", () => {
    const [ok, bad] = [a(54), a(55)];
    assert.deepEqual(problemsOf(stackConfig(ok), ok), []);
    assert.deepEqual(
      problemsOf(stackConfig(bad), bad),
      ["namespace", "name"].map((key) => ({
        path: `${P}pomerium.${key}`,
        message: `is ${got(`pomerium-${bad}`)} (from the stack name "${bad}"), not a DNS-1123 label (lower-case letters, digits, '-', at most 63 characters); set pomerium.${key} explicitly`,
      })),
    );
  });

  test("with explicit names, a stack name of 63 characters is accepted, 64 are refused (a label value)", () => {
    const names = { namespace: "pomerium", name: "pomerium" };
    const [ok, bad] = [a(63), a(64)];
    assert.deepEqual(problemsOf(stackConfig(ok, names), ok), []);
    assert.deepEqual(problemsOf(stackConfig(bad, names), bad), [
      {
        path: `${P}pomerium.name`,
        message: `the stack name "${bad}" is longer than 63 characters and cannot be a Kubernetes label value; use a shorter stack name`,
      },
    ]);
  });
});
