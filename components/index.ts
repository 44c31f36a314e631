/**
 * The okta-pomerium component library: `import { OktaApp, Pomerium, … } from "okta-pomerium"`.
 * Importing it registers nothing and reads no stack settings; the stack program is `program.ts`.
 */
export * from "./okta";
export * from "./pomerium";
export * from "./openmetadata";
