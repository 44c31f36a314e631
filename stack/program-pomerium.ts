/**
 * The stack settings as the Pomerium components' args (all-in-one and ingress-controller mode): a
 * part of the stack program (program.ts), split out to keep each file to one concern.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { PomeriumArgs, PomeriumRouteArgs } from "../components/pomerium/args";
import type { PomeriumControllerConfigArgs } from "../components/pomerium/controller";
import type { Settings, SettingsSecrets } from "./settings";
import { PREMADE_SECRETS } from "./settings/parse";
import type { RouteSetting } from "./settings/schema";

/** The Okta outputs both Pomerium components read. */
export interface IdentityArgs {
  issuer: pulumi.Input<string>;
  app: { clientId: pulumi.Input<string>; clientSecret: pulumi.Input<string> };
  scopes: readonly string[];
  idpServiceAccount?: pulumi.Input<string>;
}

/** A `routes` entry (Pomerium options beside our keys) as the component's route arg. */
export function routeArgs(r: RouteSetting): PomeriumRouteArgs {
  const { from, to, allowGroups, allowEmails, policy, ...options } = r;
  return {
    from,
    ...(to !== undefined ? { to: typeof to === "string" ? [to] : [...to] } : {}),
    ...(allowGroups !== undefined ? { allowGroups: [...allowGroups] } : {}),
    ...(allowEmails !== undefined ? { allowEmails: [...allowEmails] } : {}),
    ...(policy !== undefined ? { policy } : {}),
    ...(Object.keys(options).length > 0 ? { options } : {}),
  };
}

/** The pre-made Pomerium secrets that are set, as the components' args. */
function premade(secrets: SettingsSecrets) {
  const out: Partial<
    Record<"sharedSecret" | "cookieSecret" | "signingKey", pulumi.Output<string>>
  > = {};
  for (const [name, arg] of Object.entries(PREMADE_SECRETS) as Array<
    [keyof typeof PREMADE_SECRETS, (typeof PREMADE_SECRETS)[keyof typeof PREMADE_SECRETS]]
  >) {
    const value = secrets[name];
    if (value) out[arg] = value;
  }
  return out;
}

/** `pomerium.createNamespace` (true, "ifMissing", false; unset: the components' default). */
const ownership = (c: Settings["pomerium"]["createNamespace"]) =>
  c === undefined
    ? {}
    : { namespaceOwnership: c === "ifMissing" ? c : c ? ("own" as const) : ("existing" as const) };

/** What both modes take alike: the Okta outputs, the routes, the namespace and its ownership. */
function sharedArgs(s: Settings, idp: IdentityArgs) {
  const p = s.pomerium;
  return {
    authenticateUrl: s.authenticateUrl,
    issuer: idp.issuer,
    clientId: idp.app.clientId,
    clientSecret: idp.app.clientSecret,
    scopes: [...idp.scopes],
    routes: s.routes.map(routeArgs),
    groupsClaimName: s.groupsClaim.name,
    namespace: p.namespace,
    ...ownership(p.createNamespace),
    protectNamespace: s.protect,
    name: p.name,
  };
}

/** The `pomerium` settings and the Okta outputs as the Pomerium component's args. */
export function pomeriumArgs(
  s: Settings,
  secrets: SettingsSecrets,
  idp: IdentityArgs,
): PomeriumArgs {
  const p = s.pomerium;
  return {
    ...sharedArgs(s, idp),
    image: p.image,
    // The version the settings layer derived (from `pomerium.version` or the image tag).
    version: `v${s.pomeriumVersion.join(".")}`,
    replicas: p.replicas,
    databroker: { ...p.databroker },
    ...(secrets.databrokerConnectionString
      ? { databrokerConnectionString: secrets.databrokerConnectionString }
      : {}),
    ...(idp.idpServiceAccount ? { idpServiceAccount: idp.idpServiceAccount } : {}),
    ...premade(secrets),
    service: {
      type: p.service.type,
      port: p.service.port,
      annotations: { ...p.service.annotations },
    },
    ingress: {
      enabled: p.ingress.enabled,
      ...(p.ingress.className !== undefined ? { className: p.ingress.className } : {}),
      ...(p.ingress.tlsSecretName !== undefined ? { tlsSecretName: p.ingress.tlsSecretName } : {}),
      annotations: { ...p.ingress.annotations },
    },
    resources: {
      requests: { ...p.resources.requests },
      limits: { ...p.resources.limits },
    },
    ...(p.gateway
      ? {
          gateway: {
            parentRefs: p.gateway.parentRefs.map((r) => ({ ...r })),
            annotations: { ...p.gateway.annotations },
          },
        }
      : {}),
    ...(p.xffNumTrustedHops !== undefined ? { xffNumTrustedHops: p.xffNumTrustedHops } : {}),
    waitForExternal: p.waitForExternal,
    networkPolicy: {
      enabled: p.networkPolicy.enabled,
      ...(p.networkPolicy.ingressNamespaces !== undefined
        ? { ingressNamespaces: [...p.networkPolicy.ingressNamespaces] }
        : {}),
      metricsNamespaces: [...p.networkPolicy.metricsNamespaces],
    },
  };
}

/** The `pomerium` settings (ingress-controller mode) and the Okta outputs as the controller config's args. */
export function controllerArgs(
  s: Settings,
  secrets: SettingsSecrets,
  idp: IdentityArgs,
): PomeriumControllerConfigArgs {
  const p = s.pomerium;
  const c = p.controller;
  return {
    ...sharedArgs(s, idp),
    pomeriumName: c.pomeriumName,
    ingressClassName: c.ingressClassName,
    fieldManager: c.fieldManager,
    ...(c.tlsSecretName !== undefined ? { tlsSecretName: c.tlsSecretName } : {}),
    ...(c.authenticateCertificate !== undefined
      ? { authenticateCertificate: c.authenticateCertificate }
      : {}),
    annotations: { ...c.annotations },
    waitForExternal: p.waitForExternal,
    ...(p.databroker.storage === "postgres" && secrets.databrokerConnectionString
      ? { databrokerConnectionString: secrets.databrokerConnectionString }
      : {}),
  };
}
