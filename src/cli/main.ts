import 'reflect-metadata';
import { DomainException, FieldError } from '../common/errors/domain.exception';
import { exitWhenSettled } from './exit';
import { COMMANDS, commandUsage, findCommand, parseCommandLine, runCommand, USAGE, UsageError } from './commands';

/** Exit codes: 0 done, 1 refused (bad input or state, e.g. an unknown account), 2 bad command line, 3 failure. */
const EXIT = { refused: 1, usage: 2, failure: 3 } as const;

/** A problem as the operator reads it: what is wrong, and with which flag or field. */
function report(error: unknown): { body: Record<string, unknown>; exitCode: number } {
  if (error instanceof UsageError) {
    return { body: { error: error.message, ...(error.field ? { field: error.field } : {}) }, exitCode: EXIT.usage };
  }
  if (error instanceof DomainException) {
    const errors = error.details.errors as FieldError[] | undefined;
    return { body: { error: error.message, ...(errors ? { errors } : {}) }, exitCode: EXIT.refused };
  }
  // Anything else is ours (or the database's): say so without a stack, and with the cause's own message.
  return { body: { error: error instanceof Error ? error.message : String(error) }, exitCode: EXIT.failure };
}

/** `npm run -s cli -- <command>`: operator commands on the same modules and database as the server. */
async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return;
  }
  try {
    if (rest.includes('--help') || rest.includes('-h')) {
      findCommand(name);
      console.log(commandUsage(name));
      return;
    }
    const { command } = parseCommandLine(argv);
    const { withAppContext } = await import('./app-context');
    const result = await withAppContext(command.scope, (app) => runCommand(app, argv));
    console.log(JSON.stringify(result, null, 2));
  } catch (error) {
    const { body, exitCode } = report(error);
    console.error(JSON.stringify(body));
    if (error instanceof UsageError) console.error(`\n${name in COMMANDS ? commandUsage(name) : USAGE}`);
    process.exitCode = exitCode;
  }
}

exitWhenSettled(main(process.argv.slice(2)));
