// The rough edges of settings errors: numbers as Kubernetes quantities, the project's own wording
// for every type error (never zod's), one line for a misspelt required key, one error for a refused
// parent, and the `pulumi config set --path` footer for nested keys.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseSettings } from "../../stack/settings";
import { baseConfig, problemsOf, refused } from "../mocks";

const resources = (r: unknown) => baseConfig({ "okta-pomerium:pomerium": { resources: r } });

describe("settings: numbers as Kubernetes quantities", () => {
  // As YAML (`cpu: 1`, `cpu: 0.5`) and `pulumi config set --path` (integers) store them.
  for (const [written, canonical] of [
    [1, "1"],
    [0.5, "500m"],
    [0.25, "250m"],
    [2, "2"],
    [0, "0"],
    [1500, "1500"],
    [2000, "2k"],
  ] as const) {
    test(`cpu: ${written} (a number) is accepted as "${canonical}"`, () => {
      const s = parseSettings(resources({ requests: { cpu: written } }), "test");
      assert.deepEqual(s.pomerium.resources.requests, { cpu: canonical, memory: "256Mi" });
    });
  }

  test("memory given in bytes as a number is canonical", () => {
    const s = parseSettings(resources({ limits: { memory: 1073741824, cpu: 2 } }), "test");
    assert.deepEqual(s.pomerium.resources.limits, { cpu: "2", memory: "1073741824" });
  });

  for (const bad of [-1, 1e-9, true, [1]]) {
    test(`fails when cpu is ${JSON.stringify(bad)}`, () =>
      assert.deepEqual(problemsOf(resources({ requests: { cpu: bad } })), [
        {
          path: "okta-pomerium:pomerium.resources.requests.cpu",
          message: `cpu must be a Kubernetes quantity such as "250m", "1", "256Mi" or "1Gi" (got ${JSON.stringify(bad)})`,
        },
      ]));
  }
});

describe("settings: the project's own message for every type error", () => {
  const BOOLEANS: Array<[string, Record<string, unknown>]> = [
    ["okta-pomerium:protect", { "okta-pomerium:protect": "yes" }],
    ["okta-pomerium:groups[0].create", { "okta-pomerium:groups": [{ name: "g", create: "yes" }] }],
    [
      "okta-pomerium:pomerium.ingress.enabled",
      { "okta-pomerium:pomerium": { ingress: { enabled: "on" } } },
    ],
    [
      "okta-pomerium:pomerium.networkPolicy.enabled",
      { "okta-pomerium:pomerium": { networkPolicy: { enabled: "no" } } },
    ],
    [
      "okta-pomerium:authorizationServer.allowEveryone",
      { "okta-pomerium:authorizationServer": { allowEveryone: "true" } },
    ],
    ["okta:backoff", { "okta:backoff": "maybe" }],
  ];
  for (const [path, override] of BOOLEANS) {
    test(`fails when ${path} is not a boolean, in this project's words`, () => {
      const problems = problemsOf(baseConfig(override));
      const at = problems.filter((p) => p.path === path);
      assert.equal(at.length, 1, JSON.stringify(problems));
      assert.match(at[0].message, /^must be true or false, unquoted \(got .+\)$/);
    });
  }

  test("no message anywhere is zod's own text", () => {
    const config = baseConfig({
      "okta-pomerium:pomerium": {
        replicas: "two",
        service: { port: 8.5, annotations: { a: 1 } },
        databroker: { storage: "disk" },
        ingress: { className: "" },
      },
      "okta-pomerium:kubernetes": { context: 5 },
      "okta:maxRetries": "x",
      "okta:scopes": "5",
    });
    const problems = problemsOf(config);
    assert.deepEqual(problems, [
      { path: "okta-pomerium:pomerium.replicas", message: 'must be a whole number (got "two")' },
      {
        path: "okta-pomerium:pomerium.databroker.storage",
        message: 'must be memory or postgres (got "disk")',
      },
      { path: "okta-pomerium:pomerium.service.port", message: "must be a whole number (got 8.5)" },
      {
        path: "okta-pomerium:pomerium.service.annotations.a",
        message: "must be a string (got 1)",
      },
      { path: "okta-pomerium:pomerium.ingress.className", message: 'must not be empty (got "")' },
      { path: "okta-pomerium:kubernetes.context", message: "must be a string (got 5)" },
      { path: "okta:scopes", message: "must be a list (got 5)" },
      { path: "okta:maxRetries", message: 'must be a whole number (got "x")' },
    ]);
    for (const p of problems) assert.doesNotMatch(p.message, /Invalid|expected|received/);
  });

  test("size bounds without a message of their own are worded with their unit", () =>
    assert.deepEqual(
      problemsOf(
        baseConfig({
          "okta-pomerium:authorizationServer": { name: "n".repeat(129) },
          "okta:maxApiCapacity": 0,
        }),
      ),
      [
        {
          path: "okta-pomerium:authorizationServer.name",
          message: `must be at most 128 characters (got "${"n".repeat(76)}...)`,
        },
        { path: "okta:maxApiCapacity", message: "must be at least 1 (got 0)" },
      ],
    ));
});

