import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class RejectReferralDto {
  @ApiProperty({ example: 'duplicate of an existing customer', minLength: 1, maxLength: 500 })
  @IsString()
  @Length(1, 500, { message: 'reason must be 1 to 500 characters long' })
  reason: string;
}
