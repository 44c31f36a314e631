// `npm run render` end to end: the compiled CLI as a child process on a temporary stack (exit code,
// the three files, schema, redaction, byte-identical reruns, secure: values, refusals).
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { before, describe, test } from "node:test";
import { parseAllDocuments, parse } from "yaml";
import { ROUTES, SECRET_VALUES } from "../mocks";
import { schemaProblems } from "../pomerium/helpers";
import { projectWith, render } from "./cli";

const FULL: Record<string, unknown> = {
  "okta:orgName": "dev-123456",
  "okta:baseUrl": "okta.com",
  "okta:apiToken": { secure: "v1:AAAAtoken" },
  "okta-pomerium:authenticateUrl": "https://authenticate.tmp.example.com",
  "okta-pomerium:groups": [{ name: "test-admins", id: "00g1a2b3c4d5e6f7g8h9" }],
  "okta-pomerium:routes": ROUTES,
  "okta-pomerium:pomerium": {
    image: "pomerium/pomerium:v0.19.1",
    replicas: 2,
    databroker: { storage: "postgres" },
    ingress: { enabled: true },
  },
  "okta-pomerium:databrokerConnectionString": { secure: "v1:AAAAdb" },
  "okta-pomerium:directoryApiToken": { secure: "v1:AAAAencrypted" },
};

