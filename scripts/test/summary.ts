/**
 * `npm test`'s summary (the reporter is scripts/test/reporter.ts):
 * what a person reads. One line per top-level suite with its count, every failure in full (the
 * test's path, file, error, diff and stack), skipped and todo tests by name, node's own summary lines
 * (`ℹ tests 857`, `ℹ pass 857`, …), and last, alone on its line, `N passed, N failed` (`, N
 * skipped` when some were), which CI runners read. The exit code stays node's.
 */
import { inspect } from "node:util";

/** The fields of node's test events this reporter reads. */
export interface TestEventData {
  name: string;
  nesting: number;
  file?: string;
  line?: number;
  message?: string;
  skip?: boolean | string;
  todo?: boolean | string;
  details?: { type?: string; error?: unknown; duration_ms?: number };
}
export interface TestEvent {
  type: string;
  data: TestEventData;
}

interface Tally {
  passed: number;
  failed: number;
}

const indent = (text: string, by = "    "): string =>
  text
    .split("\n")
    .map((l) => (l ? by + l : l))
    .join("\n");

/** The error as node's own reporters show it: the assertion (message, diff, stack), not its wrapper. */
function describeError(error: unknown): string {
  const e = error as { cause?: unknown; failureType?: string; code?: string } | undefined;
  const inner = e?.code === "ERR_TEST_FAILURE" && e.cause !== undefined ? e.cause : error;
  // Node's own frames say nothing about the test: left out.
  return inspect(inner, { depth: 4, colors: false, breakLength: 100 })
    .split("\n")
    .filter((l) => !/^\s+at (.* \()?node:/.test(l))
    .join("\n");
}

/** Turns test events into lines. Pure: tested by feeding it events. */
export class Summary {
  /** Per file: the names of the tests being reported, by nesting; and counts under the top level. */
  private readonly path = new Map<string, string[]>();
  private readonly tally = new Map<string, Tally>();
  private readonly failures: string[] = [];
  private readonly skipped: string[] = [];
  private readonly diagnostics = new Map<string, string>();
  private leaves: Tally & { skipped: number } = { passed: 0, failed: 0, skipped: 0 };

  /** The lines to print for one event. */
  event({ type, data }: TestEvent): string[] {
    const file = data.file ?? "";
    if (type === "test:start") {
      const names = this.path.get(file) ?? [];
      names.length = data.nesting;
      names.push(data.name);
      this.path.set(file, names);
      return [];
    }
    if (type === "test:stdout" || type === "test:stderr")
      return data.message ? [indent(data.message.trimEnd(), "  | ")] : [];
    if (type === "test:diagnostic") {
      if (data.nesting === 0 && data.message) {
        const [key, ...rest] = data.message.split(" ");
        this.diagnostics.set(key, rest.join(" "));
      }
      return [];
    }
    if (type !== "test:pass" && type !== "test:fail") return [];
    return this.result(type === "test:pass", file, data);
  }

  private result(passed: boolean, file: string, data: TestEventData): string[] {
    const names = [...(this.path.get(file) ?? []).slice(0, data.nesting), data.name];
    const leaf = data.details?.type !== "suite";
    const out: string[] = [];
    const tallyKey = `${file}\0${names[0]}`;
    const tally = this.tally.get(tallyKey) ?? { passed: 0, failed: 0 };
    if (leaf) {
      if (data.skip !== undefined || data.todo !== undefined) {
        this.leaves.skipped++;
        this.skipped.push(`${names.join(" > ")} (${data.skip !== undefined ? "skip" : "todo"})`);
      } else if (passed) {
        this.leaves.passed++;
        tally.passed++;
      } else {
        this.leaves.failed++;
        tally.failed++;
      }
    }
    const error = data.details?.error as { failureType?: string } | undefined;
    if (!passed && error?.failureType !== "subtestsFailed") {
      const where = data.file ? ` (${data.file}${data.line ? `:${data.line}` : ""})` : "";
      const title = `✖ ${names.join(" > ")}${where}`;
      this.failures.push(title);
      out.push("", title, indent(describeError(error)), "");
    }
    this.tally.set(tallyKey, tally);
    if (data.nesting === 0) {
      this.tally.delete(tallyKey);
      const count = tally.passed + tally.failed;
      const ms = data.details?.duration_ms;
      const time = ms === undefined || ms < 1000 ? "" : `, ${(ms / 1000).toFixed(1)} s`;
      const what = tally.failed ? `${tally.failed} of ${count} failed` : `${count} passed`;
      out.push(`${tally.failed || !passed ? "✖" : "✔"} ${data.name} (${what}${time})`);
    }
    return out;
  }

  /** The closing lines: skipped and failed tests by name, node's summary, then the count line. */
  end(): string[] {
    const out: string[] = [""];
    if (this.skipped.length) out.push("Skipped:", ...this.skipped.map((s) => `  ${s}`), "");
    if (this.failures.length)
      out.push(`Failed (${this.failures.length}):`, ...this.failures.map((f) => `  ${f}`), "");
    for (const [key, value] of this.diagnostics) out.push(`ℹ ${key} ${value}`);
    const num = (key: string, own: number) => {
      const n = Number(this.diagnostics.get(key));
      return Number.isInteger(n) ? n : own;
    };
    const passed = num("pass", this.leaves.passed);
    const failed = num("fail", this.leaves.failed);
    const skipped = num("skipped", 0) + num("todo", 0) || this.leaves.skipped;
    out.push(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
    return out;
  }
}
