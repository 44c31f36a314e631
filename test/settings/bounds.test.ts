// Every numeric rule of the settings at both sides of each bound: the last accepted value is
// accepted, the first refused one is refused with exactly one problem, its message exact.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { problemsOf } from "../mocks";
import { as, Bound, boundTests, Config, okta, P, pom, postgres, range } from "./bound-table";

const LIFETIMES: Bound[] = [
  ...[
    [5, 4, "must be at least 5 (Okta's minimum) (got 4)"],
    [1440, 1441, "must be at most 1440 (Okta's maximum, one day) (got 1441)"],
  ].map(([ok, bad, message]) => ({
    path: `${P}authorizationServer.accessTokenLifetimeMinutes`,
    config: (v: number) => as({ accessTokenLifetimeMinutes: v, refreshTokenWindowMinutes: 1440 }),
    ok: ok as number,
    bad: bad as number,
    message: message as string,
  })),
  ...[
    [0, -1, "must be at least 0 (0 = unlimited) (got -1)"],
    [2628000, 2628001, "must be at most 2628000 (five years, Okta's maximum) (got 2628001)"],
  ].map(([ok, bad, message]) => ({
    path: `${P}authorizationServer.refreshTokenLifetimeMinutes`,
    config: (v: number) => as({ refreshTokenLifetimeMinutes: v }),
    ok: ok as number,
    bad: bad as number,
    message: message as string,
  })),
  {
    path: `${P}authorizationServer.refreshTokenWindowMinutes`,
    config: (v) => as({ accessTokenLifetimeMinutes: 5, refreshTokenWindowMinutes: v }),
    ok: 5,
    bad: 4,
    message: "must be at least 5 (Okta's minimum) (got 4)",
  },
  {
    path: `${P}authorizationServer.refreshTokenWindowMinutes`,
    config: (v) => as({ refreshTokenLifetimeMinutes: 0, refreshTokenWindowMinutes: v }),
    ok: 2628000,
    bad: 2628001,
    message: "must be at most 2628000 (five years, Okta's maximum) (got 2628001)",
  },
  {
    path: `${P}authorizationServer.refreshTokenWindowMinutes`,
    config: (v) => as({ accessTokenLifetimeMinutes: 120, refreshTokenWindowMinutes: v }),
    ok: 120,
    bad: 119,
    message: "must be at least accessTokenLifetimeMinutes (120); got 119",
  },
  {
    path: `${P}authorizationServer.refreshTokenWindowMinutes`,
    config: (v) => as({ refreshTokenLifetimeMinutes: 1440, refreshTokenWindowMinutes: v }),
    ok: 1440,
    bad: 1441,
    message: "must be at most refreshTokenLifetimeMinutes (1440, 0 = unlimited); got 1441",
  },
];

const POMERIUM: Bound[] = [
  {
    path: `${P}pomerium.replicas`,
    config: (v) => pom({ replicas: v }),
    ok: 1,
    bad: 0,
    message: "must be at least 1 (got 0)",
  },
  {
    path: `${P}pomerium.replicas`,
    config: (v) => postgres({ replicas: v }),
    ok: 50,
    bad: 51,
    message: "must be at most 50 (got 51)",
  },
  {
    path: `${P}pomerium.replicas`,
    config: (v) => pom({ replicas: v }),
    ok: 1,
    bad: 2,
    message:
      "is 2 with in-memory databroker storage: replicas would not share sessions; set pomerium.databroker.storage: postgres (and the secret databrokerConnectionString) or use 1 replica",
  },
  ...range(`${P}pomerium.service.port`, (v) => pom({ service: { port: v } }), 1, 65535),
  ...range(
    `${P}pomerium.databroker.postgresPort`,
    (v) => postgres({ databroker: { postgresPort: v } }),
    1,
    65535,
  ),
];

const OKTA: Bound[] = [
  ...range("okta:maxApiCapacity", okta("maxApiCapacity"), 1, 100),
  ...range("okta:maxRetries", okta("maxRetries"), 0, 100),
  ...range("okta:minWaitSeconds", okta("minWaitSeconds"), 1, 300),
  ...range("okta:maxWaitSeconds", okta("maxWaitSeconds"), 1, 3600),
  ...range("okta:parallelism", okta("parallelism"), 1, 100),
  ...range("okta:requestTimeout", okta("requestTimeout"), 0, 300),
  ...range("okta:logLevel", okta("logLevel"), 1, 5),
];

boundTests("bounds: authorization server lifetimes", LIFETIMES);
boundTests("bounds: Pomerium replicas and ports", POMERIUM);
boundTests("bounds: the Okta provider", OKTA);

describe("bounds: whole numbers only", () => {
  const cases: Array<[string, Config, string]> = [
    [
      `${P}authorizationServer.accessTokenLifetimeMinutes`,
      as({ accessTokenLifetimeMinutes: 60.5 }),
      "must be a whole number of minutes (got 60.5)",
    ],
    [
      `${P}authorizationServer.refreshTokenLifetimeMinutes`,
      as({ refreshTokenLifetimeMinutes: 0.5 }),
      "must be a whole number of minutes (0 = unlimited) (got 0.5)",
    ],
    [`${P}pomerium.replicas`, pom({ replicas: 1.5 }), "must be a whole number (got 1.5)"],
  ];
  for (const [path, config, message] of cases) {
    test(`${path}: a fraction is refused`, () =>
      assert.deepEqual(problemsOf(config), [{ path, message }]));
  }
});
