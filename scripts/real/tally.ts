/**
 * The run's count of tests: the leaves only (a test with subtests, or a suite, is not counted
 * itself: its steps are), per file, from node:test's `test:pass` and `test:fail` events, which
 * report a parent after its children. A file that cannot run at all counts as one failure.
 */
export interface TestEvent {
  nesting: number;
  file?: string;
  details?: { type?: string };
}

export class Tally {
  passed = 0;
  failed = 0;
  /** Per file and nesting level: results seen there since the enclosing level last reported. */
  private readonly seen = new Map<string, number>();

  add(event: TestEvent, ok: boolean): void {
    const at = (n: number) => `${event.file ?? ""}\0${n}`;
    const children = this.seen.get(at(event.nesting + 1)) ?? 0;
    this.seen.delete(at(event.nesting + 1));
    this.seen.set(at(event.nesting), (this.seen.get(at(event.nesting)) ?? 0) + 1);
    if (children > 0 || event.details?.type === "suite") return;
    if (ok) this.passed++;
    else this.failed++;
  }

  /** The run's last line. */
  line(): string {
    return `${this.passed} passed, ${this.failed} failed`;
  }
}
