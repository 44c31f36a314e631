// `npm run bench -- --cpu` times commands by the CPU time of everything they start (bash's
// `times`), so a command that waits costs nothing and one that computes costs what it computed.
import assert from "node:assert/strict";
import { test } from "node:test";
import { bashTime, timeCommand } from "../../scripts/bench-cases";

// Spins until this process has used `ms` of CPU, then sleeps `sleep` ms.
const spin = (ms: number, sleep: number) => [
  "-e",
  `const s = process.cpuUsage(); while ((process.cpuUsage(s).user + process.cpuUsage(s).system) / 1000 < ${ms});
   setTimeout(() => {}, ${sleep});`,
];

test("bash's times are read in milliseconds; anything else is refused", () => {
  assert.equal(bashTime("0m0.000s"), 0);
  assert.equal(bashTime("0m0.250s"), 250);
  assert.equal(bashTime("1m2.500s"), 62500);
  // A locale whose decimal point is a comma (de_DE and the like).
  assert.equal(bashTime("0m0,113s"), 113);
  for (const bad of ["0.25", "0m.25s", "0m1s", "1m2;5s"])
    assert.throws(
      () => bashTime(bad),
      new RegExp(`cannot read the time "${bad}" from bash's times`),
    );
});

test("CPU time counts what a command computed, not what it waited, in any locale", () => {
  const cpu = timeCommand(
    process.execPath,
    spin(300, 600),
    { env: { ...process.env, LC_ALL: "de_DE.UTF-8" } },
    true,
  );
  assert.ok(cpu >= 300 && cpu < 800, `CPU ${cpu} ms for 300 ms of work and 600 ms asleep`);
  const wall = timeCommand(process.execPath, spin(300, 600), {}, false);
  assert.ok(wall >= 900, `wall ${wall} ms`);
});

test("a failing command fails the bench in both modes, with what it printed", () => {
  for (const cpu of [true, false])
    assert.throws(
      () =>
        timeCommand(process.execPath, ["-e", "console.error('boom'); process.exit(3)"], {}, cpu),
      /failed:\nboom/,
    );
});
