// The okta-pomerium policy pack: `pulumi preview --policy-pack policy` (after `npm ci` in policy/).
// The policies themselves live in policies.ts and are tested there; this file only wraps them.
import { PolicyPack } from "@pulumi/policy";
import { DEFAULT_POLICY_CONFIG, PolicyConfig, RESOURCE_POLICIES, STACK_POLICIES } from "./policies";

const configSchema = {
  properties: {
    productionStacks: {
      type: "array" as const,
      items: { type: "string" as const },
      default: [...DEFAULT_POLICY_CONFIG.productionStacks],
    },
  },
};

new PolicyPack("okta-pomerium", {
  policies: [
    ...RESOURCE_POLICIES.map((p) => ({
      name: p.name,
      description: p.description,
      enforcementLevel: "mandatory" as const,
      configSchema,
      validateResource: (args: any, report: (message: string) => void) => {
        const config = { ...DEFAULT_POLICY_CONFIG, ...args.getConfig() } as PolicyConfig;
        for (const v of p.check(
          { type: args.type, props: args.props, urn: args.urn, protect: args.opts.protect },
          config,
        ))
          report(v);
      },
    })),
    ...STACK_POLICIES.map((p) => ({
      name: p.name,
      description: p.description,
      enforcementLevel: "mandatory" as const,
      validateStack: (args: any, report: (message: string) => void) => {
        const resources = args.resources.map((r: any) => ({
          type: r.type,
          props: r.props,
          urn: r.urn,
          protect: r.opts.protect,
        }));
        for (const v of p.check(resources)) report(v);
      },
    })),
  ],
});
