/**
 * Builds the real tier's programs from the Go modules pinned in test/real/go/<module>/go.mod and
 * go.sum, once per machine: each module's binaries are cached outside the clone, under
 * `${XDG_CACHE_HOME:-~/.cache}/okta-pomerium/real/<module>-<key>`, the key a hash of the module's
 * go.mod, go.sum, own Go files, build flags and the Go version. A later run (or another clone)
 * with the same key reuses them; a changed pin builds again. Progress goes to stderr.
 */
import { spawn, execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const GO_ROOT = path.resolve(__dirname, "../../../test/real/go");

/** One Go module of test/real/go and what is built from it. */
export interface GoModule {
  readonly name: string;
  /** Import paths (or ./dirs) of the main packages, with the binary each becomes. */
  readonly programs: Readonly<Record<string, string>>;
  readonly flags: readonly string[];
  /** Writes what the build needs that is not committed (generated from the pinned module). */
  readonly prepare?: (dir: string) => void;
}

const K8S_VERSION = ["gitMajor=1", "gitMinor=37", "gitVersion=v1.37.2"];
const k8sVersion = (pkg: string) => K8S_VERSION.map((v) => `-X ${pkg}.${v}`);

export const MODULES: readonly GoModule[] = [
  {
    name: "kube",
    programs: {
      "go.etcd.io/etcd/server/v3": "etcd",
      "k8s.io/kubernetes/cmd/kube-apiserver": "kube-apiserver",
      "k8s.io/kubernetes/cmd/kube-controller-manager": "kube-controller-manager",
      "k8s.io/kubernetes/cmd/kube-scheduler": "kube-scheduler",
      "k8s.io/kubernetes/cmd/kubectl": "kubectl",
      "sigs.k8s.io/kwok/cmd/kwok": "kwok",
    },
    // Without the version the API server reports v0.0.0 and clients misjudge it.
    flags: [
      "-ldflags",
      [
        "-s -w",
        ...k8sVersion("k8s.io/component-base/version"),
        ...k8sVersion("k8s.io/client-go/pkg/version"),
      ].join(" "),
    ],
  },
  {
    name: "provider",
    programs: { "./cmd/pulumi-resource-kubernetes": "pulumi-resource-kubernetes" },
    flags: [
      "-ldflags",
      "-s -w -X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=4.25.0",
    ],
    prepare: writeProviderSchema,
  },
  {
    name: "pulumi",
    programs: { "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi": "pulumi", "./standin": "standin" },
    flags: [
      "-tags",
      "osusergo,grpcnotrace",
      "-ldflags",
      "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v3.276.0",
    ],
  },
  { name: "pomerium", programs: { ".": "pomerium-check" }, flags: ["-ldflags", "-s -w"] },
];

/** What the provider's own generate step writes: the schema with its version, and the mapping. */
function writeProviderSchema(dir: string): void {
  const mod = goModuleDir(dir, "github.com/pulumi/pulumi-kubernetes/provider/v4");
  const from = path.join(mod, "cmd/pulumi-resource-kubernetes");
  const to = path.join(dir, "cmd/pulumi-resource-kubernetes");
  const schema = JSON.parse(readFileSync(path.join(from, "schema.json"), "utf8"));
  schema.version = "4.25.0";
  writeFileSync(path.join(to, "schema-embed.json"), JSON.stringify(schema));
  const mapping = JSON.parse(readFileSync(path.join(from, "terraform-mapping.json"), "utf8"));
  writeFileSync(path.join(to, "terraform-mapping-embed.json"), JSON.stringify(mapping));
}

/** The directory of a module the pinned go.mod requires, downloaded (and checksummed) if needed. */
export function goModuleDir(moduleDir: string, modulePath: string): string {
  execFileSync("go", ["mod", "download", modulePath], { cwd: moduleDir, stdio: "inherit" });
  return execFileSync("go", ["list", "-m", "-f", "{{.Dir}}", modulePath], {
    cwd: moduleDir,
    encoding: "utf8",
  }).trim();
}

export function cacheRoot(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(base, "okta-pomerium", "real");
}

/** The cache key of a module: its pins, its own code, its flags and the Go toolchain. */
export function cacheKey(mod: GoModule, goVersion: string): string {
  const dir = path.join(GO_ROOT, mod.name);
  const h = createHash("sha256").update(`${goVersion}\0${JSON.stringify(mod)}\0`);
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) walk(r);
      else if (/\.go$|^go\.(mod|sum)$/.test(e.name))
        h.update(`${r}\0`).update(readFileSync(path.join(dir, r)));
    }
  };
  walk(".");
  return h.digest("hex").slice(0, 16);
}

