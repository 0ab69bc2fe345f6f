import { Global, Module } from '@nestjs/common';
import { ReadReplicas } from './read-replicas.service';
import { ReadSourceInterceptor } from './reads-from-replica.decorator';

/** Hot standbys for reports (DATABASE_REPLICA_URLS); with none configured every read goes to the primary. */
@Global()
@Module({ providers: [ReadReplicas, ReadSourceInterceptor], exports: [ReadReplicas, ReadSourceInterceptor] })
export class ReplicasModule {}
