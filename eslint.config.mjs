// @ts-check
import js from "@eslint/js";
import pulumi from "@pulumi/eslint-plugin";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

/**
 * A resource constructed inside an Output's `apply` callback: `pulumi preview` cannot show it while
 * the value is unknown, and its parent/provider wiring hides behind a callback
 * (https://www.pulumi.com/docs/iac/concepts/inputs-outputs/apply/). @pulumi/eslint-plugin has no
 * such rule. A resource here is any constructed type with Resource's `urn` and `getProvider`.
 * @type {import("eslint").Rule.RuleModule}
 */
const noResourceInApply = {
  meta: {
    type: "problem",
    docs: { description: "disallow creating Pulumi resources inside apply()" },
    messages: {
      inApply: "{{type}} is created inside apply(): pass the Output as an input to it instead.",
    },
    schema: [],
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    const checker = services?.program?.getTypeChecker();
    if (!services?.esTreeNodeToTSNodeMap || !checker) return {};
    /** @param {any} fn */
    const isApplyCallback = (fn) =>
      fn.parent?.type === "CallExpression" &&
      fn.parent.arguments[0] === fn &&
      fn.parent.callee.type === "MemberExpression" &&
      fn.parent.callee.property.type === "Identifier" &&
      fn.parent.callee.property.name === "apply";
    return {
      NewExpression(node) {
        let inApply = false;
        for (let n = node.parent; n && !inApply; n = n.parent) {
          const isFn = n.type === "ArrowFunctionExpression" || n.type === "FunctionExpression";
          inApply = isFn && isApplyCallback(n);
        }
        if (!inApply) return;
        const type = checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(node));
        if (!type.getProperty("urn") || !type.getProperty("getProvider")) return;
        context.report({ node, messageId: "inApply", data: { type: checker.typeToString(type) } });
      },
    };
  },
};

export default defineConfig(
  { ignores: ["bin/", "dist/", "node_modules/", "policy/node_modules/", "out/"] },
  {
    files: ["**/*.ts"],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "@pulumi": pulumi, local: { rules: { "no-resource-in-apply": noResourceInApply } } },
    rules: {
      "@pulumi/no-output-in-template-literal": "error",
      "@pulumi/no-output-instance-in-template-literal": "error",
      "local/no-resource-in-apply": "error",
      // The plugin matches only types named exactly Output/OutputInstance, so it misses an
      // `Output<number>` (from `apply`); this one refuses every non-primitive in a template.
      "@typescript-eslint/restrict-template-expressions": "error",
      // A promise nobody awaits (an invoke, a file write) fails after the program has moved on.
      "@typescript-eslint/no-floating-promises": [
        "error",
        {
          allowForKnownSafeCalls: [
            { from: "package", package: "node:test", name: ["test", "describe", "it"] },
          ],
        },
      ],
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      // The `any`s sit at untyped boundaries (manifests as dictionaries, the SDK's RPC objects, zod
      // internals, raw PPL, which the schema analyzer maps to pulumi.json#/Any); tsc strict already
      // refuses implicit ones.
      "@typescript-eslint/no-explicit-any": "off",
      // `const { a: _a, ...rest } = x` is how the code omits a key.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
    },
  },
  {
    files: ["test/**/*.ts"],
    rules: {
      // Tests load the program only after setMocks (Pulumi's unit-testing pattern), and load
      // built output from paths computed at run time.
      "@typescript-eslint/no-require-imports": "off",
      // Assertion messages print unknown received values on purpose; Outputs stay covered by
      // the @pulumi rules above.
      "@typescript-eslint/restrict-template-expressions": "off",
    },
  },
);
