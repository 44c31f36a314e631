// Ingress-controller mode on a cluster set up by Pomerium's install docs: the `Pomerium` object
// already exists, created by `kubectl apply` (field manager kubectl-client-side-apply owns
// `.spec.secrets`). The patch applies only the fields this stack owns, never `.spec.secrets`, and
// without force, so destroy can give the object back as it was; the preview says which fields.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { ownedPomeriumFields } from "../../components/pomerium/controller-objects";
import { one, Run } from "../mocks";
import { POSTGRES, runAll, settingsOf, T } from "./helpers";

const ROUTES = [
  {
    from: "https://grafana.test.example.com",
    to: "http://grafana.monitoring.svc:3000",
    allowGroups: ["test-admins"],
  },
];
const controller = (extra: Record<string, unknown> = {}) => ({
  "okta-pomerium:routes": ROUTES,
  "okta-pomerium:pomerium": { mode: "ingress-controller", ...extra },
});
const FULL = {
  ...controller({
    databroker: { storage: "postgres" },
    controller: { authenticateCertificate: "pomerium/authenticate-tls", fieldManager: "team-x" },
  }),
  "okta-pomerium:databrokerConnectionString": POSTGRES,
};

let runs: Record<"memory" | "full", Run>;
before(async () => {
  runs = await runAll({ memory: controller(), full: FULL });
  for (const run of Object.values(runs)) assert.equal(run.error, undefined, String(run.error));
});
const patchOf = (run: Run) => one(run.recording, T.pomeriumPatch).inputs;

describe("ingress-controller mode: the Pomerium object is patched, never forced", () => {
  test("the patch carries the field manager (the setting's, when set) and no pulumi.com/patchForce", () => {
    assert.deepEqual(patchOf(runs.memory).metadata.annotations, {
      "pulumi.com/patchFieldManager": "okta-pomerium-test",
      "pulumi.com/skipAwait": "true",
    });
    assert.deepEqual(patchOf(runs.full).metadata.annotations, {
      "pulumi.com/patchFieldManager": "team-x",
      "pulumi.com/skipAwait": "true",
    });
  });

  test("ownedPomeriumFields names exactly the spec keys the patch sets, never .spec.secrets", () => {
    assert.deepEqual(ownedPomeriumFields({ postgres: false }), [
      ".spec.authenticate",
      ".spec.identityProvider",
    ]);
    const full = ownedPomeriumFields({
      postgres: true,
      authenticateCertificate: "pomerium/authenticate-tls",
    });
    assert.deepEqual(full, [
      ".spec.authenticate",
      ".spec.identityProvider",
      ".spec.storage",
      ".spec.certificates",
    ]);
    const keys = (run: Run) => Object.keys(patchOf(run).spec).map((k) => `.spec.${k}`);
    assert.deepEqual(keys(runs.full).sort(), [...full].sort());
    assert.deepEqual(keys(runs.memory).sort(), ownedPomeriumFields({ postgres: false }).sort());
  });

  test("the preview says which fields it sets, of which object, as which field manager", () => {
    const setting = (w: readonly string[]) =>
      w.filter((x) => x.includes("is shared: this stack sets"));
    assert.deepEqual(setting(settingsOf(controller()).warnings), [
      'the cluster-wide Pomerium object "global" is shared: this stack sets .spec.authenticate, .spec.identityProvider as field manager "okta-pomerium-test", without force, and never .spec.secrets (the installation\'s bootstrap Secret). If another tool (kubectl apply, Argo CD, a Helm release, another stack) set one of those fields, up fails with a conflict before the object changes: remove the field there first. Check `kubectl get pomerium global --show-managed-fields -o yaml` before the first up. Destroy removes exactly these fields, which leaves the object as it was.',
    ]);
    const full = setting(settingsOf(FULL).warnings);
    assert.equal(full.length, 1);
    assert.match(
      full[0],
      /sets \.spec\.authenticate, \.spec\.identityProvider, \.spec\.storage, \.spec\.certificates as /,
    );
    assert.match(full[0], /field manager "team-x"/);
    assert.deepEqual(setting(settingsOf({ "okta-pomerium:routes": ROUTES }).warnings), []);
  });
});
