/**
 * The project's stack files: the stacks CI deploys (one per `Pulumi.<stack>.yaml` at the root) and
 * the templates (`templates/<shape>.yaml`, one per common shape, never deployed). Nothing here knows
 * a stack by name: the rollout order is the unprotected stacks by name, then the protected ones
 * (`okta-pomerium:protect: true` in the file) by name. scripts/ci/stacks.sh computes the same lists
 * for the workflows, and test/ci checks that both agree.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";

/** Where the templates live, relative to the repository root. */
export const TEMPLATES_DIR = "templates";

/** A stack file: a root stack CI deploys, or a template evaluated under its shape's name. */
export interface StackFile {
  /** The stack name it is evaluated as (a template's: its shape). */
  stack: string;
  /** Its absolute path. */
  file: string;
  template: boolean;
}

/** The line that makes a stack protected (what stacks.sh greps for, too). */
const PROTECTED = /^\s*okta-pomerium:protect:\s*true\s*(#.*)?$/m;

/** Whether a stack file sets `okta-pomerium:protect: true`. */
export const isProtectedFile = (file: string): boolean =>
  PROTECTED.test(readFileSync(file, "utf8"));

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The stack names whose files are in `dir`, in rollout order (protected stacks last). */
export function stackNames(dir: string): string[] {
  const names = readdirSync(dir)
    .map((f) => /^Pulumi\.([^.]+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort(byName);
  const isProtected = (s: string) => isProtectedFile(path.join(dir, `Pulumi.${s}.yaml`));
  return [...names.filter((s) => !isProtected(s)), ...names.filter(isProtected)];
}

/** The protected stacks in `dir` (their previews wait for a reviewer in CI), by name. */
export const protectedStacks = (dir: string): string[] =>
  stackNames(dir).filter((s) => isProtectedFile(path.join(dir, `Pulumi.${s}.yaml`)));

/** The template shapes under `root`/templates, by name. */
export function templateNames(root: string): string[] {
  const dir = path.join(root, TEMPLATES_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((f) => /^([a-z][a-z0-9]*)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort(byName);
}

/** A template's file. */
export const templateFile = (root: string, shape: string): string =>
  path.join(root, TEMPLATES_DIR, `${shape}.yaml`);

/** Every stack file the checks run over: the root's stacks, then the templates. */
export function stackFiles(root: string): StackFile[] {
  return [
    ...stackNames(root).map((stack) => ({
      stack,
      file: path.join(root, `Pulumi.${stack}.yaml`),
      template: false,
    })),
    ...templateNames(root).map((stack) => ({
      stack,
      file: templateFile(root, stack),
      template: true,
    })),
  ];
}
