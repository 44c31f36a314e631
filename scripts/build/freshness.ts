/**
 * Whether the bundle Pulumi runs (dist/index.js) was built from the sources beside it. The build
 * (scripts/build.js) lists the bundle's inputs with their SHA-256 in dist/index.sources.json; when
 * one of them changed, is gone, or the list is missing, the bundle is stale and must not run.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

/** The inputs of the bundle in `dist` that differ from what was bundled ([] when it is fresh). */
export function staleInputs(dist: string): string[] {
  const list = path.join(dist, "index.sources.json");
  if (!existsSync(list)) return ["dist/index.sources.json (missing)"];
  const { root, files } = JSON.parse(readFileSync(list, "utf8")) as {
    root: string;
    files: Record<string, string>;
  };
  const base = path.resolve(dist, root);
  return Object.entries(files)
    .filter(([file, hash]) => {
      const at = path.join(base, file);
      return (
        !existsSync(at) || createHash("sha256").update(readFileSync(at)).digest("hex") !== hash
      );
    })
    .map(([file]) => file);
}

/** The message for a stale bundle: what changed, and the fix. */
export function staleMessage(changed: readonly string[]): string {
  const shown =
    changed.slice(0, 5).join(", ") + (changed.length > 5 ? `, … (${changed.length})` : "");
  return `dist/index.js is older than its sources (changed since the last build: ${shown}). Run \`npm run build\`, then run pulumi again.`;
}
