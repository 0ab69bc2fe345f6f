import type { Client } from 'pg';

/** The text of a pg query argument: a string, a QueryConfig or a submittable Query (all carry `text`). */
function textOf(config: unknown): string | undefined {
  if (typeof config === 'string') return config;
  const text = (config as { text?: unknown } | null)?.text;
  return typeof text === 'string' ? text : undefined;
}

const BEGIN = /^\s*(START TRANSACTION|BEGIN)\b/i;
const COMMIT = /^\s*(COMMIT|END)\s*;?\s*$/i;
const ROLLBACK = /^\s*ROLLBACK\s*;?\s*$/i;

/**
 * Records the statements a sample sends, and keeps them inside the generator's own transaction (the
 * "sandbox", rolled back after each sample): a transaction the sample starts itself becomes a savepoint,
 * its COMMIT a release and its ROLLBACK a rollback to the savepoint. What is recorded is what the code sent.
 */
export class StatementRecorder {
  private statements: string[] | null = null;
  private sandbox: Client | null = null;
  private savepoints = 0;
  private strays = 0;

  /** Starts recording; the sandbox is the one connection the generator's pool holds, in an open transaction. */
  start(sandbox: Client): void {
    this.statements = [];
    this.sandbox = sandbox;
    this.savepoints = 0;
    this.strays = 0;
  }

  /** Stops recording: the statements sent since start, and how many went to another connection than the sandbox. */
  stop(): { statements: string[]; strays: number } {
    const result = { statements: this.statements ?? [], strays: this.strays };
    this.statements = null;
    this.sandbox = null;
    return result;
  }

  /** Called by the client for each query: records it and answers the text to send instead. */
  sent(client: Client, text: string): string {
    if (this.statements === null) return text;
    this.statements.push(text);
    if (client !== this.sandbox) {
      this.strays += 1;
      return text;
    }
    if (BEGIN.test(text)) return `SAVEPOINT sql_snapshot_${++this.savepoints}`;
    if (COMMIT.test(text) && this.savepoints > 0) return `RELEASE SAVEPOINT sql_snapshot_${this.savepoints--}`;
    if (ROLLBACK.test(text) && this.savepoints > 0) return `ROLLBACK TO SAVEPOINT sql_snapshot_${this.savepoints--}`;
    return text;
  }
}

/**
 * The pool's client class with every query reported to `recorder` before it is sent. It extends the service's
 * own client (bounded-client.ts), whose per-statement bounds prelude is written on the wire inside the query,
 * below `query()`: the recorder sees the statement, never the prelude.
 */
export function recordingClientClass(base: typeof Client, recorder: StatementRecorder): typeof Client {
  return class RecordingClient extends base {
    override query(config: unknown, values?: unknown, callback?: unknown): never {
      const text = textOf(config);
      const sent = text === undefined ? text : recorder.sent(this, text);
      const rewritten = sent === text ? config : typeof config === 'string' ? sent : { ...(config as object), text: sent };
      if (rewritten !== config && typeof (config as { submit?: unknown }).submit === 'function') {
        throw new Error(`cannot move "${text}" into the sandbox: it was sent as a prepared Query object`);
      }
      return (base.prototype.query as (...args: unknown[]) => never).call(this, rewritten, values, callback);
    }
  };
}
