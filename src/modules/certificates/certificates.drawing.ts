import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { fullName } from '../../shared/names.js';
import { formatDate, sameLocalDay } from '../../shared/time.js';
import { type EventRow, signatureLine, signingCity } from '../events/index.js';
import type { CertificateDesign, Settings } from './certificates.design.js';
import { formatNumber } from './certificates.numbering.js';
import { type CertificateDeps, candidatesFor } from './certificates.recipients.js';
import { type CertificateRow, certificatesRepository as repo } from './certificates.repository.js';
import { type Layout, ROLE_LABELS } from './certificates.schemas.js';
import type { CertRole } from './certificates.tables.js';
import { prepareTemplate, renderCertificate } from './pdf/render.js';
import type { CertData, PreparedTemplate } from './pdf/template.js';

/** Training hours (jam pelajaran, JP) are counted in whole 45-minute lessons, as civil-service records do. */
const JP_MINUTES = 45;

function datePlace(event: EventRow, jp: number | null): string {
  const tz = event.timezone;
  const day = sameLocalDay(event.starts_at, event.ends_at, tz)
    ? formatDate(event.starts_at, tz, 'id')
    : `${formatDate(event.starts_at, tz, 'id')} s.d. ${formatDate(event.ends_at, tz, 'id')}`;
  const where =
    event.venue_name && event.online_platform
      ? `di ${event.venue_name} dan secara daring`
      : event.venue_name
        ? `di ${event.venue_name}`
        : 'secara daring';
  return `yang diselenggarakan pada ${day} ${where}${jp ? `, setara ${jp} JP (@${JP_MINUTES} menit)` : ''}`;
}

