// Runs the compiled checker (bin/scripts/verify/cli.js) in a child process, as CI does, trusting
// the test CA through NODE_EXTRA_CA_CERTS; and the small loopback servers the failure cases need.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { CheckResult } from "../../scripts/verify/result";
import type { TestCa } from "./tls";

const ROOT = path.resolve(__dirname, "../../..");
export const CLI = path.join(ROOT, "bin/scripts/verify/cli.js");
const DIR = mkdtempSync(path.join(tmpdir(), "okta-pomerium-verify-outputs-"));
let files = 0;

export interface Run {
  code: number;
  results: CheckResult[];
  stdout: string;
  stderr: string;
  /** By check name. */
  byCheck: Map<string, CheckResult>;
}

/** `verify test --outputs <file> --json --timeout <s> [...extra]` in a child process. */
export function runVerify(ca: TestCa, outputs: unknown, timeout: number, extra: string[] = []) {
  const file = path.join(DIR, `outputs-${files++}.json`);
  writeFileSync(file, JSON.stringify(outputs));
  const args = [CLI, "test", "--outputs", file, "--json", "--timeout", String(timeout), ...extra];
  return new Promise<Run>((resolve) => {
    execFile(
      process.execPath,
      args,
      { env: { ...process.env, NODE_EXTRA_CA_CERTS: ca.caFile }, encoding: "utf8" },
      (err, stdout, stderr) => {
        const results = stdout
          .split("\n")
          .filter(Boolean)
          .map((l) => JSON.parse(l) as CheckResult);
        const code = err ? Number((err as { code?: number }).code ?? 1) : 0;
        resolve({
          code,
          results,
          stdout,
          stderr,
          byCheck: new Map(results.map((r) => [r.check, r])),
        });
      },
    );
  });
}

export interface Closable {
  origin: string;
  requests: number;
  close(): Promise<void>;
}

async function serve(server: http.Server | https.Server, scheme: string): Promise<Closable> {
  const sockets = new Set<Socket>();
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const handle: Closable = {
    origin: `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: 0,
    close: () =>
      new Promise<void>((r) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => r());
      }),
  };
  server.on("request", () => handle.requests++);
  return handle;
}

/** Accepts TLS connections and requests, and never answers. */
export const slowServer = (ca: TestCa) =>
  serve(https.createServer({ cert: ca.cert, key: ca.key }), "https");

/** Serves `body` (200, application/json) on every path. */
export const staticServer = (ca: TestCa, body: (origin: string) => string) => {
  let origin = "";
  const s = https.createServer({ cert: ca.cert, key: ca.key }, (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" }).end(body(origin));
  });
  return serve(s, "https").then((h) => ((origin = h.origin), h));
};

/**
 * An issuer whose metadata lags, as Okta's can right after creation: 404 for the first `lag`
 * requests to the discovery document, then a valid one (endpoints on itself).
 */
export const laggingIssuer = (ca: TestCa, lag: number) => {
  let origin = "";
  let discoveries = 0;
  const s = https.createServer({ cert: ca.cert, key: ca.key }, (req, res) => {
    if (req.url?.endsWith("/.well-known/openid-configuration") && discoveries++ < lag) {
      res.writeHead(404).end();
      return;
    }
    const issuer = `${origin}/oauth2/auslag`;
    const doc = {
      issuer,
      authorization_endpoint: `${issuer}/v1/authorize`,
      token_endpoint: `${issuer}/v1/token`,
      jwks_uri: `${issuer}/v1/keys`,
    };
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(doc));
  });
  return serve(s, "https").then(
    (h) => ((origin = h.origin), Object.assign(h, { discoveries: () => discoveries })),
  );
};

/** A plain-http server that only counts requests (the checker must send it none). */
export const httpServer = () =>
  serve(
    http.createServer((_req, res) => res.end("{}")),
    "http",
  );

/** A 127.0.0.1 port that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
