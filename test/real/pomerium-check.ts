/** Runs the project's Pomerium checker (test/real/go/pomerium) on a config, with test secrets. */
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { real } from "./harness";

/** Secrets as Pomerium reads them from the environment (base64 of 32 bytes where it must be). */
const ENV = {
  SHARED_SECRET: Buffer.alloc(32, 1).toString("base64"),
  COOKIE_SECRET: Buffer.alloc(32, 2).toString("base64"),
  IDP_CLIENT_SECRET: "client-secret",
  DATABROKER_STORAGE_CONNECTION_STRING: "postgres://pomerium:pw@db.example.com:5432/pomerium",
};

export async function check(config: unknown, name: string, users?: unknown): Promise<any> {
  const dir = path.join(real.work, "pomerium");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name.replace(/[^a-z0-9]+/gi, "-")}.json`);
  writeFileSync(file, JSON.stringify(config));
  const args = [file];
  if (users) {
    writeFileSync(`${file}.users.json`, JSON.stringify(users));
    args.push(`${file}.users.json`);
  }
  const { stdout } = await promisify(execFile)(real.pomeriumCheck, args, {
    env: { ...process.env, ...ENV },
  });
  // Pomerium's own log lines (one JSON object each) come first on stdout; the result is the
  // indented document that starts at a line of its own.
  return JSON.parse(stdout.slice(stdout.lastIndexOf("\n{\n") + 1));
}
