/**
 * The access matrix (every front door × every principal) and the difference between two of them.
 * A principal stands for one kind of identity the settings name: a member of one group, a person
 * with a named e-mail or in a named domain, any signed-in user, anyone. Pure functions.
 */
import { decide } from "./decide";
import type { FrontDoor, Gate, Identity } from "./types";

/** A principal: `group:<name>`, `email:<address>`, `domain:<domain>`, `any signed-in user`, `anyone`. */
export type Principal = string;
export const ANY_SIGNED_IN = "any signed-in user";
export const ANYONE = "anyone";

/** One cell of the matrix (`--json` prints these). */
export interface Cell {
  app: string;
  principal: Principal;
  allowed: boolean | null;
  gate: Gate;
}

/**
 * The identity a principal stands for. A group: a member of that group alone, with an e-mail no
 * rule names. An e-mail, a domain, any signed-in user: someone Okta signs in (assigned through a
 * group whose name no rule reads), with an empty groups claim: whether that person is assigned is
 * Okta's data, not the settings' (`--user` checks one real identity).
 */
export function principalIdentity(p: Principal): Identity {
  if (p === ANYONE) return { signedIn: false, groups: [], claimGroups: [] };
  const assumed = { signedIn: true, groups: [], claimGroups: [], assumeAssigned: true };
  if (p === ANY_SIGNED_IN) return assumed;
  const [kind, ...rest] = p.split(":");
  const value = rest.join(":");
  if (kind === "group") return { signedIn: true, groups: [value], claimGroups: [] };
  if (kind === "email") return { ...assumed, email: value };
  if (kind === "domain") return { ...assumed, domain: value };
  throw new Error(
    `unknown principal "${p}": use group:, email:, domain:, "${ANY_SIGNED_IN}" or "${ANYONE}"`,
  );
}

/** Every cell, doors in order, principals in order within each door. */
export function accessMatrix(
  doors: readonly FrontDoor[],
  principals: readonly Principal[],
): Cell[] {
  const who = principals.map((p) => [p, principalIdentity(p)] as const);
  return doors.flatMap((door) =>
    who.map(([principal, identity]) => {
      const d = decide(door, identity);
      return { app: door.app, principal, allowed: d.allowed, gate: d.gate };
    }),
  );
}

/** One change between two matrices; a door absent on one side counts as denied there. */
export interface Change {
  app: string;
  principal: Principal;
  change: "granted" | "revoked" | "changed";
  before?: Omit<Cell, "app" | "principal">;
  after?: Omit<Cell, "app" | "principal">;
}

const key = (c: { app: string; principal: string }) => JSON.stringify([c.app, c.principal]);
const denied = (c: Cell | undefined) => !c || c.allowed === false;

/**
 * What changed from `before` to `after`: granted, revoked, or changed (the same answer by another
 * gate, or to or from "depends on the request"), granted first.
 */
export function diffMatrices(before: readonly Cell[], after: readonly Cell[]): Change[] {
  const old = new Map(before.map((c) => [key(c), c]));
  const now = new Map(after.map((c) => [key(c), c]));
  const keys = [...new Set([...after.map(key), ...before.map(key)])];
  const changes: Change[] = [];
  for (const k of keys) {
    const [a, b] = [old.get(k), now.get(k)];
    const strip = (c: Cell | undefined) => (c ? { allowed: c.allowed, gate: c.gate } : undefined);
    const { app, principal } = (b ?? a)!;
    const base = {
      app,
      principal,
      ...(a ? { before: strip(a) } : {}),
      ...(b ? { after: strip(b) } : {}),
    };
    if (a && b && a.allowed === b.allowed && a.gate === b.gate) continue;
    if (denied(a) && denied(b)) {
      if (a && b) changes.push({ ...base, change: "changed" });
    } else if (b?.allowed === true && a?.allowed !== true)
      changes.push({ ...base, change: "granted" });
    else if (a?.allowed === true && b?.allowed !== true)
      changes.push({ ...base, change: "revoked" });
    else changes.push({ ...base, change: "changed" }); // another gate, or to or from "depends"
  }
  // Granted first, then revoked, then the rest; the order of the settings within each.
  const order = ["granted", "revoked", "changed"];
  return changes.sort((a, b) => order.indexOf(a.change) - order.indexOf(b.change));
}
