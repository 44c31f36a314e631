// The workload guardrails (policy/guardrails) over the objects the program records for each
// configuration, and each one failing on the realistic breakage it exists for.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import {
  imagePinned,
  networkPolicyPresent,
  noSecretsInConfigMaps,
  PlannedResource,
  podSecurityRestricted,
  resourceLimitsSet,
} from "../../policy/guardrails";
import { one, ofType, ROUTES, type Run, SECRET_VALUES, valueOf } from "../mocks";
import { ALL_SECRETS, HA, kube, OTHER_POSTGRES, planned, runAll, T } from "../pomerium/helpers";

const CONFIGS = {
  def: {},
  ha: HA,
  haOtherSecret: { ...HA, "okta-pomerium:databrokerConnectionString": OTHER_POSTGRES },
  routeChanged: {
    "okta-pomerium:routes": [ROUTES[0], { ...ROUTES[1], allowEmails: ["b@example.com"] }],
  },
  old: ALL_SECRETS,
  noNetworkPolicy: { "okta-pomerium:pomerium": { networkPolicy: { enabled: false } } },
};
let runs: Record<keyof typeof CONFIGS, Run>;
before(async () => {
  runs = await runAll(CONFIGS);
});
const SUCCESSFUL = Object.keys(CONFIGS) as Array<keyof typeof CONFIGS>;

describe("workload guardrails", () => {
  const deployment = () => planned(one(runs.def.recording, T.deployment));
  const broken = (mutate: (pod: any) => void): PlannedResource => {
    const d = structuredClone(deployment());
    mutate(d.props.spec.template.spec);
    return d;
  };

  for (const name of SUCCESSFUL) {
    test(`the recorded objects pass every guardrail (${name})`, async () => {
      const run = runs[name];
      const resources = kube(run).map(planned);
      const secrets = [...Object.values(SECRET_VALUES), await valueOf(run.outputs!.clientSecret)];
      for (const r of resources) {
        assert.deepEqual(podSecurityRestricted(r), [], r.type);
        assert.deepEqual(imagePinned(r), [], r.type);
        assert.deepEqual(resourceLimitsSet(r), [], r.type);
        assert.deepEqual(noSecretsInConfigMaps(r, secrets), [], r.type);
      }
      assert.equal(ofType(run.recording, T.deployment).length, 1);
      if (name !== "noNetworkPolicy") assert.deepEqual(networkPolicyPresent(resources), []);
    });
  }

  test("fails when a pod spec breaks Pod Security restricted", () => {
    const at = "kubernetes:apps/v1:Deployment pomerium-test: containers[0] pomerium";
    const c = (pod: any) => pod.containers[0];
    assert.deepEqual(
      podSecurityRestricted(broken((p) => (c(p).securityContext.allowPrivilegeEscalation = true))),
      [`${at}: securityContext.allowPrivilegeEscalation must be false`],
    );
    const cases: Array<[(pod: any) => void, RegExp]> = [
      [
        (p) => delete c(p).securityContext.allowPrivilegeEscalation,
        /allowPrivilegeEscalation must be false/,
      ],
      [
        (p) => ((p.securityContext.runAsNonRoot = false), delete c(p).securityContext.runAsNonRoot),
        /runAsNonRoot/,
      ],
      [(p) => (c(p).securityContext.runAsUser = 0), /runAsUser must not be 0/],
      [
        (p) => (
          delete p.securityContext.seccompProfile,
          delete c(p).securityContext.seccompProfile
        ),
        /got unset/,
      ],
      [(p) => (c(p).securityContext.seccompProfile = { type: "Unconfined" }), /got Unconfined/],
      [
        (p) => (c(p).securityContext.capabilities = { drop: ["NET_RAW"] }),
        /drop must include "ALL"/,
      ],
      [
        (p) => (c(p).securityContext.capabilities.add = ["NET_BIND_SERVICE", "SYS_ADMIN"]),
        /SYS_ADMIN may not be added/,
      ],
      [(p) => (c(p).securityContext.privileged = true), /privileged must not be true/],
      [(p) => (p.hostNetwork = true), /hostNetwork must not be true/],
      [(p) => (p.hostPID = true), /hostPID/],
      [
        (p) => p.volumes.push({ name: "host", hostPath: { path: "/" } }),
        /volume type hostPath is not allowed/,
      ],
      [
        (p) =>
          (p.initContainers = [{ ...structuredClone(c(p)), name: "init", securityContext: {} }]),
        /initContainers\[0\] init: .*allowPrivilegeEscalation/,
      ],
    ];
    for (const [mutate, expected] of cases) {
      const violations = podSecurityRestricted(broken(mutate));
      assert.ok(
        violations.some((v) => expected.test(v)),
        `${expected}: ${JSON.stringify(violations)}`,
      );
    }
    // NET_BIND_SERVICE alone may be added; seccomp at container level alone is enough.
    assert.deepEqual(
      podSecurityRestricted(
        broken((p) => (c(p).securityContext.capabilities.add = ["NET_BIND_SERVICE"])),
      ),
      [],
    );
    assert.deepEqual(
      podSecurityRestricted(broken((p) => delete p.securityContext.seccompProfile)),
      [],
    );
  });

  test("fails when an image is not pinned or a container has no limits", () => {
    const withImage = (image: string) =>
      imagePinned(broken((p) => (p.containers[0].image = image)));
    assert.match(withImage("pomerium/pomerium:latest").join(), /latest tag/);
    assert.match(withImage("pomerium/pomerium").join(), /has no tag/);
    assert.match(withImage("registry.local:5000/pomerium").join(), /has no tag/);
    assert.deepEqual(withImage(`pomerium/pomerium@sha256:${"a".repeat(64)}`), []);
    assert.deepEqual(resourceLimitsSet(broken((p) => delete p.containers[0].resources.limits)), [
      "kubernetes:apps/v1:Deployment pomerium-test: containers[0] pomerium: resources.limits.cpu is not set",
      "kubernetes:apps/v1:Deployment pomerium-test: containers[0] pomerium: resources.limits.memory is not set",
    ]);
  });

  test("fails when no NetworkPolicy selects the pods", () => {
    const resources = kube(runs.noNetworkPolicy).map(planned);
    assert.deepEqual(networkPolicyPresent(resources), [
      "kubernetes:apps/v1:Deployment pomerium-test: no NetworkPolicy in namespace pomerium-test selects its pods",
    ]);
    const np = planned(one(runs.def.recording, T.networkPolicy));
    const elsewhere = {
      ...np,
      props: { ...np.props, metadata: { ...np.props.metadata, namespace: "other" } },
    };
    assert.equal(networkPolicyPresent([...resources, elsewhere]).length, 1);
  });
});
