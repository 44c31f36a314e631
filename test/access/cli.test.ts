// `npm run access`: its arguments (each refusal with its message), the matrix as Markdown and as
// JSON, one user, and the diff against a directory and against a git ref (a stack file absent
// there, an unknown ref), on a throw-away project.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { after, describe, test } from "node:test";
import { stringify } from "yaml";
import { parseArgs, run, USAGE } from "../../scripts/access/cli";
import { SettingsError } from "../../stack/settings/error";

const ROOT = path.resolve(__dirname, "../../..");
const tmp = mkdtempSync(path.join(tmpdir(), "okta-pomerium-access-test-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

const ROUTES = [
  { from: "https://a.t.example.com", to: "http://a", allowGroups: ["t-admins"] },
  { from: "https://b.t.example.com", to: "http://b", allowGroups: ["t-admins", "t-devs"] },
];
const stackFile = (routes: unknown[] = ROUTES, groups = ["t-admins", "t-devs"]) =>
  stringify({
    config: {
      "okta:orgName": "dev-123456",
      "okta:baseUrl": "okta.com",
      "okta:apiToken": { secure: "AAABAxyz" },
      "okta-pomerium:authenticateUrl": "https://authenticate.t.example.com",
      "okta-pomerium:groups": groups.map((name) => ({ name })),
      "okta-pomerium:routes": routes,
    },
  });
let n = 0;
function project(file = stackFile()): string {
  const dir = path.join(tmp, `p${n++}`);
  mkdirSync(dir);
  copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  writeFileSync(path.join(dir, "Pulumi.t.yaml"), file);
  return dir;
}

describe("arguments", () => {
  test("a stack, --json, --user with --groups (empty: no group), --id, --diff", () => {
    assert.deepEqual(parseArgs(["t"]), { stack: "t", json: false });
    assert.deepEqual(
      parseArgs(["t", "--json", "--user", "a@x.com", "--groups", " g1, g2 ,", "--id", "00u1"]),
      {
        stack: "t",
        json: true,
        user: { email: "a@x.com", groups: ["g1", "g2"], id: "00u1" },
      },
    );
    assert.deepEqual(parseArgs(["t", "--user", "a@x.com", "--groups", ""]).user, {
      email: "a@x.com",
      groups: [],
    });
    assert.deepEqual(parseArgs(["t", "--diff", "main"]), { stack: "t", json: false, diff: "main" });
  });
  const FAILS: Array<[string[], string]> = [
    [[], "name a stack"],
    [["t", "u"], 'unexpected argument "u"'],
    [["t", "--bogus"], 'unexpected argument "--bogus"'],
    [["t", "--user"], "--user needs a value"],
    [
      ["t", "--user", "a@x.com"],
      '--user needs --groups (the user\'s Okta groups; --groups "" for none)',
    ],
    [["t", "--groups", "g"], "--groups and --id go with --user EMAIL"],
    [["t", "--user", "nobody", "--groups", "g"], '--user must be an e-mail address (got "nobody")'],
    [
      ["t", "--user", "a@x.com", "--groups", "g", "--diff", "main"],
      "--user and --diff do not go together",
    ],
    [["t", "--diff", ""], "--diff needs a directory or a git ref"],
    [
      ["t", "--diff", "--output=x"],
      '--diff takes a directory or a git ref, not an option (got "--output=x")',
    ],
  ];
  for (const [argv, message] of FAILS)
    test(`fails when ${JSON.stringify(argv)}: ${message}`, () =>
      assert.throws(() => parseArgs(argv), { message: `${message}\n${USAGE}` }));
});

describe("output", () => {
  test("the matrix in Markdown: a grid up to 8 principals", () => {
    const md = run(parseArgs(["t"]), project());
    assert.equal(
      md,
      [
        "## Who can reach what: stack t",
        "",
        "✅ allowed, ❌ denied, ❔ depends on the request (or on a fact about the user no setting holds: `--user` says which); each with the gate that decides.",
        "",
        "| app | group:t-admins | group:t-devs | any signed-in user | anyone |",
        "| --- | --- | --- | --- | --- |",
        "| https://a.t.example.com | ✅ route allow | ❌ route allow | ❌ route allow | ❌ needs sign-in |",
        "| https://b.t.example.com | ✅ route allow | ✅ route allow | ❌ route allow | ❌ needs sign-in |",
        "",
      ].join("\n"),
    );
  });
  test("8 principals still make a grid; 9 make one line per app", () => {
    const groups = (k: number) => Array.from({ length: k }, (_, i) => `t-g${i}`);
    const at = (k: number) =>
      run(
        parseArgs(["t"]),
        project(
          stackFile(
            [{ from: "https://a.t.example.com", to: "http://a", allowGroups: ["t-g0"] }],
            groups(k),
          ),
        ),
      );
    assert.match(at(6), /^\| app \| group:t-g0 \|.*\| anyone \|$/m);
    assert.match(at(7), /^\| app \| allowed \| denied \| depends \|$/m);
    assert.match(
      at(7),
      /^\| https:\/\/a\.t\.example\.com \| group:t-g0 \(route allow\) \| group:t-g1 \(route allow\); .*anyone \(needs sign-in\) \| none \|$/m,
    );
  });
  test("--json: [{app, principal, allowed, gate}]", () => {
    const cells = JSON.parse(run(parseArgs(["t", "--json"]), project()));
    assert.deepEqual(cells[0], {
      app: "https://a.t.example.com",
      principal: "group:t-admins",
      allowed: true,
      gate: "route-allow",
    });
    assert.equal(cells.length, 8);
  });
  test("--user --json: [{app, allowed, reason}]", () => {
    const out = JSON.parse(
      run(parseArgs(["t", "--json", "--user", "d@x.com", "--groups", "t-devs"]), project()),
    );
    assert.deepEqual(out, [
      {
        app: "https://a.t.example.com",
        allowed: false,
        reason: "no allow rule of okta-pomerium:routes[0] matches",
      },
      {
        app: "https://b.t.example.com",
        allowed: true,
        reason: 'allowed by okta-pomerium:routes[1]: claim/groups: "t-devs"',
      },
    ]);
  });
  test("--user in Markdown names the user and the groups", () => {
    const md = run(parseArgs(["t", "--user", "d@x.com", "--groups", ""]), project());
    assert.match(md, /^## What d@x\.com \(groups: none\) can reach: stack t$/m);
    assert.match(
      md,
      /^\| https:\/\/a\.t\.example\.com \| ❌ Okta assignment \| Okta refuses sign-in: not assigned to the Okta app okta-pomerium-t \(its groups: t-admins, t-devs\) \|$/m,
    );
  });
  test("fails when the settings are invalid: every problem, before any output", () =>
    assert.throws(
      () =>
        run(
          parseArgs(["t"]),
          project(
            stackFile([{ from: "https://a.t.example.com", to: "http://a", allowGroups: ["nope"] }]),
          ),
        ),
      SettingsError,
    ));
});

describe("--diff", () => {
  const narrowed = stackFile([
    ROUTES[0],
    { ...ROUTES[1], allowGroups: ["t-admins"] },
    { from: "https://c.t.example.com", to: "http://c", allowGroups: ["t-devs"] },
  ]);
  test("against a directory: granted, revoked, in that order", () => {
    const out = JSON.parse(run(parseArgs(["t", "--json", "--diff", project()]), project(narrowed)));
    assert.deepEqual(out, [
      {
        app: "https://c.t.example.com",
        principal: "group:t-devs",
        change: "granted",
        after: { allowed: true, gate: "route-allow" },
      },
      {
        app: "https://b.t.example.com",
        principal: "group:t-devs",
        change: "revoked",
        before: { allowed: true, gate: "route-allow" },
        after: { allowed: false, gate: "route-allow" },
      },
    ]);
  });
  test("the same settings: no change", () =>
    assert.equal(
      run(parseArgs(["t", "--diff", project()]), project()),
      "## Access changes: stack t (against " +
        path.join(tmp, `p${n - 2}`) +
        ")\n\nNo change in access.\n",
    ));
  test("a gate that changes with the same answer is a change", () => {
    const pub = stackFile([
      ROUTES[0],
      { from: "https://b.t.example.com", to: "http://b", allow_any_authenticated_user: true },
    ]);
    const out = JSON.parse(run(parseArgs(["t", "--json", "--diff", project()]), project(pub)));
    assert.deepEqual(
      out.map((c: { principal: string; change: string }) => `${c.principal} ${c.change}`),
      ["any signed-in user granted", "group:t-admins changed", "group:t-devs changed"],
    );
  });
  test("against a git ref: the stack file at that commit; absent there, everything is granted", () => {
    const repo = project();
    const git = (...a: string[]) =>
      execFileSync("git", ["-C", repo, "-c", "user.name=t", "-c", "user.email=t@t", ...a], {
        stdio: "ignore",
      });
    git("init", "-q");
    git("add", "Pulumi.yaml");
    git("commit", "-qm", "project only");
    git("add", "Pulumi.t.yaml");
    git("commit", "-qm", "stack");
    writeFileSync(path.join(repo, "Pulumi.t.yaml"), narrowed);
    const changes = (ref: string) =>
      JSON.parse(run(parseArgs(["t", "--json", "--diff", ref]), repo)).map(
        (c: { app: string; principal: string; change: string }) =>
          `${c.change} ${c.app} ${c.principal}`,
      );
    assert.deepEqual(changes("HEAD"), [
      "granted https://c.t.example.com group:t-devs",
      "revoked https://b.t.example.com group:t-devs",
    ]);
    assert.deepEqual(changes("HEAD~1"), [
      "granted https://a.t.example.com group:t-admins",
      "granted https://b.t.example.com group:t-admins",
      "granted https://c.t.example.com group:t-devs",
    ]);
    assert.throws(() => run(parseArgs(["t", "--diff", "no-such-ref"]), repo), {
      message: "--diff no-such-ref: neither a directory nor a git ref of this repository",
    });
  });
});
