/**
 * Cross-field rules: the ones a per-key schema cannot express, one function per concern. Each rule
 * has its own message that names the key path, what is wrong and the fix. Rules run on whatever
 * parsed, so one bad key does not hide the problems of another.
 */
import type { OktaRawSettings, RawSettings } from "./schema";
import { parseUrl } from "./schema";
import { pomeriumRules } from "./pomerium-rules";
import { routeRules } from "./route-rules";
import { hostRules, portRules } from "./host-rules";
import { cloudflareRules } from "./cloudflare-rules";
import { openMetadataRules } from "./openmetadata-rules";
import { scopeWarnings } from "./scope-rules";
import { CLAIM_VALUE_MAX, exactGroupsFilter } from "../../components/okta/org";
import { frontDoorGroupsOf } from "./front-doors";
import { claimFilterMatches } from "../../components/okta/plan";
import { describeValue, Problem } from "./error";
import { Add, Derived, P, SecretsSet } from "./rule-types";
import { protectRules } from "./protect-rules";

export type { Add, Derived, SecretsSet } from "./rule-types";

export function crossFieldRules(
  s: Partial<RawSettings>,
  okta: Partial<OktaRawSettings>,
  secrets: SecretsSet,
  stack: string,
  problems: Problem[],
): Derived {
  const derived: Derived = { warnings: [] };
  const add: Add = (path, message) => problems.push({ path, message });
  derived.oktaAuth = credentialRules(okta, secrets, add);
  const auth = s.authenticateUrl ? parseUrl(s.authenticateUrl) : undefined;
  if (auth && (auth.pathname !== "/" || auth.search || auth.hash || auth.username)) {
    add(
      `${P}authenticateUrl`,
      `must be an origin only, like https://authenticate.example.com (got ${describeValue(s.authenticateUrl)}); Okta's redirect URI is derived from it as <authenticateUrl>/oauth2/callback`,
    );
  }
  const groupNames = groupRules(s, stack, add);
  // When `groups` or one of its items was refused, the list is incomplete: the rules that check
  // names against it skip that check rather than add follow-on problems.
  const known = isComplete(s.groups) ? groupNames : undefined;
  routeRules(s, known, auth, add);
  hostRules(s, okta, add);
  portRules(s, add);
  emailWarnings(s, derived);
  lifetimeRules(s, add);
  claimRules(s, known, derived, add);
  derived.pomeriumVersion = pomeriumRules(s, secrets, stack, derived, add);
  openMetadataRules(s, groupNames, add);
  scopeWarnings(s, okta, derived);
  cloudflareRules(s, groupNames, add);
  protectRules(s, add);
  return derived;
}

/**
 * A route's `allowEmails` admits only users who can sign in at all: the app's group assignments
 * (and, on a custom server, the policy rule's groups) gate sign-in before Pomerium sees an e-mail.
 */
function emailWarnings(s: Partial<RawSettings>, derived: Derived): void {
  (s.routes ?? []).forEach((r, i) => {
    if (!r.allowEmails?.length) return;
    derived.warnings.push(
      `routes[${i}] (${r.from}) allows ${r.allowEmails.join(", ")}: Okta signs in only members of the assigned groups (${frontDoorGroupsOf(s).pomerium.join(", ")}), before Pomerium checks an e-mail; make sure each of these users is in one of them.`,
    );
  });
}

/** A list that parsed whole: present, and without the holes that refused items leave. */
function isComplete(list: readonly unknown[] | undefined): boolean {
  if (!list) return false;
  for (let i = 0; i < list.length; i++) if (!(i in list)) return false;
  return true;
}

/** Okta credentials: an API token or a service app, never both, never neither. */
function credentialRules(
  okta: Partial<OktaRawSettings>,
  secrets: SecretsSet,
  add: Add,
): Derived["oktaAuth"] {
  const app = {
    clientId: !!okta.clientId,
    privateKey: secrets.oktaPrivateKey,
    scopes: !!okta.scopes?.length,
  };
  const anyApp = app.clientId || app.privateKey || app.scopes;
  if (secrets.oktaApiToken && anyApp) {
    add(
      "okta:apiToken",
      "is set together with okta:clientId/okta:privateKey/okta:scopes; use one: remove okta:apiToken (the OAuth service app is what Okta recommends) or remove the service-app keys",
    );
    return undefined;
  }
  if (secrets.oktaApiToken) return "apiToken";
  if (!anyApp) {
    add(
      "okta:apiToken",
      "no Okta credentials: set okta:clientId + okta:privateKey (secret) + okta:scopes for an OAuth service app, or okta:apiToken (secret)",
    );
    return undefined;
  }
  const missing = Object.entries(app)
    .filter(([, ok]) => !ok)
    .map(([k]) => `okta:${k}`);
  if (missing.length === 0) return "serviceApp";
  const how = missing.map((m) =>
    m === "okta:privateKey" ? "`pulumi config set --secret okta:privateKey < key.pem`" : m,
  );
  add(
    missing[0],
    `is required with the service-app credentials (missing: ${missing.join(", ")}); set ${how.join(", ")}`,
  );
  return undefined;
}

