/**
 * Reads a stack's configuration the way the Pulumi CLI hands it to the program: Pulumi.yaml's
 * declared defaults, then Pulumi.<stack>.yaml, every value as a string (objects as JSON).
 * `secure:` values cannot be decrypted offline and become placeholders.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { readYamlFile } from "../yaml-file";
import { stackNames, templateNames } from "../stacks";
import { environmentPlaceholders, importedEnvironments } from "./esc";
import { PROJECT, SECRET_KEYS } from "../../stack/settings";
import { signingKeyOf } from "../../components/pomerium/signing-key";

/**
 * What stands in offline for a value stored `secure:`. A pre-made Pomerium secret, whose shape the
 * settings check, gets a placeholder of that shape, derived from the key (never a real secret).
 */
export function secretPlaceholder(key: string): string {
  const marker = `<secret ${key}>`;
  const seed = createHash("sha256").update(marker).digest("base64");
  if (key === SECRET_KEYS.pomeriumSigningKey) return signingKeyOf(seed);
  if (key === SECRET_KEYS.pomeriumSharedSecret || key === SECRET_KEYS.pomeriumCookieSecret)
    return seed;
  return marker;
}

export interface StackConfig {
  /** Full key -> raw value, as the program's runtime config. */
  config: Record<string, string>;
  /** Keys that were `secure:` or are secret settings: never printed. */
  secretKeys: string[];
  /** Keys stored `secure:` in the stack file and the credential placeholders (what Pulumi marks secret). */
  storedSecret: string[];
  /** What a reader should know about the offline values. */
  notes: string[];
  /** The ESC environments the stack imports (`environment:`), which an offline render cannot open. */
  environments: string[];
  /** Settings render could not see (absent here, maybe in those environments): placeholders. */
  unseen: string[];
}

function fullKey(key: string): string {
  return key.includes(":") ? key : `${PROJECT}:${key}`;
}

function asString(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * The config of stack `stack` in the project `dir`: from `dir`/Pulumi.<stack>.yaml, or from `file`
 * (a template, evaluated as stack `stack` of that project).
 */
export function readStackConfig(
  dir: string,
  stack: string,
  file = path.join(dir, `Pulumi.${stack}.yaml`),
): StackConfig {
  if (!existsSync(file)) {
    const stacks = stackNames(dir);
    const shapes = templateNames(dir);
    const create = shapes.length
      ? `npm run new-stack -- ${stack} --template <${shapes.join("|")}>`
      : stacks.length
        ? `npm run new-stack -- ${stack} --from ${stacks[0]}`
        : `npm run new-stack -- ${stack} --template <shape>`;
    throw new Error(
      `no stack file ${path.basename(file)}: the stacks here are ${stacks.join(", ") || "none"}; create one with ${create}`,
    );
  }
  const project = readYamlFile(path.join(dir, "Pulumi.yaml"));
  const stackDoc = readYamlFile(file);
  const config: Record<string, string> = {};
  const secretKeys = new Set<string>();
  const storedSecret: string[] = [];
  const notes: string[] = [];
  for (const [key, decl] of Object.entries<any>(project.config ?? {})) {
    if (decl && typeof decl === "object" && "default" in decl)
      config[fullKey(key)] = asString(decl.default);
  }
  for (const [key, value] of Object.entries<any>(stackDoc.config ?? {})) {
    const k = fullKey(key);
    if (value && typeof value === "object" && !Array.isArray(value) && "secure" in value) {
      config[k] = secretPlaceholder(k);
      secretKeys.add(k);
      storedSecret.push(k);
    } else {
      config[k] = asString(value);
    }
  }
  for (const k of Object.values(SECRET_KEYS)) if (k in config) secretKeys.add(k);
  const name = path.basename(file);
  const environments = importedEnvironments(name, stackDoc.environment);
  let unseen: string[] = [];
  if (environments.length > 0) {
    notes.push(
      `${name} imports the ESC environment${environments.length > 1 ? "s" : ""} ${environments.join(", ")}: an offline render cannot open ${environments.length > 1 ? "them" : "it"} and reads nothing from ${environments.length > 1 ? "them" : "it"}; \`pulumi preview\` does.`,
    );
    unseen = environmentPlaceholders(stack, config);
    for (const k of unseen)
      notes.push(
        `${k} is not in ${name} (it may come from ${environments.join(", ")}): render could not see it and uses ${config[k].startsWith("[") ? "a placeholder list" : `the placeholder ${config[k]}`}.`,
      );
  }
  // Offline there are no credentials, and secrets set with `pulumi config set --secret` may not be
  // in the file yet: placeholders stand in for the ones the settings require.
  const credentialPlaceholders: string[] = [];
  const placeholder = (k: string) => {
    config[k] = secretPlaceholder(k);
    secretKeys.add(k);
    // It stands for a value `pulumi config set --secret` stores: Pulumi would mark it secret.
    storedSecret.push(k);
    credentialPlaceholders.push(k);
    notes.push(
      environments.length > 0
        ? `${k} is not set in ${name} (it may come from ${environments.join(", ")}); a placeholder stands in offline.`
        : `${k} is not set in ${name}; a placeholder stands in offline. Set it before \`pulumi up\`: pulumi config set --secret ${k}`,
    );
  };
  if (!(SECRET_KEYS.oktaApiToken in config) && !(SECRET_KEYS.oktaPrivateKey in config)) {
    placeholder("okta:clientId" in config ? SECRET_KEYS.oktaPrivateKey : SECRET_KEYS.oktaApiToken);
  }
  if (
    !(SECRET_KEYS.databrokerConnectionString in config) &&
    databrokerStorage(config) === "postgres"
  ) {
    placeholder(SECRET_KEYS.databrokerConnectionString);
  }
  if (!(SECRET_KEYS.cloudflareApiToken in config) && `${PROJECT}:cloudflareAccess` in config)
    placeholder(SECRET_KEYS.cloudflareApiToken);
  return {
    config,
    secretKeys: [...secretKeys].sort(),
    storedSecret: storedSecret.sort(),
    notes,
    environments,
    unseen: [...unseen, ...credentialPlaceholders],
  };
}

function databrokerStorage(config: Record<string, string>): unknown {
  try {
    return JSON.parse(config[`${PROJECT}:pomerium`] ?? "{}")?.databroker?.storage;
  } catch {
    return undefined;
  }
}
