/**
 * Reads and validates every stack setting before anything is registered.
 *
 * `parseSettings` is pure (a map of config keys to raw strings in, frozen settings or one
 * `SettingsError` out) and tested without mocks; `loadSettings` feeds it Pulumi's runtime config and
 * reads the four secrets with `getSecret`, so they never pass through zod.
 */
import * as pulumi from "@pulumi/pulumi";
import { oktaSchema, OktaRawSettings, RawSettings, settingsSchema } from "./schema";
import { cloudflareProviderSchema } from "./cloudflare-schema";
import { cloudflareTokenRule } from "./cloudflare-rules";
import { explicitServerKeys, orgModeRules } from "./org-rules";
import { crossFieldRules } from "./rules";
import { explicitKeys, modeRules } from "./mode-rules";
import { PremadeSecret, premadeSecretProblem } from "../../components/pomerium/premade-secrets";
import {
  deepFreeze,
  PREMADE_SECRETS,
  parseNamespace,
  PROJECT,
  SECRET_FULL_KEYS,
  SECRET_KEYS,
  SecretName,
} from "./parse";
import { pomeriumScopes } from "../../components/okta/plan";
import { CONFIGMAP_MAX_BYTES, configFileBytes } from "../../components/pomerium/config";
import { Problem, SettingsError } from "./error";
import { plainTextSecrets } from "./plain-secrets";
import { controllerWarnings } from "./controller-warnings";
import { Version } from "../../components/pomerium/facts";
import { isConfigSecret, isMockRuntime } from "../sdk-internals";
import { findPlaceholders, placeholderProblem, placeholderWarning } from "./placeholders";

export { PROJECT, SECRET_KEYS } from "./parse";
export type { SecretName } from "./parse";

/** The validated settings of one stack. Deep-frozen. */
export type Settings = Readonly<
  RawSettings & {
    project: string;
    stack: string;
    okta: OktaRawSettings & { auth: "apiToken" | "serviceApp" };
    /** The groups claim, with its filter resolved (the default is derived from `groups`). */
    groupsClaim: RawSettings["groupsClaim"] & { filter: string };
    /** The Pomerium version the image runs (from its tag, or `pomerium.version`). */
    pomeriumVersion: Version;
    /** Which secret settings are set. */
    secretsSet: Readonly<Record<SecretName, boolean>>;
    /** Things worth saying at preview that are not errors. */
    warnings: readonly string[];
  }
>;

/** The secret settings, as secret Outputs (absent when not set). */
export type SettingsSecrets = Partial<Record<SecretName, pulumi.Output<string>>>;

/**
 * Validates the whole configuration of a stack. `config` maps full keys (`okta-pomerium:routes`,
 * `okta:orgName`) to raw values as Pulumi stores them; secret keys are only checked for presence,
 * and against `storedSecret` (the keys Pulumi marks secret): a secret key held in plain text is
 * refused. Without `storedSecret` (a caller with no such record) the secret keys count as stored.
 * @throws SettingsError listing every problem.
 */
