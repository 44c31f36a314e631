/**
 * `npm run verify -- <stack> [--outputs FILE] [--json] [--timeout SECONDS] [--route HOST]...`:
 * proves from outside that a deployed stack signs users in (see docs/verify.md).
 * Reads the outputs from `pulumi stack output --json --show-secrets=false` (or from FILE), runs
 * the checks, telling on stderr as each starts and ends (not with --json), prints one line per
 * check (one JSON object per check with --json, the summary then on stderr) and exits 0 only when
 * none failed; 2 on a usage error or without the outputs (no Pulumi CLI and no --outputs).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { report, summary } from "./report";
import { ProgressEvent, verify } from "./run";

export interface CliArgs {
  stack: string;
  outputs?: string;
  json: boolean;
  timeoutSeconds: number;
  routes: string[];
}

export const DEFAULT_TIMEOUT_SECONDS = 60;
const USAGE =
  "usage: npm run verify -- <stack> [--outputs FILE] [--json] [--timeout SECONDS] [--route HOST]...";

/** Parses the arguments; throws an Error naming the option, the value and the fix. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = {
    stack: "",
    json: false,
    timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
    routes: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === "--json") args.json = true;
    else if (a === "--outputs") args.outputs = value();
    else if (a === "--route") args.routes.push(value());
    else if (a === "--timeout") {
      const v = value();
      const n = Number(v);
      if (!/^\d+(\.\d+)?$/.test(v) || n < 0.1 || n > 3600) {
        throw new Error(
          `--timeout ${v}: give the seconds the whole run may take, from 0.1 to 3600 (default ${DEFAULT_TIMEOUT_SECONDS})`,
        );
      }
      args.timeoutSeconds = n;
    } else if (a.startsWith("--")) throw new Error(`unknown option ${a}\n${USAGE}`);
    else if (!args.stack) args.stack = a;
    else throw new Error(`unexpected argument ${a}: one stack at a time\n${USAGE}`);
  }
  if (!args.stack) throw new Error(`no stack given\n${USAGE}`);
  return args;
}

/** The stack's outputs from the Pulumi CLI; one line naming both ways out when it is missing. */
function pulumiOutputs(stack: string): string {
  try {
    return execFileSync(
      "pulumi",
      ["stack", "output", "--json", "--show-secrets=false", "--stack", stack],
      { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
    );
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT")
      throw new Error(
        "the Pulumi CLI is not on PATH: install pulumi or pass --outputs FILE (the output of `pulumi stack output --json`)",
        { cause: e },
      );
    throw new Error(`pulumi stack output --stack ${stack} failed (see above)`, { cause: e });
  }
}

/** One line on stderr as a check starts (`...`) and as it ends (its status). */
export function progressLine(e: ProgressEvent): string {
  return e.phase === "start" ? `...  ${e.check}` : `${e.status.toUpperCase().padEnd(4)} ${e.check}`;
}

function readOutputs(args: CliArgs): unknown {
  const text = args.outputs ? readFileSync(args.outputs, "utf8") : pulumiOutputs(args.stack);
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(
      `${args.outputs ?? "pulumi stack output"}: not JSON (expected the output of \`pulumi stack output --json\`)`,
    );
  }
}

async function main(): Promise<number> {
  let args: CliArgs;
  let outputs: unknown;
  try {
    args = parseArgs(process.argv.slice(2));
    outputs = readOutputs(args);
  } catch (e) {
    console.error(`verify: ${(e as Error).message}`);
    return 2;
  }
  const t0 = performance.now();
  const results = await verify(outputs, {
    timeoutSeconds: args.timeoutSeconds,
    routes: args.routes,
    ...(args.json ? {} : { onProgress: (e) => console.error(progressLine(e)) }),
  });
  const ms = performance.now() - t0;
  console.log(report(results, args.stack, ms, args.json));
  if (args.json) console.error(summary(results, args.stack, ms));
  return results.some((r) => r.status === "fail") ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
