import { ApiProperty, ApiSchema } from '@nestjs/swagger';

@ApiSchema({ name: 'health.Liveness' })
export class LivenessResponse {
  @ApiProperty({ enum: ['ok'], example: 'ok' }) status: 'ok';
}

@ApiSchema({ name: 'health.ReplicaStatus' })
export class ReplicaStatusResponse {
  @ApiProperty({ example: 'replica-1' }) name: string;
  @ApiProperty({ type: 'integer', nullable: true, example: 12, description: 'Replay lag in ms; null while unknown.' })
  lag_ms: number | null;
  @ApiProperty({ example: true, description: 'Whether reads are routed to it now.' }) usable: boolean;
}

@ApiSchema({ name: 'health.Readiness' })
export class ReadinessResponse {
  @ApiProperty({ enum: ['ok'], example: 'ok' }) status: 'ok';
  @ApiProperty({ enum: ['ok'], example: 'ok' }) database: 'ok';
  @ApiProperty({ type: [ReplicaStatusResponse], description: 'Configured read replicas (DATABASE_REPLICA_URLS); empty without.' })
  replicas: ReplicaStatusResponse[];
}
