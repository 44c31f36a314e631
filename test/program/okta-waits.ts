/**
 * Pomerium waits only on the Okta outputs it reads (the app's client id and secret, the server's
 * issuer), never on the whole Okta component: shared by the budgets of synthetic stacks
 * (budgets.test.ts) and of the stack files (budgets-stacks.test.ts).
 */
import assert from "node:assert/strict";
import type { Recording } from "../mocks";

const READABLE = new Set(["okta:app/oAuth:OAuth", "okta:auth/server:Server"]);

export function assertWaitsOnlyOnReadOktaOutputs(rec: Recording, label: string): void {
  const byUrn = new Map(rec.registrations.map((r) => [r.urn, r]));
  const waits = rec.registrations
    .filter((x) => !/^(okta:|pulumi:|okta-pomerium:okta:)/.test(x.type))
    .flatMap((r) =>
      r.dependencies
        .map((d) => byUrn.get(d)?.type ?? assert.fail(`${r.name}: unknown dependency ${d}`))
        .filter((t) => t.startsWith("okta:"))
        .map((t) => `${r.type} ${r.name} waits on ${t}`),
    );
  assert.ok(waits.length > 0, `${label}: nothing reads an Okta output`);
  for (const w of waits) assert.ok(READABLE.has(w.split(" waits on ")[1]), `${label}: ${w}`);
}
