// The schema check itself: kubernetes-models' and the Gateway API's validators (ES modules, loaded
// by import() from this CommonJS code) refuse what the API server would, on every Node this runs on.
import assert from "node:assert/strict";
import { test } from "node:test";
import { modelOf, schemaProblems } from "./kube-schema";

const service = (port: unknown) => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "s" },
  spec: { ports: [{ port }] },
});

test("a valid core object passes; a wrong type is named with its path", async () => {
  assert.deepEqual(await schemaProblems(service(80)), []);
  assert.deepEqual(await schemaProblems(service("80")), [
    "Service s: data/spec/ports/0/port must be integer",
  ]);
});

test("the Gateway API's HTTPRoute comes from its own package, and is validated", async () => {
  const route = (hostnames: unknown[]) => ({
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { name: "r" },
    spec: { hostnames },
  });
  assert.deepEqual(await schemaProblems(route(["a.example.com"])), []);
  const bad = await schemaProblems(route([5]));
  assert.equal(bad.length, 1);
  assert.match(bad[0]!, /^HTTPRoute r: data\/spec\/hostnames\/0 must be string/);
});

test("an unknown kind, or none, is a problem: nothing goes unchecked", async () => {
  assert.deepEqual(await schemaProblems({ apiVersion: "v1", kind: "Nope" }), [
    "no schema for v1 Nope",
  ]);
  assert.deepEqual(
    await schemaProblems({ apiVersion: "gateway.networking.k8s.io/v1", kind: "Service" }),
    ["no schema for gateway.networking.k8s.io/v1 Service"],
  );
  assert.match((await schemaProblems({ kind: "Service" }))[0]!, /^object without apiVersion\/kind/);
});

test("every object's problems, in order; none for an empty list", async () => {
  assert.deepEqual(await schemaProblems(), []);
  assert.deepEqual(await schemaProblems(service("a"), service(1), service("b")), [
    "Service s: data/spec/ports/0/port must be integer",
    "Service s: data/spec/ports/0/port must be integer",
  ]);
});

test("a model is loaded once (cached), and it is the package's own class", async () => {
  const a = await modelOf("apps/v1", "Deployment");
  assert.equal(a, await modelOf("apps/v1", "Deployment"));
  assert.equal(a?.name, "Deployment");
});

test("a Pomerium patch is checked as applied onto the install docs' object: its own secrets still checked", async () => {
  const pomerium = (spec: Record<string, unknown>) => ({
    apiVersion: "ingress.pomerium.io/v1",
    kind: "Pomerium",
    metadata: { name: "global" },
    spec,
  });
  const idp = {
    authenticate: { url: "https://authenticate.example.com" },
    identityProvider: { provider: "okta", url: "https://o.okta.com", secret: "ns/idp" },
  };
  assert.deepEqual(await schemaProblems(pomerium(idp)), []);
  assert.deepEqual(await schemaProblems(pomerium({ ...idp, secrets: "ns/bootstrap" })), []);
  const bad = await schemaProblems(pomerium({ ...idp, secrets: "no-namespace" }));
  assert.equal(bad.length, 1);
  assert.match(bad[0]!, /^Pomerium global: spec\.secrets/);
  // The rest of the CRD's rules still hold: identityProvider needs authenticate.
  assert.equal(
    (await schemaProblems(pomerium({ identityProvider: idp.identityProvider }))).length,
    1,
  );
});
