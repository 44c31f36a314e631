/**
 * Okta groups, each created, taken by id, or looked up by its exact name (one invoke each, and only
 * for those). Facts: the team's okta-provider.md §1.6.
 */
import * as oktaGroup from "@pulumi/okta/group";
import * as pulumi from "@pulumi/pulumi";
import { groupPlans } from "./plan";

/** One group. */
export interface OktaGroupArgs {
  /** The group's exact Okta name (plain: it names the child resource, and lookups use it). */
  name: string;
  /** This stack creates (and owns) the group. @default false */
  create?: boolean;
  /** An existing group's id (`00g…`): no lookup. @default none: looked up by name */
  id?: string;
  /** A created group's description. @default "Pomerium sign-in (managed by okta-pomerium)" */
  description?: string;
}

/** The args of `OktaGroups`. */
export interface OktaGroupsArgs {
  /** The groups, in order (assignments follow this order). */
  groups: OktaGroupArgs[];
}

/** Okta groups: created, by id, or looked up by name. */
export class OktaGroups extends pulumi.ComponentResource {
  /** The group ids, in the order given. */
  readonly ids: pulumi.Output<string[]>;
  /** The group names, in the order given. */
  readonly names: string[];

  constructor(name: string, args: OktaGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("okta-pomerium:index:OktaGroups", name, {}, opts);
    const problems = groupProblems(args.groups);
    if (problems.length > 0)
      throw new pulumi.ResourceError(`OktaGroups "${name}": ${problems.join("; ")}`, this);
    const ids = groupPlans(args.groups).map((g) => {
      if (g.kind === "id") return pulumi.output(g.id);
      if (g.kind === "create") {
        // Named after the Okta group, not its position: removing one group from the list must not
        // turn another group's resource into it (Okta would rename the group, members and all).
        return new oktaGroup.Group(
          `${name}-group-${g.name}`,
          { name: g.name, description: g.description },
          { parent: this },
        ).id;
      }
      // Looked up by exact name: one invoke per group, and only for groups given by name alone.
      return oktaGroup.getGroupOutput({ name: g.name }, { parent: this }).id;
    });
    this.ids = pulumi.all(ids);
    this.names = args.groups.map((g) => g.name);
    this.registerOutputs({ ids: this.ids, names: this.names });
  }

  /** The ids of some of the groups, by name, in the order given. */
  idsOf(names: readonly string[]): pulumi.Output<string[]> {
    const at = names.map((n) => this.names.indexOf(n));
    if (at.includes(-1))
      throw new Error(
        `OktaGroups: ${names.filter((_, i) => at[i] < 0).join(", ")} not among the groups`,
      );
    return this.ids.apply((ids) => at.map((i) => ids[i]));
  }
}

/** Duplicate names and contradictory entries, in the args' own terms. */
export function groupProblems(groups: readonly OktaGroupArgs[]): string[] {
  const problems: string[] = [];
  groups.forEach((g, i) => {
    if (groups.findIndex((o) => o.name === g.name) !== i)
      problems.push(`group "${g.name}" is listed twice`);
    if (g.create && g.id !== undefined)
      problems.push(`group "${g.name}": set create or id, not both`);
  });
  return problems;
}
