// CHANGELOG.md in Keep a Changelog form (Unreleased first, releases newest first with dates, the
// standard kinds of change), and package.json's version equal to the latest release.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";

const ROOT = path.resolve(__dirname, "../../..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

const KINDS = new Set(["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"]);
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

interface Release {
  version: string;
  date?: string;
  kinds: string[];
}

/** The releases, in file order, and what is wrong with the file's form. */
function parseChangelog(text: string): { releases: Release[]; problems: string[] } {
  const releases: Release[] = [];
  const problems: string[] = [];
  for (const line of text.split("\n")) {
    const release = /^## \[([^\]]+)\](?: - (\S+))?\s*$/.exec(line);
    if (release) {
      const [, version, date] = release;
      if (version !== "Unreleased" && !SEMVER.test(version))
        problems.push(`not semver: ${version}`);
      if (version !== "Unreleased" && !/^\d{4}-\d{2}-\d{2}$/.test(date ?? ""))
        problems.push(`${version}: no ISO date`);
      releases.push({ version, ...(date ? { date } : {}), kinds: [] });
    } else if (line.startsWith("## ")) problems.push(`not a release heading: ${line}`);
    const kind = /^### (.+)$/.exec(line);
    if (kind) {
      if (!KINDS.has(kind[1])) problems.push(`not a kind of change: ${kind[1]}`);
      if (releases.length === 0) problems.push(`${kind[1]} outside a release`);
      else releases[releases.length - 1].kinds.push(kind[1]);
    }
  }
  if (releases[0]?.version !== "Unreleased") problems.push("the first section is not Unreleased");
  const versions = releases.filter((r) => r.version !== "Unreleased");
  for (let i = 1; i < versions.length; i++) {
    const [a, b] = [versions[i - 1], versions[i]];
    const [x, y] = [a.version.split(".").map(Number), b.version.split(".").map(Number)];
    const newer = x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
    if (newer <= 0) problems.push(`${a.version} is listed before ${b.version} but is not newer`);
    if ((a.date ?? "") < (b.date ?? "")) problems.push(`${a.version} is dated before ${b.version}`);
  }
  for (const r of releases)
    if (r.version !== "Unreleased" && r.kinds.length === 0) problems.push(`${r.version}: empty`);
  return { releases, problems };
}

describe("CHANGELOG.md and the version", () => {
  const { releases, problems } = parseChangelog(read("CHANGELOG.md"));

  test("is in Keep a Changelog form", () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(
      releases.map((r) => r.version),
      ["Unreleased", "0.3.0", "0.2.0", "0.1.0"],
    );
  });

  test("package.json's version (and the lockfile's) is the latest release", () => {
    const latest = releases.find((r) => r.version !== "Unreleased")!.version;
    assert.equal(JSON.parse(read("package.json")).version, latest);
    const lock = JSON.parse(read("package-lock.json"));
    assert.equal(lock.version, latest);
    assert.equal(lock.packages[""].version, latest);
  });

  test("the form check fails on what Keep a Changelog forbids", () => {
    const ok = "## [Unreleased]\n### Added\n- x\n## [0.2.0] - 2026-12-01\n### Fixed\n- y\n";
    assert.deepEqual(parseChangelog(ok).problems, []);
    const cases: Array<[string, RegExp]> = [
      ["## [0.2.0] - 2026-12-01\n### Fixed\n- y\n", /first section is not Unreleased/],
      ["## [Unreleased]\n## [0.2] - 2026-12-01\n### Fixed\n", /not semver: 0.2/],
      ["## [Unreleased]\n## [0.2.0]\n### Fixed\n", /0.2.0: no ISO date/],
      ["## [Unreleased]\n## [0.2.0] - 2026-12-01\n### Improved\n", /not a kind of change/],
      ["## [Unreleased]\n## [0.2.0] - 2026-12-01\n", /0.2.0: empty/],
      ["## [Unreleased]\n## What changed\n", /not a release heading/],
      [
        "## [Unreleased]\n## [0.1.0] - 2026-11-23\n### Added\n## [0.2.0] - 2026-12-01\n### Added\n",
        /0.1.0 is listed before 0.2.0 but is not newer/,
      ],
      [
        "## [Unreleased]\n## [0.2.0] - 2026-11-01\n### Added\n## [0.1.0] - 2026-11-23\n### Added\n",
        /0.2.0 is dated before 0.1.0/,
      ],
    ];
    for (const [text, why] of cases) assert.match(parseChangelog(text).problems.join("\n"), why);
  });
});
