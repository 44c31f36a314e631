/**
 * The `openMetadata` settings as the OpenMetadata component's args: a part of the stack program
 * (program.ts calls it), split out to keep that file short.
 */
import * as pulumi from "@pulumi/pulumi";
import type { OktaGroups } from "../components/okta/groups";
import type { OpenMetadata, OpenMetadataArgs } from "../components/openmetadata/openmetadata";
import { idsOf, openMetadataAppGroups, openMetadataName } from "./assignments";
import type { Settings } from "./settings";

/** What the stack exports for OpenMetadata (nothing is secret in it). */
export interface OpenMetadataOutputs {
  openMetadataClientId: pulumi.Output<string>;
  openMetadataIssuer: pulumi.Output<string>;
  /** `<namespace>/<name>` of the Secret to use with `envFrom`. */
  openMetadataSecret: string;
  /** `openmetadata.config.authentication` / `.authorizer` values of OpenMetadata's Helm chart. */
  openMetadataHelmValues: pulumi.Output<Record<string, any>>;
}

export function openMetadataArgs(s: Settings, groups: OktaGroups): OpenMetadataArgs {
  const om = s.openMetadata!;
  // The groups it allows (default: Pomerium's; stack/assignments.ts).
  const allowed = openMetadataAppGroups(s);
  return {
    url: om.url,
    oktaName: openMetadataName(s.stack),
    clientType: om.clientType,
    groupIds: groups.ids.apply((ids) => idsOf(allowed, groups.names, ids)),
    issuerMode: om.issuerMode,
    scope: om.scope,
    adminPrincipals: (om.admins ?? []).map((a) => a.slice(0, a.lastIndexOf("@"))),
    // The settings rules resolved it (given, or the admins' one domain).
    principalDomain: om.principalDomain!,
    namespace: om.namespace,
    secretName: om.secretName,
    serviceName: om.serviceName,
    ...(om.jwksUrl !== undefined ? { jwksUrl: om.jwksUrl } : {}),
    configSource: om.configSource,
    labels: {
      "app.kubernetes.io/name": "openmetadata",
      "app.kubernetes.io/component": "okta-sso",
      "app.kubernetes.io/part-of": "okta-pomerium",
      "app.kubernetes.io/managed-by": "pulumi",
      "okta-pomerium/stack": s.stack,
    },
  };
}

/**
 * The component, loaded only when the section is set: a stack without it loads neither it nor the
 * trusted-origin SDK module (the dev stack's evaluation time stays as it was).
 */
export function createOpenMetadata(
  s: Settings,
  groups: OktaGroups,
  opts: pulumi.ComponentResourceOptions,
): OpenMetadata {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const m: typeof import("../components/openmetadata/openmetadata") = require("../components/openmetadata/openmetadata");
  return new m.OpenMetadata("openmetadata", openMetadataArgs(s, groups), opts);
}
