// The bootstrap project: the Okta service app the main stacks deploy with. See docs/deploy-credentials.md.
import { bootstrapProgram } from "./program";

const out = bootstrapProgram();

export const clientId = out.clientId;
export const keyId = out.keyId;
export const scopes = out.scopes;
export const adminRoles = out.adminRoles;
export const publicJwk = out.publicJwk;
export const privateKeyPem = out.privateKeyPem; // secret, when the key is generated here
export const configCommands = out.configCommands;
