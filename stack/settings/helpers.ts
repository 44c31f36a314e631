/** Small zod building blocks shared by the settings schemas. */
import * as z from "zod";
import { canonicalQuantity } from "./quantity";

// A run parses the settings once: zod's interpreter beats compiling a fast path that is never reused
// (about 5 ms per preview, measured). Parsing results are the same either way.
z.config({ jitless: true });

export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
// Kubernetes quantity, canonical-ish: digits with an optional decimal part and a known suffix.
export const QUANTITY = /^[0-9]+(\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;
export const OKTA_SCOPE_NAME = /^[A-Za-z0-9_.:\-/]+$/;

export const dnsLabel = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .max(63, { error: `${what} must be at most 63 characters (a DNS-1123 label)` })
    .regex(DNS1123_LABEL, {
      error: `${what} must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit`,
    });

/** A DNS-1123 subdomain (Kubernetes object names such as Secrets, Gateways, IngressClasses). */
export const dnsName = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .max(253, { error: `${what} must be at most 253 characters` })
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, {
      error: `${what} must be a Kubernetes name: lower-case letters, digits, '-' and '.'`,
    });

/** The JSON Schema generator (scripts/schema) recognises quantities by this description. */
export const QUANTITY_DESCRIPTION =
  'A Kubernetes quantity: "250m", "1", "0.5", "256Mi", "1Gi", or a number (1, 0.5)';

/**
 * A Kubernetes quantity, stored canonical. A number is accepted as well (`cpu: 1`, `cpu: 0.5`: YAML
 * and `pulumi config set --path` store those as numbers), as the API server accepts it.
 */
export const quantity = (what: string) => {
  const error = `${what} must be a Kubernetes quantity such as "250m", "1", "256Mi" or "1Gi"`;
  return z
    .union([z.string(), z.number()], { error })
    .transform((v) => String(v))
    .pipe(z.string().regex(QUANTITY, { error }))
    .transform(canonicalQuantity)
    .meta({ description: QUANTITY_DESCRIPTION });
};

export const httpsUrl = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .refine((v) => parseUrl(v)?.protocol === "https:", {
      error: `${what} must be an absolute https:// URL`,
    });

/** `new URL` without the throw. */
export function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
