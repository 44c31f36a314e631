/**
 * `npm run new-stack -- <name> [--from dev]`: stamps out a new environment's stack file from an
 * existing one, renaming the source stack's name where it stands as a word (hosts, group names,
 * TLS secret) so the new stack collides with nothing. Secrets are not copied: `secure:` values are
 * dropped and listed, because they are encrypted for the source stack.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { isMap, isPair, isScalar, isSeq, parseDocument } from "yaml";

const ROOT = path.resolve(__dirname, "../..");

/** The new stack file's text and the secret keys the user must set again. */
export function copyStackConfig(
  text: string,
  from: string,
  to: string,
): { text: string; secrets: string[] } {
  if (!/^[a-z][a-z0-9-]*$/.test(to))
    throw new Error(`stack name "${to}" must be lower-case letters, digits and '-'`);
  const doc = parseDocument(text);
  const config = doc.get("config");
  const secrets: string[] = [];
  const word = new RegExp(
    `(?<![A-Za-z0-9])${from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z0-9])`,
    "g",
  );
  if (isMap(config)) {
    for (const item of [...config.items]) {
      const key = String(isScalar(item.key) ? item.key.value : item.key);
      if (isMap(item.value) && item.value.has("secure")) {
        secrets.push(key);
        config.delete(item.key);
      } else if (!key.startsWith("okta:")) {
        visit(item, (s) => s.replace(word, to));
      }
    }
  }
  // Comments name the stack too ("The dev stack…").
  const out = doc
    .toString({ lineWidth: 0 })
    .split("\n")
    .map((line) => (/^\s*#/.test(line) ? line.replace(word, to) : line))
    .join("\n");
  return { text: out, secrets };
}

/** Rewrites every string scalar below `node` (values only; keys stay). */
function visit(node: unknown, rewrite: (s: string) => string): void {
  if (isScalar(node)) {
    if (typeof node.value === "string") node.value = rewrite(node.value);
  } else if (isMap(node) || isSeq(node)) {
    for (const item of node.items) visit(isPair(item) ? item.value : item, rewrite);
  } else if (isPair(node)) {
    visit(node.value, rewrite);
  }
}

function main(argv: string[]): number {
  const fromIdx = argv.indexOf("--from");
  const from = fromIdx >= 0 ? argv[fromIdx + 1] : "dev";
  const to = argv.find((a, i) => !a.startsWith("-") && !(fromIdx >= 0 && i === fromIdx + 1));
  if (!to || !from) {
    console.error("usage: npm run new-stack -- <name> [--from dev]");
    return 1;
  }
  const source = path.join(ROOT, `Pulumi.${from}.yaml`);
  const target = path.join(ROOT, `Pulumi.${to}.yaml`);
  if (!existsSync(source)) return (console.error(`no ${path.basename(source)}`), 1);
  if (existsSync(target))
    return (console.error(`${path.basename(target)} exists already; not overwritten`), 1);
  const { text, secrets } = copyStackConfig(readFileSync(source, "utf8"), from, to);
  writeFileSync(target, text);
  console.log(
    `Wrote ${path.basename(target)} from ${path.basename(source)} ("${from}" renamed to "${to}").`,
  );
  console.log("Next:");
  console.log(`  1. Review it (hosts, groups, replicas, protect), then: npm run render -- ${to}`);
  console.log(`  2. pulumi stack init ${to}`);
  for (const k of secrets) console.log(`  3. pulumi config set --secret ${k} ... --stack ${to}`);
  console.log(`  4. Add "${to}" to .github/workflows (preview matrix and a deploy job).`);
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
