/**
 * The one test harness: evaluates the real program under Pulumi's mocks (scripts/render/mock-runtime.ts)
 * and offers small helpers over what was recorded. Also: a valid base configuration to mutate.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { pomeriumArgs, program, ProgramOutputs } from "../stack/program";
import { resolvePomeriumArgs } from "../components/pomerium/resolve";
import type { PomeriumSpec } from "../components/pomerium/spec";
import { parseSettings, Settings } from "../stack/settings";
import { Problem, SettingsError } from "../stack/settings/error";
import {
  evaluate,
  mockCall,
  mockState,
  Recording,
  Registration,
} from "../scripts/render/mock-runtime";

export type { Recording, Registration } from "../scripts/render/mock-runtime";

/** Distinct, greppable secret values: a test fails if any of them shows up outside a Secret. */
export const SECRET_VALUES = {
  "okta:apiToken": "SECRET-okta-api-token-7f3a",
  "okta:privateKey": "SECRET-okta-private-key-91bc",
  "okta-pomerium:directoryApiToken": "SECRET-directory-token-5d2e",
  "okta-pomerium:databrokerConnectionString":
    "postgres://pomerium:SECRET-db-password-c4a1@db.example.com:5432/pomerium",
  "cloudflare:apiToken": "SECRET-cloudflare-token-e8f0",
} as const;

export const ROUTES = [
  {
    from: "https://verify.test.example.com",
    to: "https://verify.pomerium.com",
    allowGroups: ["test-admins"],
    pass_identity_headers: true,
  },
  {
    from: "https://grafana.test.example.com",
    to: "http://grafana.monitoring.svc.cluster.local:3000",
    allowEmails: ["a@example.com"],
  },
];

/**
 * What a protected stack needs beside `protect: true` (stack/settings/protect-rules.ts): two
 * replicas on Postgres, short-lived tokens, identity headers only to an in-cluster upstream.
 */
export const PROTECTED_SHAPE = {
  "okta-pomerium:protect": true,
  "okta-pomerium:pomerium": { replicas: 2, databroker: { storage: "postgres" } },
  "okta-pomerium:databrokerConnectionString":
    "postgres://pomerium:SECRET-db-password-c4a1@db.example.com:5432/pomerium",
  "okta-pomerium:authorizationServer": {
    accessTokenLifetimeMinutes: 30,
    refreshTokenLifetimeMinutes: 1440,
    refreshTokenWindowMinutes: 720,
  },
  "okta-pomerium:routes": [
    { ...ROUTES[0], to: "http://verify.apps.svc.cluster.local:8000" },
    ROUTES[1],
  ],
};

/** A valid configuration for stack "test" (API-token credentials, two groups, two routes). */
export function baseConfig(overrides: Record<string, unknown> = {}): Record<string, string> {
  const values: Record<string, unknown> = {
    "okta:orgName": "dev-123456",
    "okta:baseUrl": "okta.com",
    "okta:apiToken": SECRET_VALUES["okta:apiToken"],
    "okta-pomerium:authenticateUrl": "https://authenticate.test.example.com",
    "okta-pomerium:groups": [
      { name: "test-admins", create: true },
      { name: "Everyone Engineering" },
    ],
    "okta-pomerium:routes": ROUTES,
    ...overrides,
  };
  return asConfig(values);
}

export const CF_ACCOUNT = "0123456789abcdef0123456789abcdef";

/** The `cloudflareAccess` section of `cloudflareConfig`: two apps, one on both groups. */
export const CF_SECTION = {
  accountId: CF_ACCOUNT,
  teamDomain: "myteam.cloudflareaccess.com",
  apps: [
    { name: "wiki", domain: "wiki.test.example.com", allowGroups: ["test-admins"] },
    {
      name: "billing",
      domain: "billing.test.example.com",
      allowGroups: ["Everyone Engineering", "test-admins"],
      sessionDuration: "8h",
    },
  ],
};

/** `baseConfig` with Cloudflare Access (the section, with `section` over it, and its token). */
export function cloudflareConfig(
  section: Record<string, unknown> = {},
  overrides: Record<string, unknown> = {},
): Record<string, string> {
  return baseConfig({
    "okta-pomerium:cloudflareAccess": { ...CF_SECTION, ...section },
    "cloudflare:apiToken": SECRET_VALUES["cloudflare:apiToken"],
    ...overrides,
  });
}

/** Settings values as Pulumi hands them to the program: strings, objects as JSON; undefined left out. */
export function asConfig(values: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v !== undefined) out[k] = typeof v === "string" ? v : JSON.stringify(v);
  }
  return out;
}

export interface Run {
  recording: Recording;
  outputs?: ProgramOutputs;
  error?: Error;
}

/**
 * Runs the program for `stack` with `config`; a thrown error is returned, not raised. The
 * credentials in `config` are marked secret, as `pulumi config set --secret` stores them, unless
 * `secretKeys` says which keys are.
 */
