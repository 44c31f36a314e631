/**
 * The one place `@pulumi/cloudflare` is loaded, and only when a Cloudflare resource or lookup is
 * actually created: a stack without Cloudflare Access, or a program importing the library for its
 * Okta and Pomerium components, never loads it (tested). Submodules, not the package index, as with
 * the Okta and Kubernetes SDKs. For library users it is an optional peer dependency.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import type * as application from "@pulumi/cloudflare/zeroTrustAccessApplication";
import type * as identityProvider from "@pulumi/cloudflare/zeroTrustAccessIdentityProvider";
import type * as organization from "@pulumi/cloudflare/getZeroTrustOrganization";
import type * as policy from "@pulumi/cloudflare/zeroTrustAccessPolicy";
import type * as provider from "@pulumi/cloudflare/provider";

/** The parts of the Cloudflare SDK this library uses. */
export interface CloudflareSdk {
  Provider: typeof provider.Provider;
  ZeroTrustAccessIdentityProvider: typeof identityProvider.ZeroTrustAccessIdentityProvider;
  ZeroTrustAccessPolicy: typeof policy.ZeroTrustAccessPolicy;
  ZeroTrustAccessApplication: typeof application.ZeroTrustAccessApplication;
  getZeroTrustOrganizationOutput: typeof organization.getZeroTrustOrganizationOutput;
}

export type CloudflareProviderArgs = provider.ProviderArgs;

/** Loads the Cloudflare SDK's submodules, or says how to install it. */
export function cloudflareSdk(): CloudflareSdk {
  try {
    return {
      Provider: require("@pulumi/cloudflare/provider").Provider,
      ZeroTrustAccessIdentityProvider: require("@pulumi/cloudflare/zeroTrustAccessIdentityProvider")
        .ZeroTrustAccessIdentityProvider,
      ZeroTrustAccessPolicy: require("@pulumi/cloudflare/zeroTrustAccessPolicy")
        .ZeroTrustAccessPolicy,
      ZeroTrustAccessApplication: require("@pulumi/cloudflare/zeroTrustAccessApplication")
        .ZeroTrustAccessApplication,
      getZeroTrustOrganizationOutput: require("@pulumi/cloudflare/getZeroTrustOrganization")
        .getZeroTrustOrganizationOutput,
    };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "MODULE_NOT_FOUND" && /@pulumi\/cloudflare/.test(err.message))
      throw new Error(
        "Cloudflare Access needs the @pulumi/cloudflare package (6.x), an optional peer dependency of okta-pomerium: run `npm install @pulumi/cloudflare@6`",
        { cause: e },
      );
    throw e;
  }
}
