import { ApiProperty, ApiSchema } from '@nestjs/swagger';

@ApiSchema({ name: 'health.Liveness' })
export class HealthDoc {
  @ApiProperty({ enum: ['ok'], example: 'ok' }) status: 'ok';
}

@ApiSchema({ name: 'health.ReplicaStatus' })
export class ReplicaStatusDoc {
  @ApiProperty({ example: 'replica-1' }) name: string;
  @ApiProperty({ type: 'integer', nullable: true, example: 12, description: 'Replay lag in ms; null while unknown.' })
  lag_ms: number | null;
  @ApiProperty({ example: true, description: 'Whether reads are routed to it now.' }) usable: boolean;
}

@ApiSchema({ name: 'health.Readiness' })
export class ReadinessDoc {
  @ApiProperty({ enum: ['ok'], example: 'ok' }) status: 'ok';
  @ApiProperty({ enum: ['ok'], example: 'ok' }) database: 'ok';
  @ApiProperty({ type: [ReplicaStatusDoc], description: 'Configured read replicas (DATABASE_REPLICA_URLS); empty without.' })
  replicas: ReplicaStatusDoc[];
}
