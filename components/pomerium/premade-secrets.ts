/**
 * Pomerium secrets a team brings from its own secret manager (`sharedSecret`, `cookieSecret`,
 * `signingKey`) instead of the ones `@pulumi/random` makes: pure shape checks, and the component
 * side that applies them to a value known now or only at `up`. No message carries the value.
 */
import { createPrivateKey } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";

export type PremadeSecret = "sharedSecret" | "cookieSecret" | "signingKey";

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Why `value` is not what Pomerium reads for `name` (undefined when it is). */
export function premadeSecretProblem(name: PremadeSecret, value: string): string | undefined {
  if (!BASE64.test(value) || value.length % 4 !== 0)
    return `${name} is not base64 (Pomerium reads it base64-encoded)`;
  const bytes = Buffer.from(value, "base64");
  if (name !== "signingKey")
    return bytes.length === 32
      ? undefined
      : `${name} must be base64 of exactly 32 random bytes (it decodes to ${bytes.length}); make one with \`head -c32 /dev/urandom | base64\``;
  const fix =
    "signingKey must be base64 of a PEM P-256 (ES256) private key; make one with `openssl ecparam -genkey -name prime256v1 -noout | base64 -w0`";
  try {
    const key = createPrivateKey(bytes.toString());
    return key.asymmetricKeyType === "ec" && key.asymmetricKeyDetails?.namedCurve === "prime256v1"
      ? undefined
      : `${fix} (it is a ${key.asymmetricKeyType} key)`;
  } catch {
    return `${fix} (it does not decode to a PEM private key)`;
  }
}

/**
 * The given secret, checked: a plain value now (its problem is returned for the component's
 * error), an Output when it resolves (the update fails with the problem). Secret either way.
 */
export function premadeSecret(
  name: PremadeSecret,
  value: pulumi.Input<string>,
  problems: string[],
): pulumi.Output<string> {
  if (typeof value === "string") {
    const problem = premadeSecretProblem(name, value);
    if (problem) problems.push(problem);
    return pulumi.secret(value);
  }
  return pulumi.secret(
    pulumi.output(value).apply((v) => {
      const problem = premadeSecretProblem(name, v);
      if (problem) throw new Error(problem);
      return v;
    }),
  );
}
