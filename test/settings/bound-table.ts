// The table behind bounds.test.ts and lengths.test.ts: a setting's last accepted and first refused
// value, with the exact message of the refusal.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { baseConfig, problemsOf } from "../mocks";

export type Config = Record<string, string>;
export interface Bound {
  /** The key path the refusal names. */
  path: string;
  /** The configuration with the value under test. */
  config: (v: number) => Config;
  /** The last accepted value and the first refused one. */
  ok: number;
  bad: number;
  /** The exact message for `bad`. */
  message: string;
  stack?: string;
}

export const P = "okta-pomerium:";
export const as = (o: object) => baseConfig({ [`${P}authorizationServer`]: o });
export const pom = (o: object, extra: object = {}) => baseConfig({ [`${P}pomerium`]: o, ...extra });
export const postgres = (o: object) =>
  pom(
    { ...o, databroker: { storage: "postgres", ...(o as any).databroker } },
    { [`${P}databrokerConnectionString`]: "postgres://x" },
  );
export const okta = (key: string) => (v: number) => baseConfig({ [`okta:${key}`]: String(v) });
/** How a refused value is quoted in a message: JSON, cut at 80 characters. */
export const got = (v: unknown) => {
  const text = JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};
export const a = (n: number) => "a".repeat(n);
export const tooSmall = (min: number, v: number) => `must be at least ${min} (got ${v})`;
export const tooBig = (max: number, v: number) => `must be at most ${max} (got ${v})`;
export const tooLong = (max: number, v: string) =>
  `must be at most ${max} characters (got ${got(v)})`;

/** A lower and an upper bound of an integer setting, in the settings' own words (messages.ts). */
export const range = (
  path: string,
  config: (v: number) => Config,
  min: number,
  max: number,
): Bound[] => [
  { path, config, ok: min, bad: min - 1, message: tooSmall(min, min - 1) },
  { path, config, ok: max, bad: max + 1, message: tooBig(max, max + 1) },
];

/** A DNS-1123 label setting: 63 characters pass, 64 do not. */
export const label = (path: string, what: string, config: (s: string) => Config): Bound => ({
  path,
  config: (n) => config(a(n)),
  ok: 63,
  bad: 64,
  message: `${what} must be at most 63 characters (a DNS-1123 label) (got ${got(a(64))})`,
});

export function boundTests(title: string, bounds: Bound[]) {
  describe(title, () => {
    for (const b of bounds) {
      test(`${b.path}: ${b.ok} is accepted, ${b.bad} is refused`, () => {
        assert.deepEqual(problemsOf(b.config(b.ok), b.stack), [], `${b.ok} was refused`);
        assert.deepEqual(problemsOf(b.config(b.bad), b.stack), [
          { path: b.path, message: b.message },
        ]);
      });
    }
  });
}
