/**
 * `npm run access -- <stack> [--json]`: who can reach what, from the stack's settings alone.
 * `--user EMAIL --groups a,b [--id 00u…]`: one identity, every app, the reason.
 * `--diff <dir | git ref>`: what changed in access against the same stack file in a directory or
 * at a git ref (a stack file absent there counts as a stack nobody could reach).
 * Invalid settings print every problem and exit 1; so does a bad argument.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Cell, diffMatrices } from "../../components/access/review";
import { explainUser, principals, stackMatrix } from "../../stack/access";
import { parseSettings, Settings } from "../../stack/settings";
import { SettingsError } from "../../stack/settings/error";
import { readStackConfig } from "../render/stack-config";
import { diffMarkdown, matrixMarkdown, userMarkdown } from "./format";
import { projectRoot } from "../project-root";

const ROOT = projectRoot(__dirname);
export const USAGE =
  "usage: npm run access -- <stack> [--json] [--user EMAIL --groups a,b,... [--id OKTA_USER_ID] | --diff DIR|GIT_REF]";

export interface Args {
  stack: string;
  json: boolean;
  user?: { email: string; groups: string[]; id?: string };
  diff?: string;
}

/** Parses the arguments; throws the usage line with what was wrong. */
export function parseArgs(argv: readonly string[]): Args {
  const o: Record<string, string> = {};
  let stack: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") json = true;
    else if (["--user", "--groups", "--id", "--diff"].includes(a)) {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value\n${USAGE}`);
      o[a.slice(2)] = argv[++i];
    } else if (!stack && !a.startsWith("-")) stack = a;
    else throw new Error(`unexpected argument "${a}"\n${USAGE}`);
  }
  if (!stack) throw new Error(`name a stack\n${USAGE}`);
  if (("groups" in o || "id" in o) && !("user" in o))
    throw new Error(`--groups and --id go with --user EMAIL\n${USAGE}`);
  if ("user" in o && !("groups" in o))
    throw new Error(
      `--user needs --groups (the user's Okta groups; --groups "" for none)\n${USAGE}`,
    );
  if ("user" in o && "diff" in o) throw new Error(`--user and --diff do not go together\n${USAGE}`);
  if ("user" in o && !/^[^@\s]+@[^@\s]+$/.test(o.user))
    throw new Error(`--user must be an e-mail address (got "${o.user}")\n${USAGE}`);
  if (o.diff === "") throw new Error(`--diff needs a directory or a git ref\n${USAGE}`);
  // Handed to git: never let it read an option.
  if (o.diff?.startsWith("-"))
    throw new Error(
      `--diff takes a directory or a git ref, not an option (got "${o.diff}")\n${USAGE}`,
    );
  const groups = (o.groups ?? "")
    .split(",")
    .map((g) => g.trim())
    .filter((g) => g !== "");
  return {
    stack,
    json,
    ...("user" in o ? { user: { email: o.user, groups, ...(o.id ? { id: o.id } : {}) } } : {}),
    ...(o.diff !== undefined ? { diff: o.diff } : {}),
  };
}

function settingsIn(dir: string, stack: string): Settings {
  const { config, storedSecret } = readStackConfig(dir, stack);
  return parseSettings(config, stack, storedSecret);
}

/** The other side of a diff: the stack in a directory, or its files at a git ref (undefined: absent). */
export function settingsAt(root: string, against: string, stack: string): Settings | undefined {
  if (existsSync(against) && statSync(against).isDirectory())
    return existsSync(path.join(against, `Pulumi.${stack}.yaml`))
      ? settingsIn(against, stack)
      : undefined;
  const git = (...args: string[]) =>
    execFileSync("git", ["-C", root, ...args], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  try {
    git("rev-parse", "--verify", "--quiet", `${against}^{commit}`);
  } catch {
    throw new Error(`--diff ${against}: neither a directory nor a git ref of this repository`);
  }
  const show = (file: string) => {
    try {
      return git("show", `${against}:./${file}`);
    } catch {
      return undefined;
    }
  };
  const stackFile = show(`Pulumi.${stack}.yaml`);
  if (stackFile === undefined) return undefined;
  const dir = mkdtempSync(path.join(tmpdir(), "okta-pomerium-access-"));
  try {
    writeFileSync(path.join(dir, "Pulumi.yaml"), show("Pulumi.yaml") ?? "");
    writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), stackFile);
    return settingsIn(dir, stack);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The output for the arguments (Markdown, or JSON with `--json`). */
export function run(args: Args, root: string): string {
  const s = settingsIn(root, args.stack);
  const out = (json: unknown, md: string) =>
    args.json ? JSON.stringify(json, null, 2) + "\n" : md;
  if (args.user) {
    const ds = explainUser(s, args.user);
    const who = `${args.user.email} (groups: ${args.user.groups.join(", ") || "none"})`;
    return out(
      ds.map((d) => ({ app: d.app, allowed: d.allowed, reason: d.reason })),
      userMarkdown(args.stack, who, ds),
    );
  }
  if (args.diff !== undefined) {
    const before = settingsAt(root, args.diff, args.stack);
    const over = [...new Set([...(before ? principals(before) : []), ...principals(s)])];
    const old: Cell[] = before ? stackMatrix(before, over) : [];
    const changes = diffMatrices(old, stackMatrix(s, over));
    return out(changes, diffMarkdown(args.stack, args.diff, changes));
  }
  const ps = principals(s);
  const cells = stackMatrix(s, ps);
  return out(cells, matrixMarkdown(args.stack, cells, ps));
}

if (require.main === module) {
  try {
    process.stdout.write(
      run(parseArgs(process.argv.slice(2)), process.env.OKTA_POMERIUM_DIR ?? ROOT),
    );
  } catch (e) {
    console.error(e instanceof SettingsError ? e.message : (e as Error).message);
    process.exit(1);
  }
}
