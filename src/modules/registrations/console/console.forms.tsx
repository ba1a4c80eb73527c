import type { FastifyRequest } from 'fastify';
import type { Locale, Text } from '../../../i18n/index.js';
import { CsrfField } from '../../../web/page.js';
import type { ImportResult } from '../import/import.service.js';
import { displayPhone } from '../phone.js';
import type { RegistrationRow } from '../registrations.repository.js';
import { MODE_TEXT } from '../registrations.service.js';
import type { RegistrationMode } from '../registrations.tables.js';
import { RT } from './console.text.js';

/** Adding one participant by hand; the organizer vouches for the consent. */
export function AddForm(props: { req: FastifyRequest; base: string; modes: RegistrationMode[] }) {
  const l = props.req.locale;
  const csrf = <CsrfField req={props.req} />;
  const { base } = props;
  return (
    <details class="card">
      <summary>
        <strong>{RT.addTitle[l]}</strong>
      </summary>
      <form method="post" action={`${base}/add`}>
        {csrf}
        <label for="add-name">{RT.name[l]}</label>
        <input id="add-name" name="name" required minLength={2} maxLength={120} />
        <div class="grid">
          <div>
            <label for="add-front">{RT.frontTitles[l]}</label>
            <input id="add-front" name="frontTitles" maxLength={60} />
          </div>
          <div>
            <label for="add-back">{RT.backTitles[l]}</label>
            <input id="add-back" name="backTitles" maxLength={80} />
          </div>
        </div>
        <label for="add-inst">{RT.institution[l]}</label>
        <input id="add-inst" name="institution" maxLength={200} />
        <label for="add-phone">{RT.phone[l]}</label>
        <input id="add-phone" name="phone" type="tel" maxLength={40} />
        <label for="add-email">{RT.email[l]}</label>
        <input id="add-email" name="email" type="email" maxLength={200} />
        <label for="add-mode">{RT.mode[l]}</label>
        <select id="add-mode" name="mode">
          {props.modes.map((m) => (
            <option value={m}>{MODE_TEXT[m][l]}</option>
          ))}
        </select>
        <label class="inline">
          <input type="checkbox" name="consent" value="yes" required /> {RT.consentManual[l]}
        </label>
        <p>
          <button type="submit">{RT.add[l]}</button>
        </p>
      </form>
    </details>
  );
}

export type ImportCarry = { data: string; filename: string; mode: string };

/** Import in two steps: upload for a preview (nothing written), then confirm a clean file. */
export function ImportSection(props: {
  req: FastifyRequest;
  base: string;
  modes: RegistrationMode[];
  result?: ImportResult | undefined;
  carry?: ImportCarry | undefined;
}) {
  const l = props.req.locale;
  const csrf = <CsrfField req={props.req} />;
  const { base } = props;
  const opts = { importResult: props.result, carry: props.carry };
  return (
    <details class="card" open={!!opts.importResult}>
      <summary>
        <strong>{RT.importTitle[l]}</strong>
      </summary>
      <p class="muted">{RT.importHint[l]}</p>
      {opts.importResult ? <ImportPreview r={opts.importResult} l={l} /> : null}
      {opts.carry && opts.importResult ? (
        <form method="post" action={`${base}/import/confirm`} class="card">
          {csrf}
          <input type="hidden" name="data" value={opts.carry.data} />
          <input type="hidden" name="filename" value={opts.carry.filename} />
          <input type="hidden" name="mode" value={opts.carry.mode} />
          <label class="inline">
            <input type="checkbox" name="consent" value="yes" required /> {RT.consentManual[l]}
          </label>
          <p>
            <button type="submit">{RT.doImport(opts.importResult.total)[l]}</button>
          </p>
        </form>
      ) : null}
      <form method="post" action={`${base}/import`} enctype="multipart/form-data">
        {csrf}
        <label for="imp-file">CSV / XLSX</label>
        <input id="imp-file" name="file" type="file" accept=".csv,.xlsx,text/csv" required />
        <label for="imp-mode">{RT.defaultMode[l]}</label>
        <select id="imp-mode" name="mode">
          {props.modes.map((m) => (
            <option value={m}>{MODE_TEXT[m][l]}</option>
          ))}
        </select>
        <p>
          <button type="submit" class="secondary">
            {RT.preview[l]}
          </button>
        </p>
      </form>
    </details>
  );
}

/** One registration's details and seat, edited by the organizer. */
export function EditForm(props: { req: FastifyRequest; action: string; r: RegistrationRow }) {
  const { req, r } = props;
  const l = req.locale;
  const f = (name: string, label: Text, value: string | null, type: 'text' | 'tel' | 'email' = 'text') => (
    <>
      <label for={`e-${name}`}>{label[l]}</label>
      <input id={`e-${name}`} name={name} type={type as 'text'} value={value ?? ''} />
    </>
  );
  return (
    <form method="post" action={props.action}>
      <CsrfField req={req} />
      {f('name', RT.name, r.name)}
      {f('frontTitles', RT.frontTitles, r.front_titles)}
      {f('backTitles', RT.backTitles, r.back_titles)}
      {f('institution', RT.institution, r.institution)}
      {f('phone', RT.phone, r.phone ? displayPhone(r.phone) : '', 'tel')}
      {f('email', RT.email, r.email, 'email')}
      {r.mode === 'onsite' ? f('seat', RT.moveSeat, r.seat_id) : null}
      <p>
        <button type="submit">{RT.save[l]}</button>
      </p>
    </form>
  );
}

function ImportPreview(props: { r: ImportResult; l: Locale }) {
  const { r, l } = props;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th>{RT.line[l]}</th>
            <th>{RT.name[l]}</th>
            <th>{RT.status[l]}</th>
          </tr>
        </thead>
        <tbody>
          {r.rows.slice(0, 500).map((row) => (
            <tr>
              <td>{row.line}</td>
              <td>{row.name}</td>
              <td>
                {row.ok ? (
                  <span class="badge ok">{RT.ok[l]}</span>
                ) : (
                  <span class="badge bad">{row.errors.join('; ')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
