import { ValidateBy, ValidationOptions } from 'class-validator';

export const SINGLE_VALUE = 'singleValue';

/** A query parameter given twice (`?from=a&from=b`) arrives as an array: refuse it rather than pick one. */
export function SingleValue(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: SINGLE_VALUE,
      validator: {
        validate: (value: unknown) => !Array.isArray(value),
        defaultMessage: (args) => `${args?.property} must be given once, not repeated`,
      },
    },
    options,
  );
}
