/**
 * The stack files the suites check: whatever `Pulumi.<stack>.yaml` files are at the root, plus the
 * templates. No suite names a stack: a company deletes or replaces every root stack file and the
 * same checks run over its own. `OKTA_POMERIUM_STACKS_DIR` points the suites at another project
 * directory (test/render/repo-copy.test.ts runs them on copies with other stack files).
 */
import * as path from "node:path";
import { readStackConfig, StackConfig } from "../scripts/render/stack-config";
import { StackFile, stackFiles, templateFile } from "../scripts/stacks";

/** The repository root (this file runs from bin/test/). */
export const REPO = path.resolve(__dirname, "../..");
/** The project directory whose stack files the suites check. */
export const STACKS_DIR = process.env.OKTA_POMERIUM_STACKS_DIR ?? REPO;

export interface CheckedStack extends StackFile {
  /** How tests name it: `Pulumi.qa.yaml` or `templates/production.yaml`. */
  label: string;
}

/** Every stack file in `dir`: the root's stacks, then the templates. */
export function checkedStacks(dir = STACKS_DIR): CheckedStack[] {
  return stackFiles(dir).map((s) => ({ ...s, label: path.relative(dir, s.file) }));
}

/** A stack file's config as the program receives it (offline placeholders for its secrets). */
export const configOf = (s: StackFile, dir = STACKS_DIR): StackConfig =>
  readStackConfig(dir, s.stack, s.file);

/** A template of this repository, by shape (tests of what the templates themselves promise). */
export function template(shape: string): CheckedStack {
  const file = templateFile(REPO, shape);
  return { stack: shape, file, template: true, label: path.relative(REPO, file) };
}
