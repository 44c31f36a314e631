// The drift CLI as the workflow runs it: `summarize` writes status and body.md and exits 0 only
// when clean; `issue` opens, updates or closes the stack's one issue through gh (a fake gh on PATH
// records the calls).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { runIssue } from "../../scripts/drift/cli";
import { Gh } from "../../scripts/drift/issue";

const CLI = path.resolve(__dirname, "../../scripts/drift/cli.js");
const SAMPLES = path.resolve(__dirname, "../../../test/fixtures/drift");
const temp = () => mkdtempSync(path.join(tmpdir(), "drift-"));

function cli(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [CLI, ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
}

test("summarize: status file, body, and exit 0 only for a clean stack", () => {
  for (const [sample, code, status, exit] of [
    ["clean", "0", "clean", 0],
    ["okta-policy-rule", "255", "drift", 1],
    ["kubernetes-secret", "255", "drift", 1],
    ["error", "255", "error", 1],
  ] as const) {
    const out = temp();
    const args = ["--stack", "dev", "--preview", path.join(SAMPLES, `${sample}.json`)];
    const r = cli([
      "summarize",
      ...args,
      "--exit-code",
      code,
      "--out",
      out,
      "--run-url",
      "https://x/r/1",
    ]);
    assert.equal(r.status, exit, `${sample}: ${r.stderr}`);
    assert.equal(r.stdout, `${status}\n`);
    assert.equal(readFileSync(path.join(out, "status"), "utf8"), `${status}\n`);
    assert.match(
      readFileSync(path.join(out, "body.md"), "utf8"),
      /\(\[run\]\(https:\/\/x\/r\/1\)\)/,
    );
  }
});

test("summarize: a missing, empty or broken preview file is a failed check", () => {
  const dir = temp();
  const empty = path.join(dir, "empty.json");
  const broken = path.join(dir, "broken.json");
  writeFileSync(empty, "\n");
  writeFileSync(broken, "{ not json");
  for (const [file, code, message] of [
    [path.join(dir, "missing.json"), "", "the preview did not run (an earlier step failed)"],
    [empty, "1", "the preview printed no JSON (exit code 1)"],
    [broken, "0", "broken.json is not JSON"],
  ]) {
    const out = temp();
    const r = cli([
      "summarize",
      "--stack",
      "dev",
      "--preview",
      file!,
      "--exit-code",
      code!,
      "--out",
      out,
    ]);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, "error\n");
    assert.ok(readFileSync(path.join(out, "body.md"), "utf8").includes(message!), message);
  }
});

test("bad arguments: exit 2 with the reason", () => {
  assert.match(cli(["summarize", "--stack", "dev"]).stderr, /^drift: --out is required/);
  assert.equal(cli(["summarize", "--stack"]).status, 2);
  assert.match(cli(["frobnicate"]).stderr, /unknown command frobnicate: summarize or issue/);
});

/** A recording gh whose `issue list` answers with these open issues. */
function fakeGh(open: Array<{ number: number; title: string }>): { run: Gh; calls: string[][] } {
  const calls: string[][] = [];
  const run: Gh = (args) => {
    calls.push(args);
    return args[0] === "issue" && args[1] === "list" ? JSON.stringify(open) : "";
  };
  return { run, calls };
}

function dirWith(status: string | undefined, body = "the body\n"): string {
  const dir = temp();
  if (status !== undefined) writeFileSync(path.join(dir, "status"), `${status}\n`);
  writeFileSync(path.join(dir, "body.md"), body);
  return dir;
}

const LIST = [
  "issue",
  "list",
  "--label",
  "drift",
  "--state",
  "open",
  "--limit",
  "200",
  "--json",
  "number,title",
];

test("issue: drift without an open issue opens one, with the label (created if missing) and the stable title", () => {
  const { run, calls } = fakeGh([{ number: 3, title: "Drift: stack prod" }]);
  const dir = dirWith("drift");
  assert.equal(runIssue({ stack: "dev", dir }, run), "opened");
  assert.deepEqual(calls[0], LIST);
  assert.deepEqual(calls[1]!.slice(0, 4), ["label", "create", "drift", "--force"]);
  assert.deepEqual(calls[2], [
    "issue",
    "create",
    "--title",
    "Drift: stack dev",
    "--label",
    "drift",
    "--body-file",
    path.join(dir, "body.md"),
  ]);
  assert.equal(calls.length, 3);
});

test("issue: drift or error with an open issue replaces its body (the oldest, if several)", () => {
  for (const status of ["drift", "error"]) {
    const open = [
      { number: 9, title: "Drift: stack dev" },
      { number: 4, title: "Drift: stack dev" },
      { number: 2, title: "Drift: stack dev2" },
    ];
    const { run, calls } = fakeGh(open);
    const dir = dirWith(status);
    assert.equal(runIssue({ stack: "dev", dir }, run), "updated #4");
    assert.deepEqual(calls.slice(1), [
      ["issue", "edit", "4", "--body-file", path.join(dir, "body.md")],
    ]);
  }
});

test("issue: clean closes the open issue with the body as its last comment; nothing when none is open", () => {
  const { run, calls } = fakeGh([{ number: 7, title: "Drift: stack dev" }]);
  const dir = dirWith("clean");
  assert.equal(runIssue({ stack: "dev", dir }, run), "closed #7");
  assert.deepEqual(calls.slice(1), [
    ["issue", "comment", "7", "--body-file", path.join(dir, "body.md")],
    ["issue", "close", "7"],
  ]);
  const none = fakeGh([{ number: 7, title: "Drift: stack staging" }]);
  assert.equal(runIssue({ stack: "dev", dir: dirWith("clean") }, none.run), "nothing to do");
  assert.equal(none.calls.length, 1);
});

test("issue: no summary (the check failed before it) opens or updates the issue as a failed check", () => {
  for (const status of [undefined, "garbage"]) {
    const dir = temp();
    if (status) writeFileSync(path.join(dir, "status"), status);
    const { run, calls } = fakeGh([]);
    assert.equal(runIssue({ stack: "dev", dir, "run-url": "https://x/r/2" }, run), "opened");
    assert.equal(calls[2]![1], "create");
    assert.equal(
      readFileSync(path.join(dir, "body.md"), "utf8"),
      "The drift check of stack `dev` failed before it could summarize the preview ([run](https://x/r/2)).\n",
    );
  }
});

test("issue, end to end: the CLI runs the gh on PATH", () => {
  const bin = temp();
  const log = path.join(bin, "calls.log");
  writeFileSync(
    path.join(bin, "gh"),
    `#!/bin/sh\nprintf '%s\\n' "$*" >> "${log}"\n` +
      `if [ "$1 $2" = "issue list" ]; then echo '[{"number":12,"title":"Drift: stack dev"}]'; fi\n`,
  );
  chmodSync(path.join(bin, "gh"), 0o755);
  const dir = dirWith("drift");
  const r = cli(["issue", "--stack", "dev", "--dir", dir], {
    PATH: `${bin}${path.delimiter}${process.env.PATH}`,
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, "updated #12\n");
  assert.deepEqual(readFileSync(log, "utf8").trim().split("\n"), [
    LIST.join(" "),
    `issue edit 12 --body-file ${path.join(dir, "body.md")}`,
  ]);
});
