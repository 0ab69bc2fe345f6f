import { Module } from '@nestjs/common';
import { ReadinessRepository } from './readiness.repository';
import { HealthController } from './health.controller';

@Module({ controllers: [HealthController], providers: [ReadinessRepository] })
export class HealthModule {}
