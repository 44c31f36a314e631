/** Runs the bootstrap program under the mocks, and a valid base configuration for it. */
import { bootstrapProgram, BootstrapOutputs } from "../../bootstrap/program";
import { BOOTSTRAP_PROJECT } from "../../bootstrap/settings";
import { evaluate, Recording } from "../../scripts/render/mock-runtime";
import { asConfig } from "../mocks";

export const B = `${BOOTSTRAP_PROJECT}:`;
export const SSWS = "SECRET-bootstrap-ssws-3e9f";

export function bootstrapConfig(overrides: Record<string, unknown> = {}): Record<string, string> {
  return asConfig({
    "okta:orgName": "dev-123456",
    "okta:baseUrl": "okta.com",
    "okta:apiToken": SSWS,
    ...overrides,
  });
}

export async function runBootstrap(
  config: Record<string, string>,
  stack = "test",
): Promise<{ recording: Recording; outputs?: BootstrapOutputs; error?: Error }> {
  const { recording, result } = await evaluate(
    config,
    stack,
    () => {
      try {
        return { outputs: bootstrapProgram() };
      } catch (error) {
        return { error: error as Error };
      }
    },
    { project: BOOTSTRAP_PROJECT, strict: true, secretKeys: ["okta:apiToken"] },
  );
  return { recording, ...result };
}
