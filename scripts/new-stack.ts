/**
 * `npm run new-stack -- <name> --template <shape>`: a new stack file from a template (templates/),
 * with the list of what to set at its head; `--template` alone lists the shapes.
 * `npm run new-stack -- <name> --from <stack>`: a new environment's stack file from an existing
 * one. Only the settings that must differ between stacks are renamed, where the source
 * stack's name stands in them as a word: the authenticate URL, route hosts, the groups this stack
 * creates (and where routes and the groups claim name them), server name and audience, namespace,
 * object name and TLS secret. Everything else is copied as is: e-mail addresses and headers are not
 * names of stacks, and the Okta provider's keys (`okta:*`) describe the org. Secrets are not copied:
 * `secure:` values are dropped and listed, because they are encrypted for the source stack.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { Document, isMap, isScalar } from "yaml";
import { parseYamlText } from "./yaml-file";
import { SCHEMA_COMMENT } from "./schema/location";
import { stackNames, templateFile, templateNames } from "./stacks";
import {
  listTemplates,
  nextSteps,
  secretsToSet,
  templateAsStackText,
  templateShape,
  withHeader,
} from "./stack-header";

export { nextSteps, secretsToSet } from "./stack-header";

const ROOT = process.env.OKTA_POMERIUM_DIR ?? path.resolve(__dirname, "../..");
const P = "okta-pomerium:";

type Path = (string | number)[];

/** The new stack file's text, the secret keys to set again, and what was renamed. */
export function copyStackConfig(
  text: string,
  from: string,
  to: string,
  renameComments = true,
): { text: string; secrets: string[]; renamed: string[] } {
  const refusal = refuseName(to);
  if (refusal) throw new Error(refusal);
  const doc = parseYamlText(`Pulumi.${from}.yaml`, text);
  const config = doc.get("config");
  const secrets: string[] = [];
  if (isMap(config)) {
    for (const item of [...config.items]) {
      if (isMap(item.value) && item.value.has("secure")) {
        secrets.push(String(isScalar(item.key) ? item.key.value : item.key));
        config.delete(item.key);
      }
    }
  }
  const word = new RegExp(
    `(?<![A-Za-z0-9])${from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z0-9])`,
    "g",
  );
  const renamed: string[] = [];
  const rename = (at: Path) => {
    const value = doc.getIn(["config", ...at]);
    if (typeof value !== "string" || !word.test(value)) return;
    word.lastIndex = 0;
    doc.setIn(["config", ...at], value.replace(word, to));
    renamed.push(at.join("."));
  };
  const js = (doc.toJS()?.config ?? {}) as Record<string, any>;
  const groupNames = new Map<string, string>();
  rename([`${P}authenticateUrl`]);
  (js[`${P}groups`] ?? []).forEach((g: any, i: number) => {
    if (!g?.create) return;
    rename([`${P}groups`, i, "name"]);
    groupNames.set(g.name, String(doc.getIn(["config", `${P}groups`, i, "name"])));
  });
  (js[`${P}routes`] ?? []).forEach((r: any, i: number) => {
    rename([`${P}routes`, i, "from"]);
    (r?.allowGroups ?? []).forEach((g: string, j: number) => {
      if (groupNames.has(g) && groupNames.get(g) !== g) {
        doc.setIn(["config", `${P}routes`, i, "allowGroups", j], groupNames.get(g));
        renamed.push(`${P}routes.${i}.allowGroups.${j}`);
      }
    });
    renameClaims(doc, [`${P}routes`, i, "policy"], r?.policy, groupNames, renamed);
  });
  // The created groups an app allows, wherever a list of them stands.
  const renameGroups = (at: Path, groups: unknown) =>
    (Array.isArray(groups) ? groups : []).forEach((g: string, j: number) => {
      if (groupNames.has(g) && groupNames.get(g) !== g) {
        doc.setIn(["config", ...at, j], groupNames.get(g));
        renamed.push([...at, j].join("."));
      }
    });
  // Cloudflare Access apps: their hosts and the created groups they allow (the team domain is the
  // Cloudflare account's, shared by stacks: kept). OpenMetadata: the groups it admits.
  const cf = [`${P}cloudflareAccess`, "apps"];
  (js[`${P}cloudflareAccess`]?.apps ?? []).forEach((a: any, i: number) => {
    rename([...cf, i, "domain"]);
    renameGroups([...cf, i, "allowGroups"], a?.allowGroups);
  });
  renameGroups([`${P}openMetadata`, "allowGroups"], js[`${P}openMetadata`]?.allowGroups);
  for (const at of [
    ["groupsClaim", "filter"],
    ["authorizationServer", "name"],
    ["authorizationServer", "audience"],
    ["pomerium", "namespace"],
    ["pomerium", "name"],
    ["pomerium", "ingress", "tlsSecretName"],
  ]) {
    rename([`${P}${at[0]}`, ...at.slice(1)]);
  }
  // Comments name the stack too ("The dev stack…").
  const out = doc
    .toString({ lineWidth: 0, flowCollectionPadding: false })
    .split("\n")
    .map((line) => (renameComments && /^\s*#/.test(line) ? line.replace(word, to) : line))
    .join("\n");
  // Editor validation: the schema comment leads every stack file.
  const text_ = out.startsWith(SCHEMA_COMMENT) ? out : `${SCHEMA_COMMENT}\n${out}`;
  return { text: text_, secrets, renamed };
}

/** Renames created groups where a raw PPL policy names them (`claim/<name>: <group>`). */
function renameClaims(
  doc: Document,
  at: Path,
  value: unknown,
  groups: ReadonlyMap<string, string>,
  renamed: string[],
): void {
  if (Array.isArray(value))
    value.forEach((v, i) => renameClaims(doc, [...at, i], v, groups, renamed));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k.startsWith("claim/") && typeof v === "string" && groups.has(v) && groups.get(v) !== v) {
        doc.setIn(["config", ...at, k], groups.get(v));
        renamed.push([...at, k].join("."));
      } else renameClaims(doc, [...at, k], v, groups, renamed);
    }
  }
}

