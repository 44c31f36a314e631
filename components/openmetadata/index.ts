/** OpenMetadata's sign-in through Okta, and the pure builders its component uses. */
export { OpenMetadata } from "./openmetadata";
export type { OpenMetadataArgs } from "./openmetadata";
export {
  OpenMetadataClientType,
  OpenMetadataConfigSource,
  openMetadataEnv,
  openMetadataHelmValues,
  openMetadataJwksUrl,
  openMetadataPublicKeyUrls,
  openMetadataRedirectUris,
} from "./plan";
export type { OpenMetadataSso } from "./plan";
