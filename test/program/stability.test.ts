// No perpetual diffs and safe changes: a second evaluation changes nothing, identities are pinned,
// nothing is derived from time or randomness outside @pulumi/random.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import { program } from "../../stack/program";
import { evaluate, Recording } from "../../scripts/render/mock-runtime";
import { baseConfig } from "../mocks";
import { CheckedStack, checkedStacks, configOf, template } from "../stack-files";

const ROOT = path.resolve(__dirname, "../../..");
const STACKS = checkedStacks();

async function evaluateStack(s: CheckedStack): Promise<Recording> {
  const { config } = configOf(s);
  return (await evaluate(config, s.stack, () => program())).recording;
}

/** Everything a second `pulumi up` would compare, keyed by URN and sorted. */
const snapshot = (rec: Recording) =>
  Object.fromEntries(
    [...rec.registrations]
      .sort((a, b) => a.urn.localeCompare(b.urn))
      .map((r) => [
        r.urn,
        {
          inputs: r.inputs,
          protect: r.protect,
          deps: [...r.dependencies].sort(),
          provider: r.provider,
          id: r.id,
        },
      ]),
  );

describe("stability", () => {
  for (const s of STACKS) {
    test(`${s.label}: a second evaluation registers exactly the same inputs`, async () => {
      const first = snapshot(await evaluateStack(s));
      const second = snapshot(await evaluateStack(s));
      assert.deepEqual(second, first);
    });
  }

  test("the identity resources keep their URNs (a rename needs `aliases`)", async () => {
    const rec = await evaluateStack(template("quickstart"));
    const identity = rec.registrations
      .filter(
        (r) =>
          r.type.startsWith("okta:") ||
          r.type.startsWith("okta-pomerium:index:Okta") ||
          r.type === "kubernetes:core/v1:Namespace" ||
          r.type.startsWith("random:"),
      )
      .map((r) => r.urn)
      .sort();
    // Pinned since the components got their own args (okta-pomerium:index:* types): CHANGELOG.md
    // 0.2.0. Nothing had been deployed under the earlier URNs.
    const c = (t: string) => `urn:pulumi:quickstart::okta-pomerium::okta-pomerium:index:${t}`;
    const app = c("OktaApp");
    const srv = c("OktaAuthorizationServer");
    const grp = c("OktaGroups");
    const k = c("Pomerium");
    assert.deepEqual(
      identity,
      [
        `${app}$okta:app/oAuth:OAuth::okta-app`,
        `${app}$okta:index/appGroupAssignments:AppGroupAssignments::okta-assignments`,
        `${app}::okta`,
        `${srv}$okta:auth/server:Server::okta-server`,
        `${srv}$okta:auth/serverClaim:ServerClaim::okta-claim-groups`,
        `${srv}$okta:auth/serverPolicy:ServerPolicy::okta-policy-okta-pomerium-quickstart`,
        `${srv}$okta:auth/serverPolicyRule:ServerPolicyRule::okta-policy-rule-okta-pomerium-quickstart`,
        `${srv}$okta:auth/serverScope:ServerScope::okta-scope-pomerium`,
        `${srv}::okta`,
        `${grp}$okta:group/group:Group::okta-group-pomerium-quickstart-admins`,
        `${grp}$okta:group/group:Group::okta-group-pomerium-quickstart-developers`,
        `${grp}::okta`,
        `${k}$kubernetes:core/v1:Namespace::pomerium-namespace`,
        `${k}$random:index/randomBytes:RandomBytes::pomerium-cookie-secret`,
        `${k}$random:index/randomBytes:RandomBytes::pomerium-shared-secret`,
      ].sort(),
    );
  });

  test("removing a group from the list leaves the other groups' resources untouched", async () => {
    const quickstart = template("quickstart");
    const { config } = configOf(quickstart);
    const groups = JSON.parse(config["okta-pomerium:groups"]);
    const routes = JSON.parse(config["okta-pomerium:routes"])
      .map((r: any) => ({
        ...r,
        allowGroups: r.allowGroups?.filter((g: string) => g !== groups[0].name),
      }))
      .filter((r: any) => r.allowGroups?.length || r.allowEmails);
    const before = await evaluateStack(quickstart);
    const { recording: after } = await evaluate(
      {
        ...config,
        "okta-pomerium:groups": JSON.stringify(groups.slice(1)),
        "okta-pomerium:routes": JSON.stringify(routes),
      },
      quickstart.stack,
      () => program(),
    );
    const groupsOf = (rec: Recording) =>
      new Map(
        rec.registrations
          .filter((r) => r.type === "okta:group/group:Group")
          .map((r) => [r.urn, r.inputs]),
      );
    const [b, a] = [groupsOf(before), groupsOf(after)];
    assert.equal(a.size, b.size - 1);
    for (const [urn, inputs] of a) assert.deepEqual(inputs, b.get(urn), `${urn} changed`);
  });

  test("no identity resource is deleted before its replacement is created", async () => {
    for (const s of STACKS) {
      const rec = await evaluateStack(s);
      const dbr = rec.registrations.filter((r) => r.deleteBeforeReplace).map((r) => r.urn);
      assert.deepEqual(dbr, [], s.label);
    }
  });

  test("the Cloudflare Access resources keep their URNs (the cloudflare template; a rename needs `aliases`)", async () => {
    const rec = await evaluateStack(template("cloudflare"));
    const urns = rec.registrations
      .filter(
        (r) =>
          r.type.startsWith("cloudflare:") ||
          r.type === "okta-pomerium:index:CloudflareAccess" ||
          r.urn.includes("OktaApp::okta-cloudflare") ||
          r.urn.includes("okta-cloudflare-"),
      )
      .map((r) => r.urn)
      .sort();
    const cf = "urn:pulumi:cloudflare::okta-pomerium::okta-pomerium:index:CloudflareAccess";
    const app = "urn:pulumi:cloudflare::okta-pomerium::okta-pomerium:index:OktaApp";
    const srv = "urn:pulumi:cloudflare::okta-pomerium::okta-pomerium:index:OktaAuthorizationServer";
    const t = (m: string, r: string) => `cloudflare:index/${m}:${r}`;
    // Cloudflare's own authorization server (custom mode) since groups go per front door.
    assert.deepEqual(urns, [
      `${cf}$${t("zeroTrustAccessApplication", "ZeroTrustAccessApplication")}::cloudflare-app-wiki`,
      `${cf}$${t("zeroTrustAccessIdentityProvider", "ZeroTrustAccessIdentityProvider")}::cloudflare-idp`,
      `${cf}$${t("zeroTrustAccessPolicy", "ZeroTrustAccessPolicy")}::cloudflare-policy-wiki`,
      `${cf}::cloudflare`,
      `${app}$okta:app/oAuth:OAuth::okta-cloudflare-app`,
      `${app}$okta:index/appGroupAssignments:AppGroupAssignments::okta-cloudflare-assignments`,
      `${app}::okta-cloudflare`,
      `${srv}$okta:auth/server:Server::okta-cloudflare-server`,
      `${srv}$okta:auth/serverClaim:ServerClaim::okta-cloudflare-claim-groups`,
      `${srv}$okta:auth/serverPolicy:ServerPolicy::okta-cloudflare-policy-okta-pomerium-cloudflare-cloudflare`,
      `${srv}$okta:auth/serverPolicyRule:ServerPolicyRule::okta-cloudflare-policy-rule-okta-pomerium-cloudflare-cloudflare`,
      `${srv}$okta:auth/serverScope:ServerScope::okta-cloudflare-scope-groups`,
    ]);
  });

  test("no source of the program reads the clock or Math.random (randomness comes from @pulumi/random only)", () => {
    // Every .ts file of components/ (and its folders) and the entry point at the root.
    const sources = (dir: string, deep: boolean): string[] =>
      readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? deep
            ? sources(path.join(dir, e.name), deep)
            : []
          : e.name.endsWith(".ts")
            ? [path.join(dir, e.name)]
            : [],
      );
    const files = [
      ...sources("components", true),
      ...sources("stack", true),
      ...sources(".", false),
    ];
    for (const dir of [
      "components/okta",
      "stack/settings",
      "components/pomerium",
      "components/cloudflare",
    ])
      assert.ok(
        files.some((f) => f.startsWith(`${dir}/`)),
        `${dir} is not scanned`,
      );
    for (const f of files) {
      const text = readFileSync(path.join(ROOT, f), "utf8");
      assert.ok(!/Date\.now|new Date\(|Math\.random|randomUUID|randomBytes\(/.test(text), f);
    }
  });

  test("Kubernetes quantities reach the Deployment in canonical form, as the API server writes them back", async () => {
    const config = baseConfig({
      "okta-pomerium:pomerium": {
        resources: {
          requests: { cpu: "0.5", memory: "1024Mi" },
          limits: { cpu: "2000m", memory: "0.5Gi" },
        },
      },
    });
    const rec = (await evaluate(config, "test", () => program())).recording;
    const deploy = rec.registrations.find((r) => r.type === "kubernetes:apps/v1:Deployment")!;
    const containers = deploy.inputs.spec.template.spec.containers;
    assert.ok(containers.length > 0);
    for (const c of containers)
      assert.deepEqual(c.resources, {
        requests: { cpu: "500m", memory: "1Gi" },
        limits: { cpu: "2", memory: "512Mi" },
      });
  });
});
