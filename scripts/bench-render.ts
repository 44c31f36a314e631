/**
 * The main job's rows of `npm run bench`: `npm run render -- dev` as a user types it (npm, the
 * build check, the render), against the bare `@pulumi/pulumi` import in a process of its own. Runs
 * in a copy of the project under the system's temporary directory (its own bin/ and dist/, the
 * project's node_modules linked), so changing a source there never touches the working tree.
 */
import { execFileSync } from "node:child_process";
import {
  appendFileSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { median, pairedRatio, Row } from "./bench-report";
import { timeCommand } from "./bench-cases";

const ROOT = path.resolve(__dirname, "../..");
const SKIP = new Set(["node_modules", ".git", "out"]);

function copyProject(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "okta-pomerium-bench-render-"));
  for (const entry of readdirSync(ROOT)) {
    if (SKIP.has(entry)) continue;
    cpSync(path.join(ROOT, entry), path.join(dir, entry), {
      recursive: true,
      filter: (src) => !src.split(path.sep).includes("node_modules"),
    });
  }
  symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

const time = (cmd: string, args: string[], cwd: string) => timeCommand(cmd, args, { cwd });

/** Rows: render with an up-to-date build and with a changed source, against the bare import. */
export function renderRows(rounds: number): Row[] {
  const dir = copyProject();
  try {
    execFileSync(process.execPath, ["scripts/build.js"], { cwd: dir });
    const render = ["run", "-s", "render", "--", "--template", "quickstart", "--out", "out"];
    // What `npm run render` did before (0.2.0's scripts, added to the copy's package.json): npm
    // ran `build` (tsc -p ., then `npm run -s bundle`, the esbuild CLI) on every run, then the
    // render: the same npm processes a user paid for, measured with a changed source too.
    const pkgPath = path.join(dir, "package.json");
    const pkg = JSON.parse(readFileSync(pkgPath, "utf8"));
    pkg.scripts["bundle-before"] =
      'esbuild index.ts --bundle --platform=node --target=node20 --external:"@pulumi/*" --sourcemap --sources-content=false --outfile=dist/old.js --log-level=warning';
    pkg.scripts["render-before"] =
      "tsc -p . && npm run -s bundle-before && node bin/scripts/render/render.js --template quickstart --out out";
    writeFileSync(pkgPath, JSON.stringify(pkg, null, 2));
    const before = ["run", "-s", "render-before"];
    const bare = () => time(process.execPath, ["-e", 'require("@pulumi/pulumi")'], dir);
    const t: Record<string, number[]> = { bare: [], fresh: [], changed: [], before: [], b2: [] };
    for (let i = 0; i < rounds; i++) {
      t.bare.push(bare());
      t.fresh.push(time("npm", render, dir));
      if (i < 3) {
        t.b2.push(bare());
        appendFileSync(path.join(dir, "components/pomerium/facts.ts"), `// bench ${i}\n`);
        t.changed.push(time("npm", render, dir));
        appendFileSync(path.join(dir, "components/pomerium/facts.ts"), `// before ${i}\n`);
        t.before.push(time("npm", before, dir));
        // Bring the build up to date again, so the next round's first case starts fresh.
        execFileSync(process.execPath, ["scripts/build.js"], { cwd: dir });
      }
    }
    const row = (what: string, a: string, b: string, goal?: number): Row => {
      const { ratio, iqr } = pairedRatio(t[a], t[b]);
      const text = `${median(t[a])} ms; ${ratio.toFixed(2)}x ${b === "b2" ? "bare" : b} (IQR ${iqr[0].toFixed(2)}-${iqr[1].toFixed(2)})`;
      return [what, text, goal ? `<= ${goal}x` : "", goal ? ratio <= goal : undefined];
    };
    return [
      row(
        "npm run render -- dev, build up to date (vs bare import, own process)",
        "fresh",
        "bare",
        2,
      ),
      row("npm run render -- dev, one source changed (incremental tsc + bundle)", "changed", "b2"),
      row(
        "  the same, vs the render before (tsc + bundle on every run), one source changed",
        "changed",
        "before",
        1,
      ),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
