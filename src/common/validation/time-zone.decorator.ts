import { ValidateBy, ValidationOptions } from 'class-validator';

/** Area/Location names (Europe/Berlin, America/Argentina/Buenos_Aires) and UTC; never offsets like +05:30. */
const IANA_NAME = /^(?:UTC|[A-Za-z]+(?:\/[A-Za-z0-9_+-]+){1,2})$/;
const known = new Map<string, boolean>();

/** A name the runtime's time zone database knows, aliases included (Asia/Kolkata as well as Asia/Calcutta). */
export function isIanaTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 64 || !IANA_NAME.test(value)) return false;
  let valid = known.get(value);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: value });
      valid = true;
    } catch {
      valid = false;
    }
    if (known.size < 1000) known.set(value, valid);
  }
  return valid;
}

export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIanaTimeZone',
      validator: {
        validate: isIanaTimeZone,
        defaultMessage: (args) => `${args?.property} must be an IANA time zone name such as Europe/Berlin or UTC`,
      },
    },
    options,
  );
}
