/**
 * The guardrails as policies: pure functions over planned resources (no @pulumi/policy here), so
 * the tests run them over every stack and `policy/index.ts` wraps the same list in a PolicyPack.
 */
import {
  imagePinned,
  networkPolicyPresent,
  noSecretsInConfigMaps,
  PlannedResource,
  podSecurityRestricted,
  resourceLimitsSet,
} from "./guardrails";

/** A planned resource with what the policies need beyond its inputs. */
export interface PolicyResource extends PlannedResource {
  urn: string;
  protect: boolean;
}

export interface PolicyConfig {
  /**
   * Stacks treated as production (identity resources must be protected there). None by default:
   * the pack knows no stack by name; list yours in the pack's config (`--policy-pack-config`, or the
   * Pulumi Cloud policy group). A stack also opts in itself with `okta-pomerium:protect: true`,
   * which the settings then hold to production's shape (stack/settings/protect-rules.ts).
   */
  productionStacks: readonly string[];
}

export const DEFAULT_POLICY_CONFIG: PolicyConfig = { productionStacks: [] };

/**
 * Types whose loss locks users out or changes client ids, or (a Cloudflare Access application)
 * leaves its host open to anyone: protected in production.
 */
export const IDENTITY_TYPES = [
  "okta:app/oAuth:OAuth",
  "okta:auth/server:Server",
  "okta:group/group:Group",
  "kubernetes:core/v1:Namespace",
  "cloudflare:index/zeroTrustAccessIdentityProvider:ZeroTrustAccessIdentityProvider",
  "cloudflare:index/zeroTrustAccessApplication:ZeroTrustAccessApplication",
];

/** The stack a URN belongs to (`urn:pulumi:<stack>::<project>::…`). */
export const stackOf = (urn: string) => urn.split("::")[0].split(":").pop() ?? "";

export function productionProtected(r: PolicyResource, config: PolicyConfig): string[] {
  if (!IDENTITY_TYPES.includes(r.type) || !config.productionStacks.includes(stackOf(r.urn)))
    return [];
  return r.protect
    ? []
    : [
        `${r.type} must be protected in production stack "${stackOf(r.urn)}": set okta-pomerium:protect: true`,
      ];
}

export interface ResourcePolicy {
  name: string;
  description: string;
  check: (r: PolicyResource, config: PolicyConfig) => string[];
}

export const RESOURCE_POLICIES: readonly ResourcePolicy[] = [
  {
    name: "pod-security-restricted",
    description: 'Pods meet Pod Security Standard "restricted"',
    check: (r) => podSecurityRestricted(r),
  },
  {
    name: "image-pinned",
    description: "Container images are pinned to a tag or digest, never latest",
    check: (r) => imagePinned(r),
  },
  {
    name: "resource-limits",
    description: "Every container sets CPU and memory requests and limits",
    check: (r) => resourceLimitsSet(r),
  },
  {
    name: "no-secrets-in-configmaps",
    description: "ConfigMaps hold no secret-looking values",
    check: (r) => noSecretsInConfigMaps(r),
  },
  {
    name: "production-protect",
    description: "Identity resources are protected in production stacks",
    check: productionProtected,
  },
];

export const STACK_POLICIES = [
  {
    name: "network-policy-present",
    description: "The proxy's pods are covered by a NetworkPolicy",
    check: (resources: readonly PolicyResource[]) => networkPolicyPresent(resources),
  },
] as const;

/** Every violation over a whole stack, as `policy: message`. */
export function violations(
  resources: readonly PolicyResource[],
  config: PolicyConfig = DEFAULT_POLICY_CONFIG,
): string[] {
  const out: string[] = [];
  for (const r of resources)
    for (const p of RESOURCE_POLICIES)
      for (const v of p.check(r, config)) out.push(`${p.name}: ${r.urn}: ${v}`);
  for (const p of STACK_POLICIES) for (const v of p.check(resources)) out.push(`${p.name}: ${v}`);
  return out;
}
