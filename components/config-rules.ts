/**
 * Cross-field rules: the ones a per-key schema cannot express. Each rule has its own message that
 * names the key path, what is wrong and the fix. Rules run on whatever parsed, so one bad key does
 * not hide the problems of another.
 */
import type { OktaRawSettings, RawSettings } from "./config-schema";
import { parseUrl, ROUTE_KEYS } from "./config-schema";
import { validatePpl } from "./policy";
import {
  atLeast,
  formatVersion,
  imageVersion,
  parseVersion,
  REMOVED_ROUTE_KEYS,
  SERVICE_ACCOUNT_REMOVED_IN,
  Version,
} from "./pomerium-facts";
import { describeValue, Problem, unknownKeyMessage } from "./settings-error";

const P = "okta-pomerium:";

export interface Derived {
  oktaAuth?: "apiToken" | "serviceApp";
  pomeriumVersion?: Version;
  warnings: string[];
}

export function crossFieldRules(
  s: Partial<RawSettings>,
  okta: Partial<OktaRawSettings>,
  secrets: Readonly<Record<"oktaApiToken" | "oktaPrivateKey" | "directoryApiToken" | "databrokerConnectionString", boolean>>,
  stack: string,
  problems: Problem[],
): Derived {
  const derived: Derived = { warnings: [] };
  const add = (path: string, message: string) => problems.push({ path, message });

  // Okta credentials: an API token or a service app, never both, never neither.
  const app = { clientId: !!okta.clientId, privateKey: secrets.oktaPrivateKey, scopes: !!okta.scopes?.length };
  const anyApp = app.clientId || app.privateKey || app.scopes;
  if (secrets.oktaApiToken && anyApp) {
    add("okta:apiToken", "is set together with okta:clientId/okta:privateKey/okta:scopes; use one: remove okta:apiToken (the OAuth service app is what Okta recommends) or remove the service-app keys");
  } else if (secrets.oktaApiToken) {
    derived.oktaAuth = "apiToken";
  } else if (anyApp) {
    const missing = Object.entries(app).filter(([, ok]) => !ok).map(([k]) => `okta:${k}`);
    if (missing.length) add(missing[0], `is required with the service-app credentials (missing: ${missing.join(", ")}); set ${missing.map((m) => m === "okta:privateKey" ? "it with `pulumi config set --secret okta:privateKey < key.pem`" : m).join(", ")}`);
    else derived.oktaAuth = "serviceApp";
  } else {
    add("okta:apiToken", "no Okta credentials: set okta:clientId + okta:privateKey (secret) + okta:scopes for an OAuth service app, or okta:apiToken (secret)");
  }

  // authenticateUrl: https with no path, query or fragment.
  const auth = s.authenticateUrl ? parseUrl(s.authenticateUrl) : undefined;
  if (auth && (auth.pathname !== "/" || auth.search || auth.hash || auth.username)) {
    add(`${P}authenticateUrl`, `must be an origin only, like https://authenticate.example.com (got ${describeValue(s.authenticateUrl)}); Okta's redirect URI is derived from it as <authenticateUrl>/oauth2/callback`);
  }

  // Groups: unique names; a created group carries the stack so stacks can share an Okta org.
  const groupNames = new Set<string>();
  (s.groups ?? []).forEach((g, i) => {
    if (groupNames.has(g.name)) add(`${P}groups[${i}].name`, `"${g.name}" is listed twice; list each group once`);
    groupNames.add(g.name);
    if (g.create && !g.name.toLowerCase().includes(stack.toLowerCase())) {
      add(`${P}groups[${i}].name`, `a group this stack creates must carry the stack name "${stack}" so stacks sharing one Okta org do not collide (got ${describeValue(g.name)}); rename it, e.g. "${stack}-${g.name}"`);
    }
  });

  // Routes: known keys, https and unique `from`, access rules that refer to known groups.
  const froms = new Map<string, number>();
  (s.routes ?? []).forEach((r, i) => {
    const at = `${P}routes[${i}]`;
    for (const key of Object.keys(r)) {
      if (key in REMOVED_ROUTE_KEYS) add(`${at}.${key}`, `is not supported: ${REMOVED_ROUTE_KEYS[key]}`);
      else if (!ROUTE_KEYS.includes(key)) add(`${at}.${key}`, unknownKeyMessage(key, ROUTE_KEYS));
    }
    const from = parseUrl(r.from);
    if (from) {
      const norm = `${from.origin}${from.pathname}`.replace(/\/$/, "");
      if (froms.has(norm)) add(`${at}.from`, `${describeValue(r.from)} is also routes[${froms.get(norm)}].from; each route needs its own from`);
      froms.set(norm, i);
      if (auth && from.host === auth.host) add(`${at}.from`, `uses the authenticate host ${auth.host}; give the route a host of its own`);
    }
    for (const [j, to] of (Array.isArray(r.to) ? r.to : [r.to]).entries()) {
      const u = parseUrl(to);
      if (!u || !["http:", "https:"].includes(u.protocol)) {
        add(`${at}.to${Array.isArray(r.to) ? `[${j}]` : ""}`, `must be an http:// or https:// upstream URL (got ${describeValue(to)})`);
      }
    }
    const shortcuts = !!(r.allowGroups || r.allowEmails);
    const open = r.allow_public_unauthenticated_access === true || r.allow_any_authenticated_user === true;
    if (r.policy !== undefined && shortcuts) add(`${at}.policy`, "is set together with allowGroups/allowEmails; use either the shortcuts or a raw PPL policy");
    if (r.policy === undefined && !shortcuts && !open) add(at, "has no access rule: set allowGroups, allowEmails or a PPL policy");
    (r.allowGroups ?? []).forEach((g, j) => {
      if (!groupNames.has(g)) add(`${at}.allowGroups[${j}]`, `"${g}" is not one of okta-pomerium:groups (${[...groupNames].join(", ")}); add it there so it is assigned to the app`);
    });
    if (r.policy !== undefined) {
      for (const [rel, msg] of validatePpl(r.policy, s.groupsClaim?.name ?? "groups")) add(`${at}.policy${rel}`, msg);
    }
  });

  // Authorization server lifetimes: window between the access and refresh token lifetimes.
  const as = s.authorizationServer;
  if (as) {
    const base = `${P}authorizationServer`;
    if (as.refreshTokenWindowMinutes < as.accessTokenLifetimeMinutes) {
      add(`${base}.refreshTokenWindowMinutes`, `must be at least accessTokenLifetimeMinutes (${as.accessTokenLifetimeMinutes}); got ${as.refreshTokenWindowMinutes}`);
    }
    if (as.refreshTokenLifetimeMinutes !== 0 && as.refreshTokenWindowMinutes > as.refreshTokenLifetimeMinutes) {
      add(`${base}.refreshTokenWindowMinutes`, `must be at most refreshTokenLifetimeMinutes (${as.refreshTokenLifetimeMinutes}, 0 = unlimited); got ${as.refreshTokenWindowMinutes}`);
    }
  }

  // Groups claim: a REGEX filter must compile; matching everything is worth a warning.
  const claim = s.groupsClaim;
  if (claim?.filterType === "REGEX") {
    try {
      new RegExp(claim.filter);
    } catch (e) {
      add(`${P}groupsClaim.filter`, `is not a valid regular expression (got ${describeValue(claim.filter)}): ${(e as Error).message.replace(/^Invalid regular expression: /, "")}`);
    }
    if (claim.filter === ".*" || claim.filter === "^.*$") {
      derived.warnings.push(`groupsClaim.filter "${claim.filter}" puts every Okta group of a user into the ID token; users in many groups get oversized Pomerium cookies and headers (Okta also caps the claim at about 100 groups). Narrow it, e.g. filter: "^pomerium-".`);
    }
  }

  // Pomerium: the version, HA and storage, and the directory-sync token.
  const pom = s.pomerium;
  if (pom) {
    const at = `${P}pomerium`;
    const version = pom.version ? parseVersion(pom.version) : imageVersion(pom.image);
    if (!version) add(`${at}.version`, `cannot tell the Pomerium version from image ${describeValue(pom.image)}; set pomerium.version (e.g. v0.33.1) to the version that image runs`);
    derived.pomeriumVersion = version;
    // Defaults derived from the stack name are not checked by the schema: check them here.
    for (const key of ["namespace", "name"] as const) {
      const v = pom[key];
      if (v.length > 63 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(v)) {
        add(`${at}.${key}`, `is ${describeValue(v)} (from the stack name "${stack}"), not a DNS-1123 label (lower-case letters, digits, '-', at most 63 characters); set pomerium.${key} explicitly`);
      }
    }
    if (stack.length > 63) add(`${at}.name`, `the stack name "${stack}" is longer than 63 characters and cannot be a Kubernetes label value; use a shorter stack name`);
    const postgres = pom.databroker.storage === "postgres";
    if (pom.replicas > 1 && !postgres) {
      add(`${at}.replicas`, `is ${pom.replicas} with in-memory databroker storage: replicas would not share sessions; set pomerium.databroker.storage: postgres (and the secret databrokerConnectionString) or use 1 replica`);
    }
    if (postgres && !secrets.databrokerConnectionString) {
      add(`${P}databrokerConnectionString`, "is required with pomerium.databroker.storage: postgres; set it with `pulumi config set --secret databrokerConnectionString 'postgres://…'`");
    }
    if (!postgres && secrets.databrokerConnectionString) {
      add(`${P}databrokerConnectionString`, "is set but pomerium.databroker.storage is memory, so it would be ignored; set storage: postgres or remove the secret");
    }
    if (secrets.directoryApiToken && version && atLeast(version, SERVICE_ACCOUNT_REMOVED_IN)) {
      add(`${P}directoryApiToken`, `is set, but Pomerium ${formatVersion(version)} has no directory sync: idp_service_account was removed from Pomerium Core in v0.20.0 (moved to Enterprise). Groups come from the ID token's groups claim, which this stack already configures: remove directoryApiToken, or pin an image before v0.20.0 (e.g. pomerium/pomerium:v0.19.1)`);
    }
    if (pom.ingress.enabled && pom.ingress.tlsSecretName === undefined) {
      derived.warnings.push("pomerium.ingress has no tlsSecretName: TLS must then be terminated by the ingress controller's default certificate.");
    }
  }
  return derived;
}
