// Generated settings near every boundary (lifetimes, replicas, filters, group names, URLs, the
// provider's limits), and every rule written as a plain statement over them, apart from the code
// under test: the properties in settings/properties.test.ts and program/properties.test.ts.
import assert from "node:assert/strict";
import fc from "fast-check";
import type { Settings } from "../../stack/settings";
import { asConfig } from "../mocks";
import {
  BAD_TOS,
  EXPOSURES,
  hostAndPortRulesHold,
  option,
  rarely,
  Route,
} from "./arbitraries-hosts";

const AUTH_URLS = [
  "https://authenticate.test.example.com",
  "https://authenticate.test.example.com/",
  "https://auth.example.com:8443",
];
const BAD_AUTH_URLS = [
  "https://auth.example.com/oauth2",
  "http://auth.example.com",
  "https://auth.example.com/?x=1",
  "https://auth.example.com/#top",
  "https://u:p@auth.example.com",
];
const FROMS = [
  "https://a.test.example.com",
  "https://b.test.example.com/",
  "https://c.example.com:8443",
  "https://*.w.example.com",
  `https://${"l".repeat(63)}.example.com`,
];
const BAD_FROMS = [
  "https://a.test.example.com", // a second route on that host
  "https://authenticate.test.example.com",
  "https://auth.example.com:8443",
  "https://d.example.com/app",
  "http://e.example.com",
  "https://grafana_sre.example.com",
  "https://ledger..example.com",
  `https://${"l".repeat(64)}.example.com`,
  "https://a*.example.com",
  "https://x.*.example.com",
];
/** Mostly `usual`, sometimes `unusual`: most settings pass, so each rule meets its near misses. */
const mostly = <T>(usual: fc.Arbitrary<T>, unusual: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 9, arbitrary: usual }, { weight: 1, arbitrary: unusual });

/** A typical value, or one at or just outside one of `bounds`. */
const near = (bounds: number[], typical: number[]) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...typical) },
    { weight: 1, arbitrary: fc.constantFrom(...bounds) },
    { weight: 1, arbitrary: fc.constantFrom(...bounds.flatMap((b) => [b - 1, b + 1])) },
  );

interface Group {
  name: string;
  create?: boolean;
  id?: string;
}

/** Groups: some carry the stack name (usually only those are created); rarely one listed twice. */
const groupsOf = (stack: string) => {
  const names = [
    `${stack}-admins`,
    `pomerium-${stack.toUpperCase()}-ops`,
    "admins",
    "Everyone Engineering",
    "pomerium-users",
  ];
  const group = fc
    .record({ name: fc.constantFrom(...names), kind: fc.constantFrom("create", "lookup", "id") })
    .chain(({ name, kind }) =>
      (kind === "create" && !name.toLowerCase().includes(stack)
        ? mostly(fc.constant("lookup"), fc.constant("create"))
        : fc.constant(kind)
      ).map(
        (k): Group =>
          k === "create"
            ? { name, create: true }
            : k === "id"
              ? { name, id: "00g1a2b3c4d5e6f7g8h9" }
              : { name },
      ),
    );
  return fc
    .tuple(
      fc.uniqueArray(group, { minLength: 1, maxLength: 3, selector: (g) => g.name }),
      mostly(fc.constant(false), fc.constant(true)),
    )
    .map(([gs, twice]) => (twice ? [...gs, { name: gs[0].name }] : gs));
};

/** Upstreams: mostly in the cluster (both spellings), now and then outside it. */
const upstream = mostly(
  fc.constantFrom("http://app.apps.svc.cluster.local:8080", "http://who.apps.svc"),
  fc.constantFrom("https://upstream.example.net", "http://app.svc.example.net"),
);

