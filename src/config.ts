import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * Every environment variable Aula reads, parsed once at boot. Only this file reads `process.env`;
 * the rest of the code receives a frozen `Config`, so tests build apps with explicit settings.
 */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** Public origin used in links, QR codes, e-mails and OpenGraph tags. */
  PUBLIC_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  /** `sqlite:<path>` (default) or `postgres://…`. */
  DATABASE_URL: z.string().optional(),
  /** Enables the Redis bus so several app nodes share live updates. */
  REDIS_URL: z.string().optional(),
  /** Prefix of Redis channels and keys, so several deployments (or test runs) can share one Redis. */
  REDIS_PREFIX: z.string().default('aula'),
  /** Secret for signing session cookies; generated and stored under DATA_DIR when absent. */
  SESSION_SECRET: z.string().min(32).optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Aula <no-reply@localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Trust X-Forwarded-* headers (behind a load balancer). */
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  NODE_ENV: z.string().default('production'),
  /** Live-room WebSockets from one address: a whole hall behind one NAT must fit (issue 13). */
  LIVE_MAX_SOCKETS_PER_ADDRESS: z.coerce.number().int().min(1).default(2000),
  /** Live-room WebSockets of the process; by default read at start from the open-files limit, with room for HTTP. */
  LIVE_MAX_SOCKETS: z.coerce.number().int().min(1).optional(),
  /** How often live sockets are pinged; one that misses a pong is closed at the next ping. */
  LIVE_PING_MS: z.coerce.number().int().min(50).default(25_000),
  /** Job queue (issue 12): run the worker on this node; how long a claimed job is held; how often to look. */
  JOBS_WORKER: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  JOBS_LEASE_SECONDS: z.coerce.number().int().min(1).max(86400).default(300),
  JOBS_POLL_MS: z.coerce.number().int().min(10).max(60000).default(1000),
  /** First retry delay; later ones double (webhooks keep trying for 24 hours). */
  JOBS_RETRY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** WhatsApp Business Cloud API (approved templates); WHATSAPP_API_URL points at a stand-in in tests. */
  WHATSAPP_TOKEN: z.string().optional(),
  WHATSAPP_PHONE_NUMBER_ID: z.string().optional(),
  WHATSAPP_API_URL: z.string().url().default('https://graph.facebook.com/v21.0'),
  /** Webhook URLs on loopback or private addresses are refused unless this is true (local testing). */
  WEBHOOKS_ALLOW_PRIVATE: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** Lets Prometheus read /metrics (HTTP basic auth, any user name, this as the password); admins may too. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Scheduled backups: the server writes one a day into this directory and keeps the newest BACKUP_KEEP. */
  BACKUP_DIR: z.string().optional(),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(365).default(7),
});

export type Database = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  database: Database;
  redis: { url: string; prefix: string } | null;
  sessionSecret: string | null;
  smtp: { url: string; from: string } | null;
  logLevel: string;
  trustProxy: boolean;
  /** Secure cookies only when served over https. */
  secureCookies: boolean;
  /** Live-room WebSocket caps and heartbeat (src/realtime/socket-limits.ts); `maxSockets` null: from the fd limit. */
  live: { maxSocketsPerAddress: number; maxSockets: number | null; pingMs: number };
  jobs: { worker: boolean; leaseSeconds: number; pollMs: number; retrySeconds: number };
  whatsapp: { token: string; phoneNumberId: string; apiUrl: string } | null;
  webhooksAllowPrivate: boolean;
  metricsToken: string | null;
  backup: { dir: string; keep: number } | null;
}

/**
 * The operator's language for what the server and the `aula` command print: AULA_LANG, else the shell's
 * locale (LC_ALL, LC_MESSAGES, LANG) when it is English; Indonesian otherwise — servers often run with C or
 * POSIX, which says nothing of the person.
 */
export function operatorLocale(env: NodeJS.ProcessEnv = process.env): 'id' | 'en' {
  const pick = env.AULA_LANG?.trim().toLowerCase();
  if (pick === 'id' || pick === 'en') return pick;
  const shell = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en([_.@-]|$)/i.test(shell) ? 'en' : 'id';
}

/** A setting that cannot be used: the message names it, in the operator's language (no stack trace needed). */
export class ConfigError extends Error {}

export function parseDatabaseUrl(
  url: string | undefined,
  dataDir: string,
  locale: 'id' | 'en' = 'en',
): Database {
  if (!url) return { kind: 'sqlite', path: resolve(dataDir, 'aula.sqlite') };
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return { kind: 'postgres', url };
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    return { kind: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
  }
  const got = url.split(':')[0];
  throw new ConfigError(
    locale === 'id'
      ? `DATABASE_URL harus diawali sqlite: atau postgres:// (tertulis "${got}:")`
      : `DATABASE_URL must start with sqlite: or postgres:// (got "${got}:")`,
  );
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  const locale = operatorLocale(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    const head = locale === 'id' ? 'Konfigurasi tidak sah:' : 'Invalid configuration:';
    throw new ConfigError(`${head}\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    dataDir,
    database: parseDatabaseUrl(e.DATABASE_URL, dataDir, locale),
    redis: e.REDIS_URL ? { url: e.REDIS_URL, prefix: e.REDIS_PREFIX } : null,
    sessionSecret: e.SESSION_SECRET ?? null,
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.MAIL_FROM } : null,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    secureCookies: publicUrl.startsWith('https://'),
    live: {
      maxSocketsPerAddress: e.LIVE_MAX_SOCKETS_PER_ADDRESS,
      maxSockets: e.LIVE_MAX_SOCKETS ?? null,
      pingMs: e.LIVE_PING_MS,
    },
    jobs: {
      worker: e.JOBS_WORKER,
      leaseSeconds: e.JOBS_LEASE_SECONDS,
      pollMs: e.JOBS_POLL_MS,
      retrySeconds: e.JOBS_RETRY_SECONDS,
    },
    whatsapp:
      e.WHATSAPP_TOKEN && e.WHATSAPP_PHONE_NUMBER_ID
        ? { token: e.WHATSAPP_TOKEN, phoneNumberId: e.WHATSAPP_PHONE_NUMBER_ID, apiUrl: e.WHATSAPP_API_URL }
        : null,
    webhooksAllowPrivate: e.WEBHOOKS_ALLOW_PRIVATE,
    metricsToken: e.METRICS_TOKEN ?? null,
    backup: e.BACKUP_DIR ? { dir: resolve(e.BACKUP_DIR), keep: e.BACKUP_KEEP } : null,
  });
}
