import { Controller, Get, HttpStatus, Logger } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiEnvelopeResponse, ApiErrorResponses } from '../common/swagger/api-responses.decorator';
import { NoQueryParameters } from '../common/validation/no-query-parameters.decorator';
import { LivenessResponse, ReadinessResponse } from './health.response';
import { ApiException } from '../common/http/api.exception';
import { isDatabaseUnavailable } from '../common/http/database-unavailable';
import { ReadReplicas } from '../database/replicas/read-replicas.service';
import { ReadinessRepository } from './readiness.repository';

/** Probes for load balancers and orchestrators; public, unmetered. */
@ApiTags('Health')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Readiness');

  constructor(
    private readonly readiness: ReadinessRepository,
    private readonly replicas: ReadReplicas,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'getHealthLive', summary: 'Liveness: the process is up and serving HTTP.' })
  @ApiEnvelopeResponse(LivenessResponse)
  @ApiErrorResponses(HttpStatus.BAD_REQUEST)
  live(@NoQueryParameters() _query: Record<string, never>): LivenessResponse {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    operationId: 'getHealthReady',
    summary:
      'Readiness: the metering statement runs on the primary and the schema matches this code. 503 while not. ' +
      'Replicas are listed but never fail it (the primary serves their reads).',
  })
  @ApiEnvelopeResponse(ReadinessResponse)
  @ApiErrorResponses(HttpStatus.BAD_REQUEST, HttpStatus.SERVICE_UNAVAILABLE)
  async ready(@NoQueryParameters() _query: Record<string, never>): Promise<ReadinessResponse> {
    try {
      await this.readiness.probeMetering();
      const outdated = await this.readiness.findOutdatedRoutines();
      if (outdated.length > 0) {
        throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, 'Database schema is behind this version: run the migrations', {
          reason: 'schema_outdated',
          routines: outdated,
        });
      }
    } catch (error) {
      if (error instanceof ApiException) throw error;
      this.logger.warn(`not ready: ${error instanceof Error ? error.message : String(error)}`);
      throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, 'Database unavailable', {
        reason: isDatabaseUnavailable(error) ? 'database_unavailable' : 'database_path_broken',
      });
    }
    const replicas = this.replicas.status().map(({ name, lagMs, usable }) => ({ name, lag_ms: lagMs === null ? null : Math.ceil(lagMs), usable }));
    return { status: 'ok', database: 'ok', replicas };
  }
}