/** Routes on distinct good hosts, rarely one bad; each allows listed groups (rarely another) or e-mails. */
const routesOf = (listed: string[]) =>
  fc
    .tuple(
      fc.shuffledSubarray(FROMS, { minLength: 1 }),
      mostly(fc.constant(null), fc.constantFrom(...BAD_FROMS)),
      fc.array(
        fc.option(
          mostly(
            fc.subarray(listed, { minLength: 1, maxLength: Math.min(2, listed.length) }),
            fc.constant<string[]>(["unlisted"]),
          ),
          { freq: 3 },
        ),
        { minLength: 6, maxLength: 6 },
      ),
      fc.array(
        fc.record({
          to: rarely(upstream, fc.constantFrom(...BAD_TOS)),
          headers: fc.boolean(),
        }),
        { minLength: 6, maxLength: 6 },
      ),
      fc.array(option, { minLength: 6, maxLength: 6 }),
    )
    .map(([froms, bad, access, ups, options]) =>
      (bad ? [...froms, bad] : froms).map(
        (from, i): Route => ({
          from,
          to: ups[i].to,
          ...(ups[i].headers ? { pass_identity_headers: true } : {}),
          ...(access[i] ? { allowGroups: access[i]! } : { allowEmails: ["a@example.com"] }),
          ...(options[i] ?? {}),
        }),
      ),
    );

/** The claim: everything, or a filter of any type from names close to the groups'. */
const claimOf = (stack: string) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant({ filterType: "REGEX", filter: ".*" }) },
    // Unset (the default: exactly the configured groups), or a type without a filter.
    { weight: 2, arbitrary: fc.constant(undefined) },
    fc.record({ filterType: fc.constantFrom("STARTS_WITH", "REGEX") }),
    fc.record({
      filterType: fc.constantFrom("STARTS_WITH", "EQUALS", "CONTAINS", "REGEX"),
      filter: fc.constantFrom(
        `${stack}-`,
        `${stack}-.*`,
        `${stack}-admins`,
        "admins",
        "pomerium-",
        ".*admins",
        "-",
        "(",
      ),
    }),
  );

/** Lifetimes; the refresh window on its own bounds or next to one of the lifetimes. */
const lifetimes = fc
  .record({
    access: near([5, 1440], [30, 60]),
    refresh: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, near([0, 2628000], [1440, 10080])),
    window: fc.oneof(
      { weight: 3, arbitrary: fc.record({ abs: near([5, 2628000], [720, 1440, 10080]) }) },
      {
        weight: 1,
        arbitrary: fc.record({
          rel: fc.constantFrom("access", "refresh"),
          delta: fc.integer({ min: -1, max: 1 }),
        }),
      },
    ),
  })
  .map(({ access, refresh, window: w }) => ({
    accessTokenLifetimeMinutes: access,
    refreshTokenLifetimeMinutes: refresh,
    refreshTokenWindowMinutes:
      "abs" in w ? w.abs : (w.rel === "access" ? access : refresh) + w.delta,
  }));

const OKTA_LIMITS: Record<string, [number, number]> = {
  maxApiCapacity: [1, 100],
  maxRetries: [0, 100],
  minWaitSeconds: [1, 300],
  maxWaitSeconds: [1, 3600],
  parallelism: [1, 100],
  requestTimeout: [0, 300],
  logLevel: [1, 5],
};
const oktaLimits = fc.oneof(
  fc.constant({} as Record<string, number | null>),
  fc.record(
    Object.fromEntries(
      Object.entries(OKTA_LIMITS).map(([k, [min, max]]) => [
        k,
        fc.option(near([min, max], [Math.ceil((min + max) / 2)]), { freq: 2 }),
      ]),
    ) as Record<string, fc.Arbitrary<number | null>>,
  ),
);

