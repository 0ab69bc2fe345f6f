// The funnel page: plain browser JavaScript, no framework, no build step. It calls only the public API
// (/api/v1/admin/referrals/stats, /stats/campaigns, /stats/timeseries) with the credential the admin pastes.
'use strict';

(() => {
  const STORAGE_KEY = 'crawlora.console.credential';
  const DAY_MS = 86_400_000;
  const $ = (selector) => document.querySelector(selector);

  class ApiError extends Error {
    constructor(status, body, retryAfterHeader) {
      super(body?.msg || `HTTP ${status}`);
      this.status = status;
      this.data = body?.data || {};
      this.retryAfterHeader = retryAfterHeader;
    }
  }

  // A JWT is three base64url parts joined by dots; anything else is taken as an API key.
  const isJwt = (credential) => /^[\w-]+\.[\w-]+\.[\w-]*$/.test(credential);

  function authHeaders(credential) {
    return isJwt(credential) ? { authorization: `Bearer ${credential}` } : { 'x-api-key': credential };
  }

  async function api(path, params) {
    const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== '' && value !== undefined));
    const response = await fetch(`/api/v1/admin/referrals/${path}?${query}`, {
      headers: authHeaders(sessionStorage.getItem(STORAGE_KEY) || ''),
    });
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new ApiError(response.status, body, response.headers.get('retry-after'));
    return body.data;
  }

  function duration(seconds) {
    if (seconds < 90) return `${seconds} s`;
    if (seconds < 5400) return `${Math.ceil(seconds / 60)} min`;
    const hours = Math.floor(seconds / 3600);
    if (hours < 48) return `${hours} h ${Math.ceil((seconds % 3600) / 60)} min`;
    return `${Math.round(seconds / 86400)} days`;
  }

  const LIMIT_MESSAGES = {
    rate_limited: "Too many requests: the plan's per-minute rate limit is reached.",
    daily_cap_reached: "The plan's daily credit cap is used up (it resets at 00:00 UTC).",
    credits_exhausted: "This month's included credits are used up and the plan has no overage.",
    too_many_failures: 'Too many failed sign-ins from this address.',
  };

  /** One readable sentence per failure: what happened and what to do. */
  function describeError(error) {
    if (!(error instanceof ApiError)) return `Cannot reach the API (${error.message}). Is the service running?`;
    const { status, data } = error;
    switch (status) {
      case 401:
        return `Not authorised (401): ${error.message}. Check the API key or token${data.reason ? ` (reason: ${data.reason})` : ''}.`;
      case 403:
        return `Forbidden (403): ${error.message}. This credential's account is not on the admin plan; use an admin API key or token.`;
      case 429: {
        const seconds = Number(data.retry_after_seconds ?? error.retryAfterHeader);
        const when = Number.isFinite(seconds) ? ` Retry in ${duration(seconds)}.` : '';
        return `Limit reached (429): ${LIMIT_MESSAGES[data.reason] || error.message}${when}`;
      }
      case 400: {
        const details = (data.errors || []).map((e) => `${e.field}: ${e.message}`).join('; ');
        return `Invalid request (400): ${error.message}${details ? `: ${details}` : ''}.`;
      }
      default:
        return `The API answered ${status}: ${error.message}${data.request_id ? ` (request id ${data.request_id})` : ''}.`;
    }
  }

  function showMessage(text, kind = 'error') {
    const message = $('#message');
    message.textContent = text;
    message.className = kind;
    message.hidden = !text;
  }

  const isoDay = (time) => new Date(time).toISOString().slice(0, 10);

  /** The chosen UTC days as the API's half-open window: [from 00:00, day after `to` 00:00). */
  function windowOf(fromDay, toDay) {
    return { from: `${fromDay}T00:00:00Z`, to: `${isoDay(Date.parse(`${toDay}T00:00:00Z`) + DAY_MS)}T00:00:00Z` };
  }

  const percent = (rate) => `${(rate * 100).toFixed(1)} %`;

  function drawFunnel(stats) {
    const stages = document.querySelectorAll('.stage');
    const largest = Math.max(1, ...[...stages].map((row) => stats[row.dataset.stage]));
    for (const row of stages) {
      const value = stats[row.dataset.stage];
      row.querySelector('.value').textContent = value.toLocaleString('en-US');
      row.querySelector('.fill').style.width = `${(value / largest) * 100}%`;
    }
    for (const cell of document.querySelectorAll('[data-rate]')) cell.textContent = percent(stats[cell.dataset.rate]);
  }

  function drawSeries(buckets) {
    const svg = $('#series');
    svg.replaceChildren();
    const slot = 12;
    const height = 100;
    svg.setAttribute('viewBox', `0 0 ${Math.max(1, buckets.length) * slot} ${height}`);
    const largest = Math.max(1, ...buckets.map((bucket) => bucket.clicks));
    buckets.forEach((bucket, index) => {
      const group = document.createElementNS('http://www.w3.org/2000/svg', 'g');
      group.dataset.day = bucket.start.slice(0, 10);
      const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
      title.textContent = `${group.dataset.day}: ${bucket.clicks} clicks, ${bucket.attributed_signups} signups, ${bucket.rewarded_referrals} rewarded`;
      group.append(title);
      [
        ['clicks', bucket.clicks, 1],
        ['signups', bucket.attributed_signups, 4],
        ['rewarded', bucket.rewarded_referrals, 7],
      ].forEach(([kind, value, offset]) => {
        const bar = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
        const barHeight = (value / largest) * height;
        bar.setAttribute('class', kind);
        bar.setAttribute('x', String(index * slot + offset));
        bar.setAttribute('y', String(height - barHeight));
        bar.setAttribute('width', '3');
        bar.setAttribute('height', String(barHeight));
        bar.dataset.value = String(value);
        group.append(bar);
      });
      svg.append(group);
    });
    $('#series-first').textContent = buckets[0]?.start.slice(0, 10) ?? '';
    $('#series-last').textContent = buckets.at(-1)?.start.slice(0, 10) ?? '';
  }

  /** Keeps the chosen campaign selectable even when the new window has no events for it. */
  function fillCampaigns(campaigns, chosen) {
    const select = $('#campaign');
    const names = new Set(campaigns.map((c) => c.campaign));
    if (chosen) names.add(chosen);
    select.replaceChildren(new Option('All campaigns', ''), ...[...names].map((name) => new Option(name, name)));
    select.value = chosen;
  }

  let generation = 0;

  async function load() {
    if (!sessionStorage.getItem(STORAGE_KEY)) {
      showMessage('Paste an admin API key or token above to see the funnel.', 'info');
      return;
    }
    const fromDay = $('#from').value;
    const toDay = $('#to').value;
    if (!fromDay || !toDay || toDay < fromDay) {
      showMessage('Choose a "from" day on or before the "to" day.');
      return;
    }
    const campaign = $('#campaign').value;
    const bounds = windowOf(fromDay, toDay);
    const current = ++generation; // a slow answer for an older choice must not overwrite a newer one
    showMessage('Loading…', 'info');
    try {
      const [stats, campaigns, series] = await Promise.all([
        api('stats', { ...bounds, campaign }),
        api('stats/campaigns', { ...bounds, limit: 100 }),
        api('stats/timeseries', { ...bounds, campaign, interval: 'day', timezone: 'UTC' }),
      ]);
      if (current !== generation) return;
      fillCampaigns(campaigns.campaigns, campaign);
      drawFunnel(stats);
      drawSeries(series.buckets);
      $('#window-title').textContent = `${fromDay} to ${toDay} (UTC)${campaign ? `, campaign ${campaign}` : ', all campaigns'}`;
      $('#results').hidden = false;
      showMessage('');
    } catch (error) {
      if (current !== generation) return;
      $('#results').hidden = true;
      showMessage(describeError(error));
    }
  }

  function start() {
    const today = Date.now();
    $('#to').value = isoDay(today);
    $('#from').value = isoDay(today - 29 * DAY_MS);
    $('#credential').value = sessionStorage.getItem(STORAGE_KEY) || '';

    $('#credential-form').addEventListener('submit', (event) => {
      event.preventDefault();
      sessionStorage.setItem(STORAGE_KEY, $('#credential').value.trim());
      void load();
    });
    $('#forget').addEventListener('click', () => {
      sessionStorage.removeItem(STORAGE_KEY);
      $('#credential').value = '';
      $('#results').hidden = true;
      showMessage('Forgotten: the credential is no longer kept in this tab.', 'info');
    });
    $('#filters').addEventListener('submit', (event) => {
      event.preventDefault();
      void load();
    });
    $('#campaign').addEventListener('change', () => void load());
    void load();
  }

  start();
})();
