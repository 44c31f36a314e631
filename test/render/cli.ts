/** Runs the render CLI as npm run render does (the bundle dist/render.js) on a temporary project. */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";

export const ROOT = path.resolve(__dirname, "../../..");
const RENDER = path.join(ROOT, "dist/render.js");

/** A project dir with Pulumi.yaml and one stack file "tmp" holding the given config. */
export function projectWith(stackConfig: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "okta-pomerium-render-"));
  copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  writeFileSync(path.join(dir, "Pulumi.tmp.yaml"), stringify({ config: stackConfig }));
  return dir;
}

/** `render tmp --out <out>` in that project; the exit status and what it printed. */
export function render(dir: string, out: string) {
  return spawnSync(process.execPath, [RENDER, "tmp", "--out", out], {
    env: { ...process.env, OKTA_POMERIUM_DIR: dir },
    encoding: "utf8",
  });
}
