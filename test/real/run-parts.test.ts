// The real tier's run and test helpers that need no Go and no cluster, in `npm test`: the count
// of leaf tests, the process tree a run stops, the filled-in templates, the namespaces a stack
// expects, the mocks' settings made over for another stack.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { describe, test } from "node:test";
import { descendantsOf, parsePs, stopTree } from "../../scripts/real/processes";
import { Tally } from "../../scripts/real/tally";
import { findPlaceholders } from "../../stack/settings/placeholders";
import { checkedStacks, configOf } from "../stack-files";
import { baseConfig } from "../mocks";
import { droppedMaps, existingNamespaces, filled, forStack, podReferences } from "./shapes";

describe("the run's count", () => {
  test("leaves only: a parent with steps and a suite are not counted, per file", () => {
    const t = new Tally();
    // file a: suite > test > (step ok, step failed); file b, interleaved: one top-level test.
    t.add({ file: "a", nesting: 2 }, true);
    t.add({ file: "b", nesting: 0 }, true);
    t.add({ file: "a", nesting: 2 }, false);
    t.add({ file: "a", nesting: 1 }, false);
    t.add({ file: "a", nesting: 1 }, true);
    t.add({ file: "a", nesting: 0, details: { type: "suite" } }, false);
    assert.equal(t.line(), "3 passed, 1 failed");
  });

  test("files side by side: another file's results between a step and its parent change nothing", () => {
    const t = new Tally();
    t.add({ file: "a", nesting: 1 }, true);
    t.add({ file: "b", nesting: 1 }, true);
    t.add({ file: "b", nesting: 0 }, true);
    t.add({ file: "a", nesting: 0 }, true);
    assert.equal(t.line(), "2 passed, 0 failed");
  });

  test("a file that could not run is one failure; nothing run is 0 passed", () => {
    const t = new Tally();
    assert.equal(t.line(), "0 passed, 0 failed");
    t.add({ file: "c", nesting: 0 }, false);
    assert.equal(t.line(), "0 passed, 1 failed");
  });
});

describe("the processes a run stops", () => {
  test("ps output parsed; descendants found at every depth, nothing else", () => {
    const table = parsePs(
      "  1     0\n 10     1\n 11    10\n 12    11\n 20     1\n bad line\n 13 10\n",
    );
    assert.deepEqual([...table.keys()], [1, 10, 11, 12, 20, 13]);
    assert.deepEqual(descendantsOf(table, 10), [11, 13, 12]);
    assert.deepEqual(descendantsOf(table, 12), []);
  });

  test("stopTree ends a child and its grandchild, by id", async () => {
    // sh starts a sleep (the grandchild), then waits on it.
    const child = spawn("sh", ["-c", "sleep 60 & wait"], { stdio: "ignore" });
    await new Promise((r) => setTimeout(r, 300));
    const before = parsePs(execFileSync("ps", ["-A", "-o", "pid=,ppid="], { encoding: "utf8" }));
    const tree = descendantsOf(before, child.pid!);
    assert.equal(tree.length, 1, "the grandchild sleep");
    assert.equal(await stopTree(child.pid!, 2_000), 2);
    for (const pid of [child.pid!, ...tree])
      assert.throws(() => process.kill(pid, 0), /ESRCH/, `${pid} still there`);
  });
});

describe("templates filled in for the real engine", () => {
  test("every committed stack file has no placeholder left once filled, and only placeholders changed", () => {
    for (const file of checkedStacks()) {
      const { config } = configOf(file);
      const done = filled(config, "acme");
      assert.deepEqual(findPlaceholders(done, new Set()), [], file.label);
      for (const k of Object.keys(config))
        if (findPlaceholders({ [k]: config[k] }, new Set()).length === 0)
          assert.equal(done[k], config[k], `${file.label} ${k} is not a placeholder`);
    }
  });

  test("changeme in any case and the zero account id are replaced; a word with a hyphen is refused", () => {
    const done = filled(
      { "a:b": "https://x.CHANGEME.example.com", "c:d": "0".repeat(32), "e:f": "0".repeat(31) },
      "acme",
    );
    assert.deepEqual(done, {
      "a:b": "https://x.acme.example.com",
      "c:d": "a".repeat(32),
      "e:f": "0".repeat(31),
    });
    assert.throws(() => filled({}, "a-b"), /a-b: not a DNS label/);
  });
});

