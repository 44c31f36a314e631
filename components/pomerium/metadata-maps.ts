/**
 * Metadata maps as the API server keeps them. The server drops an empty map
 * (`metadata.annotations: {}`), so an object that sends one differs from what the server stores and
 * every `up` shows it as a change: a map that ends up empty is left out instead.
 */
import * as pulumi from "@pulumi/pulumi";

type StringMap = pulumi.Input<{ [key: string]: pulumi.Input<string> }>;

/**
 * `{ annotations }` with the maps merged (later keys win), or `{}` when there is nothing to carry.
 * Plain maps are merged as they are; when one is an Output, the merge is an Output that resolves to
 * `undefined` (no field) when empty.
 */
export function annotationsOf(...maps: Array<StringMap | undefined>): {
  annotations?: StringMap;
} {
  const given = maps.filter((m): m is StringMap => m !== undefined);
  if (given.every((m) => !pulumi.Output.isInstance(m))) {
    const merged = Object.assign({}, ...(given as Array<Record<string, pulumi.Input<string>>>));
    return Object.keys(merged).length > 0 ? { annotations: merged } : {};
  }
  const merged = pulumi.all(given).apply((ms) => {
    const m: Record<string, string> = Object.assign({}, ...ms);
    return Object.keys(m).length > 0 ? m : undefined;
  });
  return { annotations: merged as pulumi.Output<Record<string, string>> };
}

/**
 * The provider's annotation that creates or updates an object without waiting for it to become
 * ready. Set where readiness is written by something outside the stack: an Ingress's address (the
 * ingress controller, 10 minutes by default), a LoadBalancer Service's external IP (the cloud), an
 * HTTPRoute's or the `Pomerium` object's status (their controllers). Not where the stack's own pods
 * decide it (Deployment, ClusterIP Service).
 */
export const SKIP_AWAIT: Readonly<Record<string, string>> = { "pulumi.com/skipAwait": "true" };

/** `SKIP_AWAIT`, or nothing when the component was asked to wait (`waitForExternal`). */
export const skipAwaitUnless = (waitForExternal: boolean | undefined) =>
  waitForExternal ? {} : SKIP_AWAIT;
