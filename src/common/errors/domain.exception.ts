/**
 * What sort of refusal a domain error is. Features say which kind each of their error codes is; the HTTP edge
 * alone turns a kind into a status (common/http/error-kind-status.ts), so no service knows about HTTP.
 */
export enum ErrorKind {
  /** The caller's input is wrong (a field, a window, a cursor). */
  InvalidInput = 'invalid_input',
  /** No usable credential. */
  Unauthenticated = 'unauthenticated',
  /** A valid credential that may not do this. */
  Forbidden = 'forbidden',
  /** The thing named does not exist (or is not the caller's). */
  NotFound = 'not_found',
  /** The thing exists but its state forbids the change (already rotated, illegal transition, duplicate). */
  Conflict = 'conflict',
  /** Too many attempts: retry later. */
  RateLimited = 'rate_limited',
  /** A dependency is out of reach: retry later. */
  Unavailable = 'unavailable',
}

/** One problem with one input field, as listed in a 400 envelope's `data.errors`. */
export interface FieldError {
  field: string;
  message: string;
}

export interface DomainExceptionOptions {
  /** Merged into the envelope's `data` beside `request_id` (for example `reason`, `errors`). */
  details?: Record<string, unknown>;
  /** Set on the response (for example Retry-After, WWW-Authenticate). */
  headers?: Record<string, string>;
}

/**
 * A refusal a feature raises on purpose: a code from the feature's own enum (what callers branch on), the kind
 * the HTTP edge maps to a status, and the message clients see. Each feature declares one subclass whose
 * constructor takes the kind from an exhaustive code → kind table, as twenty's `CustomException` subclasses do.
 */
export abstract class DomainException<Code extends string = string> extends Error {
  readonly details: Record<string, unknown>;
  readonly headers: Record<string, string>;

  protected constructor(
    readonly code: Code,
    readonly kind: ErrorKind,
    message: string,
    options: DomainExceptionOptions = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.details = options.details ?? {};
    this.headers = options.headers ?? {};
  }
}

/**
 * The base of a feature's exception: `new FeatureException(code, message)` takes the kind from the feature's
 * code → kind table, a Record over its code enum, so a code without a kind does not compile.
 */
export function domainExceptionWithKinds<Code extends string>(kinds: Record<Code, ErrorKind>) {
  return class extends DomainException<Code> {
    constructor(code: Code, message: string, options?: DomainExceptionOptions) {
      super(code, kinds[code], message, options);
    }
  };
}

/** The `details` of an invalid-input error that names its fields, as the envelope's `data.errors` lists them. */
export function fieldErrors(...errors: FieldError[]): DomainExceptionOptions {
  return { details: { errors } };
}
