/** What every cross-field rule shares: the key prefix, the problem sink and derived values. */
import type { Version } from "../../components/pomerium/facts";

export const P = "okta-pomerium:";

export type SecretsSet = Readonly<
  Record<
    | "oktaApiToken"
    | "oktaPrivateKey"
    | "directoryApiToken"
    | "databrokerConnectionString"
    | "cloudflareApiToken"
    | "pomeriumSharedSecret"
    | "pomeriumCookieSecret"
    | "pomeriumSigningKey",
    boolean
  >
>;

export interface Derived {
  oktaAuth?: "apiToken" | "serviceApp";
  pomeriumVersion?: Version;
  warnings: string[];
}

export type Add = (path: string, message: string) => void;
