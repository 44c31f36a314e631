// okta-pomerium: an Okta-protected Pomerium proxy for one stack. See README.md.
import { program } from "./stack/program";

const out = program();

export const issuer = out.issuer;
export const clientId = out.clientId;
export const clientSecret = out.clientSecret; // secret
export const scopes = out.scopes;
export const namespace = out.namespace;
export const serviceName = out.serviceName;
export const authenticateUrl = out.authenticateUrl;
export const redirectUri = out.redirectUri;
export const routeUrls = out.routeUrls;
export const pomeriumVersion = out.pomeriumVersion;
export const authorizationServerMode = out.authorizationServerMode;
export const idpServiceAccount = out.idpServiceAccount; // secret, when directoryApiToken is set
export const cloudflareAccess = out.cloudflareAccess; // with the cloudflareAccess section
export const openMetadataClientId = out.openMetadataClientId; // with openMetadata
export const openMetadataIssuer = out.openMetadataIssuer;
export const openMetadataSecret = out.openMetadataSecret;
export const openMetadataHelmValues = out.openMetadataHelmValues;