export async function runProgram(
  config: Record<string, string>,
  stack = "test",
  secretKeys?: string[],
): Promise<Run> {
  const { recording, result } = await evaluate(
    config,
    stack,
    () => {
      try {
        return { outputs: program() };
      } catch (error) {
        return { error: error as Error };
      }
    },
    { strict: true, ...(secretKeys ? { secretKeys } : {}) },
  );
  return { recording, ...result };
}

export const ofType = (rec: Recording, type: string) =>
  rec.registrations.filter((r) => r.type === type);

/** The single registration of `type` (fails the test when there is not exactly one). */
export function one(rec: Recording, type: string): Registration {
  const found = ofType(rec, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
}

export function byName(rec: Recording, name: string): Registration {
  const found = rec.registrations.find((r) => r.name === name);
  if (!found) throw new Error(`no registration named ${name}`);
  return found;
}

/** The value of an Output (undefined when unknown). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}

/** The Pomerium spec the stack program builds from validated settings (for the pure builders). */
export function specOf(settings: Settings): PomeriumSpec {
  const args = pomeriumArgs(
    settings,
    {},
    {
      issuer: "https://issuer.example",
      app: { clientId: "client", clientSecret: "secret" },
      scopes: [],
      ...(settings.secretsSet.directoryApiToken ? { idpServiceAccount: "x" } : {}),
    },
  );
  if (settings.pomerium.databroker.storage === "postgres") args.databrokerConnectionString = "x";
  return resolvePomeriumArgs(args, settings.stack).spec;
}

/** Parses and returns the SettingsError (fails the test when the settings are accepted). */
export function refused(
  config: Record<string, string>,
  stack = "test",
  storedSecret?: string[],
): SettingsError {
  try {
    parseSettings(config, stack, storedSecret);
  } catch (e) {
    assert.ok(e instanceof SettingsError, `expected SettingsError, got ${e}`);
    return e;
  }
  assert.fail("settings were accepted");
}

/** Every problem with `config` as {path, message}; [] when the settings are accepted. */
export function problemsOf(config: Record<string, string>, stack = "test"): Problem[] {
  try {
    parseSettings(config, stack);
    return [];
  } catch (e) {
    if (!(e instanceof SettingsError)) throw e;
    return e.problems.map((p) => ({ path: p.path, message: p.message }));
  }
}

/** Asserts the settings are refused with exactly one problem at `path` whose message matches. */
export function failsAt(
  config: Record<string, string>,
  path: string,
  message: RegExp,
  stack = "test",
): void {
  const err = refused(config, stack);
  const at = err.problems.filter((p) => p.path === path);
  assert.equal(at.length, 1, `expected one problem at ${path}, got:\n${err.message}`);
  assert.match(at[0].message, message);
  assert.ok(err.message.includes(`${path}: `), "the message names the key path");
}

/** Pulumi type tokens of the Okta side (resources, components, the data source) and the ConfigMap. */
export const OKTA = {
  app: "okta:app/oAuth:OAuth",
  server: "okta:auth/server:Server",
  scope: "okta:auth/serverScope:ServerScope",
  claim: "okta:auth/serverClaim:ServerClaim",
  policy: "okta:auth/serverPolicy:ServerPolicy",
  rule: "okta:auth/serverPolicyRule:ServerPolicyRule",
  group: "okta:group/group:Group",
  assignments: "okta:index/appGroupAssignments:AppGroupAssignments",
  groupAssignment: "okta:app/groupAssignment:GroupAssignment",
  apiToken: "okta:index/apiToken:ApiToken",
  getGroup: "okta:group/getGroup:getGroup",
  oktaApp: "okta-pomerium:index:OktaApp",
  oktaServer: "okta-pomerium:index:OktaAuthorizationServer",
  oktaGroups: "okta-pomerium:index:OktaGroups",
  oktaToken: "okta-pomerium:index:OktaApiToken",
  configMap: "kubernetes:core/v1:ConfigMap",
} as const;

/** Pulumi type tokens of the Cloudflare side (with `cloudflareAccess`). */
export const CLOUDFLARE = {
  provider: "pulumi:providers:cloudflare",
  idp: "cloudflare:index/zeroTrustAccessIdentityProvider:ZeroTrustAccessIdentityProvider",
  policy: "cloudflare:index/zeroTrustAccessPolicy:ZeroTrustAccessPolicy",
  app: "cloudflare:index/zeroTrustAccessApplication:ZeroTrustAccessApplication",
  component: "okta-pomerium:index:CloudflareAccess",
  organization: "cloudflare:index/getZeroTrustOrganization:getZeroTrustOrganization",
} as const;

/** Every Okta resource (the provider itself is `pulumi:providers:okta`, not included). */
export const oktaResources = (rec: Recording) =>
  rec.registrations.filter((r) => r.type.startsWith("okta:"));

export type Succeeded = Run & { outputs: ProgramOutputs };

/** The run, which must have succeeded (a settings error is rethrown so the suite shows it). */
export function succeeded(run: Run): Succeeded {
  if (run.error) throw run.error;
  assert.ok(run.outputs, "the program returned no outputs");
  return run as Succeeded;
}

/** The Pomerium config file (`config.json` of the one ConfigMap), parsed. */
export function pomeriumConfigFile(rec: Recording): Record<string, any> {
  const data = one(rec, OKTA.configMap).inputs.data as Record<string, string>;
  return JSON.parse(data["config.json"]);
}

/** The id the `getGroup` data source answered for `name` (what the program must pass on). */
export const lookedUpId = (name: string): string => mockCall(OKTA.getGroup, { name }).id;

/**
 * The outputs the (mock) provider answered for a registration, as the program received them: the
 * app's `clientId`, the server's `issuer`. Call it right after the run (ids derive from its stack).
 */
export const reportedState = (r: Registration): Record<string, any> =>
  mockState(r.type, r.name, r.inputs, r.importId, true).state;

export const GIVEN_GROUP_ID = "00gABCDEFGHIJ0123456";
export const API_TOKEN_ID = "00T1a2b3c4d5e6f7g8h9";

/** Every optional Okta setting away from its default, plus the adopted directory token. */
export const oktaCustomConfig = () =>
  baseConfig({
    "okta-pomerium:protect": true,
    "okta-pomerium:groups": [
      { name: "ops-oncall", id: GIVEN_GROUP_ID },
      { name: "test-admins", create: true, description: "Admins of the test stack" },
    ],
    "okta-pomerium:authorizationServer": {
      name: "pomerium-as-test",
      audience: "api://pomerium-test-custom",
      scope: "pomerium.access",
      issuerMode: "DYNAMIC",
      accessTokenLifetimeMinutes: 30,
      refreshTokenLifetimeMinutes: 1440,
      refreshTokenWindowMinutes: 720,
      allowEveryone: true,
    },
    "okta-pomerium:groupsClaim": {
      name: "pomerium_groups",
      filterType: "STARTS_WITH",
      filter: "test-",
    },
    "okta-pomerium:directorySync": {
      apiTokenId: API_TOKEN_ID,
      name: "pomerium-dirsync",
      network: { connection: "ZONE", includes: ["nzo123"] },
    },
    "okta-pomerium:directoryApiToken": SECRET_VALUES["okta-pomerium:directoryApiToken"],
    // idp_service_account only exists before Pomerium v0.20.0. Protected: production's shape.
    "okta-pomerium:pomerium": {
      image: "pomerium/pomerium:v0.19.1",
      replicas: 2,
      databroker: { storage: "postgres" },
    },
    "okta-pomerium:databrokerConnectionString":
      SECRET_VALUES["okta-pomerium:databrokerConnectionString"],
    // Identity headers only to an in-cluster upstream on a protected stack.
    "okta-pomerium:routes": [
      { ...ROUTES[0], to: "http://verify.apps.svc.cluster.local:8000" },
      ROUTES[1],
    ],
  });

/** Types whose `name` input the provider autonames (okta-provider.md §1.8). */
const AUTONAMED: readonly string[] = [
  OKTA.server,
  OKTA.scope,
  OKTA.claim,
  OKTA.policy,
  OKTA.rule,
  OKTA.group,
  OKTA.apiToken,
];

/** Explicit provider, component parent, and no autonaming, for every Okta resource of a run. */
export function assertOktaOwnership(rec: Recording, stack: string): void {
  const providerUrn = `urn:pulumi:${stack}::okta-pomerium::pulumi:providers:okta::okta`;
  assert.equal(one(rec, "pulumi:providers:okta").urn, providerUrn);
  const component = (type: string) => {
    const urn = `urn:pulumi:${stack}::okta-pomerium::${type}::okta`;
    return rec.registrations.some((r) => r.urn === urn) ? urn : `(no ${type})`;
  };
  // Which component owns each Okta resource type.
  const owner: Record<string, string> = {
    [OKTA.app]: component(OKTA.oktaApp),
    [OKTA.assignments]: component(OKTA.oktaApp),
    [OKTA.server]: component(OKTA.oktaServer),
    [OKTA.scope]: component(OKTA.oktaServer),
    [OKTA.claim]: component(OKTA.oktaServer),
    [OKTA.policy]: component(OKTA.oktaServer),
    [OKTA.rule]: component(OKTA.oktaServer),
    [OKTA.group]: component(OKTA.oktaGroups),
    [OKTA.apiToken]: component(OKTA.oktaToken),
  };
  const resources = oktaResources(rec);
  assert.ok(resources.length > 0);
  for (const r of resources) {
    assert.ok(
      r.provider?.startsWith(`${providerUrn}::`),
      `${r.type} ${r.name}: provider ${r.provider}`,
    );
    assert.equal(r.parent, owner[r.type], `${r.type} ${r.name}: parent`);
    if (AUTONAMED.includes(r.type)) {
      assert.equal(
        typeof r.inputs.name,
        "string",
        `${r.type} ${r.name}: name is not set (Okta would autoname it)`,
      );
      assert.notEqual(r.inputs.name, "", `${r.type} ${r.name}: empty name`);
    }
  }
}
