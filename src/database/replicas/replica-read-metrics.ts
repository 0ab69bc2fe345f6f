/**
 * What ReadReplicas reports about its reads, as a provider token: observability's MetricsService implements it
 * (ObservabilityModule provides it under this token), so the database layer reports without importing a feature.
 */
export abstract class ReplicaReadMetrics {
  /** One read served by the primary or by the named replica. */
  abstract countRead(source: 'primary' | 'replica', server: string): void;
  /** Called once with a reader of every replica's current staleness bound (null: skipped). */
  abstract trackReplicas(lags: () => Array<{ name: string; lagMs: number | null }>): void;
}
