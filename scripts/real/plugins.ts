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
  symlinkSync(bins.pulumi, path.join(dir, "pulumi"));
  symlinkSync(bins["pulumi-resource-kubernetes"], path.join(dir, "pulumi-resource-kubernetes"));
  symlinkSync(bins.kubectl, path.join(dir, "kubectl"));
  for (const p of STANDIN_PACKAGES)
    symlinkSync(bins.standin, path.join(dir, `pulumi-resource-${p}`));
  return dir;
}
