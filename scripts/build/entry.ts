/**
 * The bundle's entry (dist/index.js, Pulumi.yaml's `main`): the freshness check, then the stack
 * program (index.ts) and its outputs. Modules run in the order they are imported, so a stale
 * bundle stops before the program registers anything.
 */
import "./check-bundle";
export * from "../../index";
