// The Pomerium component's args resolved into its plain spec (components/pomerium/args.ts), without
// mocks: the defaults, every problem at both sides of its rule, and the route args' flattening.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { PomeriumArgs } from "../../components/pomerium/args";
import { resolvePomeriumArgs, routeInput } from "../../components/pomerium/resolve";
import { CONFIGMAP_MAX_BYTES, configFileBytes } from "../../components/pomerium/config";

const ROUTE = {
  from: "https://grafana.example.com",
  to: ["http://grafana:3000"],
  allowGroups: ["admins"],
};
const ARGS: PomeriumArgs = {
  authenticateUrl: "https://authenticate.example.com",
  issuer: "https://issuer.example",
  clientId: "client",
  clientSecret: "secret",
  scopes: ["openid"],
  routes: [ROUTE],
};
const resolve = (over: Partial<PomeriumArgs> = {}, stack = "dev") =>
  resolvePomeriumArgs({ ...ARGS, ...over }, stack);
const problemsOf = (over: Partial<PomeriumArgs> = {}, stack = "dev") =>
  resolve(over, stack).problems;
const POSTGRES = {
  databroker: { storage: "postgres" as const },
  databrokerConnectionString: "postgres://db",
};

describe("resolvePomeriumArgs: defaults", () => {
  test("the minimal args resolve to the documented defaults, with no problem", () => {
    assert.deepEqual(resolve(), {
      problems: [],
      spec: {
        stack: "dev",
        authenticateUrl: "https://authenticate.example.com",
        routes: [
          {
            from: "https://grafana.example.com",
            to: "http://grafana:3000",
            allowGroups: ["admins"],
          },
        ],
        groupsClaimName: "groups",
        version: [0, 33, 1],
        namespace: "pomerium-dev",
        namespaceOwnership: "own",
        name: "pomerium-dev",
        image: "pomerium/pomerium:nonroot-v0.33.1",
        replicas: 1,
        databroker: { storage: "memory", postgresPort: 5432 },
        idpServiceAccount: false,
        signingKey: false,
        // Nothing in front that this component manages: no X-Forwarded-For is trusted.
        xffNumTrustedHops: 0,
        networkPolicy: { enabled: true, metricsNamespaces: [] },
        ingress: { enabled: false },
      },
    });
  });

  test("every optional arg given reaches the spec as given", () => {
    const { spec, problems } = resolve({
      authenticateUrl: "https://authenticate.example.com/",
      groupsClaimName: "roles",
      namespace: "proxy",
      namespaceOwnership: "existing",
      name: "sso",
      image: "pomerium/pomerium:v0.19.1",
      replicas: 3,
      databroker: { storage: "postgres", postgresPort: 6543, postgresNamespace: "db" },
      databrokerConnectionString: "postgres://db",
      idpServiceAccount: "x",
      networkPolicy: {
        enabled: false,
        ingressNamespaces: ["ingress-nginx"],
        metricsNamespaces: ["monitoring"],
      },
      ingress: { enabled: true, className: "nginx", tlsSecretName: "tls" },
      gateway: {
        parentRefs: [{ name: "edge", namespace: "gateways", sectionName: "https" }, { name: "b" }],
        annotations: { a: "b" },
      },
      xffNumTrustedHops: 2,
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(spec, {
      ...resolve().spec,
      authenticateUrl: "https://authenticate.example.com",
      groupsClaimName: "roles",
      namespace: "proxy",
      namespaceOwnership: "existing",
      name: "sso",
      image: "pomerium/pomerium:v0.19.1",
      version: [0, 19, 1],
      replicas: 3,
      databroker: { storage: "postgres", postgresPort: 6543, postgresNamespace: "db" },
      idpServiceAccount: true,
      signingKey: true,
      xffNumTrustedHops: 2,
      networkPolicy: {
        enabled: false,
        ingressNamespaces: ["ingress-nginx"],
        metricsNamespaces: ["monitoring"],
      },
      ingress: { enabled: true, className: "nginx", tlsSecretName: "tls" },
      gateway: {
        parentRefs: [{ name: "edge", namespace: "gateways", sectionName: "https" }, { name: "b" }],
      },
    });
  });
});

describe("resolvePomeriumArgs: the signing key", () => {
  const signingKey = (image: string, replicas: number) =>
    resolve({ image, replicas, ...(replicas > 1 ? POSTGRES : {}) }).spec.signingKey;

  test("replicas before v0.33.0 get one explicit key; from v0.33.0 it derives from shared_secret", () => {
    assert.equal(signingKey("pomerium/pomerium:v0.32.9", 2), true);
    assert.equal(signingKey("pomerium/pomerium:v0.33.0", 2), false);
    assert.equal(signingKey("pomerium/pomerium:nonroot-v0.33.1", 3), false);
  });

  test("one replica needs no explicit key, whatever the version", () => {
    assert.equal(signingKey("pomerium/pomerium:v0.32.9", 1), false);
  });
});

describe("resolvePomeriumArgs: exposure and hops", () => {
  test("fails when the gateway names no Gateway", () => {
    assert.match(
      problemsOf({ gateway: { parentRefs: [] } }).join(),
      /gateway\.parentRefs must name at least one Gateway/,
    );
  });

  test("xffNumTrustedHops defaults to 1 behind its Ingress or HTTPRoutes, to 0 without (a client could spoof its address)", () => {
    const hops = (over: Partial<PomeriumArgs>) => resolve(over).spec.xffNumTrustedHops;
    assert.equal(hops({}), 0);
    assert.equal(hops({ service: { type: "LoadBalancer" } }), 0);
    assert.equal(hops({ ingress: { enabled: true } }), 1);
    assert.equal(hops({ ingress: { enabled: false } }), 0);
    assert.equal(hops({ gateway: { parentRefs: [{ name: "edge" }] } }), 1);
    assert.equal(hops({ gateway: { parentRefs: [{ name: "edge" }] }, xffNumTrustedHops: 2 }), 2);
  });

  test("fails when xffNumTrustedHops is negative or fractional; 0 is accepted", () => {
    assert.match(problemsOf({ xffNumTrustedHops: -1 }).join(), /xffNumTrustedHops/);
    assert.match(problemsOf({ xffNumTrustedHops: 1.5 }).join(), /xffNumTrustedHops/);
    assert.deepEqual(problemsOf({ xffNumTrustedHops: 0 }), []);
  });
});

describe("resolvePomeriumArgs: the version", () => {
  const DIGEST = `pomerium/pomerium@sha256:${"a".repeat(64)}`;
  const versionOf = (over: Partial<PomeriumArgs>) => resolve(over).spec.version;

  test("read off the tag (v, nonroot-v, a registry with a port)", () => {
    assert.deepEqual(versionOf({ image: "pomerium/pomerium:v0.31.0" }), [0, 31, 0]);
    assert.deepEqual(versionOf({ image: "pomerium/pomerium:nonroot-v0.31.3" }), [0, 31, 3]);
    assert.deepEqual(
      versionOf({ image: "registry.local:5000/pomerium/pomerium:v0.30.2" }),
      [0, 30, 2],
    );
  });

  test("`version` wins over the tag, with or without the v", () => {
    assert.deepEqual(
      versionOf({ image: "pomerium/pomerium:v0.33.1", version: "v0.19.1" }),
      [0, 19, 1],
    );
    assert.deepEqual(versionOf({ image: DIGEST, version: "0.31.0" }), [0, 31, 0]);
    assert.deepEqual(problemsOf({ image: DIGEST, version: "v0.31.0" }), []);
  });

  test("fails when neither the image nor `version` says the version", () => {
    const at = (image: string) =>
      `cannot tell the Pomerium version from image "${image}"; set \`version\``;
    assert.deepEqual(problemsOf({ image: DIGEST }), [at(DIGEST)]);
    assert.deepEqual(problemsOf({ image: "registry.local:5000/pomerium" }), [
      at("registry.local:5000/pomerium"),
    ]);
    assert.deepEqual(problemsOf({ image: "pomerium/pomerium:main" }), [
      at("pomerium/pomerium:main"),
    ]);
    assert.deepEqual(problemsOf({ image: DIGEST, version: "latest" }), [at(DIGEST)]);
  });
});

describe("resolvePomeriumArgs: URLs", () => {
  const badAuth = (url: string) => [`authenticateUrl must be an https origin (got "${url}")`];

  test("authenticateUrl: an https origin, trailing slashes dropped", () => {
    assert.deepEqual(problemsOf({ authenticateUrl: "https://authenticate.example.com" }), []);
    assert.equal(
      resolve({ authenticateUrl: "https://authenticate.example.com//" }).spec.authenticateUrl,
      "https://authenticate.example.com",
    );
    assert.deepEqual(problemsOf({ authenticateUrl: "https://authenticate.example.com:8443" }), []);
  });

  for (const url of [
    "http://authenticate.example.com",
    "authenticate.example.com",
    "https://authenticate.example.com/sso",
    "https://authenticate.example.com?next=/",
    "https://authenticate.example.com#top",
    "https://user:pass@authenticate.example.com",
  ]) {
    test(`fails when authenticateUrl is not an https origin: ${url}`, () => {
      assert.deepEqual(problemsOf({ authenticateUrl: url }), badAuth(url));
    });
  }

  test("fails when a route's from is not an https origin, for each such route", () => {
    const routes = [
      ROUTE,
      { ...ROUTE, from: "https://with-slash.example.com/" },
      { ...ROUTE, from: "http://plain.example.com" },
      { ...ROUTE, from: "grafana.example.com" },
      { ...ROUTE, from: "https://grafana.example.com/app" },
      { ...ROUTE, from: "https://grafana.example.com?x=1" },
    ];
    assert.deepEqual(problemsOf({ routes }), [
      'a route\'s `from` must be an https origin (got "http://plain.example.com")',
      'a route\'s `from` must be an https origin (got "grafana.example.com")',
      'a route\'s `from` must be an https origin (got "https://grafana.example.com/app")',
      'a route\'s `from` must be an https origin (got "https://grafana.example.com?x=1")',
    ]);
  });

  test("fails when there is no route", () => {
    assert.deepEqual(problemsOf({ routes: [] }), ["routes must list at least one route"]);
  });
});

describe("resolvePomeriumArgs: Kubernetes names", () => {
  const bad = (key: string, v: string) => `${key} "${v}" is not a DNS-1123 label; set \`${key}\``;

  for (const key of ["name", "namespace"] as const) {
    test(`${key}: 63 characters pass, 64 fail`, () => {
      assert.deepEqual(problemsOf({ [key]: "a".repeat(63) }), []);
      assert.deepEqual(problemsOf({ [key]: "a".repeat(64) }), [bad(key, "a".repeat(64))]);
    });

    test(`fails when ${key} is not a DNS label (upper case, edge dashes, dots, empty)`, () => {
      assert.deepEqual(problemsOf({ [key]: "a" }), []);
      assert.deepEqual(problemsOf({ [key]: "a-1" }), []);
      for (const v of ["Pomerium", "-a", "a-", "a.b", ""])
        assert.deepEqual(problemsOf({ [key]: v }), [bad(key, v)], JSON.stringify(v));
    });
  }

  test("the defaults come from the stack: a 54-character stack fits, 55 does not", () => {
    assert.deepEqual(problemsOf({}, "s".repeat(54)), []);
    const long = `pomerium-${"s".repeat(55)}`;
    assert.deepEqual(problemsOf({}, "s".repeat(55)), [bad("name", long), bad("namespace", long)]);
    assert.deepEqual(problemsOf({ name: "p", namespace: "p" }, "s".repeat(55)), []);
  });
});

describe("resolvePomeriumArgs: replicas and storage", () => {
  const needsPostgres = (n: number) =>
    `replicas ${n} needs databroker.storage "postgres" to share sessions`;
  const connection =
    'databrokerConnectionString is required with databroker.storage "postgres", and only then';

  test("replicas 1 on memory passes; 2 on memory fails; 2 on postgres passes", () => {
    assert.deepEqual(problemsOf({ replicas: 1 }), []);
    assert.deepEqual(problemsOf({ replicas: 2 }), [needsPostgres(2)]);
    assert.deepEqual(problemsOf({ replicas: 2, ...POSTGRES }), []);
    assert.deepEqual(problemsOf({ replicas: 1, ...POSTGRES }), []);
  });

  test("fails when replicas is not a whole number >= 1", () => {
    assert.deepEqual(problemsOf({ replicas: 0 }), ["replicas must be a whole number >= 1 (got 0)"]);
    assert.deepEqual(problemsOf({ replicas: 0, ...POSTGRES }), [
      "replicas must be a whole number >= 1 (got 0)",
    ]);
    assert.deepEqual(problemsOf({ replicas: 1.5, ...POSTGRES }), [
      "replicas must be a whole number >= 1 (got 1.5)",
    ]);
  });

  test("fails when postgres has no connection string, or memory has one", () => {
    assert.deepEqual(problemsOf({ databroker: { storage: "postgres" } }), [connection]);
    assert.deepEqual(problemsOf({ databrokerConnectionString: "postgres://db" }), [connection]);
    assert.deepEqual(
      problemsOf({
        databroker: { storage: "memory" },
        databrokerConnectionString: "postgres://db",
      }),
      [connection],
    );
    assert.deepEqual(problemsOf({ ...POSTGRES }), []);
  });
});

describe("resolvePomeriumArgs: the config file must fit in a ConfigMap", () => {
  const oversized = `the routes make Pomerium's config file larger than a ConfigMap holds (1024 KiB); split them across deployments`;
  /** One route whose description pads the config file by `n` bytes. */
  const padded = (n: number): Partial<PomeriumArgs> => ({
    routes: [{ ...ROUTE, options: { description: "x".repeat(n) } }],
  });
  const bytes = (n: number) => configFileBytes(resolve(padded(n)).spec, []);

  test("exactly 1 MiB (with the margin) passes; one byte more fails", () => {
    const exact = CONFIGMAP_MAX_BYTES - bytes(0);
    assert.equal(bytes(exact), CONFIGMAP_MAX_BYTES, "the padding adds one byte per character");
    assert.deepEqual(problemsOf(padded(exact)), []);
    assert.deepEqual(problemsOf(padded(exact + 1)), [oversized]);
  });
});

describe("routeInput", () => {
  test("one upstream becomes a string, several stay a list (a copy)", () => {
    assert.deepEqual(routeInput({ from: "https://a.example.com", to: ["http://a"] }), {
      from: "https://a.example.com",
      to: "http://a",
    });
    const to = ["http://a", "http://b"];
    const r = routeInput({ from: "https://a.example.com", to });
    assert.deepEqual(r.to, ["http://a", "http://b"]);
    assert.notEqual(r.to, to);
  });

  test("options are merged beside our keys, which they cannot override; absent keys stay absent", () => {
    const r = routeInput({
      from: "https://a.example.com",
      allowEmails: ["a@example.com"],
      options: { timeout: "30s", prefix: "/api", from: "https://evil.example.com" },
    });
    assert.deepEqual(r, {
      from: "https://a.example.com",
      allowEmails: ["a@example.com"],
      timeout: "30s",
      prefix: "/api",
    });
    assert.deepEqual(
      Object.keys(routeInput({ from: "https://a.example.com", policy: { allow: {} } })),
      ["from", "policy"],
    );
  });
});
