// An Okta-protected Pomerium built from the okta-pomerium library alone: no okta-pomerium stack
// settings, only the components and their args. Credentials come from the providers' own config
// (`okta:orgName`, `okta:baseUrl`, `okta:apiToken`; the ambient kubeconfig).
import { Provider as KubernetesProvider } from "@pulumi/kubernetes/provider";
import { Provider as OktaProvider } from "@pulumi/okta/provider";
import * as pulumi from "@pulumi/pulumi";
import {
  OktaApp,
  OktaAuthorizationServer,
  OktaGroups,
  Pomerium,
  pomeriumScopes,
  postLogoutRedirectUris,
  redirectUris,
} from "okta-pomerium";

const stack = pulumi.getStack();
const domain = new pulumi.Config().require("domain");
const oktaConfig = new pulumi.Config("okta");
const okta = new OktaProvider("okta", {
  orgName: oktaConfig.require("orgName"),
  baseUrl: oktaConfig.require("baseUrl"),
  apiToken: oktaConfig.requireSecret("apiToken"),
});
const kubernetes = new KubernetesProvider("kubernetes", {});

const authenticateUrl = `https://authenticate.${domain}`;
const scopes = pomeriumScopes("pomerium");

const groups = new OktaGroups(
  "sso",
  { groups: [{ name: `${stack}-grafana-users`, create: true }] },
  { provider: okta },
);
const app = new OktaApp(
  "sso",
  {
    label: `pomerium-${stack}`,
    redirectUris: redirectUris(authenticateUrl),
    postLogoutRedirectUris: postLogoutRedirectUris(authenticateUrl),
    groupIds: groups.ids,
  },
  { provider: okta },
);
const server = new OktaAuthorizationServer(
  "sso",
  {
    name: `pomerium-${stack}`,
    audiences: [`api://pomerium-${stack}`],
    scopes: [{ name: "pomerium", default: true }],
    claims: [
      {
        name: "groups",
        valueType: "GROUPS",
        groupFilterType: "STARTS_WITH",
        value: `${stack}-`,
      },
    ],
    policies: [
      {
        name: `pomerium-${stack}`,
        clientIds: [app.clientId],
        rule: { name: `pomerium-${stack}`, scopes, groupIds: groups.ids },
      },
    ],
  },
  { provider: okta },
);

const pomerium = new Pomerium(
  "proxy",
  {
    authenticateUrl,
    issuer: server.issuer,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    scopes,
    routes: [
      {
        from: `https://grafana.${domain}`,
        to: ["http://grafana.monitoring.svc.cluster.local:3000"],
        allowGroups: [`${stack}-grafana-users`],
      },
    ],
    // TLS ends at the Ingress (the cluster's default class and certificate).
    ingress: { enabled: true },
  },
  { provider: kubernetes },
);

export const issuer = server.issuer;
export const clientId = app.clientId;
export const namespace = pomerium.namespace;
