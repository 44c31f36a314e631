// Every shape the program renders (each mode and exposure, every committed stack), as `npm run
// render` writes kubernetes.yaml, on a real API server with PodSecurity `restricted` enforced:
// accepted as it is by `kubectl apply --server-side --dry-run=server`, then applied for real, with no
// rejection and no warning, and every pod Ready (kwok plays the kubelet). Ingress-controller mode's
// file patches the `Pomerium` object the installation made (the run starts with it).
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { before, describe, test } from "node:test";
import type { Registration } from "../../scripts/render/mock-runtime";
import { kubernetesYaml } from "../../scripts/render/render-lib";
import { Rendered, renderEveryShape } from "../render/modes";
import { INSTALL_DOCS_POMERIUM } from "./fixtures";
import { allReady, CONTROLLER_LOCK, exclusive, kubectl, real } from "./harness";
import { namespacesOf, warnings } from "./shapes";

/**
 * The warnings about the file, without kubectl's own about objects that existed before it, made
 * with client-side `kubectl apply` (the install docs' `Pomerium` object, a team's namespace another
 * file of this run made): `kubectl apply --server-side` moves what the client-side apply owns to
 * server-side apply ("failed to migrate kubectl.kubernetes.io/last-applied-configuration"), then
 * re-applies the file as the new owner of those fields, which the server refuses for the `Pomerium`
 * object since the file's is a patch without `.spec.secrets` ("failed to re-apply configuration
 * after performing Server-Side Apply migration"). Both are non-fatal: the file is applied and the
 * objects stay valid. (`pulumi up` never migrates a patch's object: the provider's
 * fixCSAFieldManagers skips Patch resources.)
 */
const KUBECTL_MIGRATION =
  /^Warning: (failed to migrate kubectl\.kubernetes\.io\/last-applied-configuration|failed to re-apply configuration after performing Server-Side Apply migration)\b/;
const ours = (stderr: string) => warnings(stderr).filter((w) => !KUBECTL_MIGRATION.test(w));

let shapes: Rendered[];
before(async () => {
  shapes = await renderEveryShape();
});

describe("every rendered shape on the real API server", () => {
  test("there are shapes of every mode and the committed stacks", () => {
    const names = shapes.map((s) => s.name);
    assert.ok(
      names.some((n) => n.startsWith("ingress-controller")),
      names.join(", "),
    );
    assert.ok(
      names.some((n) => n.includes("Gateway")),
      names.join(", "),
    );
    assert.ok(
      names.some((n) => n.startsWith("stack ")),
      names.join(", "),
    );
  });

  test("each is accepted by a server-side dry run, applied without warning, and its pods turn Ready", async (t) => {
    const dir = path.join(real.work, "render");
    mkdirSync(dir, { recursive: true });
    for (const shape of shapes) {
      await t.test(shape.name, () =>
        // A shape with the `Pomerium` object `global` shares it with the other files' controller
        // stacks: one at a time.
        shape.objects.some((o) => o.kind === "Pomerium")
          ? exclusive(CONTROLLER_LOCK, () => applyShape(shape, dir))
          : applyShape(shape, dir),
      );
    }
  });

  test("a Secret with data (none of the program's has one now), as the render redacts it, is accepted as it is", async () => {
    const value = Buffer.from("a value to redact").toString("base64");
    const secret = {
      type: "kubernetes:core/v1:Secret",
      name: "with-data",
      urn: "urn:with-data",
      custom: true,
      secretPaths: ["data"],
      inputs: {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "render-with-data", namespace: "default" },
        type: "Opaque",
        data: { key: value },
      },
    } as unknown as Registration;
    const yaml = kubernetesYaml({ registrations: [secret], invokes: [], warnings: [] }, [value]);
    assert.ok(!yaml.includes(value), yaml);
    const file = path.join(real.work, "render-secret-data.yaml");
    writeFileSync(file, yaml);
    const dry = await kubectl(["apply", "--server-side", "--dry-run=server", "-f", file]);
    assert.deepEqual(warnings(dry.stderr), [], "dry run");
  });
});

/**
 * One shape: dry run, apply, pods Ready, then its objects deleted. The namespaces it only sends to
 * (a team's, the controller's) are made for the dry run and left, as a cluster holds them.
 */
async function applyShape(shape: Rendered, dir: string): Promise<void> {
  const file = path.join(dir, `${shape.name.replace(/[^a-z0-9]+/gi, "-")}.yaml`);
  writeFileSync(file, kubernetesYaml(shape.recording, []));
  const namespaces = namespacesOf(shape.objects);
  for (const o of shape.objects.filter((o) => o.kind === "Namespace")) {
    const enforce = o.metadata.labels?.["pod-security.kubernetes.io/enforce"];
    assert.ok([undefined, "restricted"].includes(enforce), `${o.metadata.name}: ${enforce}`);
  }
  // A dry run needs the namespaces to exist (it creates nothing, the file's Namespace included).
  // Created only where missing (another file may have made it, with its own labels).
  for (const ns of namespaces)
    await kubectl(["create", "namespace", ns]).catch((e: Error) => {
      if (!/AlreadyExists|already exists/.test(e.message)) throw e;
    });
  try {
    const dry = await kubectl(["apply", "--server-side", "--dry-run=server", "-f", file]);
    assert.deepEqual(ours(dry.stderr), [], "dry run");
    const applied = await kubectl(["apply", "--server-side", "-f", file]);
    assert.deepEqual(ours(applied.stderr), [], "apply");
    for (const ns of namespaces) await allReady(ns);
  } finally {
    await kubectl(["delete", "-f", file, "--ignore-not-found", "--wait=true", "--timeout=180s"]);
    // The file's Pomerium object is a patch of the installation's, which the delete removed.
    if (shape.objects.some((o) => o.kind === "Pomerium"))
      await kubectl(["apply", "-f", "-"], JSON.stringify(INSTALL_DOCS_POMERIUM));
  }
}
