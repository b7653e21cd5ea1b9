/**
 * The bench's push client: records shaped as browsers push them, sent as the extension's sync client
 * sends them (100 mutations a push, one push in flight). Shared by bench/sync.ts and bench/server-ab.ts.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { newMutationId } from '../extension/sync/mutation-id';

const SERVICES = ['Premium Roadside Help', 'Extended Warranty Plan', 'Tire and Wheel Protect', 'Windshield Repair Svc'];
const PARTNERS = ['Northwind Motor', 'Contoso Autocar', 'Fabrikam Fleets', 'Tailspin Garage'];
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** An authorization as browsers push it (valid under the shared schema the server checks), ~280 B of JSON. */
export function record(i: number) {
  const code = Array.from({ length: 6 }, () => ALNUM[randomInt(ALNUM.length)]).join('');
  const id = randomUUID();
  return {
    mutationId: newMutationId(),
    collection: 'authorizations',
    id,
    baseVersion: 0,
    op: 'upsert',
    fields: {
      id,
      shopCode: `USLC${code}`,
      serviceName: SERVICES[i % SERVICES.length],
      partner: PARTNERS[i % PARTNERS.length],
      serviceType: 'public',
      status: 'active',
      rawStatus: 'Active',
      authorizedAt: Date.now() - 30 * 86_400_000,
      expiresAt: Date.now() + randomInt(400) * 86_400_000,
      lastSeenAt: Date.now(),
    },
  };
}

const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });

/**
 * One push, answered: the status and the body's text. Sent with node:http over a kept-alive socket:
 * the extension's client is a browser's native fetch, and Node's fetch (undici, JavaScript) spent
 * 0.6-0.8 ms of this machine's CPU more per 45 KB request than node:http (measured in one process
 * against a server that only answers), time the bench would count against the server it measures.
 * CLIENT=fetch uses Node's fetch instead.
 */
export async function post(url: string, auth: string, body: string): Promise<{ status: number; text: string }> {
  const headers = { authorization: `Bearer ${auth}`, 'content-type': 'application/json' };
  if (process.env.CLIENT === 'fetch') {
    const res = await fetch(url, { method: 'POST', headers, body });
    return { status: res.status, text: await res.text() };
  }
  return new Promise((done, fail) => {
    const req = request(url, { method: 'POST', headers, agent: keepAlive }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => done({ status: res.statusCode ?? 0, text }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}

export async function pushAll(url: string, auth: string, n: number, batch: number): Promise<number> {
  // Made before the clock starts, as the peer writes its documents locally untimed before it replicates.
  const batches = Array.from({ length: Math.ceil(n / batch) }, (_, b) =>
    Array.from({ length: Math.min(batch, n - b * batch) }, (_, j) => record(b * batch + j)),
  );
  const started = performance.now();
  for (const mutations of batches) {
    const res = await post(`${url}/v1/push`, auth, JSON.stringify({ clientId: 'bench-client', mutations }));
    if (res.status !== 200) throw new Error(`push ${res.status}: ${res.text}`);
    // A benchmark of refusals would measure nothing: every record must be taken.
    const { results } = JSON.parse(res.text) as { results: { status: string; reason?: string }[] };
    const refused = results.find((r) => r.status === 'rejected');
    if (refused) throw new Error(`push refused a record: ${refused.reason}`);
  }
  return performance.now() - started;
}
