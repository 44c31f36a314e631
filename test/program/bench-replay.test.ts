// The bench's "same resources declared bare" case: every type the program registers resolves to the
// provider SDK's own class, and the replay registers exactly what the program did (same types,
// names and inputs) with none of the program's components' work, so its time is the SDK's share.
import assert from "node:assert/strict";
import { test } from "node:test";
import { classOf, declareBare } from "../../scripts/bench-replay";
import { evaluate } from "../../scripts/render/mock-runtime";
import { cloudflareConfig, runProgram } from "../mocks";

test("type tokens map to the module and export that declare them", () => {
  for (const [type, module, name] of [
    ["pulumi:providers:okta", "@pulumi/okta/provider", "Provider"],
    ["pulumi:providers:kubernetes", "@pulumi/kubernetes/provider", "Provider"],
    ["kubernetes:networking.k8s.io/v1:Ingress", "@pulumi/kubernetes/networking/v1", "Ingress"],
    ["kubernetes:core/v1:Secret", "@pulumi/kubernetes/core/v1", "Secret"],
    [
      "kubernetes:policy/v1:PodDisruptionBudget",
      "@pulumi/kubernetes/policy/v1",
      "PodDisruptionBudget",
    ],
    ["okta:auth/serverScope:ServerScope", "@pulumi/okta/auth", "ServerScope"],
    [
      "okta:index/appGroupAssignments:AppGroupAssignments",
      "@pulumi/okta/appGroupAssignments",
      "AppGroupAssignments",
    ],
    ["random:index/randomBytes:RandomBytes", "@pulumi/random/randomBytes", "RandomBytes"],
  ])
    assert.deepEqual(classOf(type), { module, name }, type);
  for (const bad of ["", "okta", "okta:app", "okta::OAuth", "a:b:c:d"])
    assert.throws(() => classOf(bad), /is not a resource type token \(package:module:Name\)/);
});

test("an export that does not exist is named with its module", () =>
  assert.throws(
    () => declareBare([{ type: "okta:app/oAuth:NoSuchApp", name: "x", custom: true, inputs: {} }]),
    /@pulumi\/okta\/app exports no NoSuchApp \(for okta:app\/oAuth:NoSuchApp\)/,
  ));

test("the replay registers what the program registered: same types, names and inputs", async () => {
  // All-in-one with an Ingress, plus Cloudflare Access: every package the program declares.
  const config = cloudflareConfig();
  const run = await runProgram(config, "test");
  if (run.error) throw run.error;
  const program = run.recording.registrations;
  const { recording, result } = await evaluate(config, "test", () => declareBare(program));
  const shape = (rs: typeof program) =>
    rs
      .filter((r) => r.type !== "pulumi:pulumi:Stack")
      .map((r) => JSON.stringify([r.type, r.name, r.custom, r.inputs]))
      .sort();
  assert.equal(result, shape(program).length);
  assert.ok(new Set(program.map((r) => r.type.split(":")[0])).size >= 5);
  assert.deepEqual(shape(recording.registrations), shape(program));
});
