/**
 * What `npm run new-stack` writes at the head of a stack file: the schema comment, where the stack
 * came from (a template's shape), and the numbered list of what is left to set: every placeholder
 * with its key and every secret with its exact `pulumi config set --secret` line.
 */
import { readFileSync } from "node:fs";
import { parseYamlText } from "./yaml-file";
import { SCHEMA_COMMENT, SCHEMA_FILE } from "./schema/location";
import { findPlaceholders } from "../stack/settings/placeholders";
import { PROJECT, SECRET_KEYS } from "../stack/settings";
import { templateFile, templateNames } from "./stacks";

/** The line that says what a template is for, e.g. `# Shape: custom server + Gateway API`. */
const SHAPE = /^# Shape: (.+)$/m;
/** The first line of the list of what to set; the list's lines follow it. */
const LIST_HEAD = "# What to set before `pulumi preview`";
const LIST_LINE = /^#\s{3}\d+\. /;

/** A template's one-line description (its `# Shape:` line). */
export function templateShape(text: string): string | undefined {
  return SHAPE.exec(text)?.[1].trim();
}

/** Every template, one line each: `<shape>  <description>`. */
export function listTemplates(root: string): string[] {
  const shapes = templateNames(root);
  const width = Math.max(0, ...shapes.map((s) => s.length));
  return shapes.map(
    (s) =>
      `  ${s.padEnd(width)}  ${templateShape(readFileSync(templateFile(root, s), "utf8")) ?? ""}`,
  );
}

/** The exact command that sets one secret of stack `to` (prompting: no secret in shell history). */
export function secretCommand(key: string, to: string): string {
  const cli = key.startsWith(`${PROJECT}:`) ? key.slice(PROJECT.length + 1) : key;
  if (key === SECRET_KEYS.oktaPrivateKey)
    return `pulumi config set --secret ${cli} --stack ${to} < okta-service-app.pem`;
  const what: Record<string, string> = {
    [SECRET_KEYS.oktaApiToken]: "an Okta SSWS API token",
    [SECRET_KEYS.databrokerConnectionString]:
      "postgres://<user>:<password>@<host>:5432/<db>?sslmode=require",
    [SECRET_KEYS.cloudflareApiToken]: "a Cloudflare API token (Access: Apps and Policies, Edit)",
    [SECRET_KEYS.directoryApiToken]: "an Okta API token for directory sync",
  };
  return `pulumi config set --secret ${cli} --stack ${to}   # prompts for ${what[key] ?? "the value"}`;
}

/** The config of a stack file's text, as the program receives it (full keys, raw strings). */
function rawConfig(text: string): Record<string, string> {
  const config = (parseYamlText("stack file", text).toJS()?.config ?? {}) as Record<string, any>;
  return Object.fromEntries(
    Object.entries(config)
      .filter(([, v]) => !(v && typeof v === "object" && "secure" in v))
      .map(([k, v]) => [
        k.includes(":") ? k : `${PROJECT}:${k}`,
        typeof v === "string" ? v : JSON.stringify(v),
      ]),
  );
}

/** The numbered list of what is left to set in a stack file: placeholders, then secrets. */
export function whatToSet(text: string, to: string, secrets: readonly string[]): string[] {
  const placeholders = findPlaceholders(rawConfig(text), new Set(secrets));
  const items = [
    ...placeholders.map((p) => `${p.path}: your own value (now the placeholder ${p.value})`),
    ...secrets.map((k) => secretCommand(k, to)),
  ];
  return items.map((item, i) => `#   ${i + 1}. ${item}`);
}

/**
 * The stack file with the schema comment first and the list of what to set after the leading
 * comment lines (an earlier list is replaced). `shape` adds the line naming the template.
 */
export function withHeader(
  text: string,
  to: string,
  secrets: readonly string[],
  shape?: { name: string; description: string },
): string {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.startsWith(LIST_HEAD));
  if (start >= 0) {
    let end = start + 1;
    while (end < lines.length && LIST_LINE.test(lines[end])) end++;
    lines.splice(start, end - start);
  }
  const body = lines.filter((l) => !l.startsWith("# yaml-language-server:"));
  const headEnd = body.findIndex((l) => !l.startsWith("#"));
  const list = whatToSet(text, to, secrets);
  return [
    SCHEMA_COMMENT,
    ...(shape ? [`# Stack "${to}", from the template "${shape.name}": ${shape.description}`] : []),
    ...body.slice(0, headEnd < 0 ? body.length : headEnd),
    ...(list.length
      ? [
          `${LIST_HEAD} (it refuses placeholders; npm run render -- ${to} lists those left):`,
          ...list,
        ]
      : []),
    ...body.slice(headEnd < 0 ? body.length : headEnd),
  ].join("\n");
}

/** A template's text made a root stack file's: the schema path from the root, no `# Shape:` line. */
export function templateAsStackText(text: string): string {
  return text
    .split("\n")
    .filter((l) => !SHAPE.test(l) && !l.startsWith("# yaml-language-server:"))
    .join("\n")
    .replace(`../${SCHEMA_FILE}`, SCHEMA_FILE);
}

/** The secrets the new stack needs: the dropped `secure:` values and those its settings require. */
export function secretsToSet(text: string, dropped: readonly string[]): string[] {
  const config = (parseYamlText("stack file", text).toJS()?.config ?? {}) as Record<string, any>;
  const needed = new Set(dropped);
  if (!("okta:apiToken" in config) && !dropped.includes("okta:apiToken"))
    needed.add("okta:clientId" in config ? "okta:privateKey" : "okta:apiToken");
  if (config[`${PROJECT}:pomerium`]?.databroker?.storage === "postgres")
    needed.add(`${PROJECT}:databrokerConnectionString`);
  if (config[`${PROJECT}:cloudflareAccess`] !== undefined) needed.add("cloudflare:apiToken");
  return [...needed].sort();
}

/** Every step left after writing the file, numbered. */
export function nextSteps(to: string, secrets: readonly string[]): string[] {
  const env = to.toUpperCase();
  const steps = [
    `Review Pulumi.${to}.yaml (hosts, groups, replicas, protect), then: npm run render -- ${to}`,
    `pulumi stack init ${to}`,
    ...secrets.map((k) => secretCommand(k, to)),
    `npm test   (every test covers the new stack file)`,
    `GitHub: create the environment "${to}" (deployment branches: main), with the environment secret KUBECONFIG_${env} (a read-write kubeconfig)`,
    `GitHub: add the repository secret KUBECONFIG_${env} (a read-only kubeconfig, for previews)`,
    `Pulumi Cloud: let CI reach the stack (docs/ci.md: the OIDC token's scope, or the PULUMI_ACCESS_TOKEN of environment "${to}")`,
    `Commit Pulumi.${to}.yaml: pull requests preview it, and pushes to main deploy it (unprotected stacks first, then protected ones; a protected stack's preview waits in the GitHub environment "${to}-preview")`,
  ];
  return steps.map((step, i) => `  ${i + 1}. ${step}`);
}
