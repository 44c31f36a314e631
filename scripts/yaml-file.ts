/**
 * Reading the project's YAML files (Pulumi.yaml, Pulumi.<stack>.yaml) for the command-line tools: a
 * syntax error is one line naming the file, the line and the column, never a parser stack trace.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { Document, parseDocument } from "yaml";

/** A file that is not valid YAML; the message is `<file>:<line>:<column>: <what is wrong>`. */
export class YamlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "YamlSyntaxError";
  }
}

/** Parses YAML text read from `file` (named in errors by its base name). */
export function parseYamlText(file: string, text: string): Document {
  const doc = parseDocument(text);
  const error = doc.errors[0];
  if (error) {
    const [pos] = error.linePos ?? [];
    const what = error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, "");
    const where = pos ? `${pos.line}:${pos.col}` : "1:1";
    throw new YamlSyntaxError(
      `${path.basename(file)}:${where}: invalid YAML: ${what}; fix the syntax there and run again`,
    );
  }
  return doc;
}

/** Reads and parses a YAML file; its content as plain JavaScript (an empty file is `{}`). */
export function readYamlFile(file: string): Record<string, any> {
  return (parseYamlText(file, readFileSync(file, "utf8")).toJS() ?? {}) as Record<string, any>;
}