/** Drawing certificates from the design: what one says, its PDF, and the organizer's preview. */
export function createCertificateDrawing(ctx: AppContext, deps: CertificateDeps, design: CertificateDesign) {
  const { db, config } = ctx;
  const { settings, templateRow, templateView, numberParts, verifyUrl } = design;
  const prepared = new Map<string, { stamp: string; t: Promise<PreparedTemplate> }>();
  const uploads = (p: string) => join(config.dataDir, 'uploads', p);

  async function issuerText(event: EventRow, s: Settings): Promise<string> {
    if (s.issuer) return s.issuer;
    const org = await deps.events.orgOf(event);
    const partners = (await deps.events.partnersOf(event.id)).map((p) => p.name);
    if (!org) return partners.length ? `Diselenggarakan bersama ${partners.join(', ')}` : '';
    return partners.length ? `${org.name} bekerja sama dengan ${partners.join(', ')}` : org.name;
  }

  /** The logos printed on the certificates: the organizer's, then the partners', as uploaded. */
  async function logoPaths(event: EventRow): Promise<string[]> {
    const [org, partners] = await Promise.all([deps.events.orgOf(event), deps.events.partnersOf(event.id)]);
    return [org?.logo_path, ...partners.map((p) => p.logo_path)].filter((p): p is string => !!p);
  }

  /**
   * Minutes a participant attended: from the door scan to the end in the hall, the meeting report's minutes
   * (else from joining to the end) online. Null for people of the programme and for the absent.
   */
  async function attendedMinutes(event: EventRow, cert: CertificateRow): Promise<number | null> {
    if (!cert.registration_id) return null;
    const a = await repo.attendanceOf(db, cert.registration_id);
    if (!a) return null;
    const span = (from: number | null) =>
      from == null ? null : Math.max(0, (event.ends_at - Math.max(Number(from), event.starts_at)) / 60_000);
    const online = a.report_minutes != null ? Number(a.report_minutes) : span(a.joined_at);
    return Math.max(span(a.checked_in_at) ?? 0, online ?? 0) || null;
  }

  /** The template made ready once per version and reused by every certificate drawn from it. */
  async function preparedFor(event: EventRow, role: CertRole): Promise<PreparedTemplate> {
    const row = await templateRow(event, role);
    const logos = await logoPaths(event);
    const key = `${event.id}:${row?.role ?? 'default'}`;
    const stamp = `${row?.id ?? ''}:${row?.updated_at ?? 0}:${logos.join(',')}`;
    const hit = prepared.get(key);
    if (hit && hit.stamp === stamp) return hit.t;
    const view = templateView(row);
    const t = (async () =>
      prepareTemplate({
        orientation: view.orientation,
        layout: view.layout,
        signers: view.signers,
        logoImages: (
          await Promise.all(logos.map((p) => readFile(uploads(p)).catch((): Uint8Array | null => null)))
        ).filter((x): x is Uint8Array => !!x),
        signatureImages: await Promise.all(
          view.signers.map((s) =>
            s.signaturePath ? readFile(uploads(s.signaturePath)).catch(() => null) : null,
          ),
        ),
        background: view.background
          ? { kind: view.background.kind, bytes: await readFile(uploads(view.background.path)) }
          : null,
      }))();
    prepared.set(key, { stamp, t });
    t.catch(() => prepared.delete(key));
    return t;
  }

  const drawing = {
    async data(event: EventRow, cert: CertificateRow): Promise<CertData> {
      const s = await settings(event);
      const view = templateView(await templateRow(event, cert.role));
      const issuedOn = s.issueDate ?? event.ends_at;
      // The one place setting: the event's city, else its organization's; the old per-certificate place last.
      const city = signingCity(event, (await deps.events.orgOf(event)) ?? null) ?? s.place;
      return {
        name: fullName({ frontTitles: cert.front_titles, name: cert.name, backTitles: cert.back_titles }),
        roleText: (view.layout.roleText || ROLE_LABELS[cert.role].id).toUpperCase(),
        number: cert.number,
        eventTitle: event.title,
        datePlace: datePlace(
          event,
          s.trainingHours && cert.role === 'peserta'
            ? Math.floor(((await attendedMinutes(event, cert)) ?? 0) / JP_MINUTES) || null
            : null,
        ),
        issuer: await issuerText(event, s),
        issued: signatureLine(city, issuedOn, event.timezone, 'id'),
        verifyUrl: verifyUrl(cert.code),
        code: cert.code,
      };
    },

    async pdf(event: EventRow, cert: CertificateRow): Promise<Uint8Array> {
      const [t, d] = await Promise.all([preparedFor(event, cert.role), drawing.data(event, cert)]);
      return renderCertificate(t, d);
    },

    /** A sample with the longest real name on the list, so the organizer sees the worst case. */
    async preview(
      event: EventRow,
      role: CertRole,
      overrideLayout?: z.output<typeof Layout>,
    ): Promise<Uint8Array> {
      const s = await settings(event);
      const base = await preparedFor(event, role);
      const t = overrideLayout ? { ...base, layout: overrideLayout } : base;
      const list = await repo
        .existingKeys(db, event.id, role)
        .then((keys) => candidatesFor(ctx, deps, event, role, s.rules, keys))
        .catch(() => []);
      const longest = list.map((c) => fullName(c)).sort((a, b) => b.length - a.length)[0];
      const parts = await numberParts(event, s, role);
      const fake: CertificateRow = {
        id: 'preview',
        event_id: event.id,
        code: 'CONTOH123456',
        download_key: '',
        number: formatNumber(s.pattern, parts, 1),
        role,
        registration_id: null,
        person_id: null,
        recipient_key: '',
        front_titles: null,
        name: longest ?? 'Dr. H. Nama Peserta Contoh, S.E., M.Si.',
        back_titles: null,
        email: null,
        status: 'valid',
        override: 0,
        version: 1,
        issued_at: Date.now(),
        issued_by: null,
        revoked_at: null,
        revoke_reason: null,
        updated_at: Date.now(),
      };
      const d = await drawing.data(event, fake);
      return renderCertificate({ ...t, layout: overrideLayout ?? t.layout }, d);
    },

    /** Every valid certificate of the event as PDFs in one ZIP, named by number and name. */
    async zip(event: EventRow): Promise<Buffer> {
      const zip = new JSZip();
      const list = (await repo.forEvent(db, event.id)).filter((c) => c.status === 'valid');
      for (let i = 0; i < list.length; i += 16) {
        const chunk = list.slice(i, i + 16);
        const pdfs = await Promise.all(chunk.map((c) => drawing.pdf(event, c)));
        chunk.forEach((c, k) => {
          const safe =
            `${c.number.replace(/[^A-Za-z0-9]+/g, '-')}_${c.name.replace(/[^\p{L}\p{N}]+/gu, '-')}`.slice(
              0,
              120,
            );
          zip.file(`${safe}.pdf`, pdfs[k]!);
        });
      }
      // PDFs are already compressed inside; storing them keeps the ZIP quick to build.
      return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
    },
  };
  return drawing;
}
