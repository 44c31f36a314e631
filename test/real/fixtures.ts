/** What a cluster holds before a stack comes: a team's namespace with a workload, Pomerium's install. */
import { kubectl } from "./harness";

/** A namespace with something running in it, made the way a team or an installer makes one. */
export async function existingNamespace(name: string): Promise<void> {
  // Stacks side by side may make the same one at once: kubectl apply reads, then creates, so the
  // slower one gets AlreadyExists; applying again then finds it.
  for (let attempt = 1; ; attempt++) {
    try {
      await kubectl(["apply", "-f", "-"], JSON.stringify(runningIn(name)));
      return;
    } catch (e) {
      if (attempt >= 3 || !/AlreadyExists/.test((e as Error).message)) throw e;
    }
  }
}

function runningIn(ns: string) {
  const labels = { app: `${ns}-app` };
  return {
    apiVersion: "v1",
    kind: "List",
    items: [
      { apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: { team: "real" } } },
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: `${ns}-app`, namespace: ns },
        spec: {
          replicas: 1,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              securityContext: {
                runAsNonRoot: true,
                runAsUser: 1000,
                seccompProfile: { type: "RuntimeDefault" },
              },
              containers: [
                {
                  name: "app",
                  image: "registry.example.com/app:1.0.0",
                  securityContext: {
                    allowPrivilegeEscalation: false,
                    capabilities: { drop: ["ALL"] },
                  },
                },
              ],
            },
          },
        },
      },
    ],
  };
}

/** The `Pomerium` object of Pomerium's install docs, applied with kubectl (also at cluster start). */
export { INSTALL_DOCS_POMERIUM } from "../../scripts/real/crds";
