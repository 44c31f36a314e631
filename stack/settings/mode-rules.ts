/**
 * Rules for `pomerium.mode`: what only the all-in-one Deployment reads is refused in
 * ingress-controller mode (naming each key the user wrote), the controller's own block is refused
 * in all-in-one mode, and every route must have an Ingress form.
 */
import { controllerRouteProblems } from "../../components/pomerium/controller-objects";
import type { RawSettings } from "./schema";
import { Add, P, SecretsSet } from "./rule-types";

/**
 * The `pomerium` keys only the all-in-one Deployment reads. (`version` stays: it names the
 * Pomerium the controller runs, which decides whether the Okta app may require PKCE.)
 */
export const ALL_IN_ONE_ONLY = [
  "image",
  "replicas",
  "resources",
  "service",
  "ingress",
  "gateway",
  "networkPolicy",
  "xffNumTrustedHops",
  "databroker.postgresPort",
  "databroker.postgresNamespace",
] as const;

/**
 * The key paths the user wrote in a JSON object setting, one level deep and with their sub-keys
 * (`databroker.storage`); defaults applied by the schema are not in it.
 */
export function explicitKeys(raw: string | undefined): Set<string> {
  const keys = new Set<string>();
  let v: unknown;
  try {
    v = raw === undefined ? undefined : JSON.parse(raw);
  } catch {
    return keys;
  }
  if (!isObject(v)) return keys;
  for (const [k, sub] of Object.entries(v)) {
    keys.add(k);
    if (isObject(sub)) for (const s of Object.keys(sub)) keys.add(`${k}.${s}`);
  }
  return keys;
}

export function modeRules(
  s: Partial<RawSettings>,
  secrets: SecretsSet,
  explicit: ReadonlySet<string>,
  add: Add,
): void {
  const pom = s.pomerium;
  if (!pom) return;
  const at = `${P}pomerium`;
  if (pom.mode === "all-in-one") {
    if (explicit.has("controller"))
      add(
        `${at}.controller`,
        "only applies with pomerium.mode: ingress-controller; remove it, or set the mode",
      );
    return;
  }
  for (const key of ALL_IN_ONE_ONLY)
    if (explicit.has(key))
      add(
        `${at}.${key}`,
        `is set, but pomerium.mode is ingress-controller: the Pomerium Ingress Controller runs Pomerium, and ${key} only applies to the all-in-one Deployment; remove it (configure the controller's own installation instead)`,
      );
  if (secrets.directoryApiToken)
    add(
      `${P}directoryApiToken`,
      "is set, but pomerium.mode is ingress-controller: the controller's Pomerium has no directory sync; remove it",
    );
  for (const key of ["pomeriumSharedSecret", "pomeriumCookieSecret", "pomeriumSigningKey"] as const)
    if (secrets[key])
      add(
        `${P}${key}`,
        "is set, but pomerium.mode is ingress-controller: the shared secret, cookie secret and signing key are the controller installation's bootstrap Secret (the Pomerium object's spec.secrets, pomerium/bootstrap in Pomerium's install docs), which this stack never changes; remove the setting and put the value in that Secret",
      );
  (s.routes ?? []).forEach((r, i) => {
    for (const problem of controllerRouteProblems(r, pom.namespace))
      add(`${P}routes[${i}]`, `(${r.from}) ${problem} (pomerium.mode: ingress-controller)`);
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
