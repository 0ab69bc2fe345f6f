// An integrator's program against the generated client: compiled with `tsc --strict` in CI against types
// generated from the served /docs-json (test/contract/openapi-tools.contract-spec.ts). It is not run: the
// e2e test test/common/generated-client.e2e-spec.ts makes the same calls over real HTTP.
import createClient from 'openapi-fetch';
import type { components, paths } from './crawlora-api';

type Referral = components['schemas']['referrals.Referral'];

export async function allReferrals(baseUrl: string, apiKey: string): Promise<Referral[]> {
  const client = createClient<paths>({ baseUrl, headers: { 'x-api-key': apiKey } });
  const referrals: Referral[] = [];
  let cursor: string | undefined;
  do {
    const { data, error } = await client.GET('/api/v1/admin/referrals', { params: { query: { limit: 100, cursor } } });
    if (error) {
      if (error.code === 400) throw new Error(`bad ${error.data.errors[0].field}: ${error.data.errors[0].message}`);
      if (error.code === 429) throw new Error(`${error.data.reason}: retry in ${error.data.retry_after_seconds} s`);
      if (error.code === 401) throw new Error(`not authenticated: ${error.data.reason}`);
      if (error.code === 503) throw new Error(`unavailable: ${error.data.reason}`);
      throw new Error(`${error.code} ${error.msg} (request ${error.data.request_id})`);
    }
    for (const referral of data.data.items) {
      const click: string | null = referral.click_id;
      const campaign: string | null = referral.utm_campaign;
      if (click !== null || campaign !== null) referrals.push(referral);
    }
    cursor = data.data.next_cursor ?? undefined;
  } while (cursor);
  return referrals;
}

export async function transitionsOf(baseUrl: string, apiKey: string, id: string): Promise<Array<string | null>> {
  const client = createClient<paths>({ baseUrl, headers: { 'x-api-key': apiKey } });
  const { data } = await client.GET('/api/v1/admin/referrals/{id}', { params: { path: { id } } });
  return (data?.data.transitions ?? []).map((transition) => transition.from_status);
}

export async function overagePrice(baseUrl: string): Promise<number | null> {
  const { data } = await createClient<paths>({ baseUrl }).GET('/api/v1/plans');
  const starter = data?.data.plans.find((plan) => plan.plan === 'starter');
  return starter?.overage ? starter.overage.cents_per_1000_credits : null;
}
