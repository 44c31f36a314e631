/**
 * Pure helpers of the real tier's tests (tested in pure.test.ts): what a rendered shape holds, what
 * kubectl warned, a stack's settings as stack config, a route change.
 */
import { parse } from "yaml";
import { CONTROLLER_ANNOTATION_OPTIONS } from "../../components/pomerium/facts";
import type { StackConfig } from "../../scripts/render/stack-config";
import type { Rendered } from "../render/modes";

const PREFIX = "ingress.pomerium.io/";

/** The namespaces a file's objects live in or create. */
export function namespacesOf(objects: ReadonlyArray<Record<string, any>>): string[] {
  const names = objects.flatMap((o) =>
    o.kind === "Namespace"
      ? [o.metadata.name]
      : o.metadata?.namespace
        ? [o.metadata.namespace]
        : [],
  );
  return [...new Set<string>(names)].sort();
}

/** Lines kubectl wrote to stderr that are warnings (the API server's or its own). */
export const warnings = (stderr: string) => stderr.split("\n").filter((l) => /warning/i.test(l));

/** The config.json of an all-in-one shape (its ConfigMap), or undefined in controller mode. */
export function allInOneConfig(shape: Rendered): Record<string, any> | undefined {
  const cm = shape.objects.find((o) => o.kind === "ConfigMap" && o.data?.["config.json"]);
  return cm ? JSON.parse(cm.data["config.json"]) : undefined;
}

/** Each controller-mode Ingress as the Pomerium route the controller makes of it. */
export function ingressRoutes(shape: Rendered): Array<Record<string, unknown>> {
  return shape.objects
    .filter((o) => o.kind === "Ingress" && o.spec?.ingressClassName === "pomerium")
    .map((o) => {
      const rule = o.spec.rules[0];
      const backend = rule.http.paths[0].backend.service;
      const route: Record<string, unknown> = {
        from: `https://${rule.host}`,
        to: [
          `http://${backend.name}.${o.metadata.namespace}.svc.cluster.local:${backend.port.number ?? 80}`,
        ],
      };
      for (const [k, v] of Object.entries<string>(o.metadata.annotations ?? {})) {
        if (!k.startsWith(PREFIX)) continue;
        const key = k.slice(PREFIX.length);
        if (key === "policy") route.policy = parse(v);
        else if (CONTROLLER_ANNOTATION_OPTIONS.includes(key)) route[key] = parse(v);
      }
      return route;
    });
}

/** The stack's settings as `pulumi config` holds them: placeholders for the secrets not in the file. */
export function stackConfig({ config, secretKeys }: StackConfig) {
  return Object.fromEntries(
    Object.entries(config).map(([k, value]) => [k, { value, secret: secretKeys.includes(k) }]),
  );
}

/** The routes with the first one's groups changed: a route change a team makes. */
export function changedRoutes(routes: string): string {
  const parsed = JSON.parse(routes);
  parsed[0] = {
    ...parsed[0],
    allowEmails: [...(parsed[0].allowEmails ?? []), "new-hire@example.com"],
  };
  return JSON.stringify(parsed);
}
