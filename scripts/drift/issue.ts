/**
 * One GitHub issue per stack for drift, through the gh CLI (GH_TOKEN and GH_REPO from the
 * workflow; the token needs issues: write): opened on the first drift or failed check, its body
 * replaced on each later one, closed with a comment when the stack is clean again. The title
 * (issueTitle) and the label are stable, so each run finds the issue an earlier run opened.
 */
import { execFileSync } from "node:child_process";
import { issueTitle } from "./markdown";

export const LABEL = "drift";

export type Gh = (args: string[]) => string;

/** gh itself; its output as text. */
export const gh: Gh = (args) => execFileSync("gh", args, { encoding: "utf8" });

export type Status = "clean" | "drift" | "error";

/** What was done, for the log: "opened", "updated #N", "closed #N" or "nothing to do". */
export function syncIssue(run: Gh, stack: string, status: Status, bodyFile: string): string {
  const title = issueTitle(stack);
  const open = JSON.parse(
    run([
      "issue",
      "list",
      "--label",
      LABEL,
      "--state",
      "open",
      "--limit",
      "200",
      "--json",
      "number,title",
    ]),
  ) as Array<{ number: number; title: string }>;
  const existing = open.filter((i) => i.title === title).sort((a, b) => a.number - b.number)[0];
  if (status === "clean") {
    if (!existing) return "nothing to do";
    run(["issue", "comment", String(existing.number), "--body-file", bodyFile]);
    run(["issue", "close", String(existing.number)]);
    return `closed #${existing.number}`;
  }
  if (existing) {
    run(["issue", "edit", String(existing.number), "--body-file", bodyFile]);
    return `updated #${existing.number}`;
  }
  run([
    "label",
    "create",
    LABEL,
    "--force",
    "--color",
    "d93f0b",
    "--description",
    "The stack differs from its program (drift workflow)",
  ]);
  run(["issue", "create", "--title", title, "--label", LABEL, "--body-file", bodyFile]);
  return "opened";
}
