import type { FastifyRequest } from 'fastify';
import { errors, what } from '../../errors.js';
import type { Locale } from '../../i18n/index.js';
import { isoInZone, isValidTimeZone, parseLocalDateTime, toLocalInput } from '../../shared/time.js';
import {
  Checkbox,
  COUNT_INPUT,
  Field,
  type FormError,
  type FormValues,
  labelOptions,
  num,
  PostForm,
  Select,
  str,
  TextArea,
  URL_INPUT,
} from '../../web/forms.js';
import type { Children } from '../../web/render.js';
import { type EventRow, type EventsService, type OrgRow, PLATFORMS } from '../events/index.js';
import { PLATFORM_LABELS } from '../site/index.js';
import { StartEndFields } from './console.forms.js';
import { C, TIMEZONES } from './console.text.js';

export function eventFormValues(e: EventRow, partnerIds: string[]): FormValues {
  return {
    title: e.title,
    slug: e.slug,
    theme: e.theme ?? '',
    summary: e.summary ?? '',
    description: e.description ?? '',
    timezone: e.timezone,
    startsAt: toLocalInput(e.starts_at, e.timezone),
    endsAt: toLocalInput(e.ends_at, e.timezone),
    venueName: e.venue_name ?? '',
    venueAddress: e.venue_address ?? '',
    venueMapUrl: e.venue_map_url ?? '',
    venueCapacity: e.venue_capacity == null ? '' : String(e.venue_capacity),
    onlinePlatform: e.online_platform ?? '',
    onlineJoinUrl: e.online_join_url ?? '',
    onlineStreamUrl: e.online_stream_url ?? '',
    onlineCapacity: e.online_capacity == null ? '' : String(e.online_capacity),
    orgId: e.org_id ?? '',
    partnerIds,
    series: e.series ?? '',
    city: e.city ?? '',
  };
}

/** A `datetime-local` value read in the event's zone, as the ISO instant the API schema expects. */
export function localToIso(value: string, tz: string, field: string): string {
  const ms = isValidTimeZone(tz) ? parseLocalDateTime(value.trim(), tz) : null;
  if (ms === null) {
    throw errors.formDateTime(field);
  }
  return isoInZone(ms, tz);
}

/** Partner organizations picked in the form must exist (the list may be stale). */
export async function assertOrgsExist(events: EventsService, ids: string[]) {
  const found = await events.orgsByIds(ids);
  if (found.length !== new Set(ids).size) throw errors.notFound(what.organization);
}

/** The form as the API's event input: the same zod schema then validates both. */
export function eventInputFromForm(v: FormValues) {
  const tz = str(v, 'timezone') || 'Asia/Jakarta';
  if (!isValidTimeZone(tz)) {
    throw errors.formTimeZone();
  }
  const venueName = str(v, 'venueName').trim();
  const platform = str(v, 'onlinePlatform').trim();
  const slug = str(v, 'slug').trim();
  return {
    title: str(v, 'title'),
    ...(slug ? { slug } : {}),
    theme: str(v, 'theme'),
    summary: str(v, 'summary'),
    description: str(v, 'description'),
    timezone: tz,
    startsAt: localToIso(str(v, 'startsAt'), tz, 'startsAt'),
    endsAt: localToIso(str(v, 'endsAt'), tz, 'endsAt'),
    venue: venueName
      ? {
          name: venueName,
          address: str(v, 'venueAddress'),
          mapUrl: str(v, 'venueMapUrl').trim() || null,
          capacity: num(v, 'venueCapacity'),
        }
      : null,
    online: platform
      ? { platform, joinUrl: str(v, 'onlineJoinUrl'), streamUrl: str(v, 'onlineStreamUrl').trim() || null }
      : null,
    onlineCapacity: num(v, 'onlineCapacity'),
    orgId: str(v, 'orgId') || null,
    series: str(v, 'series'),
    city: str(v, 'city'),
  };
}

/** The city every signature line names (report, certificates, attendance lists). */
const CITY = {
  label: { id: 'Kota/Kabupaten penandatanganan', en: 'City of signing (Kota/Kabupaten)' },
  hint: {
    id: 'Dipakai di baris tanda tangan laporan, sertifikat dan daftar hadir. Kosong: kota organisasi.',
    en: 'Used on the signature lines of the report, certificates and attendance lists. Blank: the organization’s city.',
  },
};

