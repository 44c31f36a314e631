/**
 * Warnings (not refusals) for what ingress-controller mode needs but this program cannot create or
 * see at render time: the cluster is not read before `pulumi up`, so each says what to check.
 */
import {
  ControllerSpec,
  ownedPomeriumFields,
  routeIngress,
  routeTlsSecretName,
} from "../../components/pomerium/controller-objects";
import type { RawSettings } from "./schema";

/** cert-manager creates an Ingress's TLS Secret when the Ingress names an issuer. */
const ISSUER_ANNOTATIONS = ["cert-manager.io/cluster-issuer", "cert-manager.io/issuer"];

/** The prerequisites of ingress-controller mode the stack leaves to the cluster (valid settings only). */
export function controllerWarnings(s: RawSettings, stack: string): string[] {
  const pom = s.pomerium;
  if (pom.mode !== "ingress-controller") return [];
  const c = pom.controller;
  const warnings: string[] = [];
  const authHost = new URL(s.authenticateUrl).host;
  if (c.authenticateCertificate === undefined)
    warnings.push(
      `pomerium.controller.authenticateCertificate is not set: the Pomerium object gets no certificate for the authenticate host ${authHost}, so sign-in works only if the controller's installation already lists one in spec.certificates. Check \`kubectl get pomerium ${c.pomeriumName} -o jsonpath='{.spec.certificates}'\`, or set authenticateCertificate: <namespace>/<TLS Secret>.`,
    );
  const issued = ISSUER_ANNOTATIONS.some((a) => a in c.annotations);
  if (!issued) {
    const spec: ControllerSpec = {
      stack,
      authenticateUrl: s.authenticateUrl,
      routes: s.routes,
      groupsClaimName: s.groupsClaim.name,
      namespace: pom.namespace,
      name: pom.name,
      pomeriumName: c.pomeriumName,
      ingressClassName: c.ingressClassName,
      ...(c.tlsSecretName !== undefined ? { tlsSecretName: c.tlsSecretName } : {}),
      postgres: false,
    };
    const secrets = new Set(
      s.routes.map((r) => {
        const ing = routeIngress(spec, r);
        return `${ing.namespace}/${routeTlsSecretName(spec, ing.name)}`;
      }),
    );
    warnings.push(
      `the routes' Ingresses name TLS Secrets that this stack does not create: ${[...secrets].join(", ")}. Check that they exist (\`kubectl get secret -n <namespace> <name>\`), or let cert-manager issue them: add "cert-manager.io/cluster-issuer: <issuer>" to pomerium.controller.annotations.`,
    );
  }
  const fields = ownedPomeriumFields({
    postgres: pom.databroker.storage === "postgres",
    ...(c.authenticateCertificate ? { authenticateCertificate: c.authenticateCertificate } : {}),
  });
  warnings.push(
    `the cluster-wide Pomerium object "${c.pomeriumName}" is shared: this stack sets ${fields.join(", ")} as field manager "${c.fieldManager}", without force, and never .spec.secrets (the installation's bootstrap Secret). If another tool (kubectl apply, Argo CD, a Helm release, another stack) set one of those fields, up fails with a conflict before the object changes: remove the field there first. Check \`kubectl get pomerium ${c.pomeriumName} --show-managed-fields -o yaml\` before the first up. Destroy removes exactly these fields, which leaves the object as it was.`,
  );
  return warnings;
}
