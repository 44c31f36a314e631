/**
 * The one test harness: evaluates the real program under Pulumi's mocks (scripts/render/mock-runtime.ts)
 * and offers small helpers over what was recorded. Also: a valid base configuration to mutate.
 */
import * as pulumi from "@pulumi/pulumi";
import { pomeriumArgs, program, ProgramOutputs } from "../components/program";
import { resolvePomeriumArgs } from "../components/pomerium/args";
import type { PomeriumSpec } from "../components/pomerium/spec";
import type { Settings } from "../components/settings";
import { evaluate, Recording, Registration } from "../scripts/render/mock-runtime";

export type { Recording, Registration } from "../scripts/render/mock-runtime";

/** Distinct, greppable secret values: a test fails if any of them shows up outside a Secret. */
export const SECRET_VALUES = {
  "okta:apiToken": "SECRET-okta-api-token-7f3a",
  "okta:privateKey": "SECRET-okta-private-key-91bc",
  "okta-pomerium:directoryApiToken": "SECRET-directory-token-5d2e",
  "okta-pomerium:databrokerConnectionString":
    "postgres://pomerium:SECRET-db-password-c4a1@db.example.com:5432/pomerium",
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

/** Runs the program for `stack` with `config`; a thrown error is returned, not raised. */
export async function runProgram(config: Record<string, string>, stack = "test"): Promise<Run> {
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
    { strict: true },
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
