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

export interface RunOptions {
  /** Seconds for the whole run, retries included. */
  timeoutSeconds: number;
  /** Route hosts to check (`--route`); all routes when empty. */
  routes?: readonly string[];
}

const fromProblem = (p: OutputProblem): CheckResult =>
  fail(`output ${p.output}`, "a valid stack output", p.seen, p.fix);

export async function verify(outputs: unknown, opts: RunOptions): Promise<CheckResult[]> {
  const { target: t, problems } = readTarget(outputs, opts.routes);
  // Bad outputs: say so and send nothing.
  if (problems.length > 0) return problems.map(fromProblem);
  const client = new Client(Date.now() + opts.timeoutSeconds * 1000);
  const pomerium = checkPomerium(client, t);
  const discovery = await discover(client, t);
  const { doc } = discovery;
  const needs = (check: string) => skip(check, "", "not run: issuer discovery failed");
  const routeNames = t.routeUrls.map((u) => `route ${new URL(u).host}`);
  const [okta, routes, pom] = await Promise.all([
    doc
      ? Promise.all([
          checkJwks(client, doc),
          Promise.resolve(judgeScopes(t, doc)),
          Promise.resolve(judgePkce(t, doc)),
          checkRegistration(client, t, doc),
        ])
      : Promise.resolve(
          ["issuer keys", "issuer scopes", "issuer PKCE", "app registration"].map(needs),
        ),
    doc
      ? Promise.all(t.routeUrls.map((u) => checkRoute(client, t, u, doc)))
      : Promise.resolve(routeNames.map(needs)),
    pomerium,
  ]);
  return [discovery.result, ...okta, ...pom, ...routes];
}
