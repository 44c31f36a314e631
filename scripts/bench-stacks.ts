/** The synthetic stacks `npm run bench` and the budget tests evaluate. */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { fromTemplate } from "./new-stack";
import { templateFile } from "./stacks";

const ROOT = path.resolve(__dirname, "../..");

/** A stack's settings with `routes` routes and `groups` groups (created, or by id / by name). */
export function syntheticStack(
  stack: string,
  routes: number,
  groups: number,
  kind: "create" | "id" | "name" = "create",
): Record<string, unknown> {
  const names = Array.from({ length: groups }, (_, i) => `pomerium-${stack}-g${i}`);
  return {
    "okta:orgName": "dev-123456",
    "okta:baseUrl": "okta.com",
    "okta:apiToken": "bench-token",
    "okta-pomerium:authenticateUrl": "https://authenticate.bench.example.com",
    "okta-pomerium:groups": names.map((name, i) =>
      kind === "create"
        ? { name, create: true }
        : kind === "id"
          ? { name, id: `00g${String(i).padStart(17, "0")}` }
          : { name },
    ),
    // A stack with many groups filters by prefix: the default (an exact list) would exceed Okta's
    // 1024 characters at 60 groups.
    "okta-pomerium:groupsClaim": { filterType: "STARTS_WITH", filter: `pomerium-${stack}-` },
    "okta-pomerium:routes": Array.from({ length: routes }, (_, i) => ({
      from: `https://app${i}.bench.example.com`,
      to: `http://app${i}.apps.svc.cluster.local:8080`,
      allowGroups: [names[i % groups]],
      pass_identity_headers: true,
    })),
  };
}

/**
 * A synthetic stack with Cloudflare Access in front of `apps` more hosts (each allowing one group),
 * with the team domain given (no lookup) or not (one invoke).
 */
export function withCloudflare(
  config: Record<string, unknown>,
  apps: number,
  teamDomain = true,
): Record<string, unknown> {
  const groups = (config["okta-pomerium:groups"] as { name: string }[]).map((g) => g.name);
  return {
    ...config,
    "cloudflare:apiToken": "bench-cloudflare-token",
    "okta-pomerium:cloudflareAccess": {
      accountId: "0123456789abcdef0123456789abcdef",
      ...(teamDomain ? { teamDomain: "bench.cloudflareaccess.com" } : {}),
      apps: Array.from({ length: apps }, (_, i) => ({
        name: `cf${i}`,
        domain: `cf${i}.bench.example.com`,
        allowGroups: [groups[i % groups.length]],
      })),
    },
  };
}

/**
 * A throw-away project directory: Pulumi.yaml, the bench's "dev" stack (the quickstart template, as
 * `npm run new-stack -- dev --template quickstart` writes it: the repository's own stack files are
 * the company's, and may be anything), and the given stacks' files.
 */
export function projectDir(stacks: Record<string, Record<string, unknown>>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "okta-pomerium-bench-"));
  copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  const quickstart = readFileSync(templateFile(ROOT, "quickstart"), "utf8");
  writeFileSync(
    path.join(dir, "Pulumi.dev.yaml"),
    fromTemplate(quickstart, "quickstart", "dev").text,
  );
  for (const [name, config] of Object.entries(stacks))
    writeFileSync(path.join(dir, `Pulumi.${name}.yaml`), stringify({ config }));
  return dir;
}
