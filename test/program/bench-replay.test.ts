// The bench's "same resources declared bare" case: every type the program registers resolves to the
// provider SDK's own class, and the replay registers exactly what the program did (types, names,
// inputs and which of them are secret, parents, providers, dependencies, aliases, secret outputs)
// with none of the program's own work, so its time is the SDK's share.
import assert from "node:assert/strict";
import { test } from "node:test";
import { classOf, declareBare } from "../../scripts/bench-replay";
import { evaluate } from "../../scripts/render/mock-runtime";
import { cloudflareConfig, Registration, runProgram } from "../mocks";
import { readStackConfig } from "../../scripts/render/stack-config";
import { templateFile } from "../../scripts/stacks";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../../..");

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
      "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute",
      "@pulumi/kubernetes/apiextensions/customResource",
      "CustomResource",
    ],
    [
      "kubernetes:ingress.pomerium.io/v1:PomeriumPatch",
      "@pulumi/kubernetes/apiextensions/customResourcePatch",
      "CustomResourcePatch",
    ],
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

test("a secret path the inputs do not have is refused, however deep", () => {
  for (const secretPaths of [["nope"], ["metadata.nope.deeper"], ["length.x"]])
    assert.throws(
      () =>
        declareBare([
          {
            type: "random:index/randomBytes:RandomBytes",
            name: "x",
            custom: true,
            inputs: { length: 32, metadata: {} },
            secretPaths,
          },
        ]),
      new RegExp(`bench replay: no input at ${secretPaths[0].replace(/\./g, "\\.")}`),
    );
});

test("an export that does not exist is named with its module", () =>
  assert.throws(
    () => declareBare([{ type: "okta:app/oAuth:NoSuchApp", name: "x", custom: true, inputs: {} }]),
    /@pulumi\/okta\/app exports no NoSuchApp \(for okta:app\/oAuth:NoSuchApp\)/,
  ));

const shape = (rs: readonly Registration[]) =>
  rs
    .filter((r) => r.type !== "pulumi:pulumi:Stack")
    .map((r) =>
      JSON.stringify([
        r.type,
        r.name,
        r.custom,
        r.inputs,
        r.parent,
        r.provider,
        [...r.dependencies].sort(),
        r.secretPaths,
        r.aliases,
        // As a set: the SDK class adds its own to those passed, so the replay lists some twice.
        [...new Set(r.additionalSecretOutputs)].sort(),
      ]),
    )
    .sort();

async function replayMatches(config: Record<string, string>, stack: string) {
  const run = await runProgram(config, stack);
  if (run.error) throw run.error;
  const program = run.recording.registrations;
  const { recording, result } = await evaluate(config, stack, () => declareBare(program));
  assert.equal(result, shape(program).length);
  assert.deepEqual(shape(recording.registrations), shape(program));
  return program;
}

test("the replay registers what the program registered, options and secrets included", async () => {
  // All-in-one with an Ingress, plus Cloudflare Access: every package the program declares.
  const program = await replayMatches(cloudflareConfig(), "test");
  assert.ok(new Set(program.map((r) => r.type.split(":")[0])).size >= 5);
  // The options are really there to compare.
  assert.ok(program.some((r) => r.parent?.includes("okta-pomerium:index:Pomerium")));
  assert.ok(program.some((r) => r.provider) && program.some((r) => r.dependencies.length > 0));
  assert.ok(program.some((r) => r.secretPaths.length > 0));
});

test("custom resources replay too: the Gateway template's HTTPRoute, the controller's Pomerium patch", async () => {
  for (const [shape, type] of [
    ["production", "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute"],
    ["controller", "kubernetes:ingress.pomerium.io/v1:PomeriumPatch"],
  ]) {
    const { config } = readStackConfig(ROOT, shape, templateFile(ROOT, shape));
    const program = await replayMatches(config, shape);
    assert.ok(
      program.some((r) => r.type === type),
      `${shape} declares ${type}`,
    );
  }
});
