/**
 * What a run started, by process id: the control plane (cluster.ts keeps those), and everything
 * below this process (the test files' processes, the Pulumi CLI they start, its plugins). On
 * Ctrl-C, a signal or a failure, `stopTree` ends each of them by its id: SIGTERM, then SIGKILL
 * for what is still there after a grace period.
 */
import { spawnSync } from "node:child_process";

/** `ps -A -o pid=,ppid=` as pid -> parent pid. */
export function parsePs(text: string): Map<number, number> {
  const parents = new Map<number, number>();
  for (const line of text.split("\n")) {
    const m = /^\s*(\d+)\s+(\d+)\s*$/.exec(line);
    if (m) parents.set(Number(m[1]), Number(m[2]));
  }
  return parents;
}

/** Every process below `root` (children, their children, …), the deepest last. */
export function descendantsOf(parents: ReadonlyMap<number, number>, root: number): number[] {
  const out: number[] = [];
  let level = [root];
  while (level.length > 0) {
    const next = [...parents].filter(([, ppid]) => level.includes(ppid)).map(([pid]) => pid);
    out.push(...next.filter((p) => !out.includes(p)));
    level = next;
  }
  return out;
}

/** The process table, without the `ps` that listed it. */
function table(): Map<number, number> {
  const ps = spawnSync("ps", ["-A", "-o", "pid=,ppid="], { encoding: "utf8" });
  if (ps.status !== 0) throw new Error(`ps failed: ${ps.stderr}`);
  const parents = parsePs(ps.stdout);
  parents.delete(ps.pid);
  return parents;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Ends every process below `root` (this process by default), and `root` itself when it is another;
 * resolves once none is left (SIGKILL after `graceMs`). Returns how many there were.
 */
export async function stopTree(root = process.pid, graceMs = 10_000): Promise<number> {
  const below = descendantsOf(table(), root).filter((p) => p !== process.pid);
  const pids = root === process.pid ? below : [root, ...below];
  const signal = (pid: number, s: NodeJS.Signals) => {
    try {
      process.kill(pid, s);
    } catch {
      // already gone
    }
  };
  for (const pid of pids) signal(pid, "SIGTERM");
  const until = Date.now() + graceMs;
  while (pids.some(alive) && Date.now() < until) await sleep(200);
  for (const pid of pids.filter(alive)) signal(pid, "SIGKILL");
  return pids.length;
}
