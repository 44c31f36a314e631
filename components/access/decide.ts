/**
 * One front door's decision for one identity, gate by gate as the real systems apply them: Pomerium
 * first tries the request without a session (a public route needs no Okta at all); otherwise Okta
 * signs the user in only when they are assigned to the app (both authorization-server modes) and,
 * with a custom server, admitted by its policy rule; the groups claim carries only the groups that
 * pass its filter; then the route's PPL (deny over allow) or the Cloudflare Access policy decides.
 */
import { Criterion, evalAction, Result, UNAUTHENTICATED } from "./ppl-eval";
import { claimGroups, decision, oktaRefusal } from "./okta-gates";
import type { Decision, FrontDoor, Gate, Identity } from "./types";

const ANONYMOUS: Identity = { signedIn: false, groups: [], claimGroups: [] };

/** The identity as the front door sees it after sign-in: its groups claim filtered. */
const signedIn = (door: FrontDoor, who: Identity): Identity => ({
  ...who,
  claimGroups: claimGroups(door.okta, who.groups),
});

/** Decides whether `who` reaches `door`, and names the gate and the reason. */
export function decide(door: FrontDoor, who: Identity): Decision {
  if (door.kind === "route") {
    const open = anonymousOutcome(door);
    if (!open.unauthenticated) return open.decision;
  }
  if (!who.signedIn)
    return decision(door.app, false, "sign-in", "needs sign-in: not open to anyone signed out");
  const refused = oktaRefusal(door, who);
  if (refused) return refused;
  const user = signedIn(door, who);
  if (door.kind === "openmetadata")
    return decision(
      door.app,
      true,
      "okta-assignment",
      `Okta signs the user in to ${door.okta.app}`,
    );
  if (door.kind === "cloudflare") {
    if (door.claimName !== "groups")
      return decision(
        door.app,
        false,
        "cloudflare-policy",
        `Cloudflare Access matches Okta groups on the claim "groups"; this stack's groups claim is "${door.claimName}"`,
      );
    const hit = door.allowGroups.find((g) => user.claimGroups.includes(g));
    if (hit)
      return decision(
        door.app,
        true,
        "cloudflare-policy",
        `Cloudflare Access policy includes Okta group ${hit}`,
      );
    const dropped = door.allowGroups.find((g) => user.groups.includes(g));
    return dropped
      ? decision(
          door.app,
          false,
          "claim-filter",
          `the groups claim filter drops ${dropped}, the group the Cloudflare policy allows`,
        )
      : decision(
          door.app,
          false,
          "cloudflare-policy",
          `the Cloudflare Access policy allows only ${door.allowGroups.join(", ")}`,
        );
  }
  const out = routeOutcome(door, user).decision;
  if (
    out.allowed === false &&
    out.gate === "route-allow" &&
    user.claimGroups.length < user.groups.length
  ) {
    // Would the groups the filter dropped have matched? Then the filter is what refuses.
    const unfiltered = routeOutcome(door, { ...user, claimGroups: user.groups }).decision;
    if (unfiltered.allowed !== false)
      return decision(
        door.app,
        false,
        "claim-filter",
        `the groups claim filter drops the group the route allows (${describe(unfiltered.reason)})`,
      );
  }
  return out;
}

/** Signed out, a door's answer is the same for everyone: computed once per door. */
const anonymous = new WeakMap<FrontDoor, ReturnType<typeof routeOutcome>>();
function anonymousOutcome(door: Extract<FrontDoor, { kind: "route" }>) {
  let out = anonymous.get(door);
  if (!out) anonymous.set(door, (out = routeOutcome(door, ANONYMOUS)));
  return out;
}

const describe = (s: string) => s.replace(/^allowed by /, "");

/** Pomerium's decision for one session (or none): sign-in redirect, deny, allow, or undecided. */
function routeOutcome(
  door: Extract<FrontDoor, { kind: "route" }>,
  who: Identity,
): { unauthenticated: boolean; decision: Decision } {
  const allow = evalAction(door.rules, "allow", who, door.claimName);
  const deny = evalAction(door.rules, "deny", who, door.claimName);
  const unauthenticated = allow.reasons.has(UNAUTHENTICATED) || deny.reasons.has(UNAUTHENTICATED);
  const at = door.setting;
  if (deny.value === true)
    return {
      unauthenticated,
      decision: decision(door.app, false, "route-deny", `denied by ${at}: ${criteria(deny)}`),
    };
  if (allow.value === false)
    return {
      unauthenticated,
      decision: decision(door.app, false, "route-allow", `no allow rule of ${at} matches`),
    };
  if (deny.value === "unknown" || allow.value === "unknown") {
    const why = deny.value === "unknown" ? deny : allow;
    return {
      unauthenticated,
      decision: decision(
        door.app,
        null,
        "depends",
        `depends on ${dependsOn(why)} (${at}: ${criteria(why)})`,
      ),
    };
  }
  const flag = allow.why.map((c) => door.flags.get(c)).find((f) => f !== undefined);
  const gate: Gate = flag ?? "route-allow";
  const by =
    flag === "public"
      ? "allow_public_unauthenticated_access"
      : flag === "any-authenticated-user"
        ? "allow_any_authenticated_user"
        : criteria(allow);
  return { unauthenticated, decision: decision(door.app, true, gate, `allowed by ${at}: ${by}`) };
}

/** The criteria behind a result, in PPL: `claim/groups: admins; email: {is: a@example.com}`. */
function criteria(r: Result): string {
  const seen = r.why.map((c: Criterion) => {
    const [k] = Object.keys(c);
    return c[k] === true || c[k] === undefined ? k : `${k}: ${JSON.stringify(c[k])}`;
  });
  return [...new Set(seen)].join("; ") || "no criterion";
}

/** What an undecided result waits for: the request, or a fact about the user the settings lack. */
function dependsOn(r: Result): string {
  const names = r.why.map((c) => Object.keys(c)[0].split("/")[0]);
  if (names.includes("user")) return "the user's Okta id (PPL `user` compares the ID token's sub)";
  if (names.some((n) => ["email", "domain", "claim"].includes(n)))
    return "the user's e-mail or claims, which no setting names";
  return "the request";
}
