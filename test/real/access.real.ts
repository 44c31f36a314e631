// The access review (`npm run access`) against Pomerium's own decision: for every all-in-one stack
// file, a user per group the settings name, a user per e-mail they name, and an outsider. Where the
// review says Pomerium's route rule decides, Pomerium v0.32.0's evaluator (through the checker, on
// the config the program renders) must answer the same. Okta's gates (sign-in assignment, the claim
// filter) stop a user before Pomerium: Pomerium does not see them, so those are not compared.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { kubernetesYaml } from "../../scripts/render/render-lib";
import { evaluate } from "../../scripts/render/mock-runtime";
import { explainUser, User } from "../../stack/access";
import { program } from "../../stack/program";
import { parseSettings } from "../../stack/settings";
import { checkedStacks, configOf } from "../stack-files";
import { parseAllDocuments } from "yaml";
import { check } from "./pomerium-check";
import { allInOneConfig } from "./shapes";

/** Gates Okta applies before Pomerium sees the user. */
const OKTA_GATES = new Set(["sign-in", "okta-assignment", "claim-filter", "public"]);

describe("the access review agrees with Pomerium's own evaluator", () => {
  for (const file of checkedStacks()) {
    test(file.label, async (t) => {
      const { config, storedSecret } = configOf(file);
      const settings = parseSettings(config, file.stack, storedSecret);
      const { recording } = await evaluate(config, file.stack, () => program());
      const objects = parseAllDocuments(kubernetesYaml(recording, [])).map((d) => d.toJS());
      const rendered = allInOneConfig({ name: file.label, recording, objects });
      if (!rendered) return t.skip("ingress-controller mode: no Pomerium config in the stack");
      const groups = settings.groups.map((g) => g.name);
      const emails = [...JSON.stringify(settings.routes).matchAll(/"([^"@\s]+@[^"\s]+)"/g)].map(
        (m) => m[1],
      );
      const users: Array<User & { name: string }> = [
        ...groups.map((g, i) => ({ name: `g${i}`, email: `member${i}@example.com`, groups: [g] })),
        ...[...new Set(emails)].map((e, i) => ({ name: `e${i}`, email: e, groups: [] })),
        { name: "outsider", email: "outsider@example.org", groups: ["someone-elses-group"] },
      ];
      const out = await check(
        rendered,
        file.label,
        users.map((u) => ({
          name: u.name,
          email: u.email,
          claims: { [settings.groupsClaim.name]: [...u.groups] },
        })),
      );
      const pomerium = new Map<string, boolean>(
        out.decisions.map((d: any) => [`${d.user} ${d.route}`, d.allow && !d.deny]),
      );
      let compared = 0;
      for (const u of users) {
        for (const d of explainUser(settings, u)) {
          const key = `${u.name} ${d.app}`;
          if (!pomerium.has(key) || d.allowed === null || OKTA_GATES.has(d.gate)) continue;
          compared++;
          assert.equal(
            pomerium.get(key),
            d.allowed,
            `${u.email} on ${d.app}: review ${d.gate} (${d.reason})`,
          );
        }
      }
      assert.ok(compared > 0, "some decisions compared");
    });
  }
});