/** Why a stack name cannot be used, or undefined. */
export function refuseName(name: string): string | undefined {
  if (!/^[a-z][a-z0-9]*$/.test(name))
    return `stack name "${name}" must be lower-case letters and digits, starting with a letter (CI reads its kubeconfig from the secret KUBECONFIG_<NAME>, and names of secrets allow no '-')`;
  if (name.length > 20) return `stack name "${name}" is longer than 20 characters`;
  return undefined;
}

/** Stack `to`'s file from the template `shape`'s text, with its header and list of what to set. */
export function fromTemplate(text: string, shape: string, to: string) {
  const copy = copyStackConfig(templateAsStackText(text), shape, to, false);
  const secrets = secretsToSet(copy.text, copy.secrets);
  const description = templateShape(text) ?? "";
  return { ...copy, text: withHeader(copy.text, to, secrets, { name: shape, description }) };
}

const USAGE = "usage: npm run new-stack -- <name> (--template <shape> | --from <stack>)";

function main(argv: string[]): number {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i < 0 ? undefined : (argv[i + 1] ?? "");
  };
  const [template, from] = [value("--template"), value("--from")];
  if (template === "" || (template === undefined && from === undefined)) {
    console.log(`${USAGE}\nThe templates (templates/<shape>.yaml):`);
    for (const line of listTemplates(ROOT)) console.log(line);
    return template === "" ? 0 : 1;
  }
  const to = argv.find((a, i) => !a.startsWith("-") && !argv[i - 1]?.startsWith("--"));
  if (!to || from === "" || (template !== undefined && from !== undefined))
    return (console.error(USAGE), 1);
  const refusal = refuseName(to);
  if (refusal) return (console.error(refusal), 1);
  const source = template ? templateFile(ROOT, template) : path.join(ROOT, `Pulumi.${from}.yaml`);
  const target = path.join(ROOT, `Pulumi.${to}.yaml`);
  if (!existsSync(source))
    return (
      console.error(
        template
          ? `no template "${template}"; the templates: ${templateNames(ROOT).join(", ")}`
          : `no ${path.basename(source)}; stacks: ${stackNames(ROOT).join(", ") || "none"}`,
      ),
      1
    );
  if (existsSync(target))
    return (console.error(`${path.basename(target)} exists already; not overwritten`), 1);
  const original = readFileSync(source, "utf8");
  const copy = template
    ? fromTemplate(original, template, to)
    : copyStackConfig(original, from!, to);
  const secrets = secretsToSet(copy.text, copy.secrets);
  if (!template) copy.text = withHeader(copy.text, to, secrets);
  writeFileSync(target, copy.text);
  console.log(
    `Wrote ${path.basename(target)} from ${template ? `the template ${path.relative(ROOT, source)}` : path.basename(source)} ("${template ?? from}" renamed to "${to}").`,
  );
  for (const r of copy.renamed) console.log(`  renamed ${r}`);
  console.log(`Its head lists what to set (npm run render -- ${to} warns about each placeholder).`);
  console.log("Next:");
  for (const line of nextSteps(to, secrets)) console.log(line);
  return 0;
}

if (require.main === module) {
  try {
    process.exit(main(process.argv.slice(2)));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
