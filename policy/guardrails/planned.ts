/** What the guardrails read: a planned resource's type token and inputs, and how to name it. */

/** A planned resource: its type token (`kubernetes:apps/v1:Deployment`) and its inputs. */
export interface PlannedResource {
  type: string;
  props: Record<string, any>;
}

export type Dict = Record<string, any>;

/** `<type> <metadata.name>`, the way every violation starts. */
export const nameOf = (r: PlannedResource) => `${r.type} ${r.props?.metadata?.name ?? "(unnamed)"}`;
