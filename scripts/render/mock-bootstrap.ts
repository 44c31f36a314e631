/**
 * Mock provider answers for the bootstrap project's types (the TLS key, the app's API scope grants
 * and admin role assignments), as the real providers would give them. Used by mock-runtime.ts.
 */
import * as pulumi from "@pulumi/pulumi";

/**
 * A fixed RSA 2048 public key, generated once for the mocks (its private half was discarded): a
 * mock `tls.PrivateKey` must return a real PEM, since the program derives the JWK from it.
 */
export const MOCK_RSA_PUBLIC_KEY_PEM = `
-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtOidsjjh8wN3/pPar/5n
T3mJ9EhKLB4QidQnQbeoJT469PwdLt97CedIg8rSg/8EuYaiKJU9qchotTeXrg5c
jUXeOGVm+c1aM4zLBtkaFy2Gl31AmXZkesN7RV9JHhkQPwyo9mb4RciBwSdxIYPt
fSDZoynuxxiiQKMlojdFaKuwwF+V5PA8+SxZs3voyBOYChbYF2XlvzccCBjnBt/F
7oODZSEYF2QcAjRyQ8bMlXc3PBWA5AttOnoyyWGUeIu022t5CpiRlxjXqtl51Oel
omDjQ9ATQh3XNEbSXWjwLzlWqY0YSe9r9aYszV++wO7XUU85QI7IKflHJTd0zBiW
VwIDAQAB
-----END PUBLIC KEY-----

`.trimStart();

/** The state of a bootstrap resource, or undefined for any other type. */
export function bootstrapMockState(
  type: string,
  name: string,
  inputs: Record<string, any>,
  id: (prefix: string) => string,
): { id: string; state: Record<string, any> } | undefined {
  if (type === "tls:index/privateKey:PrivateKey")
    return {
      id: name,
      state: {
        ...inputs,
        publicKeyPem: MOCK_RSA_PUBLIC_KEY_PEM,
        privateKeyPem: pulumi.secret(`mock-private-key-${id("")}`),
        privateKeyPemPkcs8: pulumi.secret(`mock-private-key-pkcs8-${id("")}`),
      },
    };
  // id = appId (okta-provider.md §1.7).
  if (type === "okta:index/appOauthApiScope:AppOauthApiScope")
    return { id: inputs.appId, state: inputs };
  // Import id: <clientId>/<roleAssignmentId>.
  if (type === "okta:app/oauthRoleAssignment:OauthRoleAssignment")
    return { id: `${inputs.clientId}/${id("ra")}`, state: { ...inputs, status: "ACTIVE" } };
  return undefined;
}
