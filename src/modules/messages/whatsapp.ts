import type { Locale } from '../../i18n/index.js';

/** The approved template every message goes out with: one body parameter carrying the text. */
const WHATSAPP_TEMPLATE = 'aula_pesan';

/**
 * The WhatsApp Business Cloud API as a channel: `POST /{phone-number-id}/messages` with an approved template
 * (business-initiated messages outside a 24-hour window must be templates). Template parameters may not hold
 * new lines or runs of spaces, so the text is folded onto one line.
 */
export function createWhatsappChannel(cfg: { token: string; phoneNumberId: string; apiUrl: string } | null) {
  if (!cfg) return null;
  const endpoint = `${cfg.apiUrl.replace(/\/$/, '')}/${encodeURIComponent(cfg.phoneNumberId)}/messages`;
  return {
    async send(phone: string, content: { whatsapp: string }, locale: Locale): Promise<string> {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { authorization: `Bearer ${cfg.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: phone.replace(/^\+/, ''),
          type: 'template',
          template: {
            name: WHATSAPP_TEMPLATE,
            language: { code: locale === 'en' ? 'en' : 'id' },
            components: [
              {
                type: 'body',
                parameters: [
                  { type: 'text', text: content.whatsapp.replace(/\s+/g, ' ').trim().slice(0, 1000) },
                ],
              },
            ],
          },
        }),
        signal: AbortSignal.timeout(15_000),
      });
      const body = (await res.json().catch(() => ({}))) as {
        messages?: { id: string }[];
        error?: { message?: string; code?: number };
      };
      if (!res.ok || !body.messages?.[0]?.id) {
        throw new Error(`WhatsApp ${res.status}: ${body.error?.message ?? 'no message id'}`);
      }
      return body.messages[0].id;
    },
  };
}
