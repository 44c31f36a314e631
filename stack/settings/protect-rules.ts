/**
 * What `protect: true` opts a stack into: production's shape. A protected stack keeps its identity
 * resources from deletion, so it is one users depend on; it must then also survive a pod's loss and
 * a restart (replicas, Postgres sessions), keep tokens short-lived, and send signed identity headers
 * only to upstreams inside the cluster. Any stack opts in; none is known by name.
 */
import type { RawSettings } from "./schema";
import { Add, P } from "./rule-types";

/** The longest access token a protected stack issues, in minutes. */
export const PROTECTED_MAX_ACCESS_MINUTES = 30;
/** The longest refresh token a protected stack issues, in minutes (seven days; 0 = unlimited is refused). */
export const PROTECTED_MAX_REFRESH_MINUTES = 10080;

const OFF = "or set okta-pomerium:protect: false if this stack is not one users depend on";

/** An upstream host inside the cluster: a Service's DNS name. */
export const isInClusterHost = (host: string): boolean => /\.svc(\.cluster\.local)?\.?$/.test(host);

export function protectRules(s: Partial<RawSettings>, add: Add): void {
  if (s.protect !== true) return;
  const pom = s.pomerium;
  if (pom?.mode === "all-in-one" && pom.replicas < 2)
    add(
      `${P}pomerium.replicas`,
      `is ${pom.replicas} on a protected stack (protect: true): one pod is a single point of failure for every sign-in; set it to 2 or more (e.g. 3, spread over nodes and zones), ${OFF}`,
    );
  if (pom && pom.databroker.storage !== "postgres")
    add(
      `${P}pomerium.databroker.storage`,
      `is ${pom.databroker.storage} on a protected stack (protect: true): sessions are lost on every restart and not shared between replicas; set it to postgres (and \`pulumi config set --secret databrokerConnectionString\`), ${OFF}`,
    );
  const as = s.authorizationServer;
  if (as && as.mode === "custom") {
    if (as.accessTokenLifetimeMinutes > PROTECTED_MAX_ACCESS_MINUTES)
      add(
        `${P}authorizationServer.accessTokenLifetimeMinutes`,
        `is ${as.accessTokenLifetimeMinutes} on a protected stack (protect: true): set it to at most ${PROTECTED_MAX_ACCESS_MINUTES}, so a revoked user loses access soon, ${OFF}`,
      );
    const refresh = as.refreshTokenLifetimeMinutes;
    if (refresh === 0 || refresh > PROTECTED_MAX_REFRESH_MINUTES)
      add(
        `${P}authorizationServer.refreshTokenLifetimeMinutes`,
        `is ${refresh}${refresh === 0 ? " (unlimited)" : ""} on a protected stack (protect: true): set it to at most ${PROTECTED_MAX_REFRESH_MINUTES} (seven days), ${OFF}`,
      );
  }
  (s.routes ?? []).forEach((r, i) => {
    const pass = r["pass_identity_headers"];
    if (pass === undefined || pass === false) return;
    for (const to of [r.to ?? []].flat()) {
      const host = hostOf(to);
      if (host === undefined || isInClusterHost(host)) continue;
      add(
        `${P}routes[${i}].pass_identity_headers`,
        `is set on a protected stack (protect: true), but \`to\` ${to} is outside the cluster: signed identity headers (every user's identity) go only to in-cluster upstreams (<service>.<namespace>.svc.cluster.local) there; remove pass_identity_headers from this route, or point \`to\` at an in-cluster Service`,
      );
    }
  });
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}
