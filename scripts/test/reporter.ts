/**
 * The reporter `npm test` gives node's test runner (`--test-reporter=./bin/scripts/test/reporter.js`):
 * events in, the summary of scripts/test/summary.ts out. `export =`: node takes a CommonJS module's
 * `module.exports` as the reporter.
 */
import { Summary, TestEvent } from "./summary";

async function* summaryReporter(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  const summary = new Summary();
  for await (const event of source) {
    const lines = summary.event(event);
    if (lines.length) yield `${lines.join("\n")}\n`;
  }
  yield `${summary.end().join("\n")}\n`;
}

export = summaryReporter;