describe("settings: one line for a misspelt required key", () => {
  const cases: Array<[string, Record<string, unknown>, string, string]> = [
    [
      "a group's name",
      { "okta-pomerium:groups": [{ nmae: "test-admins", create: true }] },
      "okta-pomerium:groups[0].nmae",
      "name",
    ],
    [
      "a route's from",
      { "okta-pomerium:routes": [{ form: "https://a.test.example.com", to: "http://a" }] },
      "okta-pomerium:routes[0].form",
      "from",
    ],
    [
      "directorySync.name",
      { "okta-pomerium:directorySync": { apiTokenId: "00T1a2b3c4d5e6f7g8h9", nmae: "t" } },
      "okta-pomerium:directorySync.nmae",
      "name",
    ],
    [
      "a top-level key",
      { "okta-pomerium:routes": undefined, "okta-pomerium:rotues": [] },
      "okta-pomerium:rotues",
      "routes",
    ],
    ["an okta: key", { "okta:orgName": undefined, "okta:orgname": "x" }, "okta:orgname", "orgName"],
  ];
  for (const [what, override, path, meant] of cases) {
    test(`fails with one problem when ${what} is misspelt`, () => {
      const typo = path.replace(/^.*[.:]/, "");
      assert.deepEqual(problemsOf(baseConfig(override)), [
        { path, message: `unknown key "${typo}"; did you mean "${meant}"? (${meant} is required)` },
      ]);
    });
  }

  test("a misspelt optional key is still one unknown key, and a missing key without a typo is required", () =>
    assert.deepEqual(
      problemsOf(
        baseConfig({
          "okta-pomerium:groups": [{ create: true, id: "00gABCDEFGHIJ0123456" }],
          "okta-pomerium:pomerium": { replicsa: 2 },
        }),
      ),
      [
        {
          path: "okta-pomerium:groups[0].name",
          message: "is required: a group needs a name (its exact Okta name)",
        },
        {
          path: "okta-pomerium:pomerium.replicsa",
          message: 'unknown key "replicsa"; did you mean "replicas"?',
        },
      ],
    ));
});

describe("settings: a refused parent is one error", () => {
  for (const [key, value, message] of [
    ["groups", "test-admins", 'must be a list of groups (got "test-admins")'],
    [
      "routes",
      "https://a.test.example.com",
      'must be a list of routes (got "https://a.test.example.com")',
    ],
    ["pomerium", "big", 'must be a map of keys (a YAML mapping) (got "big")'],
    ["groupsClaim", ["groups"], 'must be a map of keys (a YAML mapping) (got ["groups"])'],
    ["authorizationServer", 5, "must be a map of keys (a YAML mapping) (got 5)"],
  ] as const) {
    test(`fails with one problem when ${key} is ${JSON.stringify(value)}`, () =>
      assert.deepEqual(problemsOf(baseConfig({ [`okta-pomerium:${key}`]: value })), [
        { path: `okta-pomerium:${key}`, message },
      ]));
  }

  test("a refused group item adds no 'not one of groups' problem for the routes that name it", () =>
    assert.deepEqual(
      problemsOf(
        baseConfig({
          "okta-pomerium:groups": [
            { name: "test-admins", create: "yes" },
            { name: "Everyone Engineering" },
          ],
        }),
      ),
      [
        {
          path: "okta-pomerium:groups[0].create",
          message: 'must be true or false, unquoted (got "yes")',
        },
      ],
    ));

  test("with the groups accepted, a route naming another group is still refused", () =>
    assert.deepEqual(
      problemsOf(
        baseConfig({
          "okta-pomerium:routes": [
            { from: "https://a.test.example.com", to: "http://a", allowGroups: ["nobody"] },
          ],
        }),
      ),
      [
        {
          path: "okta-pomerium:routes[0].allowGroups[0]",
          message:
            '"nobody" is not one of okta-pomerium:groups (test-admins, Everyone Engineering); add it there so it is assigned to the app',
        },
      ],
    ));
});

describe("settings: the footer says how to fix it", () => {
  const footer = (config: Record<string, string>) => refused(config).message.split("\n").at(-1);

  test("a nested key: pulumi config set --path with the key below the namespace", () =>
    assert.equal(
      footer(baseConfig({ "okta-pomerium:pomerium": { replicas: 0 } })),
      "Fix them in Pulumi.test.yaml (or with `pulumi config set --path 'pomerium.replicas' <value>` for a nested key) and run again.",
    ));

  test("a nested key of a list item, after a top-level problem", () =>
    assert.equal(
      footer(
        baseConfig({
          "okta-pomerium:protect": "yes",
          "okta-pomerium:groups": [{ name: "test-admins", create: "yes" }],
        }),
      ),
      "Fix them in Pulumi.test.yaml (or with `pulumi config set --path 'groups[0].create' <value>` for a nested key) and run again.",
    ));

  test("only a nested unknown key: pulumi config rm --path", () =>
    assert.equal(
      footer(baseConfig({ "okta-pomerium:pomerium": { replicsa: 2 } })),
      "Fix them in Pulumi.test.yaml (or with `pulumi config rm --path 'pomerium.replicsa'` for a nested key) and run again.",
    ));

  test("top-level keys only: plain pulumi config set", () =>
    assert.equal(
      footer(baseConfig({ "okta-pomerium:protect": "yes" })),
      "Fix them in Pulumi.test.yaml (or with `pulumi config set <key> <value>`) and run again.",
    ));
});
