/**
 * The project's stacks: one per `Pulumi.<stack>.yaml` at the root, in rollout order (dev first, then
 * the others by name, then staging, then prod), the order the deploy workflow updates them in
 * (scripts/ci/stacks.sh computes the same list for the workflows).
 */
import { readdirSync } from "node:fs";

const RANK: Readonly<Record<string, number>> = { dev: 0, staging: 2, prod: 3 };
const rank = (s: string) => RANK[s] ?? 1;

/** The stack names whose files are in `dir`, in rollout order. */
export function stackNames(dir: string): string[] {
  return readdirSync(dir)
    .map((f) => /^Pulumi\.([^.]+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}
