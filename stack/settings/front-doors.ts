/**
 * The stack's groups per front door (Pomerium, Cloudflare Access, OpenMetadata), from the settings:
 * what each Okta app is assigned and each groups claim admits. The rules resolve the default claim
 * filter with it, the program the assignments. Pure; the decision is components/okta/plan.ts's.
 */
import { FrontDoorGroups, frontDoorGroups } from "../../components/okta/plan";
import type { RawSettings } from "./schema";

export function frontDoorGroupsOf(s: Partial<RawSettings>): FrontDoorGroups {
  const routes = s.routes ?? [];
  return frontDoorGroups({
    groups: (s.groups ?? []).map((g) => g.name),
    pomerium: routes.flatMap((r) => r.allowGroups ?? []),
    pomeriumPolicyText: routes
      .map((r) => (r.policy === undefined ? "" : JSON.stringify(r.policy)))
      .join("\n"),
    cloudflare: (s.cloudflareAccess?.apps ?? []).flatMap((a) => a.allowGroups),
    ...(s.openMetadata?.allowGroups ? { openMetadata: s.openMetadata.allowGroups } : {}),
  });
}