/** Groups: unique names; a created group carries the stack so stacks can share an Okta org. */
function groupRules(s: Partial<RawSettings>, stack: string, add: Add): Set<string> {
  const names = new Set<string>();
  (s.groups ?? []).forEach((g, i) => {
    if (names.has(g.name))
      add(`${P}groups[${i}].name`, `"${g.name}" is listed twice; list each group once`);
    names.add(g.name);
    if (g.create && !g.name.toLowerCase().includes(stack.toLowerCase())) {
      add(
        `${P}groups[${i}].name`,
        `a group this stack creates must carry the stack name "${stack}" so stacks sharing one Okta org do not collide (got ${describeValue(g.name)}); rename it, e.g. "${stack}-${g.name}"`,
      );
    }
  });
  return names;
}

/** Authorization server lifetimes: the refresh window lies between the access and refresh lifetimes. */
function lifetimeRules(s: Partial<RawSettings>, add: Add): void {
  const as = s.authorizationServer;
  if (!as) return;
  const at = `${P}authorizationServer.refreshTokenWindowMinutes`;
  if (as.refreshTokenWindowMinutes < as.accessTokenLifetimeMinutes) {
    add(
      at,
      `must be at least accessTokenLifetimeMinutes (${as.accessTokenLifetimeMinutes}); got ${as.refreshTokenWindowMinutes}`,
    );
  }
  if (
    as.refreshTokenLifetimeMinutes !== 0 &&
    as.refreshTokenWindowMinutes > as.refreshTokenLifetimeMinutes
  ) {
    add(
      at,
      `must be at most refreshTokenLifetimeMinutes (${as.refreshTokenLifetimeMinutes}, 0 = unlimited); got ${as.refreshTokenWindowMinutes}`,
    );
  }
}

/**
 * The groups claim. Default filter: exactly the configured groups (an escaped, anchored REGEX
 * alternation), so the ID token and Pomerium's cookie carry only groups this stack's routes can
 * use. A REGEX filter compiles, every allowed group gets through, and `.*` is a warning.
 */
function claimRules(
  s: Partial<RawSettings>,
  groupNames: Set<string> | undefined,
  derived: Derived,
  add: Add,
): void {
  const claim = s.groupsClaim;
  if (!claim || !groupNames) return;
  if (claim.filter === undefined) {
    if (claim.filterType !== "REGEX") {
      add(
        `${P}groupsClaim.filter`,
        `is required with filterType ${claim.filterType}; set it (e.g. filter: "pomerium-"), or leave both unset for a filter that admits exactly the configured groups`,
      );
      return;
    }
    // Pomerium's groups only: a group only Cloudflare Access or OpenMetadata uses stays out.
    const pomerium = frontDoorGroupsOf(s).pomerium;
    claim.filter = exactGroupsFilter(pomerium);
    if (claim.filter.length > CLAIM_VALUE_MAX) {
      add(
        `${P}groupsClaim.filter`,
        `defaults to a filter listing Pomerium's ${pomerium.length} groups, which is ${claim.filter.length} characters, over Okta's ${CLAIM_VALUE_MAX}; set groupsClaim.filterType: STARTS_WITH with a prefix the groups share (e.g. filter: "pomerium-")`,
      );
      return;
    }
  } else {
    const leaks = frontDoorGroupsOf(s).elsewhereOnly.filter((g) =>
      claimFilterMatches(claim.filterType, claim.filter!, g),
    );
    if (leaks.length > 0)
      derived.warnings.push(
        `groupsClaim.filter (${claim.filterType} ${describeValue(claim.filter)}) admits ${leaks.map((g) => `"${g}"`).join(", ")}, which only cloudflareAccess or openMetadata use: Pomerium's ID token carries them. Narrow the filter, or leave it unset (it then admits exactly Pomerium's groups).`,
      );
  }
  const filter = claim.filter;
  if (claim.filterType === "REGEX") {
    try {
      new RegExp(filter);
    } catch (e) {
      add(
        `${P}groupsClaim.filter`,
        `is not a valid regular expression (got ${describeValue(filter)}): ${(e as Error).message.replace(/^Invalid regular expression: /, "")}`,
      );
      return;
    }
    if (filter === ".*" || filter === "^.*$") {
      derived.warnings.push(
        `groupsClaim.filter "${filter}" puts every Okta group of a user into the ID token; users in many groups get oversized Pomerium cookies and headers (Okta also caps the claim at about 100 groups). Narrow it, e.g. filterType: STARTS_WITH, filter: "pomerium-".`,
      );
    }
  }
  (s.routes ?? []).forEach((r, i) =>
    (r.allowGroups ?? []).forEach((g, j) => {
      // A name outside `groups` is reported by the route rules already; one problem is enough.
      if (groupNames.has(g) && !claimFilterMatches(claim.filterType, filter, g)) {
        add(
          `${P}routes[${i}].allowGroups[${j}]`,
          `"${g}" never reaches the ID token: groupsClaim (${claim.filterType} ${describeValue(filter)}) filters it out, so the route would deny everyone; widen groupsClaim.filter`,
        );
      }
    }),
  );
}
