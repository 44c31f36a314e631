import { existsSync } from "node:fs";
import * as path from "node:path";

/**
 * The project a CLI belongs to: the nearest directory up from `from` (the CLI's own `__dirname`)
 * that holds a Pulumi.yaml. The same answer from tsc's bin/scripts/… and from a bundle in dist/.
 */
export function projectRoot(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no Pulumi.yaml in ${from} or above it`);
  }
}
