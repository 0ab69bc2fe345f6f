import type { DataSource, EntityManager } from 'typeorm';

const managers = new WeakMap<TransactionContext, EntityManager>();

/**
 * An open transaction, handed from module to module so that work owned by several (an account, its referral,
 * the webhook event announcing it) commits or rolls back as one. Opaque on purpose: it exposes nothing, and each
 * module's repository turns it back into the EntityManager its own statements run on (`entityManagerOf`), so a
 * module joins another's transaction only through that module's service, never by running statements on it.
 */
export class TransactionContext {
  private constructor() {}

  /** Wraps the manager of a transaction just begun; for the repository that begins it. */
  static of(manager: EntityManager): TransactionContext {
    const context = new TransactionContext();
    managers.set(context, manager);
    return context;
  }
}

/** The manager a repository runs its statements on inside `tx`. */
export function entityManagerOf(tx: TransactionContext): EntityManager {
  const manager = managers.get(tx);
  if (!manager) throw new Error('TransactionContext not created by TransactionContext.of');
  return manager;
}

/** Runs `work` in one transaction of `dataSource`: committed when it resolves, rolled back when it throws. */
export function inTransaction<T>(dataSource: DataSource, work: (tx: TransactionContext) => Promise<T>): Promise<T> {
  return dataSource.transaction((manager) => work(TransactionContext.of(manager)));
}
