import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam } from '../../http/params.js';
import { formatDateTime } from '../../shared/time.js';
import { Notice } from '../../web/layout.js';
import { CsrfField } from '../../web/page.js';
import { eventToolPage } from '../../web/tool-page.js';
import { loadEventFor } from '../events/index.js';
import type { Narrative } from './reports.schemas.js';

const T = {
  title: { id: 'Laporan kegiatan', en: 'Activity report' },
  saved: { id: 'Tersimpan.', en: 'Saved.' },
  versions: { id: 'Versi laporan', en: 'Report versions' },
  draftNow: {
    id: 'Status: draf. Angka dan daftar mengikuti data terbaru setiap kali diunduh.',
    en: 'Status: draft. Numbers and lists follow the latest data on every download.',
  },
  finalNow: {
    id: 'Status: final. Unduhan memakai data yang dibekukan saat ditetapkan; narasi terkunci.',
    en: 'Status: final. Downloads use the data frozen when it was approved; the narrative is locked.',
  },
  finalize: { id: 'Tetapkan sebagai final', en: 'Mark as final' },
  reopen: { id: 'Buka kembali sebagai draf', en: 'Reopen as a draft' },
  finalized: { id: 'Laporan ditetapkan sebagai final.', en: 'The report is now final.' },
  reopened: { id: 'Laporan dibuka kembali sebagai draf.', en: 'The report is a draft again.' },
  head: {
    id: ['Versi', 'Ditetapkan', 'Oleh', 'Status', 'Unduh'],
    en: ['Version', 'Approved', 'By', 'Status', 'Download'],
  },
  current: { id: 'final (berlaku)', en: 'final (current)' },
  reopenedBy: { id: 'dibuka kembali', en: 'reopened' },
  noVersions: { id: 'Belum ada versi final.', en: 'No final version yet.' },
  lang: { id: { id: 'Indonesia', en: 'Inggris' }, en: { id: 'Indonesian', en: 'English' } },
  fields: {
    background: { id: 'I.A Latar belakang', en: 'I.A Background' },
    goals: { id: 'I.B Tujuan', en: 'I.B Goals' },
    obstacles: { id: 'III Hambatan', en: 'III Obstacles' },
    conclusion: { id: 'IV.A Kesimpulan', en: 'IV.A Conclusion' },
    suggestions: { id: 'IV.B Saran', en: 'IV.B Suggestions' },
  },
  hints: {
    background: { id: 'Mengapa kegiatan ini diadakan?', en: 'Why was the event held?' },
    goals: { id: 'Apa yang ingin dicapai?', en: 'What should it achieve?' },
    obstacles: {
      id: 'Kendala saat persiapan dan pelaksanaan',
      en: 'Problems while preparing and running it',
    },
  },
  oneNarrative: {
    id: 'Narasi dicetak apa adanya di laporan berbahasa Indonesia maupun Inggris.',
    en: 'The narrative is printed as typed in both the Indonesian and the English report.',
  },
};

const ID_LABELS = ['NIP', 'NIDN', 'NIDK', 'NIK', 'NUPTK', 'NRP', ''] as const;

/** The console link's label. */
export const REPORT_CONSOLE_TITLE = T.title;

/** What the page says after a post redirected back to it. */
const DoneQuery = z.object({
  saved: z.string().optional(),
  final: z.string().optional(),
  reopened: z.string().optional(),
});

