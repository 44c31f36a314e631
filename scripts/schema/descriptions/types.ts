// The shape of a key's docs, apart from index.ts so that the per-area files import no module
// that imports them back.
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
