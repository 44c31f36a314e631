/**
 * An Okta custom authorization server with its scopes, claims, and one access policy + rule per set
 * of clients: a second relying party is one more entry in `policies`, on the same server and claims.
 * Needs Okta's API Access Management. Facts: the team's okta-provider.md §1.2–§1.5.
 */
import * as oktaAuth from "@pulumi/okta/auth";
import * as pulumi from "@pulumi/pulumi";

/** How the server's issuer is spelled. */
export const OktaIssuerMode = {
  OrgUrl: "ORG_URL",
  CustomUrl: "CUSTOM_URL",
  Dynamic: "DYNAMIC",
} as const;
export type OktaIssuerMode = (typeof OktaIssuerMode)[keyof typeof OktaIssuerMode];

/** A custom scope. */
export interface OktaScopeArgs {
  /** The scope's name (plain: it names the child resource). */
  name: string;
  /** Shown on consent screens. @default the name */
  displayName?: pulumi.Input<string>;
  /** @default none */
  description?: pulumi.Input<string>;
  /** Granted when a client asks for no scope. @default false */
  default?: pulumi.Input<boolean>;
  /** `IMPLICIT` or `REQUIRED`. @default "IMPLICIT" */
  consent?: pulumi.Input<string>;
  /** `ALL_CLIENTS` or `NO_CLIENTS`. @default "ALL_CLIENTS" */
  metadataPublish?: pulumi.Input<string>;
}

/** A claim, such as the groups claim. */
export interface OktaClaimArgs {
  /** The claim's name in tokens (plain: it names the child resource). */
  name: string;
  /** `IDENTITY` (ID token) or `RESOURCE` (access token). @default "IDENTITY" */
  claimType?: pulumi.Input<string>;
  /** `GROUPS` (a group filter) or `EXPRESSION`. @default "EXPRESSION" */
  valueType?: pulumi.Input<string>;
  /** The group filter, or the expression. */
  value: pulumi.Input<string>;
  /** With `GROUPS`: STARTS_WITH, EQUALS, CONTAINS or REGEX (matching the whole name). @default none */
  groupFilterType?: pulumi.Input<string>;
  /** @default true */
  alwaysIncludeInToken?: pulumi.Input<boolean>;
}

/** What one access policy's rule lets its clients do. */
export interface OktaPolicyRuleArgs {
  /** The rule's name in Okta. */
  name: pulumi.Input<string>;
  /** Rule grant types (never refresh_token: that comes from the app and offline_access). @default ["authorization_code"] */
  grantTypes?: pulumi.Input<pulumi.Input<string>[]>;
  /** The scopes clients may get. */
  scopes: pulumi.Input<pulumi.Input<string>[]>;
  /** Group ids whose users may get tokens. @default none (then `everyone` must be true) */
  groupIds?: pulumi.Input<pulumi.Input<string>[]>;
  /** Let every user get tokens instead of `groupIds`. @default false */
  everyone?: boolean;
  /** 5 to 1440. @default 60 */
  accessTokenLifetimeMinutes?: pulumi.Input<number>;
  /** 0 = unlimited. @default 0 */
  refreshTokenLifetimeMinutes?: pulumi.Input<number>;
  /** Between the access and refresh lifetimes. @default 10080 */
  refreshTokenWindowMinutes?: pulumi.Input<number>;
}

/** One access policy: which clients it covers and its rule. */
export interface OktaAccessPolicyArgs {
  /** The policy's name in Okta (plain: it names the child resources). */
  name: string;
  /** Okta requires one. @default "Managed by okta-pomerium" */
  description?: pulumi.Input<string>;
  /** The OAuth client ids the policy covers. */
  clientIds: pulumi.Input<pulumi.Input<string>[]>;
  /** @default the policy's position, from 1 */
  priority?: pulumi.Input<number>;
  /** The policy's one rule. */
  rule: OktaPolicyRuleArgs;
}

/** The args of `OktaAuthorizationServer`: the server, its scopes and claims, one policy per set of clients. */
export interface OktaAuthorizationServerArgs {
  /** The server's name in Okta; include the stack so several stacks share one org. */
  name: pulumi.Input<string>;
  /** @default "Managed by okta-pomerium" */
  description?: pulumi.Input<string>;
  /** The audience of its access tokens (Okta takes exactly one). */
  audiences: pulumi.Input<pulumi.Input<string>[]>;
  /** @default "ORG_URL" */
  issuerMode?: pulumi.Input<OktaIssuerMode>;
  /** Custom scopes. @default none */
  scopes?: OktaScopeArgs[];
  /** Claims. @default none */
  claims?: OktaClaimArgs[];
  /** Access policies, one per set of clients. @default none: no client gets tokens */
  policies?: OktaAccessPolicyArgs[];
}

const DEFAULT_DESCRIPTION = "Managed by okta-pomerium";

