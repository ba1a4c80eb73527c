/**
 * What the test machine offers. `npm test` runs everything it can and says plainly what it left
 * out; `.ci/run` sets AULA_REQUIRE_ALL=1 so a missing PostgreSQL, Redis or Chromium fails instead.
 */
export const PG_URL = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined;
export const REDIS_URL = process.env.REDIS_URL;
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const REQUIRE_ALL = process.env.AULA_REQUIRE_ALL === '1';

export type DbKind = 'sqlite' | 'postgres';
/** Databases the suite runs against: SQLite always, PostgreSQL when DATABASE_URL points at one. */
export const DB_KINDS: DbKind[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
