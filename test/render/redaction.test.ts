// Render's redaction (scripts/render/render-lib.ts `redact`) on its real output files: the value of
// a secret setting, as the program sees it decrypted (Pulumi marks it secret), is replaced wherever
// it appears, also inside a longer string: a header value in config.json (a JSON blob, where JSON
// escapes quotes and backslashes), an annotation, an Okta group's description. The text around it
// stays. (The CLI itself refuses a credential in plain text and cannot decrypt a `secure:` one, so
// this runs render's evaluation and writers in process, with the values a preview would have.)
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { parse, parseAllDocuments } from "yaml";
import { ROUTES } from "../mocks";
import { program } from "../../stack/program";
import { evaluate } from "../../scripts/render/mock-runtime";
import { kubernetesYaml, mermaid, oktaYaml } from "../../scripts/render/render-lib";
import { readStackConfig } from "../../scripts/render/stack-config";
import { projectWith } from "./cli";

const API_TOKEN = "SECRET-okta-api-token-7f3a";
/** A database password with the characters JSON escapes, as real passwords have. */
const CONNECTION = 'postgres://pomerium:SECRET-pa"ss\\word-c4a1@db.example.com:5432/pomerium';
const SECRETS = [API_TOKEN, CONNECTION];

const STACK: Record<string, unknown> = {
  "okta:orgName": "dev-123456",
  "okta:baseUrl": "okta.com",
  "okta:apiToken": API_TOKEN,
  "okta-pomerium:authenticateUrl": "https://authenticate.tmp.example.com",
  "okta-pomerium:groups": [
    { name: "tmp-admins", create: true, description: `rotated with ${API_TOKEN} in May` },
  ],
  "okta-pomerium:routes": [
    {
      ...ROUTES[0],
      allowGroups: ["tmp-admins"],
      description: `legacy token ${API_TOKEN}`,
      set_request_headers: { "X-Upstream-Dsn": `dsn=${CONNECTION};sslmode=require` },
    },
  ],
  "okta-pomerium:pomerium": {
    replicas: 2,
    databroker: { storage: "postgres" },
    service: { annotations: { "example.com/note": `db ${CONNECTION} (primary)` } },
    ingress: { enabled: true, annotations: { "example.com/note": `[${API_TOKEN}]` } },
  },
  "okta-pomerium:databrokerConnectionString": CONNECTION,
};

const FILES = ["kubernetes.yaml", "okta.yaml", "graph.mmd"];
let files: Record<string, string>;
let result: { error?: Error; warnings: string[] };
const read = (file: string) => files[file];
const docs = () => parseAllDocuments(read("kubernetes.yaml")).map((d) => d.toJS());
const kind = (k: string) => docs().find((d) => d.kind === k);

before(async () => {
  const { config } = readStackConfig(projectWith(STACK), "tmp");
  const { recording, result: error } = await evaluate(
    config,
    "tmp",
    () => {
      try {
        program();
        return undefined;
      } catch (e) {
        return e as Error;
      }
    },
    { secretKeys: ["okta:apiToken", "okta-pomerium:databrokerConnectionString"] },
  );
  result = { ...(error ? { error } : {}), warnings: recording.warnings };
  files = {
    "kubernetes.yaml": kubernetesYaml(recording, SECRETS),
    "okta.yaml": oktaYaml(recording, SECRETS),
    "graph.mmd": mermaid(recording),
  };
});

/** Every string in a parsed document (keys and values), and the JSON documents inside them. */
function stringsOf(value: unknown): string[] {
  if (typeof value === "string") {
    if (!/^\s*[{[]/.test(value)) return [value];
    try {
      return [value, ...stringsOf(JSON.parse(value))];
    } catch {
      return [value];
    }
  }
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => [k, ...stringsOf(v)]);
  return [];
}

describe("render redacts a secret inside a longer string", () => {
  test("the render succeeds", () => {
    assert.equal(result.error, undefined, String(result.error));
  });

  for (const file of FILES) {
    test(`no secret in ${file}: not as written, not JSON-escaped, not inside a parsed string`, () => {
      const text = read(file);
      const parsed = file.endsWith(".yaml") ? parseAllDocuments(text).map((d) => d.toJS()) : [];
      const haystacks = [text, ...stringsOf(parsed)];
      for (const secret of SECRETS) {
        const forms = [secret, JSON.stringify(secret).slice(1, -1)];
        for (const h of haystacks)
          for (const f of forms) assert.ok(!h.includes(f), `${file} leaks ${f.slice(0, 24)}…`);
      }
    });
  }

  test("no warning carries a secret", () => {
    for (const secret of SECRETS) assert.ok(!result.warnings.join("\n").includes(secret));
  });

  test("config.json: the header keeps its text around the redacted connection string", () => {
    const config = JSON.parse(kind("ConfigMap").data["config.json"]);
    assert.deepEqual(config.routes[0].set_request_headers, {
      "X-Upstream-Dsn": "dsn=<redacted>;sslmode=require",
    });
    assert.equal(config.routes[0].description, "legacy token <redacted>");
  });

  test("annotations: the Service's and the Ingress's keep their text around the redacted value", () => {
    assert.deepEqual(kind("Service").metadata.annotations, {
      "example.com/note": "db <redacted> (primary)",
    });
    assert.deepEqual(kind("Ingress").metadata.annotations, {
      "example.com/note": "[<redacted>]",
      "pulumi.com/skipAwait": "true",
    });
  });

  test("okta.yaml: the group's description keeps its text around the redacted token", () => {
    const okta = parse(read("okta.yaml"));
    const group = okta.resources.find((r: any) => r.type === "okta:group/group:Group");
    assert.equal(group.inputs.description, "rotated with <redacted> in May");
  });

  test("the Secret's values are all redacted, whatever their form", () => {
    const secret = kind("Secret");
    assert.deepEqual(Object.values(secret.stringData), Array(4).fill("<redacted>"));
  });
});