export function parseSettings(
  config: Readonly<Record<string, string>>,
  stack: string,
  storedSecret?: readonly string[],
  options: { refusePlaceholders?: boolean } = {},
): Settings {
  // A credential in plain text is refused first: it is the one problem that is already a leak.
  const problems: Problem[] = plainTextSecrets(config, SECRET_FULL_KEYS, storedSecret, stack);
  // Template placeholders: warned about offline, refused by the real engine (placeholders.ts).
  const placeholders = findPlaceholders(config, SECRET_FULL_KEYS);
  if (options.refusePlaceholders) problems.push(...placeholders.map(placeholderProblem));
  // An okta-pomerium setting that is not a secret setting ends up in plain text (ConfigMap, Okta
  // inputs): storing it `secure:` would suggest otherwise. (`okta:*` keys only reach the provider,
  // which keeps them secret: see providers.ts.)
  for (const key of storedSecret ?? []) {
    if (key.startsWith(`${PROJECT}:`) && !SECRET_FULL_KEYS.has(key) && key in config) {
      problems.push({
        path: key,
        message:
          "is stored as a secret, but it is not a secret setting: its value reaches ConfigMaps and Okta inputs in plain text. Store it in plain text (`pulumi config set`), and keep credentials out of it",
      });
    }
  }
  premadeSecretRules(config, storedSecret, problems);
  const settings = parseNamespace(PROJECT, settingsSchema(stack), config, problems);
  const okta = parseNamespace("okta", oktaSchema, config, problems);
  // Only the secret cloudflare:apiToken is read; any other cloudflare: key is refused as unknown.
  parseNamespace("cloudflare", cloudflareProviderSchema, config, problems);
  const secretsSet = Object.fromEntries(
    Object.entries(SECRET_KEYS).map(([name, key]) => [
      name,
      config[key] !== undefined && config[key] !== "",
    ]),
  ) as Record<SecretName, boolean>;
  const derived = crossFieldRules(settings, okta, secretsSet, stack, problems);
  cloudflareTokenRule(`${PROJECT}:cloudflareAccess` in config, secretsSet, (path, message) =>
    problems.push({ path, message }),
  );
  modeRules(settings, secretsSet, explicitKeys(config[`${PROJECT}:pomerium`]), (path, message) =>
    problems.push({ path, message }),
  );
  orgModeRules(
    settings,
    okta,
    derived,
    explicitServerKeys(config[`${PROJECT}:authorizationServer`]),
    (path, message) => problems.push({ path, message }),
  );
  if (problems.length > 0) throw new SettingsError(stack, problems);
  derived.warnings.push(...controllerWarnings(settings as RawSettings, stack));
  const parsed: Settings = deepFreeze({
    ...(settings as RawSettings),
    project: PROJECT,
    stack,
    okta: { ...(okta as OktaRawSettings), auth: derived.oktaAuth! },
    // claimRules resolved the filter (or reported a problem).
    groupsClaim: {
      ...(settings as RawSettings).groupsClaim,
      filter: settings.groupsClaim!.filter!,
    },
    pomeriumVersion: derived.pomeriumVersion!,
    secretsSet,
    warnings: [...derived.warnings, ...placeholders.map(placeholderWarning)],
  });
  // Last, as it needs the whole settings: Pomerium's config file must fit in one ConfigMap.
  const spec = {
    authenticateUrl: parsed.authenticateUrl,
    routes: parsed.routes,
    groupsClaimName: parsed.groupsClaim.name,
    version: parsed.pomeriumVersion,
    databroker: parsed.pomerium.databroker,
    xffNumTrustedHops: parsed.pomerium.xffNumTrustedHops ?? 10, // the longest it can be
  };
  const bytes = configFileBytes(spec, pomeriumScopes(parsed.authorizationServer.scope));
  if (parsed.pomerium.mode === "all-in-one" && bytes > CONFIGMAP_MAX_BYTES)
    throw new SettingsError(stack, [
      {
        path: `${PROJECT}:routes`,
        message: `has ${parsed.routes.length} routes, which make Pomerium's config file about ${Math.ceil(bytes / 1024)} KiB; a Kubernetes ConfigMap holds at most ${CONFIGMAP_MAX_BYTES / 1024} KiB. Split the routes across stacks (one proxy per group of apps) or shorten their policies`,
      },
    ]);
  return parsed;
}

/**
 * Pre-made Pomerium secrets (`pomeriumSharedSecret`, …): their shape
 * checked (the messages never carry the value).
 */
function premadeSecretRules(
  config: Readonly<Record<string, string>>,
  storedSecret: readonly string[] | undefined,
  problems: Problem[],
): void {
  for (const [name, arg] of Object.entries(PREMADE_SECRETS) as Array<
    [keyof typeof PREMADE_SECRETS, PremadeSecret]
  >) {
    const key = SECRET_KEYS[name];
    const value = config[key];
    // A plain-text value is already refused by plainTextSecrets, with the command that stores it.
    if (value === undefined || (storedSecret !== undefined && !storedSecret.includes(key)))
      continue;
    const problem = premadeSecretProblem(arg, value);
    if (problem) problems.push({ path: key, message: problem.replace(arg, "is not valid:") });
  }
}

/** Reads the stack's settings from Pulumi's runtime config and its secrets with `getSecret`. */
export function loadSettings(): { settings: Settings; secrets: SettingsSecrets } {
  const all = pulumi.runtime.allConfig();
  const storedSecret = Object.keys(all).filter(isConfigSecret);
  // Only the real engine refuses placeholders: a template renders (and is tested) as written.
  const settings = parseSettings(all, pulumi.getStack(), storedSecret, {
    refusePlaceholders: !isMockRuntime(),
  });
  const secrets: SettingsSecrets = {};
  for (const [name, full] of Object.entries(SECRET_KEYS) as Array<[SecretName, string]>) {
    const [ns, key] = full.split(":");
    const value = new pulumi.Config(ns).getSecret(key);
    if (value !== undefined && settings.secretsSet[name]) secrets[name] = value;
  }
  return { settings, secrets };
}
