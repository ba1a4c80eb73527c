import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam } from '../../http/params.js';
import { formatDate } from '../../shared/time.js';
import { page } from '../../web/page.js';
import { loadEventFor } from '../events/index.js';
import { UploadForm } from './certificates.console.parts.js';
import {
  IssuedTable,
  IssueSection,
  JobProgress,
  SettingsForm,
  SignersForm,
} from './certificates.console.sections.js';
import { T } from './certificates.pages.text.js';
import { CERT_ROLES, ROLE_LABELS } from './certificates.schemas.js';
import type { CertificatesService } from './certificates.service.js';

/** The organizer’s certificate console page: settings, templates, candidates, issued list. */
export const certificateConsolePage =
  (svc: CertificatesService): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const { db } = app.ctx;
    const PageQuery = z.object({
      role: z.enum(CERT_ROLES).default('peserta'),
      job: z.string().max(40).optional(),
    });

    app.get(
      '/console/events/:id/certificates',
      { schema: { hide: true, params: IdParam, querystring: PageQuery } },
      async (req, reply) => {
        const event = await loadEventFor(req, db, req.params.id, 'organize');
        const q = req.query;
        const [settings, list, tpl, job] = await Promise.all([
          svc.settings(event),
          svc.list(event),
          svc.templateRow(event, q.role).then(svc.templateView),
          q.job ? svc.job(event, q.job) : Promise.resolve(undefined),
        ]);
        const candidates = await svc.candidates(event, q.role);
        const l = req.locale;
        const base = `/console/events/${event.id}/certificates`;
        const running = job?.status === 'running';
        return page(
          req,
          reply,
          { title: `${T.console[l]} · ${event.title}`, nav: 'console', scripts: ['/assets/cert-editor.js'] },
          <>
            {running ? <meta http-equiv="refresh" content="1" /> : null}
            <p>
              <a href={`/console/events/${event.id}`}>← {event.title}</a>
            </p>
            <h1>{T.console[l]}</h1>
            {job ? <JobProgress job={job} l={l} /> : null}
            <nav class="row" aria-label={l === 'id' ? 'Peran' : 'Role'}>
              {CERT_ROLES.map((r) => (
                <a class={`btn ${r === q.role ? '' : 'secondary'}`} href={`${base}?role=${r}`}>
                  {ROLE_LABELS[r][l]}
                </a>
              ))}
            </nav>

            <h2>
              {l === 'id' ? 'Desain sertifikat' : 'Certificate design'} · {ROLE_LABELS[q.role][l]}
            </h2>
            <div
              id="cert-editor"
              data-event={event.id}
              data-role={q.role}
              data-csrf={req.user?.csrf ?? ''}
              data-orientation={tpl.orientation}
              data-background={tpl.background?.kind === 'image' ? `/uploads/${tpl.background.path}` : ''}
              data-layout={JSON.stringify(tpl.layout)}
              data-lang={l}
            >
              <p class="muted">
                {l === 'id'
                  ? 'Penyunting visual memerlukan JavaScript. Tanpa JavaScript, unggah latar dan terbitkan dengan tata letak bawaan.'
                  : 'The visual editor needs JavaScript. Without it, upload a background and issue with the default layout.'}
              </p>
            </div>
            <UploadForm
              req={req}
              action={`${base}/background?role=${q.role}`}
              id="bg"
              label={
                l === 'id'
                  ? 'Latar (JPEG, PNG, WebP atau PDF satu halaman)'
                  : 'Background (JPEG, PNG, WebP or a one-page PDF)'
              }
              accept="image/jpeg,image/png,image/webp,application/pdf"
              submit={l === 'id' ? 'Unggah latar' : 'Upload background'}
            />
            <SignersForm req={req} l={l} action={`${base}/signers?role=${q.role}`} signers={tpl.signers} />
            {tpl.signers.map((_, i) => (
              <UploadForm
                req={req}
                action={`${base}/signature/${i}?role=${q.role}`}
                id={`sig${i}`}
                label={
                  l === 'id'
                    ? `Gambar tanda tangan ${i + 1} (PNG transparan, maks. 300 KB)`
                    : `Signature image ${i + 1} (transparent PNG, max 300 KB)`
                }
                accept="image/png,image/jpeg,image/webp"
                submit={l === 'id' ? 'Unggah' : 'Upload'}
              />
            ))}

            <h2>{l === 'id' ? 'Penomoran dan aturan' : 'Numbering and rules'}</h2>
            <SettingsForm req={req} l={l} action={`${base}/settings`} settings={settings} />

            <h2>{l === 'id' ? 'Terbitkan' : 'Issue'}</h2>
            <IssueSection
              req={req}
              l={l}
              base={base}
              eventId={event.id}
              role={q.role}
              candidates={candidates}
              running={running}
              ended={Date.now() >= event.ends_at}
            />

            <h2>
              {l === 'id' ? 'Sudah terbit' : 'Issued'} ({list.length})
            </h2>
            <IssuedTable req={req} l={l} base={base} list={list} />
            <p class="muted">{formatDate(Date.now(), event.timezone, l)}</p>
          </>,
        );
      },
    );
  };
