import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';
import { Account } from './entities/account.entity';

@Module({ imports: [TypeOrmModule.forFeature([Account])], providers: [AccountsRepository, AccountsService], exports: [AccountsService] })
export class AccountsModule {}
