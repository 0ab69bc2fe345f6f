import { Controller, Get, Module } from '@nestjs/common';
import { Auth } from '../../src/auth/auth.decorator';
import { Credits } from '../../src/billing/credits.decorator';
import { createApp } from '../../src/app.factory';
import { AppConfig } from '../../src/config/app-config';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** Metered without @Auth(): nobody's credits to spend, a wiring bug that must never serve traffic. */
@Controller('test-wiring')
class UnauthenticatedMeteredController {
  @Get('metered')
  @Credits(1)
  metered(): { ok: true } {
    return { ok: true };
  }

  @Get('protected')
  @Auth()
  @Credits(1)
  protectedRoute(): { ok: true } {
    return { ok: true };
  }
}

@Module({ controllers: [UnauthenticatedMeteredController] })
class UnauthenticatedMeteredModule {}

/** @Auth on the controller covers every metered handler in it. */
@Controller('test-wiring-class')
@Auth()
class ClassAuthenticatedController {
  @Get('metered')
  @Credits(2)
  metered(): { ok: true } {
    return { ok: true };
  }
}

@Module({ controllers: [ClassAuthenticatedController] })
class ClassAuthenticatedModule {}

describe('the start of an app with a metered route', () => {
  let database: TestDatabase;
  let config: AppConfig;

  beforeAll(async () => {
    database = await createTestDatabase();
    config = AppConfig.fromEnvironment({ LOG_LEVEL: 'fatal', DATABASE_URL: database.url, WEBHOOK_WORKER_ENABLED: 'false' });
  });

  afterAll(() => database.drop());

  it('fails, naming the route, when the route has @Credits without @Auth', async () => {
    await expect(createApp(config, [UnauthenticatedMeteredModule])).rejects.toThrow(
      '@Credits needs @Auth(): a metered route must know whose credits it spends. ' +
        'Add @Auth() to UnauthenticatedMeteredController.metered (GET test-wiring/metered)',
    );
  });

  it('succeeds when @Auth is on the controller', async () => {
    const app = await createApp(config, [ClassAuthenticatedModule]);
    await app.close();
  });
});
