import 'reflect-metadata';
import { DemoSeedService } from '../demo/demo-seed.service';
import { withAppContext } from './app-context';
import { exitWhenSettled } from './exit';

/** `npm run seed:demo`: loads the demo funnel into an empty database (for DATABASE_URL deployments). */
exitWhenSettled(
  withAppContext('app', (app) => app.get(DemoSeedService).seedIfEmpty())
    .then((seeded) => {
      console.log(
        seeded
          ? `Demo data loaded. Demo admin API key (shown once): ${seeded.adminApiKey}`
          : 'The database already holds accounts: demo data not loaded.',
      );
    })
    .catch((error: unknown) => {
      console.error(`seed:demo failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }),
);
