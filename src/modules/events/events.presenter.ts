import { isoInZone } from '../../shared/time.js';
import type { EventRow, OrgRow } from './events.repository.js';
import type { EventDto } from './events.schemas.js';

export const uploadUrl = (path: string | null) => (path ? `/uploads/${path}` : null);

export const presentOrg = (o: OrgRow) => ({
  id: o.id,
  slug: o.slug,
  name: o.name,
  logoUrl: uploadUrl(o.logo_path),
});

/**
 * The API shape of an event. The join link is left out for the public: it is shown only to
 * confirmed online registrants (on their ticket) and to the event's team.
 */
export function presentEvent(
  e: EventRow,
  opts: { publicUrl: string; org: OrgRow | null; partners: OrgRow[]; includeJoinUrl: boolean },
): EventDto {
  const tz = e.timezone;
  return {
    id: e.id,
    slug: e.slug,
    title: e.title,
    theme: e.theme,
    summary: e.summary,
    description: e.description,
    startsAt: isoInZone(e.starts_at, tz),
    endsAt: isoInZone(e.ends_at, tz),
    timezone: tz,
    status: e.status,
    venue: e.venue_name
      ? { name: e.venue_name, address: e.venue_address, mapUrl: e.venue_map_url, capacity: e.venue_capacity }
      : null,
    online: e.online_platform
      ? {
          platform: e.online_platform,
          ...(opts.includeJoinUrl && e.online_join_url ? { joinUrl: e.online_join_url } : {}),
          streamUrl: e.online_stream_url,
        }
      : null,
    onlineCapacity: e.online_capacity,
    series: e.series,
    city: e.city,
    org: opts.org ? presentOrg(opts.org) : null,
    partners: opts.partners.map(presentOrg),
    bannerUrl: uploadUrl(e.banner_path),
    url: `${opts.publicUrl}/e/${e.slug}`,
  };
}
