import { Global, Module } from '@nestjs/common';
import { ReplicaReadMetrics } from '../database/replicas/replica-read-metrics';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsService, { provide: ReplicaReadMetrics, useExisting: MetricsService }],
  exports: [MetricsService, ReplicaReadMetrics],
})
export class ObservabilityModule {}