/** The console page: downloads, versions (final / reopen) and the narrative form. */
export const reportsPages: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const reports = app.ctx.services.reports;

  app.get(
    '/console/events/:id/report',
    { schema: { hide: true, params: IdParam, querystring: DoneQuery } },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const n = await reports.narrative(event);
      const l = req.locale;
      const q = req.query;
      const [list, final] = await Promise.all([reports.list(event), reports.isFinal(event)]);
      const notice =
        q.saved === '1' ? T.saved : q.final === '1' ? T.finalized : q.reopened === '1' ? T.reopened : null;
      const field = (name: keyof Narrative, label: string, hint: string) => (
        <>
          <label for={name}>{label}</label>
          <textarea id={name} name={name} rows={5} maxlength={8000} placeholder={hint}>
            {n[name] as string}
          </textarea>
        </>
      );
      const apiBase = `/api/v1/events/${event.id}`;
      return eventToolPage(
        req,
        reply,
        event,
        T.title,
        <>
          {notice ? <Notice kind="ok">{notice[l]}</Notice> : null}
          <div class="row">
            {(['id', 'en'] as const).map((lang) => (
              <>
                <a class="btn" href={`${apiBase}/report?format=docx&lang=${lang}`}>
                  DOCX · {T.lang[l][lang]}
                </a>
                <a class="btn" href={`${apiBase}/report?format=pdf&lang=${lang}`}>
                  PDF · {T.lang[l][lang]}
                </a>
              </>
            ))}
            <a class="btn secondary" href={`${apiBase}/report?format=html&lang=${l}`}>
              HTML
            </a>
            <a class="btn secondary" href={`${apiBase}/report?format=md&lang=${l}`}>
              Markdown
            </a>
            <a class="btn" href={`${apiBase}/spj.zip`} data-testid="spj-pack">
              {l === 'id' ? 'Paket SPJ (ZIP)' : 'SPJ pack (ZIP)'}
            </a>
            <a class="btn secondary" href={`/console/events/${event.id}/berita`}>
              {l === 'id' ? 'Berita' : 'News article'}
            </a>
          </div>
          <h2>{T.versions[l]}</h2>
          <p>{final ? T.finalNow[l] : T.draftNow[l]}</p>
          <form method="post" action={`/console/events/${event.id}/report/${final ? 'reopen' : 'final'}`}>
            <CsrfField req={req} />
            <button type="submit" class={final ? 'secondary' : undefined}>
              {final ? T.reopen[l] : T.finalize[l]}
            </button>
          </form>
          {list.length ? (
            <table>
              <thead>
                <tr>
                  {T.head[l].map((h) => (
                    <th>{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {list.map((v) => (
                  <tr>
                    <td>{v.version}</td>
                    <td>{formatDateTime(v.finalizedAt, event.timezone, l)}</td>
                    <td>{v.finalizedBy ?? '-'}</td>
                    <td>
                      {v.status === 'final'
                        ? T.current[l]
                        : `${T.reopenedBy[l]} ${v.reopenedAt ? formatDateTime(v.reopenedAt, event.timezone, l) : ''}${v.reopenedBy ? ` (${v.reopenedBy})` : ''}`}
                    </td>
                    <td>
                      {(['id', 'en'] as const).map((lang) => (
                        <>
                          <a href={`${apiBase}/report?format=pdf&lang=${lang}&version=${v.version}`}>
                            PDF {lang.toUpperCase()}
                          </a>{' '}
                          <a href={`${apiBase}/report?format=docx&lang=${lang}&version=${v.version}`}>
                            DOCX {lang.toUpperCase()}
                          </a>{' '}
                        </>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p class="muted">{T.noVersions[l]}</p>
          )}
          <p class="muted">
            {l === 'id'
              ? 'Angka, susunan acara, pertanyaan, evaluasi, daftar hadir, foto dan sertifikat terisi otomatis. Bagian di bawah ini Anda tulis sendiri; yang kosong diisi teks bawaan.'
              : 'Numbers, rundown, questions, evaluation, attendance lists, photos and certificates are filled in automatically. You write the parts below; empty ones get a default text.'}
          </p>
          <form method="post" action={`/console/events/${event.id}/report`} class="card">
            <fieldset disabled={final}>
              <CsrfField req={req} />
              {field('background', 'I.A Latar belakang', 'Mengapa kegiatan ini diadakan?')}
              {field('goals', 'I.B Tujuan', 'Apa yang ingin dicapai?')}
              {field('obstacles', 'III Hambatan', 'Kendala saat persiapan dan pelaksanaan')}
              {field('conclusion', 'IV.A Kesimpulan', '')}
              {field('suggestions', 'IV.B Saran', '')}
              <label class="check">
                <input type="checkbox" name="healthProtocol" value="1" checked={n.healthProtocol} />{' '}
                {l === 'id'
                  ? 'Peserta di lokasi mematuhi protokol kesehatan (disebut di berita)'
                  : 'Attendees in the hall kept a health protocol (said in the news article)'}
              </label>
              <h2>{l === 'id' ? 'Lembar pengesahan' : 'Approval sheet'}</h2>
              {[0, 1].map((i) => (
                <fieldset>
                  <legend>{i + 1}</legend>
                  <label for={`a${i}label`}>{l === 'id' ? 'Jabatan' : 'Title'}</label>
                  <input
                    id={`a${i}label`}
                    name={`a${i}label`}
                    value={n.approvals[i]?.label ?? ''}
                    maxlength={80}
                  />
                  <label for={`a${i}name`}>{l === 'id' ? 'Nama' : 'Name'}</label>
                  <input
                    id={`a${i}name`}
                    name={`a${i}name`}
                    value={n.approvals[i]?.name ?? ''}
                    maxlength={150}
                  />
                  <label for={`a${i}idlabel`}>{l === 'id' ? 'Jenis nomor' : 'Number type'}</label>
                  <select id={`a${i}idlabel`} name={`a${i}idlabel`}>
                    {ID_LABELS.map((x) => (
                      <option value={x} selected={(n.approvals[i]?.idLabel ?? 'NIP') === x}>
                        {x || (l === 'id' ? '(tanpa label)' : '(no label)')}
                      </option>
                    ))}
                  </select>
                  <label for={`a${i}id`}>{l === 'id' ? 'Nomor' : 'Number'}</label>
                  <input
                    id={`a${i}id`}
                    name={`a${i}id`}
                    value={n.approvals[i]?.idNumber ?? ''}
                    maxlength={60}
                  />
                </fieldset>
              ))}
              <button type="submit">{l === 'id' ? 'Simpan' : 'Save'}</button>
            </fieldset>
          </form>
        </>,
      );
    },
  );
};
