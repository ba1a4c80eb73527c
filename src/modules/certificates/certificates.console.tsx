import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam } from '../../http/params.js';
import { fullName } from '../../shared/names.js';
import { formatDate } from '../../shared/time.js';
import { Notice } from '../../web/layout.js';
import { asPage, CsrfField, page } from '../../web/page.js';
import { loadEventFor } from '../events/index.js';
import { RuleCheckbox, TextSetting, UploadForm } from './certificates.console.parts.js';
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
        asPage(req);
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
            {job ? (
              <div class="card" aria-live="polite">
                <strong>{l === 'id' ? 'Penerbitan' : 'Issuing'}</strong>{' '}
                <progress max={Math.max(1, job.total)} value={job.done} data-testid="issue-progress" />{' '}
                {job.done}/{job.total}
                {' · '}
                {l === 'id' ? `terbit ${job.issued}` : `issued ${job.issued}`}
                {job.status === 'failed' ? (
                  <Notice kind="error">
                    {l === 'id' ? 'Gagal: ' : 'Failed: '}
                    {job.error}
                  </Notice>
                ) : null}
                {job.status === 'done' ? (
                  <Notice kind="ok">{l === 'id' ? 'Selesai.' : 'Done.'}</Notice>
                ) : null}
              </div>
            ) : null}
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
            <form method="post" action={`${base}/signers?role=${q.role}`} class="card">
              <CsrfField req={req} />
              <h3>{l === 'id' ? 'Penanda tangan' : 'Signers'}</h3>
              {[0, 1].map((i) => {
                const s = tpl.signers[i];
                return (
                  <fieldset>
                    <legend>{i + 1}</legend>
                    <label for={`s${i}name`}>{T.name[l]}</label>
                    <input id={`s${i}name`} name={`s${i}name`} value={s?.name ?? ''} maxlength={150} />
                    <label for={`s${i}pos`}>{l === 'id' ? 'Jabatan' : 'Position'}</label>
                    <input id={`s${i}pos`} name={`s${i}pos`} value={s?.position ?? ''} maxlength={200} />
                    <div class="row">
                      <input
                        aria-label="NIP/NIDN"
                        name={`s${i}idl`}
                        value={s?.idLabel ?? 'NIP'}
                        maxlength={20}
                        style="width:7rem"
                      />
                      <input
                        aria-label={l === 'id' ? 'Nomor induk' : 'ID number'}
                        name={`s${i}idn`}
                        value={s?.idNumber ?? ''}
                        maxlength={40}
                        style="flex:1"
                      />
                    </div>
                    {s?.signaturePath ? (
                      <p class="muted">✓ {l === 'id' ? 'tanda tangan terunggah' : 'signature uploaded'}</p>
                    ) : null}
                  </fieldset>
                );
              })}
              <button type="submit">{l === 'id' ? 'Simpan penanda tangan' : 'Save signers'}</button>
            </form>
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
            <form method="post" action={`${base}/settings`} class="card">
              <CsrfField req={req} />
              <TextSetting
                name="pattern"
                label={l === 'id' ? 'Pola nomor' : 'Number pattern'}
                value={settings.pattern}
                required
                maxlength={120}
              />
              <p class="muted">{'{seq} {org} {month-roman} {month} {year} {event} {role}'}</p>
              <TextSetting
                name="orgCode"
                label={l === 'id' ? 'Kode organisasi ({org})' : 'Organization code ({org})'}
                value={settings.orgCode}
                required
                maxlength={30}
              />
              <TextSetting
                name="issuer"
                label={
                  l === 'id'
                    ? 'Penerbit (kosongkan: nama organisasi dan mitra)'
                    : 'Issuer (empty: organization and partners)'
                }
                value={settings.issuer ?? ''}
                maxlength={300}
              />
              <TextSetting
                name="place"
                label={l === 'id' ? 'Tempat terbit' : 'Place of issue'}
                value={settings.place ?? ''}
                maxlength={100}
              />
              <RuleCheckbox
                name="requireAttendance"
                checked={settings.rules.peserta.requireAttendance}
                label={
                  l === 'id' ? 'Peserta: harus tercatat hadir' : 'Participants: must be recorded as present'
                }
              />
              <RuleCheckbox
                name="requireEvaluation"
                checked={settings.rules.peserta.requireEvaluation}
                label={
                  l === 'id' ? 'Peserta: harus mengisi evaluasi' : 'Participants: must fill in the evaluation'
                }
              />
              <RuleCheckbox
                name="requireAgenda"
                checked={settings.rules.people.requireAgenda}
                label={
                  l === 'id'
                    ? 'Narasumber, moderator, MC, panitia: harus ada di susunan acara'
                    : 'Speakers, moderator, MC, committee: must be on the rundown'
                }
              />
              <button type="submit">{l === 'id' ? 'Simpan' : 'Save'}</button>
            </form>

            <h2>{l === 'id' ? 'Terbitkan' : 'Issue'}</h2>
            <form method="post" action={`${base}/issue`} class="card">
              <CsrfField req={req} />
              <input type="hidden" name="role" value={q.role} />
              <p>
                {l === 'id'
                  ? `${candidates.filter((c) => c.eligible && !c.issued).length} orang memenuhi syarat dan belum menerima sertifikat ${ROLE_LABELS[q.role].id}.`
                  : `${candidates.filter((c) => c.eligible && !c.issued).length} people are eligible and have no ${ROLE_LABELS[q.role].en} certificate yet.`}
              </p>
              <button type="submit" disabled={running}>
                {l === 'id' ? 'Terbitkan sesuai aturan' : 'Issue by the rule'}
              </button>{' '}
              <a class="btn secondary" href={`/api/v1/events/${event.id}/certificates.zip`}>
                {l === 'id' ? 'Unduh semua (ZIP)' : 'Download all (ZIP)'}
              </a>
            </form>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>{T.name[l]}</th>
                    <th>Status</th>
                    <th>{l === 'id' ? 'Pengecualian' : 'Override'}</th>
                  </tr>
                </thead>
                <tbody>
                  {candidates
                    .filter((c) => !c.issued)
                    .slice(0, 300)
                    .map((c) => (
                      <tr>
                        <td>{fullName(c)}</td>
                        <td>{c.eligible ? (l === 'id' ? 'memenuhi syarat' : 'eligible') : c.reason?.[l]}</td>
                        <td>
                          {!c.eligible ? (
                            <form method="post" action={`${base}/override`} class="row">
                              <CsrfField req={req} />
                              <input type="hidden" name="role" value={q.role} />
                              <input
                                type="hidden"
                                name={c.registrationId ? 'registrationId' : 'personId'}
                                value={c.registrationId ?? c.personId ?? ''}
                              />
                              <input
                                name="reason"
                                required
                                minlength={5}
                                maxlength={500}
                                placeholder={l === 'id' ? 'Alasan' : 'Reason'}
                                aria-label={l === 'id' ? 'Alasan' : 'Reason'}
                              />
                              <button type="submit" class="secondary">
                                {l === 'id' ? 'Terbitkan' : 'Issue'}
                              </button>
                            </form>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>

            <h2>
              {l === 'id' ? 'Sudah terbit' : 'Issued'} ({list.length})
            </h2>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>{T.number[l]}</th>
                    <th>{T.name[l]}</th>
                    <th>{T.role[l]}</th>
                    <th>Status</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {list.slice(0, 1000).map((c) => (
                    <tr>
                      <td>
                        <a href={`/v/${c.code}`}>{c.number}</a>
                      </td>
                      <td>
                        {fullName({ frontTitles: c.front_titles, name: c.name, backTitles: c.back_titles })}
                      </td>
                      <td>{ROLE_LABELS[c.role][l]}</td>
                      <td>
                        <span class={`badge ${c.status === 'valid' ? 'ok' : 'bad'}`}>
                          {c.status === 'valid'
                            ? l === 'id'
                              ? 'sah'
                              : 'valid'
                            : l === 'id'
                              ? 'dicabut'
                              : 'revoked'}
                        </span>
                      </td>
                      <td>
                        <details>
                          <summary>{l === 'id' ? 'Ubah' : 'Change'}</summary>
                          <a href={`/api/v1/certificates/${c.code}/pdf?download=0`}>PDF</a>
                          <form method="post" action={`${base}/reissue/${c.code}`}>
                            <CsrfField req={req} />
                            <input
                              name="frontTitles"
                              value={c.front_titles ?? ''}
                              aria-label={l === 'id' ? 'Gelar depan' : 'Front titles'}
                              maxlength={100}
                            />
                            <input
                              name="name"
                              value={c.name}
                              required
                              aria-label={T.name[l]}
                              maxlength={150}
                            />
                            <input
                              name="backTitles"
                              value={c.back_titles ?? ''}
                              aria-label={l === 'id' ? 'Gelar belakang' : 'Back titles'}
                              maxlength={150}
                            />
                            <input
                              name="reason"
                              required
                              minlength={3}
                              placeholder={l === 'id' ? 'Alasan koreksi' : 'Reason'}
                              aria-label={l === 'id' ? 'Alasan koreksi' : 'Reason'}
                            />
                            <button type="submit" class="secondary">
                              {l === 'id' ? 'Koreksi nama, nomor tetap' : 'Correct name, keep number'}
                            </button>
                          </form>
                          {c.status === 'valid' ? (
                            <form method="post" action={`${base}/revoke/${c.code}`}>
                              <CsrfField req={req} />
                              <input
                                name="reason"
                                required
                                minlength={3}
                                placeholder={l === 'id' ? 'Alasan pencabutan' : 'Reason'}
                                aria-label={l === 'id' ? 'Alasan pencabutan' : 'Reason'}
                              />
                              <button type="submit" class="danger">
                                {l === 'id' ? 'Cabut' : 'Revoke'}
                              </button>
                            </form>
                          ) : null}
                        </details>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p class="muted">{formatDate(Date.now(), event.timezone, l)}</p>
          </>,
        );
      },
    );
  };
