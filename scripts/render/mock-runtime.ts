/**
 * Evaluates the program under Pulumi's mock runtime and records what it registers: used by the
 * tests (through test/mocks.ts) and by the offline render. No CLI, no credentials, no network.
 *
 * Mocks apply no provider behaviour, so this returns what the real providers would: Okta ids with
 * Okta's prefixes, the issuer built from the org and the server id, and provider secret outputs
 * (the app's clientSecret, RandomBytes results) marked secret.
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { collectWarnings } from "./warnings";
import { getMonitor, waitForRPCs } from "../../stack/sdk-internals";
import { SECRET_KEYS } from "../../stack/settings/parse";
import { bootstrapMockState } from "./mock-bootstrap";

export interface Registration {
  type: string;
  name: string;
  urn: string;
  id: string;
  /** Inputs with secret markers unwrapped; `secretPaths` says which were secret. */
  inputs: Record<string, any>;
  secretPaths: string[];
  provider?: string;
  parent?: string;
  protect: boolean;
  retainOnDelete: boolean;
  dependencies: string[];
  importId?: string;
  ignoreChanges: string[];
  deleteBeforeReplace: boolean;
  /** Alias specs as the SDK sends them (names/types a resource was known by before). */
  aliases: unknown[];
  /** Outputs the resource options mark secret beyond the provider's own. */
  additionalSecretOutputs: string[];
  custom: boolean;
}

export interface Invoke {
  token: string;
  args: Record<string, unknown>;
}

export interface Recording {
  registrations: Registration[];
  invokes: Invoke[];
  /** What the program warned about (`pulumi.log.warn`), in order. */
  warnings: string[];
}

const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";

/** The data source that finds the team domain when `cloudflareAccess.teamDomain` is not set. */
export const CLOUDFLARE_ORGANIZATION =
  "cloudflare:index/getZeroTrustOrganization:getZeroTrustOrganization";

/** Replaces Pulumi's secret marker objects by their values, collecting where they were. */
export function unwrapSecrets(value: unknown, path = "", found: string[] = []): unknown {
  if (Array.isArray(value)) return value.map((v, i) => unwrapSecrets(v, `${path}[${i}]`, found));
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (SECRET_SIG_KEY in o) {
      found.push(path);
      return unwrapSecrets(o.value, path, []);
    }
    return Object.fromEntries(
      Object.entries(o).map(([k, v]) => [k, unwrapSecrets(v, path ? `${path}.${k}` : k, found)]),
    );
  }
  return value;
}

