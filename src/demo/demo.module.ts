import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ReferralsModule } from '../referrals/referrals.module';
import { DemoSeedService } from './demo-seed.service';

@Module({ imports: [AccountsModule, ReferralsModule], providers: [DemoSeedService], exports: [DemoSeedService] })
export class DemoModule {}
