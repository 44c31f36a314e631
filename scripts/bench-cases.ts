/**
 * How `npm run bench` runs its program cases: each in a fresh process (bench-eval.ts, or another
 * checkout's), interleaved round by round, timed wall-clock or, with `--cpu`, in CPU time.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";

/** A bench case: arguments of this checkout's bench-eval, or a script of another under its Node. */
export type Case = string[] | { node: string; script: string; args: string[] };

const EVAL = path.join(__dirname, "bench-eval.js");

/** `--cpu`: the program cases are judged on CPU time (user + system) instead of wall-clock time. */
export const CPU = process.argv.includes("--cpu");

/** A case's time (wall-clock, or CPU with --cpu); `count`: the one number it printed instead. */
export function runCase(c: Case, count = false): number {
  const [node, script, args] = Array.isArray(c)
    ? [process.execPath, EVAL, c]
    : [c.node, c.script, c.args];
  const res = spawnSync(node, [script, ...args], { encoding: "utf8" });
  if (res.status !== 0) throw new Error(`bench case ${args.join(" ")} failed:\n${res.stderr}`);
  const [wall, cpu] = res.stdout.trim().split(/\s+/).map(Number);
  if (!CPU || count) return wall;
  if (!Number.isFinite(cpu))
    throw new Error(
      `bench case ${args.join(" ")} reports no CPU time (a baseline older than --cpu?); run without --cpu`,
    );
  return cpu;
}

/** Runs every case `rounds` times, interleaved; the ts-node cases (seconds each) three times. */
export function measure(cases: Record<string, Case>, rounds: number): Record<string, number[]> {
  const names = Object.keys(cases);
  const times: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
  for (let i = 0; i < rounds; i++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(i + j) % names.length];
      if (name.startsWith("ts-") && times[name].length >= 3) continue;
      times[name].push(runCase(cases[name]));
    }
  }
  return times;
}

/** `0m1.234s` (bash's `times`) in milliseconds. */
export const bashTime = (t: string) => {
  // The decimal point is the locale's (bash's locale_decpoint): the wrapper sets LC_ALL=C, and a
  // comma is read too.
  const m = /^(\d+)m(\d+)[.,](\d+)s$/.exec(t);
  if (!m) throw new Error(`bench: cannot read the time "${t}" from bash's times`);
  return Math.round((Number(m[1]) * 60 + Number(`${m[2]}.${m[3]}`)) * 1000);
};

/**
 * Milliseconds of one command and everything it starts (npm, its scripts): wall-clock, or with
 * `--cpu` the CPU time (user + system) bash's `times` reports for its children. Fails loudly.
 */
export function timeCommand(
  cmd: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
  cpu = CPU,
): number {
  const t0 = performance.now();
  const r = cpu
    ? spawnSync(
        "bash",
        ["-c", '"$@"; rc=$?; LC_ALL=C; times >&3; exit $rc', "bench", cmd, ...args],
        {
          ...options,
          encoding: "utf8",
          maxBuffer: 64 * 1024 * 1024,
          stdio: ["ignore", "pipe", "pipe", "pipe"],
        },
      )
    : spawnSync(cmd, args, { ...options, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stderr}`);
  if (!cpu) return Math.round(ms);
  // times: the shell's own user and system time, then its children's.
  const children = String(r.output[3]).trim().split("\n")[1].trim().split(/\s+/);
  return children.map(bashTime).reduce((a, b) => a + b, 0);
}
