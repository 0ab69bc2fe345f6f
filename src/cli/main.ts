import 'reflect-metadata';
import { ApiException } from '../common/http/api.exception';
import { withAppContext } from './app-context';
import { runCommand, UsageError, USAGE } from './commands';

/** `npm run cli -- <command>`: operator commands on the same modules and database as the server. */
async function main(argv: string[]): Promise<void> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    console.log(USAGE);
    return;
  }
  try {
    const result = await withAppContext((app) => runCommand(app, argv));
    console.log(JSON.stringify(result, null, 2));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(JSON.stringify({ error: message }));
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
      console.error(`\n${USAGE}`);
      process.exitCode = 2;
    } else {
      process.exitCode = error instanceof ApiException ? 1 : 3;
    }
  }
}

void main(process.argv.slice(2));
