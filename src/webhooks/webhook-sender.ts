import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { AllowedHosts, targetRefusal } from './target-policy';

/** Only the status matters; a receiver's body is read up to this much (then the connection is dropped). */
export const MAX_RESPONSE_BYTES = 64 * 1024;

export type SendOutcome =
  | { kind: 'response'; status: number }
  | { kind: 'blocked'; error: string }
  | { kind: 'network_error'; error: string };

/** The URL's host without IPv6 brackets. */
function bareHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** Resolves a target and judges it: every address it resolves to must be allowed. Used at creation and delivery. */
export async function checkTarget(url: URL, allowed: AllowedHosts): Promise<{ refusal: string | null; address?: string; family?: number }> {
  const host = bareHost(url);
  let addresses: Array<{ address: string; family: number }>;
  if (isIP(host) !== 0) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    addresses = await lookup(host, { all: true, verbatim: true }).catch(() => []);
  }
  const refusal = targetRefusal(url, addresses.map((entry) => entry.address), allowed);
  return refusal === null ? { refusal, address: addresses[0].address, family: addresses[0].family } : { refusal };
}

/**
 * One delivery attempt, safe against SSRF: the host is resolved and checked here, and the connection goes to
 * exactly the address that was checked (a `lookup` that answers only that address), so a DNS answer that
 * changes between check and connect (rebinding) cannot redirect it. TLS still verifies the certificate for the
 * URL's host name (SNI and Host come from the URL). Redirects are not followed (a 3xx is a failed attempt), the
 * whole attempt is bounded by `timeoutMs`, and at most MAX_RESPONSE_BYTES of the response are read.
 */
export async function sendWebhook(
  target: string,
  body: string,
  headers: Record<string, string>,
  options: { allowed: AllowedHosts; timeoutMs: number },
): Promise<SendOutcome> {
  const url = new URL(target);
  const checked = await checkTarget(url, options.allowed);
  if (checked.refusal !== null) return { kind: 'blocked', error: checked.refusal };
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all) {
      (callback as unknown as (error: null, addresses: Array<{ address: string; family: number }>) => void)(null, [
        { address: checked.address!, family: checked.family! },
      ]);
    } else {
      callback(null, checked.address!, checked.family!);
    }
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<SendOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(outcome);
    };
    const req = send(
      url,
      {
        method: 'POST',
        agent: false,
        lookup: pinned,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        let received = 0;
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > MAX_RESPONSE_BYTES) {
            finish({ kind: 'response', status });
            res.destroy();
          }
        });
        res.on('end', () => finish({ kind: 'response', status }));
        res.on('error', () => finish({ kind: 'response', status }));
      },
    );
    const deadline = setTimeout(() => {
      finish({ kind: 'network_error', error: `timed out after ${options.timeoutMs} ms` });
      req.destroy();
    }, options.timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => finish({ kind: 'network_error', error: error.code ?? error.message }));
    req.end(body);
  });
}
