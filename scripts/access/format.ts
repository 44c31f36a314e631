/** Markdown for `npm run access`: the matrix, one user's answers, and a diff, for a pull request. */
import type { Cell, Change, Principal } from "../../components/access/review";
import type { Decision, Gate } from "../../components/access/types";

const GATES: Record<Gate, string> = {
  public: "public route",
  "sign-in": "needs sign-in",
  "okta-assignment": "Okta assignment",
  "policy-rule": "Okta policy rule",
  "claim-filter": "groups claim filter",
  "route-allow": "route allow",
  "route-deny": "route deny",
  "any-authenticated-user": "any authenticated user",
  "cloudflare-policy": "Cloudflare policy",
  depends: "depends",
};

const mark = (allowed: boolean | null) => (allowed === null ? "❔" : allowed ? "✅" : "❌");
const esc = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const cell = (c: { allowed: boolean | null; gate: Gate }) => `${mark(c.allowed)} ${GATES[c.gate]}`;
const row = (xs: readonly string[]) => `| ${xs.map(esc).join(" | ")} |`;
const table = (head: readonly string[], rows: readonly string[][]) =>
  [row(head), row(head.map(() => "---")), ...rows.map(row)].join("\n");

/** Up to this many principals the matrix is a grid; beyond, one line per app. */
export const GRID_MAX = 8;

/** The matrix: a grid (apps × principals), or per app its allowed and denied principals. */
export function matrixMarkdown(
  stack: string,
  cells: readonly Cell[],
  principals: readonly Principal[],
): string {
  const byApp = new Map<string, Cell[]>();
  for (const c of cells) byApp.set(c.app, [...(byApp.get(c.app) ?? []), c]);
  const apps = [...byApp.keys()];
  const head = `## Who can reach what: stack ${stack}\n\n✅ allowed, ❌ denied, ❔ depends on the request (or on a fact about the user no setting holds: \`--user\` says which); each with the gate that decides.\n\n`;
  if (principals.length <= GRID_MAX)
    return (
      head +
      table(
        ["app", ...principals],
        apps.map((a) => [a, ...byApp.get(a)!.map(cell)]),
      ) +
      "\n"
    );
  const list = (cs: Cell[]) =>
    cs.map((c) => `${c.principal} (${GATES[c.gate]})`).join("; ") || "none";
  return (
    head +
    table(
      ["app", "allowed", "denied", "depends"],
      apps.map((a) => {
        const cs = byApp.get(a)!;
        return [
          a,
          list(cs.filter((c) => c.allowed === true)),
          list(cs.filter((c) => c.allowed === false)),
          list(cs.filter((c) => c.allowed === null)),
        ];
      }),
    ) +
    "\n"
  );
}

/** One user's answer per app, with the rule that matched or the first gate that refused. */
export function userMarkdown(stack: string, who: string, decisions: readonly Decision[]): string {
  return (
    `## What ${who} can reach: stack ${stack}\n\n` +
    table(
      ["app", "allowed", "reason"],
      decisions.map((d) => [d.app, cell(d), d.reason]),
    ) +
    "\n"
  );
}

/** What changed in access between two versions of the settings. */
export function diffMarkdown(stack: string, against: string, changes: readonly Change[]): string {
  const head = `## Access changes: stack ${stack} (against ${against})\n\n`;
  if (changes.length === 0) return `${head}No change in access.\n`;
  const side = (c?: { allowed: boolean | null; gate: Gate }) => (c ? cell(c) : "(no such app)");
  return (
    head +
    table(
      ["change", "app", "principal", "before", "after"],
      changes.map((c) => [c.change, c.app, c.principal, side(c.before), side(c.after)]),
    ) +
    "\n"
  );
}
