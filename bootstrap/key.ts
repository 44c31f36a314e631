/**
 * The deploy app's key pair: the public half becomes the app's JWKS (Okta checks the client
 * assertions the provider signs with `okta:privateKey`). Either the admin supplies the public JWK
 * (the private key never enters Pulumi state), or `@pulumi/tls` generates an RSA key whose private
 * PEM is a secret output; `@pulumi/tls` is loaded only then.
 */
import { createPublicKey } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import type { OktaAppJwkArgs } from "../components/okta/app";

/** An RSA public JWK (kty, n, e) from a PEM public key: pure. */
export function rsaPublicJwk(publicKeyPem: string, kid: string): OktaAppJwkArgs & { kid: string } {
  const jwk = createPublicKey(publicKeyPem).export({ format: "jwk" });
  if (jwk.kty !== "RSA" || !jwk.n || !jwk.e) throw new Error("not an RSA public key");
  return { kty: "RSA", kid, e: jwk.e, n: jwk.n };
}

export interface DeployKey {
  jwk: pulumi.Output<OktaAppJwkArgs>;
  /** Secret: only when generated here. */
  privateKeyPem?: pulumi.Output<string>;
}

/** A new RSA 2048 key (a `tls.PrivateKey`), loaded lazily so a supplied JWK never loads the SDK. */
export function generatedKey(
  name: string,
  kid: string,
  opts: pulumi.CustomResourceOptions,
): DeployKey {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tls: typeof import("@pulumi/tls/privateKey") = require("@pulumi/tls/privateKey");
  const key = new tls.PrivateKey(`${name}-key`, { algorithm: "RSA", rsaBits: 2048 }, opts);
  return {
    jwk: key.publicKeyPem.apply((pem) => rsaPublicJwk(pem, kid)),
    // The SDK marks it secret already; said again so no refactoring can lose it.
    privateKeyPem: pulumi.secret(key.privateKeyPem),
  };
}