describe("the namespaces a stack expects", () => {
  const routes = (tos: unknown[]) =>
    JSON.stringify(tos.map((to, i) => ({ from: `https://r${i}.example.com`, to })));

  test("in-cluster upstreams' namespaces, short and long forms, lists of to; outside ones not", () => {
    const config = {
      "okta-pomerium:routes": routes([
        "http://grafana.monitoring.svc.cluster.local:3000",
        ["https://api.apps.svc", "http://b.apps.svc:80"],
        "https://verify.pomerium.com",
        "http://svc.default",
      ]),
    };
    assert.deepEqual(existingNamespaces(config), ["apps", "monitoring"]);
  });

  test("OpenMetadata's (default and set) and, in controller mode, the controller's", () => {
    const base = { "okta-pomerium:routes": routes([]) };
    assert.deepEqual(existingNamespaces({ ...base, "okta-pomerium:openMetadata": "{}" }), [
      "openmetadata",
    ]);
    assert.deepEqual(
      existingNamespaces({ ...base, "okta-pomerium:openMetadata": '{"namespace":"om"}' }),
      ["om"],
    );
    assert.deepEqual(
      existingNamespaces({ ...base, "okta-pomerium:pomerium": '{"mode":"ingress-controller"}' }),
      ["pomerium"],
    );
    assert.deepEqual(existingNamespaces({ ...base, "okta-pomerium:pomerium": "{}" }), []);
  });
});

test("the mocks' settings made over for another stack: groups and hosts, not the rest", () => {
  const config = forStack(baseConfig(), "mode3");
  assert.match(config["okta-pomerium:groups"], /"mode3-admins"/);
  assert.match(config["okta-pomerium:groups"], /"Everyone Engineering"/);
  assert.equal(config["okta-pomerium:authenticateUrl"], "https://authenticate.mode3.example.com");
  assert.doesNotMatch(JSON.stringify(config), /\btest[-.]/);
  assert.equal(config["okta:orgName"], baseConfig()["okta:orgName"]);
});

test("what a pod needs to start: env, envFrom and volume references with their keys, not optional ones", () => {
  const spec = {
    initContainers: [{ envFrom: [{ configMapRef: { name: "init" } }] }],
    containers: [
      {
        env: [
          { name: "A", value: "plain" },
          { name: "B", valueFrom: { secretKeyRef: { name: "s", key: "shared" } } },
          { name: "C", valueFrom: { configMapKeyRef: { name: "c", key: "k", optional: true } } },
        ],
        envFrom: [{ secretRef: { name: "all" } }],
      },
    ],
    volumes: [
      { name: "v1", secret: { secretName: "tls", items: [{ key: "tls.crt", path: "c" }] } },
      { name: "v2", configMap: { name: "config" } },
      { name: "v3", secret: { secretName: "maybe", optional: true } },
      { name: "v4", emptyDir: {} },
    ],
  };
  assert.deepEqual(podReferences(spec), [
    { kind: "ConfigMap", name: "init" },
    { kind: "Secret", name: "s", key: "shared" },
    { kind: "Secret", name: "all" },
    { kind: "Secret", name: "tls" },
    { kind: "Secret", name: "tls", key: "tls.crt" },
    { kind: "ConfigMap", name: "config" },
  ]);
  assert.deepEqual(podReferences({}), []);
});

test("maps the API server drops: empty labels or annotations, in metadata or a pod template", () => {
  assert.deepEqual(
    droppedMaps({
      metadata: { name: "a", annotations: {}, labels: { app: "a" } },
      spec: { template: { metadata: { labels: {} } }, emptyDir: {} },
    }),
    ["metadata.annotations", "spec.template.metadata.labels"],
  );
  assert.deepEqual(droppedMaps({ metadata: { name: "a", annotations: { x: "1" } } }), []);
  assert.deepEqual(droppedMaps({}), []);
});
