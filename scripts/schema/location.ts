/** Where the stack files' JSON Schema lives, and the comment that points editors at it. */

/** The schema, relative to the repository root. */
export const SCHEMA_FILE = "schema/stack.schema.json";
/** The first line of every stack file at the root. */
export const SCHEMA_COMMENT = `# yaml-language-server: $schema=./${SCHEMA_FILE}`;