export const settings = fc.constantFrom("test", "test", "live").chain((stack) =>
  groupsOf(stack).chain((groups) =>
    fc.record({
      stack: fc.constant(stack),
      authenticateUrl: mostly(fc.constantFrom(...AUTH_URLS), fc.constantFrom(...BAD_AUTH_URLS)),
      groups: fc.constant(groups),
      routes: routesOf(groups.map((g) => g.name)),
      groupsClaim: claimOf(stack),
      authorizationServer: lifetimes,
      /** Org mode, mostly without custom-server keys; an orgUrl, good or bad; service-app creds. */
      org: mostly(
        fc.constant(undefined),
        fc.record({
          withLifetimes: mostly(fc.constant(false), fc.constant(true)),
          orgUrl: fc.constantFrom(
            undefined,
            "https://login.example.com",
            "https://x.example.com/a",
          ),
        }),
      ),
      serviceApp: mostly(fc.constant(false), fc.constant(true)),
      ha: near([1, 50], [1, 1, 1, 3]).chain((replicas) =>
        fc.record({
          replicas: fc.constant(replicas),
          // Several replicas need postgres: rarely without.
          postgres: replicas > 1 ? mostly(fc.constant(true), fc.constant(false)) : fc.boolean(),
        }),
      ),
      /** The connection string is set exactly with postgres, but rarely. */
      mismatch: mostly(fc.constant(false), fc.constant(true)),
      /** A protected stack now and then, mostly near production's shape (which it then needs). */
      protect: fc.oneof(
        { weight: 2, arbitrary: fc.constant(undefined) },
        fc.record({
          access: near([5, 60], [30, 31]),
          refresh: near([0, 20000], [1, 10080, 10081]),
          replicas: near([1, 5], [1, 2]),
          postgres: mostly(fc.constant(true), fc.constant(false)),
        }),
      ),
      okta: oktaLimits,
      exposure: fc.constantFrom(...EXPOSURES),
    }),
  ),
);
export type Generated = typeof settings extends fc.Arbitrary<infer T> ? T : never;

/** Replicas, storage and lifetimes as configured: a protected stack's own, or the generated ones. */
export function effective(g: Generated) {
  const p = g.protect;
  return {
    ha: p ? { replicas: p.replicas, postgres: p.postgres } : g.ha,
    as: p
      ? {
          accessTokenLifetimeMinutes: p.access,
          refreshTokenLifetimeMinutes: p.refresh,
          refreshTokenWindowMinutes: p.access,
        }
      : g.authorizationServer,
  };
}

export function toConfig(g: Generated): Record<string, string> {
  const { ha, as } = effective(g);
  const okta = Object.fromEntries(
    Object.entries(g.okta)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [`okta:${k}`, String(v)]),
  );
  return asConfig({
    "okta:orgName": "dev-123456",
    "okta:baseUrl": "okta.com",
    ...(g.serviceApp
      ? {
          "okta:clientId": "0oaSERVICE",
          "okta:privateKey": "key",
          "okta:scopes": ["okta.apps.manage"],
        }
      : { "okta:apiToken": "token" }),
    ...okta,
    "okta-pomerium:authenticateUrl": g.authenticateUrl,
    "okta-pomerium:groups": g.groups,
    "okta-pomerium:routes": g.routes,
    "okta-pomerium:groupsClaim": g.groupsClaim,
    "okta-pomerium:authorizationServer": g.org
      ? {
          mode: "org",
          ...(g.org.orgUrl ? { orgUrl: g.org.orgUrl } : {}),
          ...(g.org.withLifetimes ? as : {}),
        }
      : as,
    "okta-pomerium:pomerium": {
      replicas: ha.replicas,
      databroker: { storage: ha.postgres ? "postgres" : "memory" },
      ...g.exposure,
    },
    "okta-pomerium:databrokerConnectionString":
      ha.postgres !== g.mismatch ? "postgres://x" : undefined,
    "okta-pomerium:protect": g.protect ? true : undefined,
  });
}

/** The claim filter as Okta documents it, written apart from the code under test. */
export function reachesToken(type: string, filter: string, group: string): boolean {
  if (type === "STARTS_WITH") return group.slice(0, filter.length) === filter;
  if (type === "EQUALS") return group === filter;
  if (type === "CONTAINS") return group.indexOf(filter) >= 0;
  return new RegExp(`^(?:${filter})$`).test(group); // REGEX: the whole name
}

/** An https URL that is an origin only (a trailing slash allowed). */
export function isHttpsOrigin(url: string): boolean {
  const u = new URL(url);
  return u.protocol === "https:" && `${u.origin}/` === `${url.replace(/\/$/, "")}/`;
}

