/** Rules for the `pomerium` settings: derived names, the version, HA and storage, directory sync. */
import type { Add, Derived, SecretsSet } from "./rule-types";
import type { RawSettings } from "./schema";
import { DNS1123_LABEL } from "./schema";
import {
  atLeast,
  COMMUNITY_LICENSE_FROM,
  formatVersion,
  imageVersion,
  officialImageLicense,
  parseVersion,
  SERVICE_ACCOUNT_REMOVED_IN,
  Version,
} from "../../components/pomerium/facts";
import { defaultPomeriumName } from "../../components/pomerium/spec";
import { describeValue } from "./error";

const P = "okta-pomerium:";

/** Pomerium: derived names, the version, HA and storage, and the directory-sync token. */
export function pomeriumRules(
  s: Partial<RawSettings>,
  secrets: SecretsSet,
  stack: string,
  derived: Derived,
  add: Add,
): Version | undefined {
  const pom = s.pomerium;
  if (!pom) return undefined;
  const at = `${P}pomerium`;
  // Defaults derived from the stack name are not checked by the schema: check them here.
  for (const key of ["namespace", "name"] as const) {
    const v = pom[key];
    if (v.length > 63 || !DNS1123_LABEL.test(v)) {
      add(
        `${at}.${key}`,
        `is ${describeValue(v)} (from the stack name "${stack}"), not a DNS-1123 label (lower-case letters, digits, '-', at most 63 characters); set pomerium.${key} explicitly`,
      );
    }
  }
  if (stack.length > 63)
    add(
      `${at}.name`,
      `the stack name "${stack}" is longer than 63 characters and cannot be a Kubernetes label value; use a shorter stack name`,
    );
  const version = pom.version ? parseVersion(pom.version) : imageVersion(pom.image);
  if (!version)
    add(
      `${at}.version`,
      `cannot tell the Pomerium version from image ${describeValue(pom.image)}; set pomerium.version (e.g. v0.33.1) to the version that image runs`,
    );
  if (version && atLeast(version, COMMUNITY_LICENSE_FROM))
    derived.warnings.push(
      `Pomerium ${formatVersion(version)}: from v0.34.0 the official binaries and images are under the ${officialImageLicense(version)} (the source stays Apache-2.0); check that it allows your use, or build the image from source.`,
    );
  const postgres = pom.databroker.storage === "postgres";
  // (In ingress-controller mode `replicas` is refused by modeRules: one problem, not two.)
  if (pom.mode === "all-in-one" && pom.replicas > 1 && !postgres) {
    add(
      `${at}.replicas`,
      `is ${pom.replicas} with in-memory databroker storage: replicas would not share sessions; set pomerium.databroker.storage: postgres (and the secret databrokerConnectionString) or use 1 replica`,
    );
  }
  if (postgres && !secrets.databrokerConnectionString) {
    add(
      `${P}databrokerConnectionString`,
      "is required with pomerium.databroker.storage: postgres; set it with `pulumi config set --secret databrokerConnectionString 'postgres://…'`",
    );
  }
  if (!postgres && secrets.databrokerConnectionString) {
    add(
      `${P}databrokerConnectionString`,
      "is set but pomerium.databroker.storage is memory, so it would be ignored; set storage: postgres or remove the secret",
    );
  }
  if (secrets.directoryApiToken && version && atLeast(version, SERVICE_ACCOUNT_REMOVED_IN)) {
    add(
      `${P}directoryApiToken`,
      `is set, but Pomerium ${formatVersion(version)} has no directory sync: idp_service_account was removed from Pomerium Core in v0.20.0 (moved to Enterprise). Groups come from the ID token's groups claim, which this stack already configures: remove directoryApiToken, or pin an image before v0.20.0 (e.g. pomerium/pomerium:v0.19.1)`,
    );
  }
  if (pom.ingress.enabled && pom.ingress.tlsSecretName === undefined) {
    derived.warnings.push(
      "pomerium.ingress has no tlsSecretName: TLS must then be terminated by the ingress controller's default certificate.",
    );
  }
  if (pom.createNamespace === undefined && pom.namespace !== defaultPomeriumName(stack)) {
    derived.warnings.push(
      `pomerium.namespace "${pom.namespace}" is not the stack's own "${defaultPomeriumName(stack)}", so this stack uses it without owning it (createNamespace defaults to "ifMissing"): it is created if missing and never changed or deleted. A stack deployed before this default created it as its own: set createNamespace: true to keep owning it (otherwise the next up plans to delete it, with everything in it), or createNamespace: "ifMissing" to confirm and silence this warning.`,
    );
  }
  return version;
}