describe("render: a temporary stack, end to end", () => {
  let dir: string;
  let out: string;
  let first: ReturnType<typeof render>;
  before(() => {
    dir = projectWith(FULL);
    out = path.join(dir, "out");
    first = render(dir, out);
  });

  test("exits 0, writes the three files and prints a summary by type", () => {
    assert.equal(first.status, 0, first.stderr);
    assert.deepEqual(readdirSync(path.join(out, "tmp")).sort(), [
      "graph.mmd",
      "kubernetes.yaml",
      "okta.yaml",
    ]);
    assert.match(first.stdout, /kubernetes:apps\/v1:Deployment\s+1/);
    assert.match(first.stdout, /okta:app\/oAuth:OAuth\s+1/);
  });

  test("kubernetes.yaml is multi-document YAML whose every object passes the Kubernetes schema", async () => {
    const docs = parseAllDocuments(readFileSync(path.join(out, "tmp/kubernetes.yaml"), "utf8")).map(
      (d) => d.toJS(),
    );
    assert.deepEqual(
      docs.map((d) => d.kind),
      [
        "Namespace",
        "ServiceAccount",
        "Secret",
        "ConfigMap",
        "Deployment",
        "Service",
        "PodDisruptionBudget",
        "NetworkPolicy",
        "Ingress",
      ],
    );
    assert.deepEqual(await schemaProblems(...docs), []);
    const secret = docs.find((d) => d.kind === "Secret");
    assert.deepEqual(Object.keys(secret.stringData).sort(), [
      "cookie_secret",
      "databroker_storage_connection_string",
      "idp_client_secret",
      "idp_service_account",
      "shared_secret",
      "signing_key",
    ]);
    assert.ok(Object.values(secret.stringData).every((v) => v === "<redacted>"));
  });

  test("okta.yaml lists every Okta resource with type, name and inputs", () => {
    const okta = parse(readFileSync(path.join(out, "tmp/okta.yaml"), "utf8"));
    const types = okta.resources.map((r: any) => r.type);
    for (const t of [
      "okta:app/oAuth:OAuth",
      "okta:auth/server:Server",
      "okta:auth/serverPolicyRule:ServerPolicyRule",
      "pulumi:providers:okta",
    ]) {
      assert.ok(types.includes(t), `${t} missing`);
    }
    assert.equal(
      okta.resources.find((r: any) => r.type === "pulumi:providers:okta").inputs.apiToken,
      "<redacted>",
    );
  });

  test("graph.mmd is a Mermaid flowchart with the app -> Secret -> Deployment chain", () => {
    const graph = readFileSync(path.join(out, "tmp/graph.mmd"), "utf8");
    assert.match(graph, /^flowchart LR\n/);
    const id = (name: string) => graph.match(new RegExp(`(n\\d+)\\["${name}<br/>`))![1];
    assert.ok(graph.includes(`${id("okta-app")} --> ${id("pomerium-secrets")}`));
    assert.ok(graph.includes(`${id("pomerium-secrets")} --> ${id("pomerium-deployment")}`));
  });

  test("no secret value appears anywhere in the output, plain or secure", () => {
    const all = ["kubernetes.yaml", "okta.yaml", "graph.mmd"]
      .map((f) => readFileSync(path.join(out, "tmp", f), "utf8"))
      .join("\n");
    for (const v of ["AAAAtoken", "AAAAdb", "AAAAencrypted", "mock-client-secret"]) {
      assert.ok(
        !all.includes(v) && !first.stdout.includes(v) && !first.stderr.includes(v),
        `leaked: ${v}`,
      );
    }
  });

  test("a second render is byte-identical", () => {
    const again = path.join(dir, "again");
    assert.equal(render(dir, again).status, 0);
    for (const f of ["kubernetes.yaml", "okta.yaml", "graph.mmd"]) {
      assert.ok(
        readFileSync(path.join(out, "tmp", f)).equals(readFileSync(path.join(again, "tmp", f))),
        `${f} differs`,
      );
    }
  });

  test("every secret setting stored secure: is accepted; a secure okta: key stays secret", () => {
    const { "okta:apiToken": _t, ...rest } = FULL;
    const ok = projectWith({
      ...rest,
      "okta:clientId": "0oa1svc",
      "okta:scopes": ["okta.apps.manage"],
      "okta:privateKey": { secure: "v1:key" },
      "okta:httpProxy": { secure: "v1:proxy" },
      "okta-pomerium:databrokerConnectionString": { secure: "v1:db" },
      "okta-pomerium:directoryApiToken": { secure: "v1:dir" },
    });
    const res = render(ok, path.join(ok, "out"));
    assert.equal(res.status, 0, res.stderr);
    const okta = parse(readFileSync(path.join(ok, "out/tmp/okta.yaml"), "utf8"));
    const provider = okta.resources.find((r: any) => r.type === "pulumi:providers:okta").inputs;
    assert.equal(provider.httpProxy, "<redacted>");
    assert.equal(provider.privateKey, "<redacted>");
  });

  test("a non-secret setting stored secure: is refused (its value would reach a ConfigMap in plain text)", () => {
    const bad = projectWith({ ...FULL, "okta-pomerium:routes": { secure: "v1:routes" } });
    const res = render(bad, path.join(bad, "out"));
    assert.equal(res.status, 1);
    assert.match(
      res.stderr,
      /okta-pomerium:routes: is stored as a secret, but it is not a secret setting/,
    );
  });

  test("invalid settings: every problem printed with its key path, exit 1, nothing written", () => {
    const bad = projectWith({
      ...FULL,
      "okta-pomerium:routes": [{ ...ROUTES[0], from: "http://x" }],
      "okta-pomerium:pomerium": { replcas: 2 },
    });
    const res = render(bad, path.join(bad, "out"));
    assert.equal(res.status, 1);
    assert.match(res.stderr, /okta-pomerium:routes\[0\]\.from: /);
    assert.match(
      res.stderr,
      /okta-pomerium:pomerium\.replcas: unknown key "replcas"; did you mean "replicas"\?/,
    );
    assert.ok(!res.stderr.includes(SECRET_VALUES["okta:apiToken"]));
    assert.equal(existsSync(path.join(bad, "out")), false);
  });

  test("a stack without its credentials in the file renders: the placeholders stand for --secret values", () => {
    const {
      "okta:apiToken": _t,
      "okta-pomerium:databrokerConnectionString": _d,
      "okta-pomerium:directoryApiToken": _s,
      ...rest
    } = FULL;
    const dir2 = projectWith(rest);
    const res = render(dir2, path.join(dir2, "out"));
    assert.equal(res.status, 0, res.stderr);
    assert.match(
      res.stdout,
      /okta:apiToken is not set in Pulumi\.tmp\.yaml; a placeholder stands in/,
    );
  });

  test("fails when a credential is in the stack file in plain text: exit 1, the value never printed, nothing written", () => {
    const bad = projectWith({ ...FULL, "okta:apiToken": SECRET_VALUES["okta:apiToken"] });
    const res = render(bad, path.join(bad, "out"));
    assert.equal(res.status, 1);
    assert.match(
      res.stderr,
      /okta:apiToken: is stored in plain text .*`pulumi config set --secret okta:apiToken <value>`/,
    );
    assert.ok(!res.stderr.includes(SECRET_VALUES["okta:apiToken"]));
    assert.equal(existsSync(path.join(bad, "out")), false);
  });
});
