// The okta-pomerium policy pack: `pulumi preview --policy-pack policy` (after `npm ci` in policy/);
// CI runs it in every preview and up. Self-contained: its code is this directory (policies.ts and
// guardrails/), so a published pack carries everything it runs. The policies themselves are pure
// functions in policies.ts, tested there; this file only wraps them.
import {
  PolicyPack,
  PolicyResource as EnginePolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  StackValidationArgs,
} from "@pulumi/policy";
import {
  DEFAULT_POLICY_CONFIG,
  PolicyConfig,
  PolicyResource,
  RESOURCE_POLICIES,
  STACK_POLICIES,
} from "./policies";

const configSchema = {
  properties: {
    productionStacks: {
      type: "array" as const,
      items: { type: "string" as const },
      default: [...DEFAULT_POLICY_CONFIG.productionStacks],
    },
  },
};

/** What the policies read of a resource the engine hands over. */
const planned = (r: ResourceValidationArgs | EnginePolicyResource): PolicyResource => ({
  type: r.type,
  props: r.props,
  urn: r.urn,
  protect: r.opts.protect,
});

new PolicyPack("okta-pomerium", {
  policies: [
    ...RESOURCE_POLICIES.map((p) => ({
      name: p.name,
      description: p.description,
      enforcementLevel: "mandatory" as const,
      configSchema,
      validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
        const config: PolicyConfig = {
          ...DEFAULT_POLICY_CONFIG,
          ...args.getConfig<Partial<PolicyConfig>>(),
        };
        for (const v of p.check(planned(args), config)) report(v);
      },
    })),
    ...STACK_POLICIES.map((p) => ({
      name: p.name,
      description: p.description,
      enforcementLevel: "mandatory" as const,
      validateStack: (args: StackValidationArgs, report: ReportViolation) => {
        for (const v of p.check(args.resources.map(planned))) report(v);
      },
    })),
  ],
});
