import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Notice } from '../../web/layout.js';
import { page } from '../../web/page.js';
import { T } from './certificates.pages.text.js';
import { CodeParams, ROLE_LABELS } from './certificates.schemas.js';
import type { CertificatesService } from './certificates.service.js';

/**
 * Pages for participants and the public: verification (`/v` with a form for the printed number or the
 * code, `/v/:code` from the QR) in the reader's language, and the ticket page section.
 */
export const certificatePublicPages =
  (svc: CertificatesService): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const limit = { rateLimit: { max: 60, timeWindow: '1 minute' } };

    /** The form on every verification page: the printed number or the code under the QR. */
    const VerifyForm = (props: { l: 'id' | 'en'; q?: string }) => (
      <form method="get" action="/v" class="card">
        <label for="v-q">{T.lookupLabel[props.l]}</label>
        <input
          id="v-q"
          name="q"
          value={props.q ?? ''}
          required
          maxlength={120}
          autocomplete="off"
          placeholder="012/SERT/AP-UPM/XII/2021"
        />
        <small class="muted">{T.lookupHint[props.l]}</small>
        <p>
          <button type="submit">{T.lookup[props.l]}</button>
        </p>
      </form>
    );

    const notFound = (req: FastifyRequest, reply: FastifyReply, q: string) => {
      const l = req.locale;
      return page(
        req,
        reply,
        { title: T.notFoundTitle[l], status: 404 },
        <>
          <h1>{T.verifyTitle[l]}</h1>
          <Notice kind="error">
            <strong data-status="not-found">{T.notFound[l]}</strong>
          </Notice>
          <p>{T.notFoundHint[l]}</p>
          <VerifyForm l={l} q={q} />
        </>,
      );
    };

    app.get(
      '/v',
      {
        schema: { hide: true, querystring: z.object({ q: z.string().max(120).optional() }) },
        config: limit,
      },
      async (req, reply) => {
        const l = req.locale;
        const q = req.query.q?.trim() ?? '';
        if (q) {
          const cert = await svc.lookup(q);
          if (!cert) return notFound(req, reply, q);
          return reply.redirect(`/v/${cert.code}`, 303);
        }
        return page(
          req,
          reply,
          { title: T.verifyTitle[l] },
          <>
            <h1>{T.verifyTitle[l]}</h1>
            <p>{T.lookupIntro[l]}</p>
            <VerifyForm l={l} />
          </>,
        );
      },
    );

    app.get('/v/:code', { schema: { hide: true, params: CodeParams }, config: limit }, async (req, reply) => {
      const cert = await svc.lookup(req.params.code);
      if (!cert) return notFound(req, reply, req.params.code);
      const event = await svc.eventOf(cert);
      const v = svc.present(cert, event, req.locale);
      const l = req.locale;
      return page(
        req,
        reply,
        {
          title: `${T.verifyTitle[l]} ${v.number}`,
          description: `${v.name} · ${event.title}`,
          canonical: v.verifyUrl,
        },
        <>
          <h1>{T.verifyTitle[l]}</h1>
          <Notice kind={v.status === 'valid' ? 'ok' : 'error'}>
            <strong data-status={v.status}>{v.status === 'valid' ? T.valid[l] : T.revoked[l]}</strong>
          </Notice>
          <div class="card">
            <table>
              <tbody>
                <tr>
                  <th>{T.name[l]}</th>
                  <td>{v.name}</td>
                </tr>
                <tr>
                  <th>{T.role[l]}</th>
                  <td>{v.roleLabel}</td>
                </tr>
                <tr>
                  <th>{T.event[l]}</th>
                  <td>{v.event.title}</td>
                </tr>
                <tr>
                  <th>{T.date[l]}</th>
                  <td>{v.event.date}</td>
                </tr>
                <tr>
                  <th>{T.place[l]}</th>
                  <td>{v.event.place}</td>
                </tr>
                <tr>
                  <th>{T.number[l]}</th>
                  <td>{v.number}</td>
                </tr>
                <tr>
                  <th>{T.code[l]}</th>
                  <td>
                    <code>{v.code}</code>
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
          <p class="muted">{T.compare[l]}</p>
          <VerifyForm l={l} />
        </>,
      );
    });

    app.ctx.ui.ticketSections.push({
      key: 'certificates',
      order: 50,
      async render(req, event, ticket) {
        if (ticket.status !== 'confirmed') return null;
        // A ticket nothing has happened to since its sign-up has no certificate.
        const list = ticket.untouched
          ? []
          : (await svc.forRegistration(ticket.id)).filter((c) => c.status === 'valid');
        const l = req.locale;
        if (!list.length) {
          return Date.now() > event.ends_at ? (
            <section id="sertifikat">
              <h2>{T.mine[l]}</h2>
              <p class="muted">{T.notYet[l]}</p>
            </section>
          ) : null;
        }
        return (
          <section id="sertifikat">
            <h2>{T.mine[l]}</h2>
            {list.map((c) => {
              const url = `/api/v1/certificates/${c.code}/pdf?key=${c.download_key}`;
              const wa = `${l === 'id' ? 'Sertifikat saya untuk' : 'My certificate for'} "${event.title}": ${svc.verifyUrl(c.code)}`;
              return (
                <div class="card">
                  <p>
                    {ROLE_LABELS[c.role][l]} · {T.number[l]} <strong>{c.number}</strong>
                  </p>
                  <div class="row">
                    <a class="btn" href={url} download data-testid="certificate-download">
                      {T.download[l]}
                    </a>
                    <a class="btn secondary" href={`https://wa.me/?text=${encodeURIComponent(wa)}`}>
                      {T.share[l]}
                    </a>
                  </div>
                </div>
              );
            })}
          </section>
        );
      },
    });

    app.ctx.ui.consoleLinks.push({ key: 'certificates', order: 70, label: T.console, path: '/certificates' });
  };
