import { Controller, ForbiddenException, Get, HttpStatus, Module, Post, Query } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Auth } from '../../../src/auth/auth.decorator';
import { Credits } from '../../../src/billing/credits.decorator';
import { ApiException } from '../../../src/common/http/api.exception';
import { ApiErrorResponses } from '../../../src/common/swagger/api-responses.decorator';

/** How many `slow` handlers have returned: a test waits for this, not for a guessed time. */
export const slowHandlers = { finished: 0 };

export const METERED = '/api/v1/test-metered';

class DelayQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000)
  ms?: number;
}

class CountQuery {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  n: number;
}

/**
 * Test-only routes with every outcome a metered handler can have, so each can be shown to cost exactly what
 * it should. Mounted through createTestApp's `extraModules`; never part of the service.
 */
@Controller('test-metered')
class MeteredRoutesController {
  @Get('ok')
  @Auth()
  @Credits(1)
  ok(): { ok: true } {
    return { ok: true };
  }

  @Get('expensive')
  @Auth()
  @Credits(3)
  expensive(): { ok: true } {
    return { ok: true };
  }

  /** A POST answering 201 (Nest's default): charged like any 2xx, documented under 201. */
  @Post('created')
  @Auth()
  @Credits(1)
  created(): { created: true } {
    return { created: true };
  }

  @Get('free')
  @Auth()
  @Credits(0)
  free(): { ok: true } {
    return { ok: true };
  }

  /** Authenticated but not metered: must be left entirely alone. */
  @Get('unmetered')
  @Auth()
  // Test-only routes are in the document too, so every e2e response is checked against it.
  @ApiResponse({ status: HttpStatus.OK, description: 'Not metered.' })
  unmetered(): { ok: true } {
    return { ok: true };
  }

  @Get('validated')
  @Auth()
  @Credits(1)
  @ApiErrorResponses(HttpStatus.BAD_REQUEST)
  validated(@Query() query: CountQuery): { n: number } {
    return { n: query.n };
  }

  @Get('admin-only')
  @Auth({ plan: 'admin' })
  @Credits(1)
  adminOnly(): { ok: true } {
    return { ok: true };
  }

  @Get('not-found')
  @Auth()
  @Credits(1)
  @ApiErrorResponses(HttpStatus.NOT_FOUND)
  notFound(): never {
    throw new ApiException(HttpStatus.NOT_FOUND, 'Nothing here');
  }

  @Get('forbidden')
  @Auth()
  @Credits(1)
  @ApiResponse({ status: HttpStatus.FORBIDDEN, description: 'A handler-thrown 403 (no plan reason).' })
  forbidden(): never {
    throw new ForbiddenException('Not yours');
  }

  @Get('throws')
  @Auth()
  @Credits(1)
  throws(): never {
    throw new Error('handler bug');
  }

  @Get('slow')
  @Auth()
  @Credits(1)
  async slow(@Query() query: DelayQuery): Promise<{ ok: true }> {
    await new Promise((resolve) => setTimeout(resolve, query.ms ?? 500));
    slowHandlers.finished++;
    return { ok: true };
  }
}

@Module({ controllers: [MeteredRoutesController] })
export class MeteredRoutesModule {}
