import { domainExceptionWithKinds, ErrorKind } from '../common/errors/domain.exception';

export enum WebhookExceptionCode {
  EndpointNotFound = 'webhook_not_found',
  DeliveryNotFound = 'delivery_not_found',
  /** A redelivery asked for while the worker holds the attempt. */
  DeliveryInFlight = 'delivery_in_flight',
  /** A target URL the worker would refuse to deliver to (private, loopback, plain http…). */
  TargetNotAllowed = 'target_not_allowed',
}

const KINDS: Record<WebhookExceptionCode, ErrorKind> = {
  [WebhookExceptionCode.EndpointNotFound]: ErrorKind.NotFound,
  [WebhookExceptionCode.DeliveryNotFound]: ErrorKind.NotFound,
  [WebhookExceptionCode.DeliveryInFlight]: ErrorKind.Conflict,
  [WebhookExceptionCode.TargetNotAllowed]: ErrorKind.InvalidInput,
};

export class WebhookException extends domainExceptionWithKinds(KINDS) {
  static endpointNotFound(id: string): WebhookException {
    return new WebhookException(WebhookExceptionCode.EndpointNotFound, `No webhook with id ${id}`);
  }
}
