import { Injectable } from '@nestjs/common';
import { ChargesRepository } from './charges.repository';

/** What accounts have been charged, for modules that act on it (a referee qualifies its referral by usage). */
@Injectable()
export class ChargesService {
  constructor(private readonly repository: ChargesRepository) {}

  /** Those of `accountIds` that have been charged at least `credits` in all (`credits` ≥ 1). */
  accountsChargedAtLeast(accountIds: string[], credits: number): Promise<string[]> {
    return accountIds.length === 0 ? Promise.resolve([]) : this.repository.accountsChargedAtLeast(accountIds, credits);
  }
}
