/**
 * Pulumi ESC environments a stack file imports (`environment:`). Their values come from Pulumi Cloud
 * when the CLI runs the program; an offline render cannot open them and reads nothing from them. For
 * each setting the program requires that the stack file does not hold, a placeholder stands in, and
 * the render says so, so that a stack whose Okta credentials live in a shared environment renders.
 */
import { PROJECT } from "../../stack/settings";

/** The environments a stack file imports, or a one-line problem with the key. */
export function importedEnvironments(file: string, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : undefined;
  if (!list || !list.every((e) => typeof e === "string" && e.length > 0))
    throw new Error(
      `${file}: environment must be a list of ESC environment names, e.g. [okta-pomerium/okta] (got ${JSON.stringify(value)})`,
    );
  return list as string[];
}

/** The required settings an environment may supply, with the placeholder render uses for each. */
function placeholders(stack: string, config: Record<string, string>): Array<[string, string]> {
  const group = `${stack}-esc-placeholder`;
  const groups = (() => {
    try {
      return JSON.parse(config[`${PROJECT}:groups`] ?? "null") as Array<{ name?: string }> | null;
    } catch {
      return null;
    }
  })();
  const routeGroup = groups?.[0]?.name ?? group;
  return [
    ["okta:orgName", "esc-placeholder"],
    ["okta:baseUrl", "okta.com"],
    [`${PROJECT}:authenticateUrl`, `https://authenticate.${stack}.esc-placeholder.invalid`],
    [`${PROJECT}:groups`, JSON.stringify([{ name: group, create: true }])],
    [
      `${PROJECT}:routes`,
      JSON.stringify([
        {
          from: `https://app.${stack}.esc-placeholder.invalid`,
          to: "http://esc-placeholder.invalid",
          allowGroups: [routeGroup],
        },
      ]),
    ],
  ];
}

/**
 * Fills `config` with placeholders for the required settings it lacks; returns their keys.
 * Credentials are the caller's (the same placeholders as secrets set outside the file).
 */
export function environmentPlaceholders(stack: string, config: Record<string, string>): string[] {
  const filled: string[] = [];
  for (const [key, value] of placeholders(stack, config)) {
    if (key in config) continue;
    config[key] = value;
    filled.push(key);
  }
  return filled;
}
