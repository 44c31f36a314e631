// What a real API server stores is what the program sends: no empty map or list the server would
// drop (a second `up` would show it as a change every time), in every mode and committed stack.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { annotationsOf } from "../../components/pomerium/metadata-maps";
import { valueOf } from "../mocks";
import { Rendered, renderEveryShape } from "./modes";

/** Struct-typed fields where `{}` means something and the server keeps it. */
const MEANINGFUL_EMPTY = new Set(["emptyDir", "namespaceSelector", "podSelector"]);

/** Paths of every empty map or list in `v` (but the struct fields above). */
export function emptyCollections(v: unknown, path = ""): string[] {
  if (Array.isArray(v))
    return v.length === 0 ? [path] : v.flatMap((x, i) => emptyCollections(x, `${path}[${i}]`));
  if (v && typeof v === "object") {
    const entries = Object.entries(v);
    const key = path
      .split(".")
      .pop()!
      .replace(/\[\d+\]$/, "");
    if (entries.length === 0) return MEANINGFUL_EMPTY.has(key) ? [] : [path];
    return entries.flatMap(([k, x]) => emptyCollections(x, path ? `${path}.${k}` : k));
  }
  return [];
}

let shapes: Rendered[];
before(async () => {
  shapes = await renderEveryShape();
});

describe("no empty map or list the API server would drop", () => {
  test("emptyCollections finds {} and [] at any depth, and keeps emptyDir/namespaceSelector/podSelector", () => {
    assert.deepEqual(
      emptyCollections({
        metadata: { annotations: {}, labels: { a: "b" } },
        spec: { volumes: [{ emptyDir: {} }, { x: [] }], selector: { matchLabels: {} } },
        ingress: [{ from: [{ namespaceSelector: {}, podSelector: {} }] }],
      }),
      ["metadata.annotations", "spec.volumes[1].x", "spec.selector.matchLabels"],
    );
    assert.deepEqual(emptyCollections({ a: { b: 1 }, c: [1] }), []);
  });

  test("every object of every mode and committed stack", () => {
    assert.ok(shapes.length >= 8);
    const found = shapes.flatMap((s) =>
      s.objects.flatMap((o) =>
        emptyCollections(o).map((p) => `${s.name}: ${o.kind} ${o.metadata?.name}: ${p}`),
      ),
    );
    assert.deepEqual(found, []);
  });

  test("annotationsOf merges maps (later wins) and leaves out an empty result, plain or Output", async () => {
    assert.deepEqual(annotationsOf(), {});
    assert.deepEqual(annotationsOf(undefined, {}), {});
    assert.deepEqual(annotationsOf({ a: "1" }, { a: "2", b: "3" }), {
      annotations: { a: "2", b: "3" },
    });
    const empty = annotationsOf(pulumi.output({}), {}).annotations as any;
    assert.equal(await valueOf(empty), undefined);
    const some = annotationsOf(pulumi.output({ a: "1" }), { b: "2" }).annotations as any;
    assert.deepEqual(await valueOf(some), { a: "1", b: "2" });
  });
});