function goVersion(): string {
  try {
    return execFileSync("go", ["env", "GOVERSION"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error(
      "the real tier builds its programs with Go (1.26 or later), and `go` is not on PATH: install Go from https://go.dev/dl/",
    );
  }
}

const elapsed = (start: number) => `${Math.round((Date.now() - start) / 1000)} s`;

/** Runs `go build -v` for one module, printing how many packages it compiled every 20 s. */
function goBuild(mod: GoModule, out: string, log: (s: string) => void): Promise<void> {
  const dir = path.join(GO_ROOT, mod.name);
  const args = ["build", "-v", "-trimpath", ...mod.flags, "-o", `${out}/`];
  const start = Date.now();
  let compiled = 0;
  let errors = "";
  return new Promise((resolve, reject) => {
    const child = spawn("go", [...args, ...Object.keys(mod.programs)], { cwd: dir });
    child.stderr.on("data", (d: Buffer) => {
      for (const line of d.toString().split("\n")) {
        if (/^[\w.-]+(\/[\w.~-]+)*$/.test(line)) compiled++;
        else if (line.trim()) errors += `${line}\n`;
      }
    });
    const tick = setInterval(
      () => log(`${mod.name}: ${compiled} packages compiled, ${elapsed(start)}`),
      20_000,
    );
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(tick);
      if (code === 0) resolve();
      else reject(new Error(`go build in test/real/go/${mod.name} failed:\n${errors}`));
    });
  });
}

/**
 * The binaries of every module, built or taken from the cache (binary name -> absolute path), and
 * the modules that failed to build (name -> why): one failure does not stop the others.
 */
export async function buildAll(
  log: (s: string) => void,
  only: readonly string[] = MODULES.map((m) => m.name),
): Promise<{ bins: Record<string, string>; failed: Record<string, string> }> {
  const go = goVersion();
  const bins: Record<string, string> = {};
  const failed: Record<string, string> = {};
  await Promise.all(
    MODULES.filter((m) => only.includes(m.name)).map(async (mod) => {
      try {
        await buildModule(mod, go, bins, log);
      } catch (e) {
        failed[mod.name] = (e as Error).message;
        log(`${mod.name}: ${(e as Error).message}`);
      }
    }),
  );
  return { bins, failed };
}

async function buildModule(
  mod: GoModule,
  go: string,
  bins: Record<string, string>,
  log: (s: string) => void,
): Promise<void> {
  const dir = path.join(cacheRoot(), `${mod.name}-${cacheKey(mod, go)}`);
  const names = Object.values(mod.programs);
  for (const n of names) bins[n] = path.join(dir, n);
  if (names.every((n) => existsSync(path.join(dir, n)))) {
    log(`${mod.name}: cached (${dir})`);
    return;
  }
  log(`${mod.name}: building ${names.join(", ")} with ${go} (the first build takes minutes)`);
  const start = Date.now();
  mod.prepare?.(path.join(GO_ROOT, mod.name));
  const tmp = `${dir}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  await goBuild(mod, tmp, log);
  // Binaries named after the package path's last element, renamed to the names used here.
  for (const [pkg, name] of Object.entries(mod.programs)) {
    const built = path.join(tmp, binaryName(pkg, mod.name));
    if (built !== path.join(tmp, name)) renameSync(built, path.join(tmp, name));
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  log(`${mod.name}: built in ${elapsed(start)}`);
}

/** The file name `go build -o dir/` gives a main package's binary. */
export function binaryName(pkg: string, moduleName: string): string {
  if (pkg === ".") return moduleName;
  const parts = pkg.split("/").filter((p) => p !== ".");
  const last = parts[parts.length - 1];
  // A major-version suffix (…/server/v3) is not the name: the element before it is.
  return /^v\d+$/.test(last) && parts.length > 1 ? parts[parts.length - 2] : last;
}
