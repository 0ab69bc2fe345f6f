import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';
import { parseRfc3339 } from '../time/rfc3339';

/** An RFC 3339 date-time with an explicit offset (Z or ±hh:mm); fractional seconds allowed. */
export function IsRfc3339DateTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isRfc3339DateTime',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseRfc3339(value) !== null,
        defaultMessage: (args) =>
          `${args?.property} must be an RFC 3339 date-time with an offset, such as 2026-01-01T00:00:00Z`,
      },
    },
    options,
  );
}

/** Holds when this date-time is strictly later than the sibling `property` (or either is absent/invalid). */
export function IsLaterThan(property: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLaterThan',
      constraints: [property],
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const other = (args?.object as Record<string, unknown> | undefined)?.[property];
          if (typeof value !== 'string' || typeof other !== 'string') return true;
          const [end, start] = [parseRfc3339(value), parseRfc3339(other)];
          return end === null || start === null || end > start;
        },
        defaultMessage: (args) => `${args?.property} must be later than ${property}`,
      },
    },
    options,
  );
}
