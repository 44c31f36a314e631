/** Pomerium on Kubernetes, and the pure builders its component uses. */
export { Pomerium } from "./pomerium";
export { PomeriumControllerConfig } from "./controller";
export type { PomeriumControllerConfigArgs } from "./controller";
export type {
  PomeriumArgs,
  PomeriumDatabrokerArgs,
  PomeriumGatewayArgs,
  PomeriumGatewayParentRefArgs,
  PomeriumIngressArgs,
  PomeriumNetworkPolicyArgs,
  PomeriumResourceListArgs,
  PomeriumResourcesArgs,
  PomeriumRouteArgs,
  PomeriumServiceArgs,
} from "./args";
export { serviceAccountJson } from "./config";
export { DatabrokerStorage, DEFAULT_POMERIUM_IMAGE } from "./spec";
export { NamespaceOwnership } from "./namespace";