/** A deterministic Cloudflare-style id: a UUID derived from the seed. */
export function cloudflareUuid(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** A deterministic Okta-style id: prefix + 17 characters derived from the resource. */
export function oktaId(prefix: string, seed: string): string {
  const digest = createHash("sha256")
    .update(seed)
    .digest("base64")
    .replace(/[^A-Za-z0-9]/g, "");
  return (prefix + digest).slice(0, 20);
}

const OKTA_PREFIX: Record<string, string> = {
  "okta:app/oAuth:OAuth": "0oa",
  "okta:auth/server:Server": "aus",
  "okta:auth/serverScope:ServerScope": "scp",
  "okta:auth/serverClaim:ServerClaim": "ocl",
  "okta:auth/serverPolicy:ServerPolicy": "00p",
  "okta:auth/serverPolicyRule:ServerPolicyRule": "0pr",
  "okta:group/group:Group": "00g",
};

function orgUrl(): string {
  const c = pulumi.runtime.allConfig();
  return `https://${c["okta:orgName"] ?? "example"}.${c["okta:baseUrl"] ?? "okta.com"}`;
}

/**
 * What the real provider would return for a new resource: realistic ids and outputs. `strict`
 * (the tests) makes outputs that code cannot fake: the app's clientId differs from its id, and the
 * issuer is on a custom domain, so a hand-built `https://<org>.<baseUrl>/oauth2/<id>` is caught.
 */
export function mockState(
  type: string,
  name: string,
  inputs: Record<string, any>,
  importId?: string,
  strict = false,
): { id: string; state: Record<string, any> } {
  const seed = `${pulumi.getStack()}/${type}/${name}`;
  if (type === "okta:app/oAuth:OAuth") {
    const id = oktaId("0oa", seed);
    return {
      id,
      state: {
        ...inputs,
        clientId: strict ? oktaId("0oa", `${seed}/client`) : id,
        name: "oidc_client",
        signOnMode: "OPENID_CONNECT",
        status: "ACTIVE",
        clientSecret: pulumi.secret(`mock-client-secret-${oktaId("", seed)}`),
        authenticationPolicy: oktaId("rst", seed),
      },
    };
  }
  if (type === "okta:auth/server:Server") {
    const id = oktaId("aus", seed);
    const base = strict ? "https://id.custom-domain.example" : orgUrl();
    return {
      id,
      state: {
        ...inputs,
        issuer: `${base}/oauth2/${id}`,
        kid: oktaId("", `${seed}/kid`),
        status: "ACTIVE",
      },
    };
  }
  if (type in OKTA_PREFIX)
    return { id: oktaId(OKTA_PREFIX[type], seed), state: { ...inputs, system: false } };
  if (type === "okta:index/appGroupAssignments:AppGroupAssignments")
    return { id: inputs.appId, state: inputs };
  const extra = bootstrapMockState(type, name, inputs, (prefix) => oktaId(prefix, seed));
  if (extra) return extra;
  if (type === "okta:index/apiToken:ApiToken") {
    return {
      id: inputs.idProperty ?? importId,
      state: { ...inputs, userId: oktaId("00u", seed), clientName: "Okta API" },
    };
  }
  if (type === "random:index/randomBytes:RandomBytes") {
    const bytes = createHash("sha256")
      .update(seed)
      .digest()
      .subarray(0, inputs.length ?? 32);
    return {
      id: name,
      state: {
        ...inputs,
        base64: pulumi.secret(bytes.toString("base64")),
        hex: pulumi.secret(bytes.toString("hex")),
      },
    };
  }
  if (type.startsWith("cloudflare:index/zeroTrustAccess")) {
    const id = cloudflareUuid(seed);
    const aud = createHash("sha256").update(`${seed}/aud`).digest("hex");
    return {
      id,
      state: { ...inputs, ...(type.endsWith(":ZeroTrustAccessApplication") ? { aud } : {}) },
    };
  }
  if (type.startsWith("kubernetes:"))
    return {
      id: `${inputs.metadata?.namespace ?? ""}/${inputs.metadata?.name ?? name}`,
      state: inputs,
    };
  return { id: `${name}-id`, state: inputs };
}

/** What the real provider's data sources would return. */
export function mockCall(token: string, args: Record<string, any>): Record<string, any> {
  if (token === "okta:group/getGroup:getGroup") {
    return {
      id: args.id ?? oktaId("00g", `group/${args.name}`),
      name: args.name,
      description: "",
      type: "OKTA_GROUP",
      users: [],
    };
  }
  if (token === "okta:group/getEveryoneGroup:getEveryoneGroup")
    return { id: oktaId("00g", "everyone"), description: "All users" };
  if (token === CLOUDFLARE_ORGANIZATION) {
    // The account's Zero Trust organization: its team domain is the auth domain.
    const team = createHash("sha256").update(String(args.accountId)).digest("hex").slice(0, 8);
    return {
      accountId: args.accountId,
      authDomain: `team-${team}.cloudflareaccess.com`,
      name: `team-${team}`,
      sessionDuration: "24h",
      autoRedirectToIdentity: false,
    };
  }
  throw new Error(`unexpected invoke ${token}`);
}

/**
 * Installs the mocks with the given config and runs `body` (the program), then waits until every
 * registration has been made. Returns what was recorded.
 */
type EvaluateOptions = {
  project?: string;
  dryRun?: boolean;
  secretKeys?: string[];
  strict?: boolean;
};

// The SDK's mocks, config and monitor are process-wide: one evaluation at a time, in call order,
// so test files sharing a process (and suites' concurrent hooks) never interleave.
let queue: Promise<unknown> = Promise.resolve();

export function evaluate<T>(
  config: Record<string, string>,
  stack: string,
  body: () => T,
  options: EvaluateOptions = {},
): Promise<{ recording: Recording; result: T }> {
  const run = queue.then(() => evaluateNow(config, stack, body, options));
  queue = run.catch(() => undefined);
  return run;
}

async function evaluateNow<T>(
  config: Record<string, string>,
  stack: string,
  body: () => T,
  options: EvaluateOptions,
): Promise<{ recording: Recording; result: T }> {
  const recording: Recording = { registrations: [], invokes: [], warnings: [] };
  const extras = new Map<
    string,
    Omit<Registration, "type" | "name" | "urn" | "id" | "inputs" | "secretPaths" | "custom">
  >();
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const secretPaths: string[] = [];
        const inputs = unwrapSecrets(args.inputs, "", secretPaths) as Record<string, any>;
        const { id, state } = mockState(args.type, args.name, inputs, args.id, options.strict);
        const extra = extras.get(`${args.type}::${args.name}`);
        recording.registrations.push({
          type: args.type,
          name: args.name,
          urn: "",
          id,
          inputs,
          secretPaths,
          custom: args.custom ?? true,
          protect: false,
          retainOnDelete: false,
          dependencies: [],
          ignoreChanges: [],
          deleteBeforeReplace: false,
          aliases: [],
          additionalSecretOutputs: [],
          ...extra,
        });
        return { id, state };
      },
      call: (args) => {
        recording.invokes.push({ token: args.token, args: args.inputs });
        return mockCall(args.token, args.inputs);
      },
    },
    options.project ?? "okta-pomerium",
    stack,
    options.dryRun ?? true,
  );
  // Record what MockResourceArgs leaves out (parent, protect, dependencies…) from the request.
  const monitor = getMonitor();
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, callback: (err: any, res: any) => void) => {
    extras.set(`${req.getType()}::${req.getName()}`, {
      provider: req.getProvider() || undefined,
      parent: req.getParent() || undefined,
      protect: !!req.getProtect(),
      retainOnDelete: !!req.getRetainondelete(),
      dependencies: req.getDependenciesList(),
      importId: req.getImportid() || undefined,
      ignoreChanges: req.getIgnorechangesList(),
      deleteBeforeReplace: !!req.getDeletebeforereplace(),
      aliases: (req.getAliasesList?.() ?? []).map((a: any) => a.toObject?.() ?? a),
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    });
    return original(req, (err: any, res: any) => {
      const reg = recording.registrations.find(
        (r) => r.type === req.getType() && r.name === req.getName() && r.urn === "",
      );
      if (reg && res) reg.urn = res.getUrn();
      callback(err, res);
    });
  };
  // Without a list, the credentials in `config` count as stored `secure:` (as `pulumi config set
  // --secret` stores them); render passes the stack file's own list.
  const secretKeys = options.secretKeys ?? Object.values(SECRET_KEYS).filter((k) => k in config);
  pulumi.runtime.setAllConfig(config, secretKeys);
  const result = await collectWarnings(recording.warnings, async () => {
    const r = body();
    await waitForRPCs();
    return r;
  });
  return { recording, result };
}
