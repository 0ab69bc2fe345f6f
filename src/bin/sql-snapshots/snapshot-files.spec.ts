import type { Client } from 'pg';
import { callStatement, Routine } from '../../database/routines';
import { calledRoutine, distinctStatements, formatStatement, labelsOf, renderRoutines, renderSnapshot } from './snapshot-files';
import { StatementRecorder } from './statement-recorder';

describe('formatStatement', () => {
  it('dedents a statement written on its own lines to the margin and ends it with a semicolon', () => {
    expect(formatStatement('\n    SELECT id\n      FROM accounts\n     WHERE id = $1\n  ')).toBe('SELECT id\n  FROM accounts\n WHERE id = $1;');
  });

  it('keeps the continuation lines of a statement that starts inline indented by two, and drops blank lines', () => {
    expect(formatStatement('UPDATE referrals SET status = $2\n              \n        WHERE id = $1')).toBe(
      'UPDATE referrals SET status = $2\n  WHERE id = $1;',
    );
  });

  it('leaves parameters and a single-line statement as sent', () => {
    expect(formatStatement('SELECT * FROM billing_refund($1::bigint)')).toBe('SELECT * FROM billing_refund($1::bigint);');
  });
});

describe('distinctStatements', () => {
  it('keeps each statement once, in the order first sent', () => {
    expect(distinctStatements(['SELECT 1', 'SELECT 2', '\n  SELECT 1', 'SELECT 3'])).toEqual(['SELECT 1;', 'SELECT 2;', 'SELECT 3;']);
  });
});

describe('snapshot files', () => {
  const routine: Routine = { name: 'sample_routine', parameters: ['uuid', 'int'], returns: 'TABLE (n int)', body: 'SELECT $2' };

  it('labels each method and routine so a check can name what is missing', () => {
    const snapshot = renderSnapshot('src/x/x.repository.ts', [
      { label: 'XRepository.find', statements: ['SELECT 1;'] },
      { label: 'XRepository.list (every filter)', statements: ['SELECT 2;'] },
    ]);
    expect(labelsOf(snapshot)).toEqual(['XRepository.find', 'XRepository.list (every filter)']);
    expect(labelsOf(renderRoutines([routine], []))).toEqual(['routine sample_routine(uuid, int)']);
  });

  it('writes a routine as its CREATE statement, body included', () => {
    expect(renderRoutines([routine], [])).toContain('CREATE OR REPLACE FUNCTION sample_routine(uuid, int)');
    expect(renderRoutines([routine], [])).toContain('RETURN QUERY SELECT $2;');
  });

  it('recognises the calls callStatement writes', () => {
    expect(calledRoutine(formatStatement(callStatement(routine)))).toBe('sample_routine');
    expect(calledRoutine(formatStatement(callStatement({ ...routine, returns: null })))).toBe('sample_routine');
    expect(calledRoutine('SELECT count(*) FROM accounts;')).toBeNull();
  });
});

describe('StatementRecorder', () => {
  const sandbox = {} as Client;
  const other = {} as Client;

  it("records what the code sends and turns the code's own transaction into a savepoint of the sandbox", () => {
    const recorder = new StatementRecorder();
    recorder.start(sandbox);
    const sent = ['START TRANSACTION', 'SELECT 1', 'BEGIN', 'ROLLBACK', 'COMMIT'].map((text) => recorder.sent(sandbox, text));
    expect(sent).toEqual([
      'SAVEPOINT sql_snapshot_1',
      'SELECT 1',
      'SAVEPOINT sql_snapshot_2',
      'ROLLBACK TO SAVEPOINT sql_snapshot_2',
      'RELEASE SAVEPOINT sql_snapshot_1',
    ]);
    expect(recorder.stop()).toEqual({ statements: ['START TRANSACTION', 'SELECT 1', 'BEGIN', 'ROLLBACK', 'COMMIT'], strays: 0 });
  });

  it('counts statements sent on another connection, and records nothing when stopped', () => {
    const recorder = new StatementRecorder();
    expect(recorder.sent(sandbox, 'BEGIN')).toBe('BEGIN');
    recorder.start(sandbox);
    expect(recorder.sent(other, 'BEGIN')).toBe('BEGIN');
    expect(recorder.stop()).toEqual({ statements: ['BEGIN'], strays: 1 });
  });
});
