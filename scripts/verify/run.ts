/**
 * Runs every check against one stack's outputs. Independent checks run at once (the Pomerium
 * endpoints while the issuer is discovered; then the keys, the registration and every route), the
 * client keeping to its limit per host. Results come back in a fixed order.
 */
import { Client } from "./http";
import { checkJwks, discover, judgePkce, judgeScopes } from "./okta-checks";
import { checkRegistration } from "./registration";
import { OutputProblem, readTarget } from "./outputs";
import { checkPomerium, checkRoute } from "./pomerium-checks";
import { CheckResult, fail, skip } from "./result";

/** A check starting, or ending with its status: what the CLI prints as it goes. */
export type ProgressEvent =
  | { check: string; phase: "start" }
  | { check: string; phase: "end"; status: CheckResult["status"] };

export interface RunOptions {
  /** Seconds for the whole run, retries included. */
  timeoutSeconds: number;
  /** Route hosts to check (`--route`); all routes when empty. */
  routes?: readonly string[];
  /** Told when each check starts and ends. @default none */
  onProgress?: (e: ProgressEvent) => void;
}

const fromProblem = (p: OutputProblem): CheckResult =>
  fail(`output ${p.output}`, "a valid stack output", p.seen, p.fix);

export async function verify(outputs: unknown, opts: RunOptions): Promise<CheckResult[]> {
  const { target: t, problems } = readTarget(outputs, opts.routes);
  // Bad outputs: say so and send nothing.
  if (problems.length > 0) return problems.map(fromProblem);
  const client = new Client(Date.now() + opts.timeoutSeconds * 1000);
  const told = opts.onProgress ?? (() => undefined);
  // Each check announced as it starts, and again with its status as it ends.
  const track = <T extends CheckResult | CheckResult[]>(names: string[], run: () => Promise<T>) => {
    for (const check of names) told({ check, phase: "start" });
    return run().then((r) => {
      for (const x of [r].flat()) told({ check: x.check, phase: "end", status: x.status });
      return r;
    });
  };
  const pomerium = track(["pomerium endpoints", "pomerium health"], () => checkPomerium(client, t));
  told({ check: "issuer discovery", phase: "start" });
  const { result: discovery, doc } = await discover(client, t);
  told({ check: "issuer discovery", phase: "end", status: discovery.status });
  const needs = (check: string) => skip(check, "", "not run: issuer discovery failed");
  const routeNames = t.routeUrls.map((u) => `route ${new URL(u).host}`);
  const [okta, routes, pom] = await Promise.all([
    doc
      ? Promise.all([
          track(["issuer keys"], () => checkJwks(client, doc)),
          track(["issuer scopes"], async () => judgeScopes(t, doc)),
          track(["issuer PKCE"], async () => judgePkce(t, doc)),
          track(["app registration"], () => checkRegistration(client, t, doc)),
        ])
      : track(["issuer keys", "issuer scopes", "issuer PKCE", "app registration"], async () =>
          ["issuer keys", "issuer scopes", "issuer PKCE", "app registration"].map(needs),
        ),
    doc
      ? Promise.all(
          t.routeUrls.map((u, i) => track([routeNames[i]], () => checkRoute(client, t, u, doc))),
        )
      : track(routeNames, async () => routeNames.map(needs)),
    pomerium,
  ]);
  return [discovery, ...okta, ...pom, ...routes];
}
