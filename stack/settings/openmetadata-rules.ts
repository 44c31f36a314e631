/**
 * Rules for `openMetadata` a per-key schema cannot express: the URL is an origin, the groups it
 * allows are configured ones, and the principal domain is known (given, or the admins' one).
 */
import type { RawSettings } from "./schema";
import { parseUrl } from "./helpers";
import { describeValue } from "./error";
import { Add, P } from "./rule-types";

export function openMetadataRules(s: Partial<RawSettings>, groups: Set<string>, add: Add): void {
  const om = s.openMetadata;
  if (!om) return;
  const at = `${P}openMetadata`;
  const u = parseUrl(om.url);
  if (u && (u.pathname !== "/" || u.search || u.hash || u.username || u.password))
    add(
      `${at}.url`,
      `must be OpenMetadata's origin only, like https://openmetadata.example.com (got ${describeValue(om.url)}); its redirect URIs are derived from it as <url>/callback and <url>/silent-callback`,
    );
  (om.allowGroups ?? []).forEach((g, i) => {
    if (!groups.has(g))
      add(
        `${at}.allowGroups[${i}]`,
        `"${g}" is not one of groups (${[...groups].join(", ")}); add it to groups or remove it here`,
      );
  });
  if (om.principalDomain !== undefined) return;
  const domains = [...new Set((om.admins ?? []).map((a) => a.split("@")[1].toLowerCase()))];
  if (domains.length === 1) om.principalDomain = domains[0];
  else
    add(
      `${at}.principalDomain`,
      domains.length === 0
        ? "is required when openMetadata.admins is not set: the e-mail domain of OpenMetadata's users, e.g. example.com"
        : `is required: the admins have more than one e-mail domain (${domains.join(", ")}); set the one OpenMetadata's users sign in with`,
    );
}
