// The docs as a reader meets them: README within 2,000 words outside code blocks, every page under
// docs/ listed in README, and every relative link of README, CHANGELOG and docs/ pointing at a file
// of the repository.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";

const ROOT = path.resolve(__dirname, "../../..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

/** Pages allowed to be missing while a branch that adds them is unmerged: none on main. */
const COMING = new Set<string>([]);

/** Words outside fenced code blocks, as a reader counts them. */
function prose(markdown: string): number {
  const text = markdown.replace(/^```[^\n]*\n[\s\S]*?^```\s*$/gm, "");
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Relative link targets of a Markdown file, without anchors, outside code blocks and spans. */
function links(markdown: string): string[] {
  const text = markdown.replace(/^```[^\n]*\n[\s\S]*?^```\s*$/gm, "").replace(/`[^`\n]*`/g, "");
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1].split("#")[0])
    .filter((t) => t && !/^[a-z]+:/i.test(t));
}

const PAGES = readdirSync(path.join(ROOT, "docs"))
  .filter((f) => f.endsWith(".md"))
  .map((f) => `docs/${f}`);

describe("docs", () => {
  test("README has at most 2,000 words outside code blocks", () => {
    const words = prose(read("README.md"));
    assert.ok(words <= 2000 && words > 800, `${words} words`);
  });

  test("the word count skips code blocks and counts words, not symbols", () => {
    assert.equal(prose("one two\n```sh\nthree four five\n```\nsix | — |"), 3);
  });

  test("README lists every page under docs/", () => {
    const linked = new Set(links(read("README.md")).map((l) => path.normalize(l)));
    assert.ok(PAGES.length >= 10, PAGES.join());
    assert.deepEqual(
      PAGES.filter((p) => !linked.has(p)),
      [],
    );
  });

  test("every relative link points at a file of the repository", () => {
    const broken: string[] = [];
    for (const file of ["README.md", "CHANGELOG.md", ...PAGES])
      for (const target of links(read(file))) {
        const resolved = path.normalize(path.join(path.dirname(file), target));
        if (
          !existsSync(path.join(ROOT, resolved)) &&
          !(file === "README.md" && COMING.has(resolved))
        )
          broken.push(`${file}: ${target}`);
      }
    assert.deepEqual(broken, []);
  });

  test("links are read outside code blocks, without anchors or absolute URLs", () => {
    assert.deepEqual(
      links("[a](docs/a.md#x) [b](https://x.y) [c](../c.md) `[e](e)`\n```\n[d](d.md)\n```\n"),
      ["docs/a.md", "../c.md"],
    );
  });
});
