/**
 * Rules for `cloudflareAccess`: groups that exist (Cloudflare's own claim admits exactly them),
 * hostnames that are hostnames, unique and not Pomerium's, and the provider's API token.
 */
import type { RawSettings } from "./schema";
import { parseUrl } from "./helpers";
import { hostProblem } from "../../components/dns";
import { CLAIM_VALUE_MAX, exactGroupsFilter } from "../../components/okta/org";
import { frontDoorGroupsOf } from "./front-doors";
import { describeValue } from "./error";
import { Add, P, SecretsSet } from "./rule-types";

const TOKEN_COMMAND = "`pulumi config set --secret cloudflare:apiToken <token>`";

/** Why a value is not a bare hostname, in the user's terms (undefined when it is one). */
function hostnameProblem(value: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value))
    return `must be a hostname without a scheme (got ${describeValue(value)}); write ${describeValue(value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").replace(/[/?#].*$/, ""))}`;
  if (/[/?#]/.test(value))
    return `must be a hostname without a path (got ${describeValue(value)}); Access protects the whole host`;
  const problem = hostProblem(value, { minLabels: 2 });
  return problem && `${describeValue(value)} ${problem}`;
}

/**
 * The provider's token goes with the section (`sectionSet`: the stack file sets it, whether or not
 * it parsed, so a typo in the section does not also report the token as unused).
 */
export function cloudflareTokenRule(sectionSet: boolean, secrets: SecretsSet, add: Add): void {
  if (sectionSet && !secrets.cloudflareApiToken)
    add(
      "cloudflare:apiToken",
      `is required with okta-pomerium:cloudflareAccess: a Cloudflare API token with "Access: Organizations, Identity Providers, and Groups Write" and "Access: Apps and Policies Write"; set it with ${TOKEN_COMMAND}`,
    );
  if (!sectionSet && secrets.cloudflareApiToken)
    add(
      "cloudflare:apiToken",
      "is set, but okta-pomerium:cloudflareAccess is not, so it would be ignored; add the cloudflareAccess section or remove the secret (`pulumi config rm cloudflare:apiToken`)",
    );
}

export function cloudflareRules(
  s: Partial<RawSettings>,
  groupNames: ReadonlySet<string>,
  add: Add,
): void {
  const cf = s.cloudflareAccess;
  if (!cf) return;
  const at = `${P}cloudflareAccess`;
  if (cf.teamDomain !== undefined) {
    const problem = hostnameProblem(cf.teamDomain);
    if (problem) add(`${at}.teamDomain`, `${problem} (e.g. myteam.cloudflareaccess.com)`);
  }
  // Pomerium's hosts: its routes and its authenticate service.
  const pomeriumHosts = new Map<string, string>();
  (s.routes ?? []).forEach((r, i) => {
    const host = parseUrl(r.from)?.hostname;
    if (host && !pomeriumHosts.has(host)) pomeriumHosts.set(host, `routes[${i}].from`);
  });
  const auth = s.authenticateUrl ? parseUrl(s.authenticateUrl)?.hostname : undefined;
  if (auth) pomeriumHosts.set(auth, "authenticateUrl");
  const names = new Map<string, number>();
  const domains = new Map<string, number>();
  cf.apps.forEach((a, i) => {
    const app = `${at}.apps[${i}]`;
    if (names.has(a.name))
      add(
        `${app}.name`,
        `"${a.name}" is also apps[${names.get(a.name)}]; give each app its own name`,
      );
    names.set(a.name, i);
    const problem = hostnameProblem(a.domain);
    if (problem) add(`${app}.domain`, problem);
    else if (domains.has(a.domain))
      add(
        `${app}.domain`,
        `${a.domain} is also apps[${domains.get(a.domain)}].domain; one Access application per host`,
      );
    else if (pomeriumHosts.has(a.domain))
      add(
        `${app}.domain`,
        `${a.domain} is also Pomerium's (${pomeriumHosts.get(a.domain)}); a host goes through one front door: drop the Pomerium route or this app`,
      );
    domains.set(a.domain, i);
    a.allowGroups.forEach((g, j) => {
      const path = `${app}.allowGroups[${j}]`;
      if (a.allowGroups.indexOf(g) !== j) add(path, `"${g}" is listed twice`);
      else if (!groupNames.has(g))
        add(
          path,
          `"${g}" is not one of okta-pomerium:groups (${[...groupNames].join(", ")}); add it there so it is assigned to Cloudflare's Okta app`,
        );
    });
  });
  // Cloudflare's own groups claim admits exactly the groups its apps allow (not Pomerium's filter).
  const filter = exactGroupsFilter(frontDoorGroupsOf(s).cloudflare);
  if (filter.length > CLAIM_VALUE_MAX)
    add(
      `${at}.apps`,
      `allow groups whose names make Cloudflare's groups claim filter ${filter.length} characters, over Okta's ${CLAIM_VALUE_MAX}; allow fewer groups (e.g. one group per team that may use these apps)`,
    );
}
