// The component package: what `pulumi package add <this repo>` exposes to Python, Go, .NET and
// YAML. The SDK's own analyzer (the code the component provider host runs) infers the schema from
// the components' TypeScript; this test pins what it infers.
import assert from "node:assert/strict";
import path from "node:path";
import { before, describe, test } from "node:test";
import { readFileSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";
import * as library from "okta-pomerium";
import { evaluate } from "../../scripts/render/mock-runtime";

const ROOT = path.resolve(__dirname, "../../..");
const COMPONENTS = [
  library.OktaApp,
  library.OktaAuthorizationServer,
  library.OktaGroups,
  library.OktaApiToken,
  library.Pomerium,
  library.CloudflareAccess,
  library.PomeriumControllerConfig,
  library.OpenMetadata,
];

type Prop = { type?: string; $ref?: string; items?: Prop; optional?: boolean; plain?: boolean };
/** One property as a short signature: `string`, `string[]`, `OktaAppType?`, `… plain`. */
function sig(p: Prop): string {
  const base = p.$ref
    ? p.$ref.split(":").pop()!
    : p.type === "array"
      ? `${sig({ ...p.items!, optional: false, plain: false })}[]`
      : p.type!;
  return `${base}${p.optional ? "?" : ""}${p.plain ? " plain" : ""}`;
}
const sigs = (props: Record<string, Prop>) =>
  Object.fromEntries(Object.entries(props).map(([k, v]) => [k, sig(v)]));

describe("component package", () => {
  let schema: any;
  // One provider: the analyzer compiles the whole project once (construct reuses its schema).
  let provider: ComponentProvider;
  before(async () => {
    provider = new ComponentProvider({
      dirname: ROOT,
      name: "okta-pomerium",
      components: COMPONENTS,
    });
    schema = JSON.parse(await provider.getSchema());
  });

  test("PulumiPlugin.yaml declares the nodejs runtime, and package.json's main is the library", () => {
    assert.match(readFileSync(path.join(ROOT, "PulumiPlugin.yaml"), "utf8"), /^runtime: nodejs$/m);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
    assert.equal(pkg.name, "okta-pomerium"); // the package name the plugin host derives
    assert.equal(require.resolve(path.join(ROOT, pkg.main)), require.resolve("okta-pomerium"));
  });

  test("the plugin host finds exactly the eight components in the library's exports", () => {
    // What the SDK's run-plugin does: require the plugin directory (package.json's main) and
    // collect the ComponentResource classes among its exports.
    const found = getPulumiComponents(require(ROOT));
    assert.deepEqual(found.map((c) => c.name).sort(), COMPONENTS.map((c) => c.name).sort());
  });

  test("each component's type token", () => {
    assert.deepEqual(Object.keys(schema.resources).sort(), [
      "okta-pomerium:index:CloudflareAccess",
      "okta-pomerium:index:OktaApiToken",
      "okta-pomerium:index:OktaApp",
      "okta-pomerium:index:OktaAuthorizationServer",
      "okta-pomerium:index:OktaGroups",
      "okta-pomerium:index:OpenMetadata",
      "okta-pomerium:index:Pomerium",
      "okta-pomerium:index:PomeriumControllerConfig",
    ]);
    for (const r of Object.values<any>(schema.resources)) assert.equal(r.isComponent, true);
  });

  test("OktaApp: inputs, required inputs, outputs", () => {
    const r = schema.resources["okta-pomerium:index:OktaApp"];
    assert.deepEqual(sigs(r.inputProperties), {
      label: "string",
      type: "OktaAppType? plain",
      redirectUris: "string[]?",
      postLogoutRedirectUris: "string[]?",
      grantTypes: "string[]?",
      tokenEndpointAuthMethod: "string?",
      pkceRequired: "boolean?",
      jwks: "OktaAppJwkArgs[]?",
      groupIds: "string[]?",
      refreshTokenLeeway: "number?",
      groupsClaim: "OktaAppGroupsClaimArgs? plain",
    });
    assert.deepEqual(r.requiredInputs, ["label"]);
    assert.deepEqual(sigs(r.properties), {
      appId: "string",
      clientId: "string",
      clientSecret: "string",
    });
    assert.deepEqual(schema.types["okta-pomerium:index:OktaAppType"].enum, [
      { name: "Web", value: "web" },
      { name: "Browser", value: "browser" },
      { name: "Service", value: "service" },
    ]);
  });

  test("OktaAuthorizationServer: scopes, claims and policies are plain lists of typed objects", () => {
    const r = schema.resources["okta-pomerium:index:OktaAuthorizationServer"];
    assert.deepEqual(sigs(r.inputProperties), {
      name: "string",
      description: "string?",
      audiences: "string[]",
      issuerMode: "OktaIssuerMode?",
      scopes: "OktaScopeArgs[]? plain",
      claims: "OktaClaimArgs[]? plain",
      policies: "OktaAccessPolicyArgs[]? plain",
    });
    assert.deepEqual(r.requiredInputs, ["audiences", "name"]);
    assert.deepEqual(sigs(r.properties), { issuer: "string", serverId: "string" });
    const policy = schema.types["okta-pomerium:index:OktaAccessPolicyArgs"];
    assert.deepEqual(policy.required, ["clientIds", "name", "rule"]);
    const rule = schema.types["okta-pomerium:index:OktaPolicyRuleArgs"];
    assert.deepEqual(rule.required, ["name", "scopes"]);
    assert.equal(sig(rule.properties.everyone), "boolean? plain");
    assert.equal(sig(rule.properties.groupIds), "string[]?");
  });

  test("OktaGroups and OktaApiToken", () => {
    const g = schema.resources["okta-pomerium:index:OktaGroups"];
    assert.deepEqual(sigs(g.inputProperties), { groups: "OktaGroupArgs[] plain" });
    assert.deepEqual(sigs(g.properties), { ids: "string[]", names: "string[]" });
    assert.deepEqual(schema.types["okta-pomerium:index:OktaGroupArgs"].required, ["name"]);
    const t = schema.resources["okta-pomerium:index:OktaApiToken"];
    assert.deepEqual(sigs(t.inputProperties), {
      tokenId: "string plain",
      name: "string",
      network: "OktaApiTokenNetworkArgs? plain",
    });
    assert.deepEqual(sigs(t.properties), { tokenId: "string" });
  });

  test("Pomerium: the Okta outputs are inputs, what shapes the objects is plain", () => {
    const r = schema.resources["okta-pomerium:index:Pomerium"];
    assert.deepEqual(sigs(r.inputProperties), {
      authenticateUrl: "string plain",
      issuer: "string",
      clientId: "string",
      clientSecret: "string",
      scopes: "string[]",
      routes: "PomeriumRouteArgs[] plain",
      groupsClaimName: "string? plain",
      namespace: "string? plain",
      namespaceOwnership: "NamespaceOwnership? plain",
      createNamespace: "boolean? plain",
      protectNamespace: "boolean? plain",
      name: "string? plain",
      image: "string? plain",
      version: "string? plain",
      replicas: "number? plain",
      databroker: "PomeriumDatabrokerArgs? plain",
      databrokerConnectionString: "string?",
      sharedSecret: "string?",
      cookieSecret: "string?",
      signingKey: "string?",
      idpServiceAccount: "string?",
      service: "PomeriumServiceArgs? plain",
      ingress: "PomeriumIngressArgs? plain",
      gateway: "PomeriumGatewayArgs? plain",
      xffNumTrustedHops: "number? plain",
      resources: "PomeriumResourcesArgs? plain",
      networkPolicy: "PomeriumNetworkPolicyArgs? plain",
      waitForExternal: "boolean? plain",
    });
    assert.deepEqual(r.requiredInputs, [
      "authenticateUrl",
      "clientId",
      "clientSecret",
      "issuer",
      "routes",
      "scopes",
    ]);
    assert.deepEqual(sigs(r.properties), {
      namespace: "string",
      serviceName: "string",
      authenticateUrl: "string",
      routeUrls: "string[]",
    });
    const route = schema.types["okta-pomerium:index:PomeriumRouteArgs"];
    assert.deepEqual(sigs(route.properties), {
      from: "string plain",
      to: "string[]? plain",
      allowGroups: "string[]? plain",
      allowEmails: "string[]? plain",
      policy: "pulumi.json#/Any?",
      options: "object? plain",
    });
  });

  test("CloudflareAccess: the Okta outputs are inputs, the apps (one policy and app each) plain", () => {
    const r = schema.resources["okta-pomerium:index:CloudflareAccess"];
    assert.deepEqual(sigs(r.inputProperties), {
      accountId: "string",
      identityProvider: "CloudflareOktaIdpArgs plain",
      apps: "CloudflareAccessAppArgs[] plain",
    });
    assert.deepEqual(r.requiredInputs, ["accountId", "apps", "identityProvider"]);
    assert.deepEqual(sigs(r.properties), {
      identityProviderId: "string",
      applicationIds: "string[]",
      applicationAuds: "string[]",
      policyIds: "string[]",
    });
    const idp = schema.types["okta-pomerium:index:CloudflareOktaIdpArgs"];
    assert.deepEqual(sigs(idp.properties), {
      name: "string",
      clientId: "string",
      clientSecret: "string",
      oktaAccount: "string",
      authorizationServerId: "string?",
      claims: "string[]? plain",
      pkceEnabled: "boolean? plain",
    });
    assert.deepEqual(idp.required, ["clientId", "clientSecret", "name", "oktaAccount"]);
    const app = schema.types["okta-pomerium:index:CloudflareAccessAppArgs"];
    assert.deepEqual(sigs(app.properties), {
      name: "string plain",
      domain: "string",
      allowGroups: "string[] plain",
      sessionDuration: "string?",
      displayName: "string?",
    });
    assert.deepEqual(app.required, ["allowGroups", "domain", "name"]);
  });

  test("OpenMetadata: the group ids and issuer mode are inputs, what names or shapes objects is plain", () => {
    const r = schema.resources["okta-pomerium:index:OpenMetadata"];
    assert.deepEqual(sigs(r.inputProperties), {
      url: "string plain",
      oktaName: "string plain",
      clientType: "OpenMetadataClientType? plain",
      groupIds: "string[]",
      issuerMode: "OktaIssuerMode?",
      scope: "string? plain",
      adminPrincipals: "string[]? plain",
      principalDomain: "string plain",
      namespace: "string? plain",
      secretName: "string? plain",
      serviceName: "string? plain",
      jwksUrl: "string? plain",
      configSource: "OpenMetadataConfigSource? plain",
      labels: "object? plain",
    });
    assert.deepEqual(r.requiredInputs, ["groupIds", "oktaName", "principalDomain", "url"]);
    assert.deepEqual(sigs(r.properties), {
      clientId: "string",
      issuer: "string",
      secretName: "string",
      helmValues: "object",
    });
    assert.deepEqual(schema.types["okta-pomerium:index:OpenMetadataClientType"].enum, [
      { name: "Public", value: "public" },
      { name: "Confidential", value: "confidential" },
    ]);
    assert.deepEqual(schema.types["okta-pomerium:index:OpenMetadataConfigSource"].enum, [
      { name: "Env", value: "ENV" },
      { name: "Auto", value: "AUTO" },
      { name: "Db", value: "DB" },
    ]);
  });

  test("PomeriumControllerConfig: the Okta outputs are inputs, names and routes are plain", () => {
    const r = schema.resources["okta-pomerium:index:PomeriumControllerConfig"];
    assert.deepEqual(sigs(r.inputProperties), {
      authenticateUrl: "string plain",
      issuer: "string",
      clientId: "string",
      clientSecret: "string",
      scopes: "string[]",
      routes: "PomeriumRouteArgs[] plain",
      groupsClaimName: "string? plain",
      namespace: "string? plain",
      namespaceOwnership: "NamespaceOwnership? plain",
      createNamespace: "boolean? plain",
      protectNamespace: "boolean? plain",
      name: "string? plain",
      pomeriumName: "string? plain",
      ingressClassName: "string? plain",
      fieldManager: "string? plain",
      tlsSecretName: "string? plain",
      authenticateCertificate: "string? plain",
      annotations: "object? plain",
      databrokerConnectionString: "string?",
      externalNameServices: "boolean? plain",
      waitForExternal: "boolean? plain",
    });
    assert.deepEqual(sigs(r.properties), { namespace: "string", pomeriumName: "string" });
    const gateway = schema.types["okta-pomerium:index:PomeriumGatewayArgs"];
    assert.deepEqual(sigs(gateway.properties), {
      parentRefs: "PomeriumGatewayParentRefArgs[] plain",
      annotations: "object?",
    });
  });

  test("the schema marks nothing secret (the analyzer cannot); secrets travel as secret values", () => {
    assert.doesNotMatch(JSON.stringify(schema), /"secret"/);
    assert.deepEqual(schema.dependencies, []);
  });

  test("constructed through the provider, OktaApp returns its client secret as a secret", async () => {
    const { result } = await evaluate({}, "test", () =>
      provider.construct("sso", "okta-pomerium:index:OktaApp", { label: "sso-test" }, {}),
    );
    const { state } = await result;
    assert.equal(await pulumi.isSecret(state.clientSecret), true);
    assert.equal(await pulumi.isSecret(state.clientId), false);
    assert.deepEqual(Object.keys(state).sort(), ["appId", "clientId", "clientSecret"]);
  });
});
