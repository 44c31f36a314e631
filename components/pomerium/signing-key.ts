/**
 * Pure: Pomerium's `signing_key` (a P-256 private key, PEM, base64-encoded) derived from random
 * bytes kept in state. The same seed always gives the same key, so a second `up` changes nothing,
 * and no randomness is drawn outside the `@pulumi/random` resource that holds the seed.
 */
import { createECDH, createHash, createPrivateKey } from "node:crypto";

/** The PEM (SEC 1 "EC PRIVATE KEY", as Pomerium's own `cryptutil.EncodePrivateKey` writes it). */
export function signingKeyPem(seed: Buffer): string {
  let d = seed;
  // A 32-byte seed is a valid P-256 scalar unless it is 0 or >= the group order (odds ~2^-32):
  // then hash it until it is one.
  for (;;) {
    try {
      const ecdh = createECDH("prime256v1");
      ecdh.setPrivateKey(d);
      const pub = ecdh.getPublicKey(); // 0x04 || x || y
      const jwk = {
        kty: "EC",
        crv: "P-256",
        d: d.toString("base64url"),
        x: pub.subarray(1, 33).toString("base64url"),
        y: pub.subarray(33, 65).toString("base64url"),
      };
      return createPrivateKey({ key: jwk, format: "jwk" })
        .export({ type: "sec1", format: "pem" })
        .toString();
    } catch {
      d = createHash("sha256").update(d).digest();
    }
  }
}

/** `signing_key` as Pomerium reads it: the PEM, base64-encoded. */
export const signingKeyOf = (seedBase64: string): string =>
  Buffer.from(signingKeyPem(Buffer.from(seedBase64, "base64"))).toString("base64");
