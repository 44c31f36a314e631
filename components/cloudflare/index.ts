/** Cloudflare Access on the same Okta: an identity provider, policies and applications. */
export { CloudflareAccess, cloudflareCallbackUrl } from "./access";
export type {
  CloudflareAccessAppArgs,
  CloudflareAccessArgs,
  CloudflareOktaIdpArgs,
} from "./access";
export { accessCallbackUrl, DEFAULT_SESSION_DURATION } from "./plan";
