/**
 * A credential the program reads as a secret must be stored as one: a `secure:` value in the stack
 * file (or a secret in an ESC environment it imports). Pulumi marks such values secret; a plain
 * value would sit in version control and the program would not know to keep it out of logs.
 */
import type { Problem } from "./error";

/** The command that stores `key` encrypted. A private key is read from its PEM file. */
export const setSecretCommand = (key: string): string =>
  key === "okta:privateKey"
    ? "pulumi config set --secret okta:privateKey < key.pem"
    : `pulumi config set --secret ${key} <value>`;

/**
 * The secret keys `config` holds in plain text. `storedSecret` lists the keys Pulumi reports
 * secret; without it (a caller that has no such record, e.g. a pure test) every value counts as
 * stored secret. The value is never printed.
 */
export function plainTextSecrets(
  config: Readonly<Record<string, string>>,
  secretKeys: Iterable<string>,
  storedSecret: readonly string[] | undefined,
  stack: string,
): Problem[] {
  if (storedSecret === undefined) return [];
  const stored = new Set(storedSecret);
  const problems: Problem[] = [];
  for (const key of secretKeys) {
    if (config[key] === undefined || config[key] === "" || stored.has(key)) continue;
    problems.push({
      path: key,
      message: `is stored in plain text (in Pulumi.${stack}.yaml or an ESC environment it imports), but it is a credential: store it encrypted with \`${setSecretCommand(key)}\` (this replaces the plain value), and rotate it if the plain value was ever committed`,
    });
  }
  return problems;
}
