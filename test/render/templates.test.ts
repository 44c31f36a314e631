// The templates (templates/<shape>.yaml) and `npm run new-stack -- <name> --template <shape>`: each
// template has the shape its `# Shape:` line promises; `--template` alone lists them; a stack
// written from each renders as written, with the schema comment, one warning per placeholder, and
// the numbered list of what to set (every placeholder's key, every secret's exact command).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, test } from "node:test";
import { program } from "../../stack/program";
import { parseSettings } from "../../stack/settings";
import { findPlaceholders } from "../../stack/settings/placeholders";
import { evaluate, Recording } from "../../scripts/render/mock-runtime";
import { readStackConfig } from "../../scripts/render/stack-config";
import { SCHEMA_COMMENT } from "../../scripts/schema/location";
import { templateNames } from "../../scripts/stacks";
import { REPO, configOf, template } from "../stack-files";

const SHAPES = ["cloudflare", "controller", "openmetadata", "production", "quickstart"];

const newStack = (dir: string, args: string[]) =>
  spawnSync(process.execPath, [path.join(REPO, "bin/scripts/new-stack.js"), ...args], {
    env: { ...process.env, OKTA_POMERIUM_DIR: dir },
    encoding: "utf8",
  });

/** A project with Pulumi.yaml and the templates, and no stack file. */
function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "okta-pomerium-tpl-"));
  copyFileSync(path.join(REPO, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  cpSync(path.join(REPO, "templates"), path.join(dir, "templates"), { recursive: true });
  return dir;
}

async function recorded(shape: string): Promise<Recording> {
  const { config } = configOf(template(shape));
  return (await evaluate(config, shape, () => program())).recording;
}
const count = (rec: Recording, type: string) =>
  rec.registrations.filter((r) => r.type === type).length;

describe("templates", () => {
  test("one per shape", () => assert.deepEqual(templateNames(REPO), SHAPES));

  test("`new-stack --template` alone lists the shapes, one line each, and writes nothing", () => {
    const dir = project();
    const r = newStack(dir, ["--template"]);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split("\n");
    assert.equal(
      lines[0],
      "usage: npm run new-stack -- <name> (--template <shape> | --from <stack>)",
    );
    assert.deepEqual(
      lines.slice(2).map((l) => l.trim().split(/\s+/)[0]),
      SHAPES,
    );
    for (const l of lines.slice(2)) assert.match(l, /^ {2}[a-z]+ +\S.{20,}$/, l);
    assert.deepEqual(templateNames(dir), SHAPES);
    assert.equal(readStackConfigOrNone(dir), "none");
  });

  test("fails when the shape is unknown, or --template and --from are both given", () => {
    const dir = project();
    const unknown = newStack(dir, ["qa", "--template", "nope"]);
    assert.equal(unknown.status, 1);
    assert.equal(unknown.stderr, `no template "nope"; the templates: ${SHAPES.join(", ")}\n`);
    const both = newStack(dir, ["qa", "--template", "quickstart", "--from", "x"]);
    assert.equal(both.status, 1);
    assert.match(both.stderr, /^usage: /);
  });

  for (const shape of SHAPES)
    test(`a stack from the ${shape} template: header, list of what to set, renders with a warning per placeholder`, async () => {
      const dir = project();
      const r = newStack(dir, ["acme", "--template", shape]);
      assert.equal(r.status, 0, r.stderr);
      const text = readFileSync(path.join(dir, "Pulumi.acme.yaml"), "utf8");
      const lines = text.split("\n");
      assert.equal(lines[0], SCHEMA_COMMENT);
      assert.match(lines[1], new RegExp(`^# Stack "acme", from the template "${shape}": \\S`));
      const { config, secretKeys } = readStackConfig(dir, "acme");
      const placeholders = findPlaceholders(config, new Set(secretKeys));
      const list = lines.filter((l) => /^# {3}\d+\. /.test(l));
      // Numbered from 1, every placeholder by key, then every secret's exact command.
      list.forEach((l, i) => assert.ok(l.startsWith(`#   ${i + 1}. `), l));
      assert.deepEqual(
        list.slice(0, placeholders.length).map((l) => l.split(" ")[4].replace(/:$/, "")),
        placeholders.map((p) => p.path),
      );
      const secrets = list.slice(placeholders.length);
      assert.ok(secrets.length >= 1);
      for (const l of secrets)
        assert.match(l, /^# {3}\d+\. pulumi config set --secret \S+ --stack acme /);
      assert.ok(!/\b(quickstart|production)\b/.test(text.split("config:")[1]), "renamed");
      const { recording, result } = await evaluate(config, "acme", () => {
        try {
          program();
          return undefined;
        } catch (e) {
          return e as Error;
        }
      });
      assert.equal(result, undefined, String(result));
      assert.deepEqual(
        recording.warnings
          .filter((w) => w.includes("still a placeholder"))
          .map((w) => w.split(" ")[0]),
        placeholders.map((p) => p.path),
      );
      // With the company's values in place of the placeholders, the real engine would accept it.
      const filled = JSON.parse(
        JSON.stringify(config)
          .replace(/changeme/gi, "acme")
          .replace(/0{32}/, "a".repeat(32)),
      );
      assert.doesNotThrow(() =>
        parseSettings(filled, "acme", undefined, { refusePlaceholders: true }),
      );
      assert.throws(() => parseSettings(config, "acme", undefined, { refusePlaceholders: true }));
    });

  test("quickstart: custom server, all-in-one, one Ingress, memory, unprotected", async () => {
    const rec = await recorded("quickstart");
    assert.equal(count(rec, "okta:auth/server:Server"), 1);
    assert.equal(count(rec, "kubernetes:apps/v1:Deployment"), 1);
    assert.equal(count(rec, "kubernetes:networking.k8s.io/v1:Ingress"), 1);
    assert.equal(
      parseSettings(configOf(template("quickstart")).config, "quickstart").protect,
      false,
    );
  });

  test("controller: the org server (no custom server), the controller's objects, one Ingress per route", async () => {
    const rec = await recorded("controller");
    assert.equal(count(rec, "okta:auth/server:Server"), 0);
    assert.equal(count(rec, "kubernetes:apps/v1:Deployment"), 0);
    assert.equal(count(rec, "kubernetes:ingress.pomerium.io/v1:PomeriumPatch"), 1);
    assert.equal(count(rec, "kubernetes:networking.k8s.io/v1:Ingress"), 2);
  });

  test("production: protected, three replicas, Postgres, HTTPRoutes and no Ingress", async () => {
    const rec = await recorded("production");
    const s = parseSettings(configOf(template("production")).config, "production");
    assert.equal(s.protect, true);
    assert.equal(s.pomerium.replicas, 3);
    assert.equal(s.pomerium.databroker.storage, "postgres");
    assert.ok(rec.registrations.filter((r) => r.type.startsWith("okta:")).every((r) => r.protect));
    assert.equal(count(rec, "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute"), 1);
    assert.equal(count(rec, "kubernetes:networking.k8s.io/v1:Ingress"), 0);
  });

  test("cloudflare: an Access application per app beside Pomerium; openmetadata: its Secret", async () => {
    const cf = await recorded("cloudflare");
    const app = "cloudflare:index/zeroTrustAccessApplication:ZeroTrustAccessApplication";
    assert.equal(count(cf, app), 1);
    assert.equal(count(cf, "kubernetes:apps/v1:Deployment"), 1);
    const om = await recorded("openmetadata");
    assert.equal(om.registrations.filter((r) => r.name === "openmetadata-settings").length, 1);
    assert.equal(count(om, app), 0);
  });
});

function readStackConfigOrNone(dir: string): string {
  try {
    readStackConfig(dir, "qa");
    return "some";
  } catch (e) {
    return /the stacks here are none/.test((e as Error).message) ? "none" : String(e);
  }
}
