/**
 * The description of every settings key at every level, keyed by its path (`pomerium.replicas`,
 * `routes[].from`, `okta:orgName`; see scripts/schema/keys.ts). The JSON Schema (editors show them
 * on hover), docs/settings.md and Pulumi.yaml's comments all read them from here, and a test fails
 * when a key has none: a new setting gets its line here.
 */
import { OKTA } from "./okta";
import { POMERIUM } from "./pomerium";
import { RELYING_PARTIES } from "./relying-parties";
import { STACK_KEYS } from "./stack";
import type { KeyDocs } from "./types";

export type { KeyDoc, KeyDocs } from "./types";

export const DESCRIPTIONS: KeyDocs = { ...STACK_KEYS, ...OKTA, ...POMERIUM, ...RELYING_PARTIES };
