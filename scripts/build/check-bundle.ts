/** Refuses to run a bundle built from other sources than the ones beside it (see freshness.ts). */
import { RunError } from "@pulumi/pulumi";
import { staleInputs, staleMessage } from "./freshness";

// In the bundle, __dirname is dist/.
const changed = staleInputs(__dirname);
if (changed.length > 0) throw new RunError(staleMessage(changed));
