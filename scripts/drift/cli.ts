/**
 * The drift workflow's two steps (.github/workflows/drift.yml):
 *
 *   summarize --stack S --preview FILE [--exit-code N] [--run-url URL] --out DIR
 *     reads `pulumi preview --refresh --expect-no-changes --json`'s output (missing or empty: the
 *     preview did not run or printed nothing), writes DIR/status (clean, drift or error) and
 *     DIR/body.md, and prints the status. Exit 0 when clean, 1 otherwise.
 *   issue --stack S --dir DIR
 *     opens, updates or closes the stack's drift issue (./issue) from DIR/status and DIR/body.md;
 *     a DIR without them (the check job failed before summarizing) counts as a failed check.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { gh, Gh, Status, syncIssue } from "./issue";
import { issueBody } from "./markdown";
import { PreviewDigest, summarize } from "./summary";

function options(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const k = argv[i]!;
    const v = argv[i + 1];
    if (!k.startsWith("--") || v === undefined) throw new Error(`expected --name value, got ${k}`);
    out[k.slice(2)] = v;
  }
  return out;
}

function required(o: Record<string, string>, k: string): string {
  const v = o[k];
  if (!v) throw new Error(`--${k} is required`);
  return v;
}

function readDigest(file: string): PreviewDigest | undefined {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, "utf8").trim();
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as PreviewDigest;
  } catch {
    return { diagnostics: [{ severity: "error", message: `${path.basename(file)} is not JSON` }] };
  }
}

export function runSummarize(o: Record<string, string>): Status {
  const stack = required(o, "stack");
  const out = required(o, "out");
  const code = o["exit-code"];
  const exitCode = code === undefined || code === "" ? undefined : Number(code);
  const s = summarize(readDigest(required(o, "preview")), exitCode);
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, "status"), `${s.status}\n`);
  writeFileSync(path.join(out, "body.md"), `${issueBody(s, { stack, runUrl: o["run-url"] })}\n`);
  return s.status;
}

export function runIssue(o: Record<string, string>, run: Gh = gh): string {
  const stack = required(o, "stack");
  const dir = required(o, "dir");
  const statusFile = path.join(dir, "status");
  const bodyFile = path.join(dir, "body.md");
  const status = existsSync(statusFile) ? readFileSync(statusFile, "utf8").trim() : "";
  if ((status !== "clean" && status !== "drift" && status !== "error") || !existsSync(bodyFile)) {
    mkdirSync(dir, { recursive: true });
    const url = o["run-url"] ? ` ([run](${o["run-url"]}))` : "";
    writeFileSync(
      bodyFile,
      `The drift check of stack \`${stack}\` failed before it could summarize the preview${url}.\n`,
    );
    return syncIssue(run, stack, "error", bodyFile);
  }
  return syncIssue(run, stack, status, bodyFile);
}

if (require.main === module) {
  const [command, ...rest] = process.argv.slice(2);
  try {
    const o = options(rest);
    if (command === "summarize") {
      const status = runSummarize(o);
      console.log(status);
      process.exitCode = status === "clean" ? 0 : 1;
    } else if (command === "issue") console.log(runIssue(o));
    else throw new Error(`unknown command ${command ?? "(none)"}: summarize or issue`);
  } catch (e) {
    console.error(`drift: ${(e as Error).message}`);
    process.exitCode = 2;
  }
}
