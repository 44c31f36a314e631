/**
 * The verify row of `npm run bench`: `verify` on the dev stack's shape (its scopes, its number of
 * routes, its Pomerium version and mode) against the loopback servers of test/verify (the real
 * oidc-provider and the Pomerium stand-in, https with a throwaway CA). Each round is one checker
 * process, timed from spawn to exit: the checker's own time, servers excluded (they are ready
 * before the first round and run in this process).
 */
import { runVerify } from "../test/verify/harness";
import { startOktaServer } from "../test/verify/okta-server";
import { startStandIn } from "../test/verify/pomerium-standin";
import { makeTestCa } from "../test/verify/tls";

/** The outputs verify reads that come from the program, not from where it is deployed. */
export interface StackShape {
  scopes: readonly string[];
  routeUrls: readonly string[];
  pomeriumVersion: string;
  authorizationServerMode: string;
}

const STANDARD = ["openid", "profile", "email", "offline_access"];

/** Milliseconds per round of a passing verify; throws when a round does not pass. */
export async function benchVerify(shape: StackShape, rounds: number): Promise<number[]> {
  const ca = await makeTestCa();
  const okta = await startOktaServer(ca);
  const issuer = okta.issuer("ausbench");
  const clientId = "0oabenchclient";
  const scopes = [...shape.scopes];
  const d = await startStandIn(ca, { issuer, clientId, scopes, routes: shape.routeUrls.length });
  okta.add({
    id: "ausbench",
    clientId,
    redirectUris: [d.redirectUri],
    customScopes: scopes.filter((s) => !STANDARD.includes(s)),
  });
  const outputs = {
    issuer,
    clientId,
    clientSecret: "[secret]",
    scopes,
    authenticateUrl: d.authenticateUrl,
    redirectUri: d.redirectUri,
    routeUrls: d.routeUrls,
    pomeriumVersion: shape.pomeriumVersion,
    authorizationServerMode: shape.authorizationServerMode,
  };
  const times: number[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      const run = await runVerify(ca, outputs, 30);
      times.push(Math.round(performance.now() - t0));
      if (run.code !== 0) throw new Error(`verify did not pass on loopback:\n${run.stdout}`);
    }
  } finally {
    await Promise.all([okta.close(), d.close()]);
  }
  return times;
}
