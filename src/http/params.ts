import { z } from 'zod';

/**
 * Route parameter schemas shared by every module (API and HTML routes alike), so a handler reads
 * `req.params.id` typed and checked instead of asserting it with `!`. An empty or oversized id is a
 * 400 with the field named, never a foreign-key error from the database.
 */
export const RouteId = z.string().trim().min(1).max(80);

/** `{ <key>: id }` for each named parameter, e.g. `routeParams('id', 'itemId')`. */
export const routeParams = <K extends string>(...keys: K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, RouteId])) as Record<K, typeof RouteId>);

/** The most common case: `/…/:id`. */
export const IdParam = routeParams('id');
