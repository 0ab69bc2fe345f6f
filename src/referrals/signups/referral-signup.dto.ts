import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIP, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class ReferralSignupDto {
  @ApiProperty({ example: 'new.user@example.org', description: 'Email of the new account; one account per email.' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @ApiPropertyOptional({
    example: '203.0.113.7',
    description: 'IP the signup came from. Stored only as a keyed hash; used by the fraud rules.',
  })
  @IsOptional()
  @IsIP(undefined, { message: 'signup_ip must be an IPv4 or IPv6 address' })
  signup_ip?: string;

  @ApiPropertyOptional({
    example: '1042.1764136800.Jk3f…',
    description: 'Value of the `crw_ref` attribution cookie, when the visitor has one. Ignored when tampered or expired.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  click_token?: string;

  @ApiPropertyOptional({ example: 'ADA2026', description: 'Referral code typed in at signup, used when there is no cookie.' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{4,32}$/, { message: 'referral_code must be 4 to 32 letters, digits, _ or -' })
  referral_code?: string;
}
