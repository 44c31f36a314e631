/**
 * The directory the real tier puts first on PATH for the Pulumi engine: the CLI, the Kubernetes
 * provider, and the stand-in provider under the three plugin names the engine looks for.
 */
import { mkdirSync, symlinkSync } from "node:fs";
import * as path from "node:path";

export const STANDIN_PACKAGES = ["okta", "random", "cloudflare"] as const;

export function pathDir(bins: Record<string, string>, work: string): string {
  const dir = path.join(work, "path");
  mkdirSync(dir, { recursive: true });
  const links: Record<string, string | undefined> = {
    pulumi: bins.pulumi,
    "pulumi-resource-kubernetes": bins["pulumi-resource-kubernetes"],
    kubectl: bins.kubectl,
    ...Object.fromEntries(STANDIN_PACKAGES.map((p) => [`pulumi-resource-${p}`, bins.standin])),
  };
  // Only what this run built: a file that needs the rest does not run.
  for (const [name, target] of Object.entries(links))
    if (target) symlinkSync(target, path.join(dir, name));
  return dir;
}
