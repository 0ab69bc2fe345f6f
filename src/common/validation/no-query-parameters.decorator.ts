import { Injectable, PipeTransform, Query } from '@nestjs/common';
import { ApiException } from '../http/api.exception';

/** Refuses any query parameter: for routes that take none, as the routes with parameters refuse unknown ones. */
@Injectable()
class RejectQueryParametersPipe implements PipeTransform<Record<string, unknown> | undefined, Record<string, never>> {
  transform(query: Record<string, unknown> | undefined): Record<string, never> {
    const names = Object.keys(query ?? {});
    if (names.length > 0) {
      throw ApiException.validation(
        'Invalid query parameters',
        names.map((field) => ({ field, message: `${field} is not a recognised parameter` })),
      );
    }
    return {};
  }
}

/**
 * Put on a handler parameter of a route without query parameters: a misspelt or unsupported parameter
 * (`?period=2026-11`) answers 400 naming it, instead of being silently ignored.
 */
export const NoQueryParameters = (): ParameterDecorator => Query(RejectQueryParametersPipe);
