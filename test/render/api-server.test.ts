// What a real API server accepts and stores, in every mode and committed stack: the rendered file
// applies as it is (`kubectl apply --server-side --dry-run=server`: valid objects, a redacted
// Secret's `data` still base64, Namespaces first), and no empty map or list the server would drop
// (a second `up` would show it as a change every time).
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { annotationsOf } from "../../components/pomerium/metadata-maps";
import type { Registration } from "../../scripts/render/mock-runtime";
import { kubernetesYaml, REDACTED, REDACTED_BASE64 } from "../../scripts/render/render-lib";
import { valueOf } from "../mocks";
import { schemaProblems } from "../pomerium/helpers";
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

describe("the rendered file applies as it is", () => {
  test("every rendered object passes its schema (a Secret's data is base64: the schema's byte format)", async () => {
    const problems: string[] = [];
    for (const s of shapes)
      for (const p of await schemaProblems(...(s.objects as any[])))
        problems.push(`${s.name}: ${p}`);
    assert.deepEqual(problems, []);
  });

  test("a redacted Secret: data is base64 of the marker, stringData the marker; every key kept", () => {
    assert.equal(Buffer.from(REDACTED_BASE64, "base64").toString(), REDACTED);
    assert.match(REDACTED_BASE64, /^[A-Za-z0-9+/]+={0,2}$/);
    const secrets = shapes.flatMap((s) => s.objects.filter((o) => o.kind === "Secret"));
    assert.ok(secrets.some((o) => o.stringData));
    for (const o of secrets) {
      for (const v of Object.values(o.data ?? {})) assert.equal(v, REDACTED_BASE64);
      for (const v of Object.values(o.stringData ?? {})) assert.equal(v, REDACTED);
    }
    // No Secret of the program has `data` since the controller's bootstrap Secret went: one made here.
    const secret = {
      type: "kubernetes:core/v1:Secret",
      name: "s",
      urn: "urn:s",
      custom: true,
      secretPaths: [],
      inputs: {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "s" },
        data: { b: "c2VjcmV0LWI=", a: "c2VjcmV0LWE=" },
        stringData: { c: "plain" },
      },
    } as unknown as Registration;
    const yaml = kubernetesYaml({ registrations: [secret], invokes: [], warnings: [] }, []);
    assert.match(yaml, new RegExp(`data:\\n  a: ${REDACTED_BASE64}\\n  b: ${REDACTED_BASE64}\\n`));
    assert.match(yaml, new RegExp(`stringData:\\n  c: ${REDACTED.replace(/[<>]/g, "\\$&")}\\n`));
    assert.ok(!yaml.includes("c2VjcmV0"), yaml);
  });

  test("Namespaces come first in every file", () => {
    for (const s of shapes) {
      const kinds = s.objects.map((o) => o.kind);
      const firstOther = kinds.findIndex((k) => k !== "Namespace");
      assert.ok(!kinds.slice(firstOther).includes("Namespace"), `${s.name}: ${kinds.join(",")}`);
    }
  });

  test("a kind the order does not list goes last, not before the Namespaces", () => {
    const reg = (type: string, kind: string, name: string): Registration =>
      ({
        type,
        name,
        urn: `urn:${name}`,
        custom: true,
        secretPaths: [],
        inputs: { apiVersion: "v1", kind, metadata: { name } },
      }) as unknown as Registration;
    const yaml = kubernetesYaml(
      {
        registrations: [
          reg("kubernetes:example.com/v1:Widget", "Widget", "w"),
          reg("kubernetes:core/v1:Secret", "Secret", "s"),
          reg("kubernetes:core/v1:Namespace", "Namespace", "n"),
        ],
        invokes: [],
        warnings: [],
      },
      [],
    );
    assert.deepEqual(
      [...yaml.matchAll(/^kind: (\w+)$/gm)].map((m) => m[1]),
      ["Namespace", "Secret", "Widget"],
    );
  });
});
