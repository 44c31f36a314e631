/**
 * Pure builders for Pomerium routes and PPL policies. No Pulumi here: tested without mocks.
 * PPL reference: https://www.pomerium.com/docs/reference/ppl
 */
import { PPL_ACTIONS, PPL_CRITERIA, PPL_OPERATORS } from "./facts";
import { matcherProblems } from "./ppl-matchers";

/**
 * A route as this program takes it: `from`, one destination, an access rule, and Pomerium route
 * options in Pomerium's own spelling beside them (the shape of the `routes` setting).
 */
export type RouteInput = {
  from: string;
  to?: string | readonly string[];
  allowGroups?: readonly string[];
  allowEmails?: readonly string[];
  policy?: unknown;
} & Readonly<Record<string, unknown>>;

/** A route as Pomerium reads it from its config file. */
export type PomeriumRoute = {
  from: string;
  to?: string | readonly string[];
  policy: PplRule[];
} & Record<string, unknown>;
export type PplRule = Partial<Record<"allow" | "deny", Record<string, unknown[]>>>;

/** Our own route keys; everything else on a route is a Pomerium option passed through as written. */
const OWN_KEYS = new Set(["from", "to", "allowGroups", "allowEmails", "policy"]);

/**
 * Compiles `allowGroups` and `allowEmails` into one PPL `allow: or:` rule. Groups become
 * `claim/<groupsClaim>` criteria: Pomerium Core's `groups` criterion reads directory data that only
 * Enterprise fills, so it would never match.
 */
export function compilePolicy(
  allowGroups: readonly string[],
  allowEmails: readonly string[],
  claimName: string,
): PplRule[] {
  const or: unknown[] = [
    ...allowGroups.map((g) => ({ [`claim/${claimName}`]: g })),
    ...allowEmails.map((e) => ({ email: { is: e } })),
  ];
  return or.length === 0 ? [] : [{ allow: { or } }];
}

/** Turns the `routes` setting into Pomerium routes, in the order given (a stable order: no diffs). */
export function buildRoutes(routes: readonly RouteInput[], claimName: string): PomeriumRoute[] {
  return routes.map((r) => {
    const options = Object.keys(r)
      .filter((k) => !OWN_KEYS.has(k))
      .sort();
    const policy =
      r.policy !== undefined
        ? normalizePolicy(r.policy)
        : compilePolicy(r.allowGroups ?? [], r.allowEmails ?? [], claimName);
    const route: PomeriumRoute = {
      from: r.from,
      ...(r.to !== undefined ? { to: r.to } : {}),
      policy,
    };
    for (const k of options) route[k] = r[k];
    return route;
  });
}

/** A PPL policy may be one rule or a list of rules; Pomerium accepts both, we always write a list. */
export function normalizePolicy(policy: unknown): PplRule[] {
  return (Array.isArray(policy) ? policy : [policy]) as PplRule[];
}

/**
 * Checks a raw PPL policy: rules with `allow`/`deny`, operators `and`/`or`/`not`/`nor`, known criteria
 * only. Returns problems as `[relative path, message]`, empty when the policy is valid.
 */
export function validatePpl(policy: unknown, claimName: string): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  const rules = Array.isArray(policy) ? policy : [policy];
  const prefix = (i: number) => (Array.isArray(policy) ? `[${i}]` : "");
  if (rules.length === 0)
    problems.push(["", "is an empty policy: it would deny everyone; add an allow rule"]);
  rules.forEach((rule, i) => {
    if (!isObject(rule) || Object.keys(rule).length === 0) {
      problems.push([prefix(i), "a PPL rule must be an object with `allow` and/or `deny`"]);
      return;
    }
    for (const [action, body] of Object.entries(rule)) {
      const here = `${prefix(i)}.${action}`;
      if (!PPL_ACTIONS.includes(action))
        problems.push([here, `unknown PPL action "${action}"; use allow or deny`]);
      else checkOperators(body, here, claimName, problems);
    }
  });
  return problems;
}

function checkOperators(
  body: unknown,
  path: string,
  claimName: string,
  problems: Array<[string, string]>,
): void {
  if (!isObject(body) || Object.keys(body).length === 0) {
    problems.push([path, "must be an object of operators: and, or, not, nor"]);
    return;
  }
  for (const [op, list] of Object.entries(body)) {
    const here = `${path}.${op}`;
    if (!PPL_OPERATORS.includes(op)) {
      problems.push([here, `unknown PPL operator "${op}"; use and, or, not or nor`]);
    } else if (!Array.isArray(list) || list.length === 0) {
      problems.push([here, "must be a non-empty list of criteria"]);
    } else {
      list.forEach((c, j) => checkCriterion(c, `${here}[${j}]`, claimName, problems));
    }
  }
}

function checkCriterion(
  c: unknown,
  path: string,
  claimName: string,
  problems: Array<[string, string]>,
): void {
  if (!isObject(c) || Object.keys(c).length !== 1) {
    problems.push([
      path,
      "a criterion is an object with exactly one key, e.g. {email: {is: a@example.com}}",
    ]);
    return;
  }
  const [key] = Object.keys(c);
  if (PPL_OPERATORS.includes(key))
    return checkOperators(c, path.replace(/\.$/, ""), claimName, problems);
  const name = key.split("/")[0];
  if (name === "groups") {
    problems.push([
      `${path}.${key}`,
      `the "groups" criterion never matches on Pomerium Core (it reads Enterprise directory data); use "claim/${claimName}"`,
    ]);
  } else if (!PPL_CRITERIA.includes(name)) {
    problems.push([
      `${path}.${key}`,
      `unknown PPL criterion "${name}"; known: ${PPL_CRITERIA.join(", ")}`,
    ]);
  } else if (name === "claim" && !/^claim\/./.test(key)) {
    // `claim/` (empty name) parses in Pomerium but looks up claim "" and so never matches.
    problems.push([`${path}.${key}`, 'the claim criterion names its claim: "claim/<name>"']);
  } else {
    for (const [rel, msg] of matcherProblems(name, c[key]))
      problems.push([`${path}.${key}${rel}`, msg]);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
