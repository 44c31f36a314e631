/**
 * The stack outputs `npm run verify` reads (`pulumi stack output --json`), checked before any
 * request is sent: every URL https, every output present with its type. Secret outputs are never
 * read (with `--show-secrets=false` they arrive as "[secret]" anyway).
 */

/** What the checks need from a stack, as plain values. */
export interface Target {
  issuer: string;
  clientId: string;
  redirectUri: string;
  authenticateUrl: string;
  scopes: string[];
  routeUrls: string[];
  /** `[major, minor, patch]` of the Pomerium the stack runs. */
  pomeriumVersion: [number, number, number];
  mode: "custom" | "org";
}

/** One problem with the outputs: the output's name, what it holds, and the fix. */
export interface OutputProblem {
  output: string;
  seen: string;
  fix: string;
}

const REDEPLOY = "run `pulumi up` with this version of the program, which exports it";

/** The https URL in `value`, or a problem naming the output. */
function httpsUrl(name: string, value: unknown, problems: OutputProblem[]): string {
  if (typeof value !== "string" || value === "") {
    problems.push({ output: name, seen: describe(value), fix: REDEPLOY });
    return "";
  }
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== "https:") {
    problems.push({
      output: name,
      seen: JSON.stringify(value),
      fix: "an https URL: Pomerium and Okta speak https only, and verify never sends a request over plain http",
    });
  }
  return value;
}

function describe(value: unknown): string {
  return value === undefined ? "missing" : JSON.stringify(value);
}

function stringList(name: string, value: unknown, problems: OutputProblem[]): string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === "string")) {
    problems.push({ output: name, seen: describe(value), fix: REDEPLOY });
    return [];
  }
  return value as string[];
}

/**
 * Reads the outputs object; `selectedRoutes` (from `--route HOST`) keeps only the route URLs with
 * those hosts, and each one must be a route of the stack.
 */
export function readTarget(
  outputs: unknown,
  selectedRoutes: readonly string[] = [],
): { target: Target; problems: OutputProblem[] } {
  const o = (outputs && typeof outputs === "object" ? outputs : {}) as Record<string, unknown>;
  const problems: OutputProblem[] = [];
  const issuer = httpsUrl("issuer", o.issuer, problems);
  const authenticateUrl = httpsUrl("authenticateUrl", o.authenticateUrl, problems);
  const redirectUri = httpsUrl("redirectUri", o.redirectUri, problems);
  let routeUrls = stringList("routeUrls", o.routeUrls, problems);
  routeUrls.forEach((u, i) => httpsUrl(`routeUrls[${i}]`, u, problems));
  if (typeof o.clientId !== "string" || o.clientId === "" || o.clientId === "[secret]") {
    problems.push({ output: "clientId", seen: describe(o.clientId), fix: REDEPLOY });
  }
  const scopes = stringList("scopes", o.scopes, problems);
  const version = typeof o.pomeriumVersion === "string" ? o.pomeriumVersion : "";
  const m = version.match(/^v?(\d+)\.(\d+)\.(\d+)$/);
  if (!m)
    problems.push({ output: "pomeriumVersion", seen: describe(o.pomeriumVersion), fix: REDEPLOY });
  const mode = o.authorizationServerMode;
  if (mode !== "custom" && mode !== "org") {
    problems.push({ output: "authorizationServerMode", seen: describe(mode), fix: REDEPLOY });
  }
  if (selectedRoutes.length > 0) {
    const hostOf = (u: string) => URL.canParse(u) && new URL(u).host;
    for (const host of selectedRoutes) {
      if (!routeUrls.some((u) => hostOf(u) === host)) {
        problems.push({
          output: "routeUrls",
          seen: `--route ${host}`,
          fix: `name a route host of this stack: ${routeUrls.map((u) => hostOf(u)).join(", ")}`,
        });
      }
    }
    routeUrls = routeUrls.filter((u) => selectedRoutes.includes(String(hostOf(u))));
  }
  const target: Target = {
    issuer,
    clientId: String(o.clientId ?? ""),
    redirectUri,
    authenticateUrl,
    scopes,
    routeUrls,
    pomeriumVersion: m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0],
    mode: mode === "org" ? "org" : "custom",
  };
  return { target, problems };
}
