/** The report: one line (or one JSON object) per check, then a summary. */
import { CheckResult } from "./result";

/** One line per check: status, check, what was expected, what was seen, and the fix of a failure. */
export function line(r: CheckResult): string {
  const fix = r.status === "fail" ? ` | fix: ${r.fix}` : "";
  const expected = r.expected ? ` | expected: ${r.expected}` : "";
  return `${r.status.toUpperCase().padEnd(4)} ${r.check}${expected} | seen: ${r.seen}${fix}`;
}

export function summary(results: readonly CheckResult[], stack: string, ms: number): string {
  const n = (s: string) => results.filter((r) => r.status === s).length;
  const verdict = n("fail") === 0 ? "verified" : "NOT verified";
  return `${stack}: ${verdict}: ${n("pass")} passed, ${n("fail")} failed, ${n("skip")} skipped (${(ms / 1000).toFixed(1)} s)`;
}

/** The whole report as text with its summary, or as JSON lines: one object per check. */
export function report(
  results: readonly CheckResult[],
  stack: string,
  ms: number,
  json: boolean,
): string {
  if (json) return results.map((r) => JSON.stringify(r)).join("\n");
  return [...results.map(line), summary(results, stack, ms)].join("\n");
}