/** Every rule, as a plain statement over the accepted input. */
export function assertRulesHold(g: Generated, parsed: Settings): void {
  const names = g.groups.map((x) => x.name);
  assert.equal(new Set(names).size, names.length, "a group is listed twice");
  for (const x of g.groups)
    if (x.create)
      assert.ok(x.name.toLowerCase().includes(g.stack), `created ${x.name} lacks ${g.stack}`);
  // The filter as parsed: the default (claim unset) is derived from the groups.
  const { filterType, filter } = parsed.groupsClaim;
  if (g.groupsClaim === undefined) {
    for (const n of names) assert.ok(reachesToken(filterType, filter, n), `default misses ${n}`);
    for (const n of names) assert.ok(!reachesToken(filterType, filter, `${n}x`), `${n}x passes`);
  } else if (!("filter" in g.groupsClaim)) assert.equal(filterType, "REGEX");
  if (filterType === "REGEX") assert.doesNotThrow(() => new RegExp(filter));
  if (g.protect) {
    // protect-rules.ts, restated: replicated, Postgres, short tokens, headers only in the cluster.
    const pom = parsed.pomerium;
    assert.ok(pom.replicas >= 2, "a protected stack with one pod");
    assert.equal(pom.databroker.storage, "postgres", "a protected stack in memory");
    const as = parsed.authorizationServer;
    if (as.mode === "custom") {
      assert.ok(as.accessTokenLifetimeMinutes <= 30, "a protected stack's long access token");
      const refresh = as.refreshTokenLifetimeMinutes;
      assert.ok(refresh >= 1 && refresh <= 10080, "a protected stack's long refresh token");
    }
    for (const r of parsed.routes)
      if (r["pass_identity_headers"] !== undefined && r["pass_identity_headers"] !== false)
        for (const to of [r.to ?? []].flat())
          assert.match(new URL(to).hostname, /\.svc(\.cluster\.local)?$/, `${r.from} headers out`);
  }
  if (g.org) {
    assert.ok(!g.org.withLifetimes, "a custom-server key accepted in org mode");
    assert.ok(!g.serviceApp, "org mode accepted with service-app credentials");
    assert.notEqual(g.org.orgUrl, "https://x.example.com/a", "an orgUrl with a path");
  }
  for (const r of g.routes)
    for (const allowed of r.allowGroups ?? []) {
      assert.ok(names.includes(allowed), `${allowed} is not one of groups`);
      assert.ok(reachesToken(filterType, filter, allowed), `${allowed} is filtered out`);
    }
  assert.ok(isHttpsOrigin(g.authenticateUrl), `authenticateUrl ${g.authenticateUrl}`);
  const authHost = new URL(g.authenticateUrl).host;
  const froms = g.routes.map((r) => new URL(r.from).origin);
  assert.equal(new Set(froms).size, froms.length, "two routes share a from");
  for (const r of g.routes) {
    assert.ok(isHttpsOrigin(r.from), `from ${r.from}`);
    assert.notEqual(new URL(r.from).host, authHost, "a route on the authenticate host");
  }
  hostAndPortRulesHold(g.authenticateUrl, g.routes, g.exposure);
  const { ha, as } = effective(g);
  if (!g.org) {
    // Custom mode: the lifetimes were given (org mode refuses them, checked above).
    const w = as.refreshTokenWindowMinutes;
    assert.ok(as.accessTokenLifetimeMinutes >= 5 && as.accessTokenLifetimeMinutes <= 1440);
    assert.ok(as.refreshTokenLifetimeMinutes >= 0 && as.refreshTokenLifetimeMinutes <= 2628000);
    assert.ok(w >= 5 && w <= 2628000, `window ${w}`);
    assert.ok(w >= as.accessTokenLifetimeMinutes, `window ${w} < access lifetime`);
    assert.ok(
      as.refreshTokenLifetimeMinutes === 0 || w <= as.refreshTokenLifetimeMinutes,
      `window ${w} > refresh lifetime ${as.refreshTokenLifetimeMinutes}`,
    );
  }
  assert.ok(ha.replicas >= 1 && ha.replicas <= 50, `replicas ${ha.replicas}`);
  if (ha.replicas > 1) assert.ok(ha.postgres, "several replicas on memory storage");
  assert.ok(!g.mismatch, "a connection string without postgres, or postgres without one");
  for (const [k, [min, max]] of Object.entries(OKTA_LIMITS)) {
    const v = g.okta[k];
    if (v !== null && v !== undefined) assert.ok(v >= min && v <= max, `okta:${k} ${v}`);
  }
}
