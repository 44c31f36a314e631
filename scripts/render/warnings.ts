/**
 * Warnings the program logs (`pulumi.log.warn`) while it runs under the mock runtime. Without an
 * engine the SDK prints them with `console.warn("warning: [runtime] …")`; here each evaluation
 * records its own, and the process prints each distinct one once: tests and the bench evaluate the
 * same stacks dozens of times, and one line per warning is what a reader needs.
 */
const PREFIX = "warning: [runtime] ";
const printed = new Set<string>();

/** Runs `body` with the SDK's runtime warnings collected into `into` and printed once per process. */
export async function collectWarnings<T>(into: string[], body: () => Promise<T>): Promise<T> {
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    const text = args.map(String).join(" ");
    if (!text.startsWith(PREFIX)) return original(...args);
    const message = text.slice(PREFIX.length);
    into.push(message);
    if (printed.has(message)) return;
    printed.add(message);
    original(...args);
  };
  try {
    return await body();
  } finally {
    console.warn = original;
  }
}
