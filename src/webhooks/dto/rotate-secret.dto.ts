import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class RotateSecretDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 168,
    default: 24,
    description: 'Hours the previous secret keeps signing beside the new one (0 = stop at once).',
  })
  @IsOptional()
  @IsInt({ message: 'overlap_hours must be an integer from 0 to 168' })
  @Min(0, { message: 'overlap_hours must be an integer from 0 to 168' })
  @Max(168, { message: 'overlap_hours must be an integer from 0 to 168' })
  overlap_hours?: number;
}
