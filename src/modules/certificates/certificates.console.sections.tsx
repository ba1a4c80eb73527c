import type { FastifyRequest } from 'fastify';
import type { Locale } from '../../i18n/index.js';
import { fullName } from '../../shared/names.js';
import { Notice } from '../../web/layout.js';
import { CsrfField } from '../../web/page.js';
import { RuleCheckbox, TextSetting } from './certificates.console.parts.js';
import { T } from './certificates.pages.text.js';
import type { CertificateRow } from './certificates.repository.js';
import { ROLE_LABELS } from './certificates.schemas.js';
import type { CertificatesService } from './certificates.service.js';
import type { CertRole } from './certificates.tables.js';

/** The parts of the certificate console page, one per section of the page. */

type Job = NonNullable<Awaited<ReturnType<CertificatesService['job']>>>;
type Settings = Awaited<ReturnType<CertificatesService['settings']>>;
type Signers = ReturnType<CertificatesService['templateView']>['signers'];
type Candidates = Awaited<ReturnType<CertificatesService['candidates']>>;

/** The progress of a bulk issue (the page refreshes itself while it runs). */
export function JobProgress({ job, l }: { job: Job; l: Locale }) {
  return (
    <div class="card" aria-live="polite">
      <strong>{l === 'id' ? 'Penerbitan' : 'Issuing'}</strong>{' '}
      <progress max={Math.max(1, job.total)} value={job.done} data-testid="issue-progress" /> {job.done}/
      {job.total}
      {' · '}
      {l === 'id' ? `terbit ${job.issued}` : `issued ${job.issued}`}
      {job.status === 'failed' ? (
        <Notice kind="error">
          {l === 'id' ? 'Gagal: ' : 'Failed: '}
          {job.error}
        </Notice>
      ) : null}
      {job.status === 'done' ? <Notice kind="ok">{l === 'id' ? 'Selesai.' : 'Done.'}</Notice> : null}
    </div>
  );
}

/** Up to two signers of the role's template: name, position and ID number. */
export function SignersForm(props: { req: FastifyRequest; l: Locale; action: string; signers: Signers }) {
  const { req, l, action } = props;
  const tpl = { signers: props.signers };
  return (
    <form method="post" action={action} class="card">
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
  );
}

/** The numbering pattern, issuer, place and the eligibility rules. */
export function SettingsForm(props: { req: FastifyRequest; l: Locale; action: string; settings: Settings }) {
  const { req, l, action, settings } = props;
  return (
    <form method="post" action={action} class="card">
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
      <p class="muted">
        {l === 'id'
          ? 'Tempat terbit: Kota/Kabupaten acara (diatur di detail acara; kosong = kota organisasi), sama dengan laporan dan daftar hadir.'
          : 'Place of issue: the event’s city (set in the event details; blank = the organization’s), as on the report and attendance lists.'}
      </p>
      <RuleCheckbox
        name="trainingHours"
        checked={settings.trainingHours}
        label={
          l === 'id'
            ? 'Cetak jam pelajaran (JP, 45 menit) dari lama hadir peserta — untuk catatan pengembangan kompetensi ASN'
            : 'Print training hours (JP, 45 minutes each) from the time each participant attended — for civil servants’ records'
        }
      />
      <RuleCheckbox
        name="requireAttendance"
        checked={settings.rules.peserta.requireAttendance}
        label={l === 'id' ? 'Peserta: harus tercatat hadir' : 'Participants: must be recorded as present'}
      />
      <RuleCheckbox
        name="requireEvaluation"
        checked={settings.rules.peserta.requireEvaluation}
        label={l === 'id' ? 'Peserta: harus mengisi evaluasi' : 'Participants: must fill in the evaluation'}
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
  );
}

/** Issuing by the rule, and the people not issued yet with a staff override each. */
export function IssueSection(props: {
  req: FastifyRequest;
  l: Locale;
  base: string;
  eventId: string;
  role: CertRole;
  candidates: Candidates;
  running: boolean;
  /** While the event runs, issuing asks for a confirmation first. */
  ended: boolean;
}) {
  const { req, l, base, eventId, role, candidates, running, ended } = props;
  return (
    <>
      <form method="post" action={`${base}/issue`} class="card">
        <CsrfField req={req} />
        <input type="hidden" name="role" value={role} />
        <p>
          {l === 'id'
            ? `${candidates.filter((c) => c.eligible && !c.issued).length} orang memenuhi syarat dan belum menerima sertifikat ${ROLE_LABELS[role].id}.`
            : `${candidates.filter((c) => c.eligible && !c.issued).length} people are eligible and have no ${ROLE_LABELS[role].en} certificate yet.`}
        </p>
        {ended ? null : (
          <label class="check">
            <input type="checkbox" name="beforeEnd" value="1" required />{' '}
            {l === 'id'
              ? 'Acara belum selesai: saya tetap ingin menerbitkan sertifikat sekarang (kehadiran yang tercatat setelah ini tidak ikut).'
              : 'The event has not ended: issue the certificates now anyway (attendance recorded later is not included).'}
          </label>
        )}
        <button type="submit" disabled={running}>
          {l === 'id' ? 'Terbitkan sesuai aturan' : 'Issue by the rule'}
        </button>{' '}
        <a class="btn secondary" href={`/api/v1/events/${eventId}/certificates.zip`}>
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
                        <input type="hidden" name="role" value={role} />
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
    </>
  );
}

/** The issued certificates, each with correct-and-reissue and revoke. */
export function IssuedTable(props: { req: FastifyRequest; l: Locale; base: string; list: CertificateRow[] }) {
  const { req, l, base, list } = props;
  return (
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
              <td>{fullName({ frontTitles: c.front_titles, name: c.name, backTitles: c.back_titles })}</td>
              <td>{ROLE_LABELS[c.role][l]}</td>
              <td>
                <span class={`badge ${c.status === 'valid' ? 'ok' : 'bad'}`}>
                  {c.status === 'valid' ? (l === 'id' ? 'sah' : 'valid') : l === 'id' ? 'dicabut' : 'revoked'}
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
                    <input name="name" value={c.name} required aria-label={T.name[l]} maxlength={150} />
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
  );
}
