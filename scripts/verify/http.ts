/**
 * The checker's only way out: GET over https, no redirects followed, no cookies, no credentials,
 * at most PER_HOST requests in flight per host, and transient failures (DNS, refused or reset
 * connections, no answer, 5xx and 429, or what a caller marks as transient) retried with backoff
 * until the run's deadline. Trusts the system CAs plus NODE_EXTRA_CA_CERTS (Node's own mechanism).
 */
import * as https from "node:https";

/** An answer, body cut at MAX_BODY. */
export interface Answer {
  url: string;
  status: number;
  headers: Record<string, string | undefined>;
  body: string;
}

export type FailureKind = "dns" | "refused" | "timeout" | "tls" | "network" | "not-https";

/** A request that got no answer, after every retry the deadline allowed. */
export class RequestFailed extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly attempts: number,
  ) {
    super(message);
  }
}

export const PER_HOST = 4;
const MAX_BODY = 256 * 1024;
const ATTEMPT_TIMEOUT_MS = 10_000;
const MIN_ATTEMPT_MS = 250;
const FORBIDDEN_HEADERS = /^(authorization|cookie|proxy-authorization)$/i;

export interface GetOptions {
  headers?: Record<string, string>;
  /** Whether an answer is transient (retried); default: 5xx and 429. */
  transient?: (a: Answer) => boolean;
}

const defaultTransient = (a: Answer) => a.status >= 500 || a.status === 429;

/** One run's client: a deadline (epoch ms) shared by every request, a limit per host. */
export class Client {
  private readonly inFlight = new Map<string, number>();
  private readonly waiting = new Map<string, Array<() => void>>();
  /** Every request sent, for the report's counts and the tests. */
  readonly sent: string[] = [];

  constructor(readonly deadline: number) {}

  async get(url: string, opts: GetOptions = {}): Promise<Answer> {
    const u = new URL(url);
    if (u.protocol !== "https:") {
      throw new RequestFailed(
        "not-https",
        `refused to send a request to ${u.origin}: not https`,
        0,
      );
    }
    for (const name of Object.keys(opts.headers ?? {})) {
      if (FORBIDDEN_HEADERS.test(name)) throw new Error(`verify never sends ${name}`);
    }
    const transient = opts.transient ?? defaultTransient;
    for (let attempt = 1; ; attempt++) {
      let result: Answer | RequestFailed;
      try {
        // Even past the deadline an attempt gets MIN_ATTEMPT_MS: on a loaded machine a request may
        // start late, and a refused connection must not be reported as a timeout.
        result = await this.limited(u.host, () =>
          once(u, opts.headers ?? {}, clamp(this.deadline - Date.now()), attempt),
        );
        this.sent.push(url);
        if (!transient(result)) return result;
      } catch (e) {
        if (!(e instanceof RequestFailed) || e.kind === "tls") throw e;
        result = e;
      }
      // Another attempt only when it would still have MIN_ATTEMPT_MS: an attempt cut short by the
      // deadline would report a timeout instead of what actually went wrong.
      const wait = Math.min(4000, 200 * 2 ** (attempt - 1));
      if (Date.now() + wait + MIN_ATTEMPT_MS >= this.deadline) {
        if (result instanceof RequestFailed) {
          throw new RequestFailed(result.kind, result.message, attempt);
        }
        return result;
      }
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  private async limited<T>(host: string, fn: () => Promise<T>): Promise<T> {
    while ((this.inFlight.get(host) ?? 0) >= PER_HOST) {
      await new Promise<void>((r) =>
        this.waiting.set(host, [...(this.waiting.get(host) ?? []), r]),
      );
    }
    this.inFlight.set(host, (this.inFlight.get(host) ?? 0) + 1);
    try {
      return await fn();
    } finally {
      this.inFlight.set(host, (this.inFlight.get(host) ?? 1) - 1);
      this.waiting.get(host)?.shift()?.();
    }
  }
}

const clamp = (remaining: number) =>
  Math.max(MIN_ATTEMPT_MS, Math.min(remaining, ATTEMPT_TIMEOUT_MS));

function once(u: URL, headers: Record<string, string>, timeoutMs: number, attempt: number) {
  return new Promise<Answer>((resolve, reject) => {
    const req = https.get(u, { headers, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        if (size < MAX_BODY) chunks.push(c);
        size += c.length;
      });
      res.on("end", () => {
        const h: Record<string, string | undefined> = {};
        for (const [k, v] of Object.entries(res.headers))
          h[k] = Array.isArray(v) ? v.join(", ") : v;
        const body = Buffer.concat(chunks).toString("utf8").slice(0, MAX_BODY);
        resolve({ url: u.href, status: res.statusCode ?? 0, headers: h, body });
      });
      res.on("error", (e) => reject(failure(u, e, timeoutMs, attempt)));
    });
    req.on("timeout", () => req.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })));
    req.on("error", (e) => reject(failure(u, e, timeoutMs, attempt)));
  });
}

function failure(u: URL, e: Error & { code?: string }, timeoutMs: number, attempt: number) {
  const code = e.code ?? "";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return new RequestFailed("dns", `${u.hostname} does not resolve (${code})`, attempt);
  }
  if (code === "ECONNREFUSED") {
    return new RequestFailed("refused", `${u.host} refuses connections (ECONNREFUSED)`, attempt);
  }
  if (code === "TIMEOUT") {
    const s = (timeoutMs / 1000).toFixed(1);
    return new RequestFailed("timeout", `${u.host} sent no answer within ${s} s`, attempt);
  }
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO/i.test(code)) {
    return new RequestFailed("tls", `TLS to ${u.host} failed: ${code} (${e.message})`, attempt);
  }
  return new RequestFailed("network", `${u.host}: ${code || e.message}`, attempt);
}