/** An Okta custom authorization server. */
export class OktaAuthorizationServer extends pulumi.ComponentResource {
  /** The issuer URL (`idp_provider_url`), as Okta reports it: never built by hand. */
  readonly issuer: pulumi.Output<string>;
  /** The server's id (`aus…`). */
  readonly serverId: pulumi.Output<string>;

  constructor(
    name: string,
    args: OktaAuthorizationServerArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super("okta-pomerium:index:OktaAuthorizationServer", name, {}, opts);
    const problems = serverProblems(args);
    if (problems.length > 0)
      throw new pulumi.ResourceError(
        `OktaAuthorizationServer "${name}": ${problems.join("; ")}`,
        this,
      );
    const child = { parent: this };
    const server = new oktaAuth.Server(
      `${name}-server`,
      {
        name: args.name,
        description: args.description ?? DEFAULT_DESCRIPTION,
        audiences: args.audiences,
        issuerMode: args.issuerMode ?? "ORG_URL",
        credentialsRotationMode: "AUTO",
        status: "ACTIVE",
      },
      child,
    );
    const scopes = (args.scopes ?? []).map(
      (s) =>
        new oktaAuth.ServerScope(
          `${name}-scope-${s.name}`,
          {
            authServerId: server.id,
            name: s.name,
            displayName: s.displayName ?? s.name,
            ...(s.description !== undefined ? { description: s.description } : {}),
            default: s.default ?? false,
            consent: s.consent ?? "IMPLICIT",
            metadataPublish: s.metadataPublish ?? "ALL_CLIENTS",
          },
          child,
        ),
    );
    for (const c of args.claims ?? []) {
      new oktaAuth.ServerClaim(
        `${name}-claim-${c.name}`,
        {
          authServerId: server.id,
          name: c.name,
          claimType: c.claimType ?? "IDENTITY",
          valueType: c.valueType ?? "EXPRESSION",
          ...(c.groupFilterType !== undefined ? { groupFilterType: c.groupFilterType } : {}),
          value: c.value,
          alwaysIncludeInToken: c.alwaysIncludeInToken ?? true,
          status: "ACTIVE",
        },
        child,
      );
    }
    (args.policies ?? []).forEach((p, i) => this.createPolicy(name, server, scopes, p, i));
    this.issuer = server.issuer;
    this.serverId = server.id;
    this.registerOutputs({ issuer: this.issuer, serverId: this.serverId });
  }

  /** One access policy and its rule. The rule names scopes, so it waits for them to exist. */
  private createPolicy(
    name: string,
    server: oktaAuth.Server,
    scopes: oktaAuth.ServerScope[],
    p: OktaAccessPolicyArgs,
    index: number,
  ): void {
    const policy = new oktaAuth.ServerPolicy(
      `${name}-policy-${p.name}`,
      {
        authServerId: server.id,
        name: p.name,
        description: p.description ?? DEFAULT_DESCRIPTION,
        priority: p.priority ?? index + 1,
        clientWhitelists: p.clientIds,
        status: "ACTIVE",
      },
      { parent: this },
    );
    const r = p.rule;
    new oktaAuth.ServerPolicyRule(
      `${name}-policy-rule-${p.name}`,
      {
        authServerId: server.id,
        policyId: policy.id,
        name: r.name,
        priority: 1,
        status: "ACTIVE",
        grantTypeWhitelists: r.grantTypes ?? ["authorization_code"],
        scopeWhitelists: r.scopes,
        // A rule for authorization_code must name people (Okta rejects it otherwise).
        groupWhitelists: r.everyone ? ["EVERYONE"] : r.groupIds!,
        accessTokenLifetimeMinutes: r.accessTokenLifetimeMinutes ?? 60,
        refreshTokenLifetimeMinutes: r.refreshTokenLifetimeMinutes ?? 0,
        refreshTokenWindowMinutes: r.refreshTokenWindowMinutes ?? 10080,
      },
      { parent: this, dependsOn: scopes },
    );
  }
}

/** What Okta or the provider would refuse, said before anything is registered under the server. */
export function serverProblems(args: OktaAuthorizationServerArgs): string[] {
  const problems: string[] = [];
  const dup = (kind: string, names: string[]) =>
    names
      .filter((n, i) => names.indexOf(n) !== i)
      .forEach((n) => problems.push(`${kind} "${n}" is listed twice`));
  dup(
    "scope",
    (args.scopes ?? []).map((s) => s.name),
  );
  dup(
    "claim",
    (args.claims ?? []).map((c) => c.name),
  );
  dup(
    "policy",
    (args.policies ?? []).map((p) => p.name),
  );
  for (const p of args.policies ?? []) {
    if (p.rule.everyone && p.rule.groupIds !== undefined)
      problems.push(`policy "${p.name}": set rule.everyone or rule.groupIds, not both`);
    if (!p.rule.everyone && p.rule.groupIds === undefined)
      problems.push(
        `policy "${p.name}": its rule must name who may get tokens: rule.groupIds, or rule.everyone: true`,
      );
  }
  return problems;
}
