/** What the docs say of one key (scripts/schema/descriptions/index.ts collects them). */
export interface KeyDoc {
  /** One or two sentences: what it does, in this project's words. Plain text with `code`. */
  description: string;
  /** A value, when the schema gives none worth showing (no default, no other allowed value). */
  example?: unknown;
  /** The default in words, when it is derived from other settings rather than a fixed value. */
  default?: string;
}

/** Descriptions keyed by path. */
export type KeyDocs = Readonly<Record<string, KeyDoc>>;
