/** The report: one line (or one JSON object) per check, then a summary. */
import { CheckResult } from "./result";

export function line(r: CheckResult): string {
  const head = `${r.status.toUpperCase().padEnd(4)} ${r.check}`;
  if (r.status === "pass") return `${head}: ${r.seen}`;
  if (r.status === "skip") return `${head}: ${r.seen}`;
  return `${head}\n     expected: ${r.expected}\n     seen:     ${r.seen}\n     fix:      ${r.fix}`;
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
