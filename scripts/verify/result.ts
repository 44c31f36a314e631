/** One check's result, and helpers the checks share. */
import { Answer, RequestFailed } from "./http";

export type Status = "pass" | "fail" | "skip";

/** One line of the report (one JSON object with `--json`). */
export interface CheckResult {
  check: string;
  status: Status;
  expected: string;
  seen: string;
  /** What to do about a failure (empty when passed). */
  fix: string;
}

export const pass = (check: string, expected: string, seen: string): CheckResult => ({
  check,
  status: "pass",
  expected,
  seen,
  fix: "",
});

export const fail = (check: string, expected: string, seen: string, fix: string): CheckResult => ({
  check,
  status: "fail",
  expected,
  seen,
  fix,
});

export const skip = (check: string, expected: string, why: string): CheckResult => ({
  check,
  status: "skip",
  expected,
  seen: why,
  fix: "",
});

/** What to do when a host gave no answer at all, by kind of failure. */
export function unreachable(check: string, expected: string, e: RequestFailed, what: string) {
  const tries = e.attempts > 1 ? ` (${e.attempts} attempts)` : "";
  const fix = {
    dns: `create the DNS record of ${what}, pointing at the ingress or load balancer`,
    refused: `nothing listens on ${what}: check the ingress or load balancer and its port 443`,
    timeout: `${what} did not answer in time: check it is up, or raise --timeout while it starts`,
    tls: `serve a certificate for ${what} that this machine trusts`,
    network: `check the network path to ${what}`,
    "not-https": `serve ${what} over https`,
  }[e.kind];
  return fail(check, expected, `${e.message}${tries}`, fix);
}

/** The JSON object in an answer's body, or undefined when it is not one. */
export function jsonObject(a: Answer): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(a.body);
    return v && typeof v === "object" && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A page's text without markup, whitespace collapsed and cut: what an error page says. */
export function pageText(body: string, max = 200): string {
  const text = body
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A URL as the report shows it: origin and path, never the query (it may carry state). */
export const shown = (url: string) => {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
};

/** The result of running `fn`, or the failure a RequestFailed becomes. */
export async function guarded(
  check: string,
  expected: string,
  what: string,
  fn: () => Promise<CheckResult>,
): Promise<CheckResult> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof RequestFailed) return unreachable(check, expected, e, what);
    throw e;
  }
}
