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

/** What the docs say of one key. */
export interface KeyDoc {
  /** One or two sentences: what it does, in this project's words. Plain text with `code`. */
  description: string;
  /** A value, when no committed stack file has one for this key. */
  example?: unknown;
  /** The default in words, when it is derived from other settings rather than a fixed value. */
  default?: string;
}

export type KeyDocs = Readonly<Record<string, KeyDoc>>;

export const DESCRIPTIONS: KeyDocs = { ...STACK_KEYS, ...OKTA, ...POMERIUM, ...RELYING_PARTIES };