export function EventForm(props: {
  req: FastifyRequest;
  action: string;
  values: FormValues;
  orgs: OrgRow[];
  error?: FormError | null;
  submit: string;
  /** Shown first inside the form (the schedule-move question, whose buttons submit the form). */
  notice?: Children;
}) {
  const { values: v, error } = props;
  const l: Locale = props.req.locale;
  const f = { l, values: v, error };
  return (
    <PostForm req={props.req} action={props.action} error={error} submit={props.submit}>
      {props.notice}
      <Field name="title" label={C.title} required minLength={3} maxLength={200} {...f} />
      <Field name="theme" label={C.theme} maxLength={300} {...f} />
      <Field name="summary" label={C.summary} maxLength={500} {...f} />
      <TextArea name="description" label={C.description} l={l} values={v} rows={6} />
      <StartEndFields f={f} endRequired />
      <Select
        name="timezone"
        label={C.timezone}
        l={l}
        values={str(v, 'timezone') ? v : { ...v, timezone: 'Asia/Jakarta' }}
        options={TIMEZONES.map((z) => ({ value: z.tz, label: z.label[l] }))}
      />
      <fieldset class="card">
        <legend>{C.venue[l]}</legend>
        <Field
          name="venueName"
          apiPath="venue.name"
          label={C.venueName}
          hint={C.venueNameHint}
          maxLength={200}
          {...f}
        />
        <Field name="venueAddress" apiPath="venue.address" label={C.venueAddress} maxLength={500} {...f} />
        <Field
          name="city"
          label={CITY.label}
          hint={CITY.hint}
          maxLength={100}
          placeholder="Kota Probolinggo"
          {...f}
        />
        <Field
          name="venueMapUrl"
          apiPath="venue.mapUrl"
          label={C.venueMapUrl}
          {...URL_INPUT}
          placeholder="https://maps.app.goo.gl/…"
          {...f}
        />
        <Field
          name="venueCapacity"
          apiPath="venue.capacity"
          label={C.venueCapacity}
          {...COUNT_INPUT}
          {...f}
        />
      </fieldset>
      <fieldset class="card">
        <legend>{C.online[l]}</legend>
        <Select
          name="onlinePlatform"
          label={C.onlinePlatform}
          l={l}
          values={v}
          options={[{ value: '', label: C.noOnline[l] }, ...labelOptions(PLATFORMS, PLATFORM_LABELS, l)]}
        />
        <Field
          name="onlineJoinUrl"
          apiPath="online.joinUrl"
          label={C.onlineJoinUrl}
          hint={C.onlineJoinHint}
          {...URL_INPUT}
          placeholder="https://"
          {...f}
        />
        <Field
          name="onlineStreamUrl"
          apiPath="online.streamUrl"
          label={C.onlineStreamUrl}
          {...URL_INPUT}
          placeholder="https://"
          {...f}
        />
        <Field name="onlineCapacity" label={C.onlineCapacity} {...COUNT_INPUT} {...f} />
      </fieldset>
      <fieldset class="card">
        <legend>{C.orgs[l]}</legend>
        <Select
          name="orgId"
          label={C.owner}
          l={l}
          values={v}
          options={[
            { value: '', label: C.noOwner[l] },
            ...props.orgs.map((o) => ({ value: o.id, label: o.name })),
          ]}
        />
        <p style="margin:.75rem 0 .25rem;font-weight:600">{C.partners[l]}</p>
        {props.orgs.length ? (
          props.orgs.map((o) => (
            <Checkbox name="partnerIds" value={o.id} values={props.values}>
              {o.name}
            </Checkbox>
          ))
        ) : (
          <p class="muted">{C.noOrgsYet[l]}</p>
        )}
        <p>
          <a href="/console/orgs">{C.manageOrgs[l]}</a>
        </p>
      </fieldset>
      <Field name="series" label={C.series} hint={C.seriesHint} maxLength={120} {...f} />
      <Field
        name="slug"
        label={C.slug}
        hint={C.slugHint}
        maxLength={60}
        pattern="[a-z0-9]+(-[a-z0-9]+)*"
        {...f}
      />
    </PostForm>
  );
}
