import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

interface SentTemplate {
  to: string;
  template: string;
  language: string;
  text: string;
}

/**
 * A local stand-in for the WhatsApp Business Cloud API: `POST /{phone-number-id}/messages` with a bearer token
 * and a template message, answering as the documented API does ({messaging_product, contacts, messages:[{id}]},
 * or {error: {message, type, code}}). `failNext` makes the next call answer 500 (a transient outage).
 */
export async function startWhatsappStandIn(opts: { token: string; phoneNumberId: string }) {
  const sent: SentTemplate[] = [];
  let failNext = 0;
  let n = 0;
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => {
      raw += c.toString('utf8');
    });
    req.on('end', () => {
      const reply = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const error = (status: number, message: string, code: number) =>
        reply(status, { error: { message, type: 'OAuthException', code } });
      if (req.method !== 'POST' || req.url !== `/${opts.phoneNumberId}/messages`)
        return error(404, 'Unknown path', 100);
      if (req.headers.authorization !== `Bearer ${opts.token}`)
        return error(401, 'Invalid OAuth access token', 190);
      if (failNext > 0) {
        failNext--;
        return error(500, 'Service temporarily unavailable', 2);
      }
      let body: {
        messaging_product?: string;
        to?: string;
        type?: string;
        template?: {
          name?: string;
          language?: { code?: string };
          components?: { parameters?: { text?: string }[] }[];
        };
      };
      try {
        body = JSON.parse(raw);
      } catch {
        return error(400, 'Invalid JSON', 100);
      }
      const text = body.template?.components?.[0]?.parameters?.[0]?.text ?? '';
      if (
        body.messaging_product !== 'whatsapp' ||
        body.type !== 'template' ||
        !body.template?.name ||
        !body.to
      )
        return error(400, 'Invalid parameter', 100);
      if (/[\n\t]| {4,}/.test(text))
        return error(400, 'Param text cannot have new-line/tab characters', 132018);
      sent.push({
        to: body.to,
        template: body.template.name,
        language: body.template.language?.code ?? '',
        text,
      });
      reply(200, {
        messaging_product: 'whatsapp',
        contacts: [{ input: body.to, wa_id: body.to }],
        messages: [{ id: `wamid.${++n}` }],
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent,
    failNext: (k: number) => {
      failNext = k;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
