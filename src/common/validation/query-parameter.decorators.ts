import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsRfc3339DateTime } from './rfc3339.decorators';
import { SingleValue } from './single-value.decorator';

/** An optional, single RFC 3339 date-time query parameter. */
export function OptionalDateTime(): PropertyDecorator {
  return applyDecorators(IsOptional(), SingleValue(), IsRfc3339DateTime());
}

/** An optional UTM campaign: 1–200 characters, matched literally, no NUL (PostgreSQL text cannot hold it). */
export function OptionalCampaign(): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    SingleValue(),
    IsString(),
    Length(1, 200, { message: 'campaign must be 1 to 200 characters long' }),
    Matches(/^[^\u0000]*$/, { message: 'campaign must not contain NUL characters' }),
  );
}

/** An optional page size from 1 to `max`. */
export function OptionalLimit(max: number): PropertyDecorator {
  const message = `limit must be an integer from 1 to ${max}`;
  return applyDecorators(
    IsOptional(),
    SingleValue(),
    Type(() => Number),
    IsInt({ message }),
    Min(1, { message }),
    Max(max, { message }),
  );
}
