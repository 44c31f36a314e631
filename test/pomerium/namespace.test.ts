// Who owns the namespace. The stack's own `pomerium-<stack>` is created and deleted by the stack;
// a namespace you name (the controller's, a team's) is used without being owned: a NamespacePatch
// that creates it when missing and sets no field, so an existing one is neither refused
// (provider 4.34: AlreadyExists) nor adopted (4.25 / upsertExistingObjects: destroy deleted it).
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { namespaceOwnership } from "../../components/pomerium/namespace";
import { baseConfig, failsAt, ofType, PROTECTED_SHAPE, Run } from "../mocks";
import { kube, runAll, settingsOf, T } from "./helpers";

const PATCH = "kubernetes:core/v1:NamespacePatch";
const RESTRICTED = {
  "pod-security.kubernetes.io/enforce": "restricted",
  "pod-security.kubernetes.io/audit": "restricted",
  "pod-security.kubernetes.io/warn": "restricted",
};
const IN_CLUSTER = [
  {
    from: "https://grafana.test.example.com",
    to: "http://grafana.monitoring.svc:3000",
    allowGroups: ["test-admins"],
  },
];
const pom = (p: Record<string, unknown>) => ({ "okta-pomerium:pomerium": p });
const controller = (p: Record<string, unknown>) => ({
  "okta-pomerium:routes": IN_CLUSTER,
  ...pom({ mode: "ingress-controller", ...p }),
});

type K = "own" | "named" | "namedOwn" | "ifMissing" | "existing" | "protectedNamed" | "ctlNamed";
let runs: Record<K, Run>;
before(async () => {
  runs = await runAll<K>({
    own: {},
    named: pom({ namespace: "team-a" }),
    namedOwn: pom({ namespace: "team-a", createNamespace: true }),
    ifMissing: pom({ createNamespace: "ifMissing" }),
    existing: pom({ namespace: "team-a", createNamespace: false }),
    // Production's shape (protect-rules.ts) in a namespace it names.
    protectedNamed: {
      ...PROTECTED_SHAPE,
      ...pom({ ...PROTECTED_SHAPE["okta-pomerium:pomerium"], namespace: "team-a" }),
    },
    ctlNamed: controller({ namespace: "pomerium" }),
  });
  for (const run of Object.values(runs)) assert.equal(run.error, undefined, String(run.error));
});

const nsOf = (run: Run) => ofType(run.recording, T.namespace);
const patchOf = (run: Run) => ofType(run.recording, PATCH);

describe("namespaceOwnership", () => {
  test("namespaceOwnership wins, then createNamespace, then: own for the stack's name only", () => {
    const d = "pomerium-test";
    assert.equal(
      namespaceOwnership({ namespaceOwnership: "existing", createNamespace: true }, d, d),
      "existing",
    );
    assert.equal(namespaceOwnership({ createNamespace: true }, "team-a", d), "own");
    assert.equal(namespaceOwnership({ createNamespace: false }, d, d), "existing");
    assert.equal(namespaceOwnership({}, d, d), "own");
    assert.equal(namespaceOwnership({}, "team-a", d), "ifMissing");
    assert.equal(namespaceOwnership({}, "pomerium-test2", d), "ifMissing");
  });
});

describe("the namespace through the stack program", () => {
  test("the stack's own: a Namespace labelled restricted, no patch", () => {
    const [ns] = nsOf(runs.own);
    assert.equal(nsOf(runs.own).length, 1);
    assert.equal(ns.inputs.metadata.name, "pomerium-test");
    assert.deepEqual(
      Object.fromEntries(
        Object.entries(ns.inputs.metadata.labels).filter(([k]) => k.startsWith("pod-security")),
      ),
      RESTRICTED,
    );
    assert.equal(patchOf(runs.own).length, 0);
  });

  for (const [name, key] of [
    ["all-in-one", "named"],
    ["ingress-controller", "ctlNamed"],
  ] as const)
    test(`${name}: a named namespace is a NamespacePatch with its name alone (no label, no Pod Security level), and everything waits for it`, () => {
      const run = runs[key];
      assert.equal(nsOf(run).length, 0);
      const [patch] = patchOf(run);
      assert.equal(patchOf(run).length, 1);
      const expected = key === "named" ? "team-a" : "pomerium";
      assert.deepEqual(patch.inputs, {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name: expected },
      });
      assert.equal(patch.protect, false);
      const inside = kube(run).filter((r) => r.inputs.metadata?.namespace === expected);
      assert.ok(inside.length > 0);
      for (const r of inside) assert.ok(r.dependencies.includes(patch.urn), `${r.type} ${r.name}`);
    });

  test('createNamespace true owns a named namespace; "ifMissing" patches the stack\'s own; false registers nothing', () => {
    assert.equal(nsOf(runs.namedOwn)[0].inputs.metadata.name, "team-a");
    assert.equal(patchOf(runs.namedOwn).length, 0);
    assert.equal(nsOf(runs.ifMissing).length, 0);
    assert.equal(patchOf(runs.ifMissing)[0].inputs.metadata.name, "pomerium-test");
    assert.equal(nsOf(runs.existing).length + patchOf(runs.existing).length, 0);
  });

  test("a protected stack protects the patch too", () => {
    assert.equal(patchOf(runs.protectedNamed)[0].protect, true);
  });
});

describe("the setting", () => {
  const warning = (w: readonly string[]) => w.filter((x) => x.startsWith("pomerium.namespace"));

  test("a named namespace without createNamespace warns once, naming both ways to silence it", () => {
    const [w, ...rest] = warning(settingsOf(pom({ namespace: "team-a" })).warnings);
    assert.equal(rest.length, 0);
    assert.match(w, /^pomerium\.namespace "team-a" is not the stack's own "pomerium-test"/);
    assert.match(w, /createNamespace: true to keep owning it/);
    assert.match(w, /createNamespace: "ifMissing" to confirm/);
    for (const p of [
      {},
      { namespace: "team-a", createNamespace: "ifMissing" },
      { namespace: "team-a", createNamespace: true },
      { namespace: "pomerium-test" },
    ])
      assert.deepEqual(warning(settingsOf(pom(p)).warnings), [], JSON.stringify(p));
  });

  test('fails when createNamespace is neither true, false nor "ifMissing"', () => {
    for (const v of ["yes", "ifmissing", 1])
      failsAt(
        baseConfig(pom({ createNamespace: v })),
        "okta-pomerium:pomerium.createNamespace",
        /must be true \(this stack owns the namespace\), "ifMissing" or false \(it exists\)/,
      );
  });
});
