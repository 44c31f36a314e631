/**
 * Every use of the Pulumi Node SDK's internals, in one file: what the public API does not offer.
 * Each is stable across 3.x and named here so an SDK upgrade has one place to check.
 */
/* eslint-disable @typescript-eslint/no-require-imports */

/** The SDK's record of which config keys are stored `secure:` (runtime/config, not in its types). */
const sdkConfig: {
  isConfigSecret(key: string): boolean;
} = require("@pulumi/pulumi/runtime/config");

/** The mock monitor and the RPC queue (runtime/settings), for the offline render and the tests. */
const sdkSettings: {
  getMonitor(): MonitorLike;
  waitForRPCs(): Promise<void>;
} = require("@pulumi/pulumi/runtime/settings");

/** The mock monitor's class (runtime/mocks; the public API exports setMocks, not the class). */
const sdkMocks: {
  MockMonitor: new (...args: any[]) => unknown;
} = require("@pulumi/pulumi/runtime/mocks");

/** The part of the resource monitor the mock runtime wraps. */
export interface MonitorLike {
  registerResource(req: any, callback: (err: any, res: any) => void): unknown;
}

export const isConfigSecret = (key: string): boolean => sdkConfig.isConfigSecret(key);
export const getMonitor = (): MonitorLike => sdkSettings.getMonitor();
export const waitForRPCs = (): Promise<void> => sdkSettings.waitForRPCs();
/**
 * Whether the program runs under `pulumi.runtime.setMocks` (the offline render, the tests) rather
 * than the real engine (`pulumi preview`/`up`), which has no mock monitor.
 */
export const isMockRuntime = (): boolean => getMonitor() instanceof sdkMocks.MockMonitor;
