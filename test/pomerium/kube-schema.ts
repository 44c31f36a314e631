/**
 * The real Kubernetes schema check the Pomerium and render tests share: each object validated
 * against its OpenAPI schema by kubernetes-models (its Gateway API models by
 * @kubernetes-models/gateway-api), Pomerium's own CRD by ./pomerium-crd.
 *
 * kubernetes-models 5 and @kubernetes-models/gateway-api 2 are ES modules whose `exports` name
 * only the `import` condition, so neither require() nor Node's require(esm) can resolve them from
 * this CommonJS code: they are loaded with a real dynamic import(), which tsc (module commonjs)
 * would rewrite to require() if written in the source, hence the Function below. It resolves
 * against this file, on Node 22 and 24 alike.
 */
import { pomeriumObjectProblems } from "./pomerium-crd";

type Model = new (o: unknown) => { validate(): void };
type KubeObject = { apiVersion?: string; kind?: string } & Record<string, unknown>;

const importEsm = new Function("specifier", "return import(specifier)") as (
  specifier: string,
) => Promise<Record<string, unknown>>;

const models = new Map<string, Promise<Model | undefined>>();

/** The model class of apiVersion/kind; undefined when neither package has one. Cached. */
export function modelOf(apiVersion: string, kind: string): Promise<Model | undefined> {
  const key = `${apiVersion}/${kind}`;
  let m = models.get(key);
  if (!m) {
    // The Gateway API's CRDs have their models in a package of their own.
    const pkg = apiVersion.startsWith("gateway.networking.k8s.io/")
      ? "@kubernetes-models/gateway-api"
      : "kubernetes-models";
    m = importEsm(`${pkg}/${key}`).then(
      (mod) => (typeof mod[kind] === "function" ? (mod[kind] as Model) : undefined),
      () => undefined,
    );
    models.set(key, m);
  }
  return m;
}

async function problemsOf(obj: KubeObject): Promise<string[]> {
  const { apiVersion, kind } = obj;
  if (!apiVersion || !kind)
    return [`object without apiVersion/kind: ${JSON.stringify(obj).slice(0, 80)}`];
  const name = (obj as { metadata?: { name?: string } }).metadata?.name;
  if (apiVersion === "ingress.pomerium.io/v1" && kind === "Pomerium")
    return pomeriumObjectProblems(onInstalledPomerium(obj)).map((p) => `Pomerium ${name}: ${p}`);
  const Model = await modelOf(apiVersion, kind);
  // Unknown kinds are a problem too: nothing goes unchecked.
  if (!Model) return [`no schema for ${apiVersion} ${kind}`];
  try {
    new Model(obj).validate();
    return [];
  } catch (e) {
    return [`${kind} ${name}: ${(e as Error).message}`];
  }
}

/**
 * The program's `Pomerium` object is a patch of the installation's (it never sets the required
 * `.spec.secrets`): validated as applied onto the object Pomerium's install docs make, whose
 * `.spec.secrets` is `pomerium/bootstrap`. A `secrets` the patch does set is checked as it is.
 */
export function onInstalledPomerium(obj: KubeObject): KubeObject {
  const spec = (obj as { spec?: Record<string, unknown> }).spec;
  return { ...obj, spec: { secrets: "pomerium/bootstrap", ...spec } };
}

/**
 * Validates Kubernetes objects against the real OpenAPI schemas (kubernetes-models). Returns the
 * problems of all of them, empty when every one is valid.
 */
export async function schemaProblems(...objects: KubeObject[]): Promise<string[]> {
  return (await Promise.all(objects.map(problemsOf))).flat();
}
