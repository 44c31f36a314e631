// No `up` waits on what the stack does not control: an Ingress's address (the ingress controller),
// a LoadBalancer's external IP (the cloud), HTTPRoute and Pomerium-object status (their
// controllers) carry the provider's pulumi.com/skipAwait, in every mode and committed stack,
// unless `pomerium.waitForExternal` asks to wait; what the stack's own pods decide is waited for.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { baseConfig, runProgram } from "../mocks";
import { MODES, objectsOf, Rendered, renderEveryShape } from "./modes";

const SKIP = "pulumi.com/skipAwait";
const skips = (o: Record<string, any>) => o.metadata?.annotations?.[SKIP] === "true";

/** Whether the stack controls an object's readiness (the provider then waits for it). */
const ownReadiness = (o: Record<string, any>) =>
  o.kind === "Deployment" || (o.kind === "Service" && o.spec?.type !== "LoadBalancer");
const AWAITED_OUTSIDE = ["Ingress", "HTTPRoute", "Pomerium"];

let shapes: Rendered[];
let waiting: Rendered[];
before(async () => {
  shapes = await renderEveryShape();
  waiting = [];
  for (const [name, overrides] of Object.entries(MODES)) {
    const pomerium = (overrides["okta-pomerium:pomerium"] ?? {}) as Record<string, unknown>;
    const config = baseConfig({
      ...overrides,
      "okta-pomerium:pomerium": { ...pomerium, waitForExternal: true },
    });
    const run = await runProgram(config);
    if (run.error) throw run.error;
    waiting.push({ name, recording: run.recording, objects: objectsOf(run.recording) });
  }
});

const describeObject = (s: Rendered, o: Record<string, any>) =>
  `${s.name}: ${o.kind} ${o.metadata?.name}`;

describe("what up waits for", () => {
  test("by default: every Ingress, LoadBalancer Service, HTTPRoute and Pomerium patch skips the wait", () => {
    const outside = shapes.flatMap((s) =>
      s.objects
        .filter((o) => AWAITED_OUTSIDE.includes(o.kind) || o.spec?.type === "LoadBalancer")
        .map((o) => ({ s, o })),
    );
    for (const kind of ["Ingress", "HTTPRoute", "Pomerium", "Service"])
      assert.ok(
        outside.some(({ o }) => o.kind === kind),
        `the shapes have a ${kind} waited on outside`,
      );
    const waited = outside.filter(({ o }) => !skips(o)).map(({ s, o }) => describeObject(s, o));
    assert.deepEqual(waited, []);
  });

  test("the stack's own readiness is waited for: Deployment, ClusterIP Service; nothing else skips", () => {
    const skipped = shapes.flatMap((s) =>
      s.objects
        .filter(
          (o) =>
            skips(o) && !AWAITED_OUTSIDE.includes(o.kind) && !(o.spec?.type === "LoadBalancer"),
        )
        .map((o) => describeObject(s, o)),
    );
    assert.deepEqual(skipped, []);
    const own = shapes.flatMap((s) => s.objects.filter(ownReadiness));
    assert.ok(own.some((o) => o.kind === "Deployment") && own.some((o) => o.kind === "Service"));
  });

  test("waitForExternal: true: Ingresses, LoadBalancer Services and HTTPRoutes wait; the Pomerium patch never does", () => {
    const still = waiting.flatMap((s) =>
      s.objects.filter((o) => skips(o)).map((o) => `${o.kind} ${o.metadata?.name}`),
    );
    assert.deepEqual([...new Set(still)], ["Pomerium global"]);
    const kinds = new Set(waiting.flatMap((s) => s.objects.map((o) => o.kind)));
    for (const kind of ["Ingress", "HTTPRoute", "Service"]) assert.ok(kinds.has(kind));
  });

  test("user annotations stay beside skipAwait", async () => {
    const run = await runProgram(
      baseConfig({
        "okta-pomerium:pomerium": {
          service: { type: "LoadBalancer", annotations: { "cloud/lb": "internal" } },
          ingress: { enabled: true, annotations: { "nginx/x": "1" } },
        },
      }),
    );
    if (run.error) throw run.error;
    const of = (type: string) => run.recording.registrations.find((r) => r.type === type)!;
    assert.deepEqual(of("kubernetes:core/v1:Service").inputs.metadata.annotations, {
      "cloud/lb": "internal",
      [SKIP]: "true",
    });
    assert.deepEqual(of("kubernetes:networking.k8s.io/v1:Ingress").inputs.metadata.annotations, {
      "nginx/x": "1",
      [SKIP]: "true",
    });
  });
});
