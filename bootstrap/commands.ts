/** The exact `pulumi config set` commands that give the main stacks the deploy app's credentials. */

export interface CommandsInput {
  clientId: string;
  keyId: string;
  scopes: readonly string[];
  /** The main stacks; none: the commands act on the currently selected stack. */
  stacks: readonly string[];
  /** This bootstrap stack (its `privateKeyPem` output is piped into the main stacks). */
  bootstrapStack: string;
  /** Whether the private key was generated here (else the admin holds it in a PEM file). */
  generatedKey: boolean;
}

/** One block per main stack, run from the repository's root. Pure. */
export function configCommands(c: CommandsInput): string {
  const targets = c.stacks.length > 0 ? c.stacks.map((s) => ` --stack ${s}`) : [""];
  return targets
    .flatMap((at) => [
      `pulumi config set${at} okta:clientId ${c.clientId}`,
      `pulumi config set${at} okta:privateKeyId ${c.keyId}`,
      // Comma-separated: the program reads okta:scopes as a list either way, and one value
      // replaces whatever list was there.
      `pulumi config set${at} okta:scopes ${c.scopes.join(",")}`,
      c.generatedKey
        ? `pulumi -C bootstrap stack output --stack ${c.bootstrapStack} --show-secrets privateKeyPem | pulumi config set${at} --secret okta:privateKey`
        : `pulumi config set${at} --secret okta:privateKey < <the private key PEM of ${c.keyId}>`,
    ])
    .join("\n");
}
