import type { TestApp } from '../../support/test-app';

export const BROWSER_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

export interface Visitor {
  ip: string;
  userAgent?: string;
}

/** The referral program as its users touch it: link clicks from browsers, and the signup flow's calls. */
export class ReferralClient {
  constructor(
    private readonly t: TestApp,
    private readonly adminKey: string,
  ) {}

  /** Follows a referral link; returns the response and the attribution cookie value it set, if any. */
  async click(code: string, visitor: Visitor, query: Record<string, string> = {}) {
    const response = await this.t.http
      .get(`/r/${encodeURIComponent(code)}`)
      .query(query)
      .set('X-Forwarded-For', visitor.ip)
      .set('User-Agent', visitor.userAgent ?? BROWSER_UA)
      .redirects(0);
    const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    const cookie = setCookie.find((header) => header.startsWith('crw_ref='));
    return { response, cookie, token: cookie ? cookie.split(';')[0].slice('crw_ref='.length) : undefined };
  }

  signup(body: Record<string, unknown>, idempotencyKey?: string) {
    const request = this.t.http.post('/api/v1/referrals/signups').set('x-api-key', this.adminKey).send(body);
    return idempotencyKey ? request.set('Idempotency-Key', idempotencyKey) : request;
  }

  action(id: string, action: 'approve' | 'reject' | 'qualify', body?: Record<string, unknown>) {
    return this.t.http.post(`/api/v1/admin/referrals/${id}/${action}`).set('x-api-key', this.adminKey).send(body ?? {});
  }

  list(query: Record<string, string | number> = {}) {
    return this.t.http.get('/api/v1/admin/referrals').query(query).set('x-api-key', this.adminKey);
  }

  /** The list with a raw query string, for malformed input. */
  listRaw(query: string) {
    return this.t.http.get(`/api/v1/admin/referrals?${query}`).set('x-api-key', this.adminKey);
  }

  get(id: string) {
    return this.t.http.get(`/api/v1/admin/referrals/${id}`).set('x-api-key', this.adminKey);
  }

  stats(query: Record<string, string> = {}) {
    return this.t.http.get('/api/v1/admin/referrals/stats').query(query).set('x-api-key', this.adminKey);
  }
}
