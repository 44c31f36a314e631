/**
 * Validates a Kubernetes object against the real OpenAPI schema (kubernetes-models). Returns the
 * problems, empty when valid. Unknown kinds are a problem too: nothing goes unchecked.
 */
export function schemaProblems(
  obj: { apiVersion?: string; kind?: string } & Record<string, unknown>,
): string[] {
  const { apiVersion, kind } = obj;
  if (!apiVersion || !kind)
    return [`object without apiVersion/kind: ${JSON.stringify(obj).slice(0, 80)}`];
  let Model: new (o: unknown) => { validate(): void };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    Model = require(`kubernetes-models/${apiVersion}/${kind}`)[kind];
  } catch {
    return [`no schema for ${apiVersion} ${kind}`];
  }
  try {
    new Model(obj).validate();
    return [];
  } catch (e) {
    return [`${kind} ${(obj as any).metadata?.name}: ${(e as Error).message}`];
  }
}
