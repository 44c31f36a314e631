// Ingress-controller mode on a cluster set up by Pomerium's install docs: the `Pomerium` object
// already exists, created by `kubectl apply` (field manager kubectl-client-side-apply owns
// `.spec.secrets`). The patch forces the fields this stack sets, and the preview says which.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { forcedPomeriumFields } from "../../components/pomerium/controller-objects";
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

describe("ingress-controller mode: the Pomerium object is force-applied", () => {
  test("the patch carries pulumi.com/patchForce and the field manager (the setting's, when set)", () => {
    assert.equal(patchOf(runs.memory).metadata.annotations["pulumi.com/patchForce"], "true");
    assert.deepEqual(patchOf(runs.full).metadata.annotations, {
      "pulumi.com/patchFieldManager": "team-x",
      "pulumi.com/patchForce": "true",
      "pulumi.com/skipAwait": "true",
    });
  });

  test("forcedPomeriumFields names exactly the spec keys the patch sets", () => {
    assert.deepEqual(forcedPomeriumFields({ postgres: false }), [
      ".spec.authenticate",
      ".spec.identityProvider",
      ".spec.secrets",
    ]);
    const full = forcedPomeriumFields({
      postgres: true,
      authenticateCertificate: "pomerium/authenticate-tls",
    });
    assert.deepEqual(full, [
      ".spec.authenticate",
      ".spec.identityProvider",
      ".spec.secrets",
      ".spec.storage",
      ".spec.certificates",
    ]);
    const keys = (run: Run) => Object.keys(patchOf(run).spec).map((k) => `.spec.${k}`);
    assert.deepEqual(keys(runs.full).sort(), [...full].sort());
    assert.deepEqual(keys(runs.memory).sort(), forcedPomeriumFields({ postgres: false }).sort());
  });

  test("the preview warns which fields it takes over, of which object, as which field manager", () => {
    const taking = (w: readonly string[]) => w.filter((x) => x.includes("takes over"));
    assert.deepEqual(taking(settingsOf(controller()).warnings), [
      'pomerium.controller: this stack takes over .spec.authenticate, .spec.identityProvider, .spec.secrets of the Pomerium object "global" (forced server-side apply as field manager "okta-pomerium-test"): values another tool set there (kubectl apply of Pomerium\'s install docs, a Helm release) are replaced; the rest of the object stays theirs, and destroy removes only these fields.',
    ]);
    const full = taking(settingsOf(FULL).warnings);
    assert.equal(full.length, 1);
    assert.match(full[0], /\.spec\.secrets, \.spec\.storage, \.spec\.certificates of /);
    assert.match(full[0], /field manager "team-x"/);
    assert.deepEqual(taking(settingsOf({ "okta-pomerium:routes": ROUTES }).warnings), []);
  });
});
