/**
 * The project's own wording for what zod checks without a message of its own: a key's type, its
 * length or size bounds, an enum. Used as the per-parse error map (schema-level messages still
 * win), so no setting ever shows a validator's raw text ("Invalid input: expected boolean…").
 */
import type * as z from "zod";

/** The message of a key that is missing altogether (parse.ts prints it as "is required"). */
export const REQUIRED = "is required";

const NOUNS: Record<string, string> = {
  boolean: "true or false, unquoted",
  string: "a string",
  number: "a number",
  int: "a whole number",
  array: "a list",
  object: "a map of keys (a YAML mapping)",
  record: "a map of keys (a YAML mapping)",
};

const UNITS: Record<string, [string, string]> = {
  string: ["character", "characters"],
  array: ["item", "items"],
  set: ["item", "items"],
};

function bound(n: number | bigint, origin: string): string {
  const unit = UNITS[origin];
  return unit ? `${n} ${n === 1 ? unit[0] : unit[1]}` : String(n);
}

/** Whether the schema that raised the issue is `z.int()` (its type error says "number"). */
const isInt = (iss: z.core.$ZodRawIssue) =>
  /int/.test(
    String((iss.inst as z.core.$ZodType | undefined)?._zod.def?.["format" as never] ?? ""),
  );

/** Per-parse error map: every zod issue in the settings' own terms. */
export function settingsMessage(iss: z.core.$ZodRawIssue): string | undefined {
  switch (iss.code) {
    case "invalid_type":
      if (iss.input === undefined) return REQUIRED;
      return `must be ${NOUNS[isInt(iss) ? "int" : iss.expected] ?? `a ${iss.expected}`}`;
    case "too_small":
      if (iss.origin === "string" && Number(iss.minimum) === 1) return "must not be empty";
      if (iss.origin === "array" && Number(iss.minimum) === 1) return "must list at least one item";
      return `must be at least ${bound(iss.minimum, iss.origin)}`;
    case "too_big":
      return `must be at most ${bound(iss.maximum, iss.origin)}`;
    case "invalid_value":
      return `must be one of ${iss.values.map((v) => String(v)).join(", ")}`;
    case "invalid_format":
      return iss.format === "regex" ? "has the wrong format" : `must be a valid ${iss.format}`;
    case "invalid_union":
      return "is not one of the accepted forms";
    default:
      return undefined;
  }
}
