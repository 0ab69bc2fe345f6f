import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class AccountIdParams {
  @ApiProperty({ format: 'uuid', example: '0b7f3c52-8f0e-4a57-9b7e-2f0a6f2a4c11' })
  @IsUUID('all', { message: 'id must be an account id (a UUID)' })
  id: string;
}
