import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants as zlibConstants } from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { type Bus, createBus, RedisBus } from './bus/bus.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { createDb } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { clientInputChecks } from './http/client-input.js';
import { installErrorHandler } from './http/error-handler.js';
import { FrontLane, frontLanePlugin } from './http/front-lane.js';
import { securityHeaders } from './http/security-headers.js';
import { createMailer, type Mailer } from './mail/mailer.js';
import { authPlugin } from './modules/auth/index.js';
import { modules } from './modules/index.js';
import { loggerOptions } from './modules/ops/index.js';
import { closeLiveSockets } from './realtime/shutdown.js';
import { buildServices } from './services.js';
import { createUiExtensions } from './web/extensions.js';
import { errorPage } from './web/page.js';
import { stylesheetRoute } from './web/stylesheet.js';

export const ROOT = resolve(
  dirname(fileURLToPath(import.meta.url)),
  existsSync(new URL('../package.json', import.meta.url)) ? '..' : '../..',
);

export interface BuildOptions {
  logger?: boolean;
  /** Tests inject their own mailer or bus; production builds them from config. */
  mailer?: Mailer;
  bus?: Bus;
  /** Sees every route as it is added (the architecture test checks that each declares its input). */
  onRoute?: (route: RouteOptions) => void;
}

/** Keeps the cookie-signing secret stable across restarts without asking the organizer for one. */
function sessionSecret(config: Config): string {
  if (config.sessionSecret) return config.sessionSecret;
  const file = join(config.dataDir, '.session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const s = crypto
    .getRandomValues(new Uint8Array(32))
    .reduce((a, b) => a + b.toString(16).padStart(2, '0'), '');
  writeFileSync(file, s, { mode: 0o600 });
  return s;
}

/** What one request may carry: a JSON or form body (routes may raise it), and each uploaded file. */
const LIMITS = { bodyBytes: 1024 * 1024, fileBytes: 8 * 1024 * 1024 };

/** Builds the whole app without listening, so tests drive it with `inject`. */
export async function buildApp(config: Config, opts: BuildOptions = {}): Promise<FastifyInstance> {
  // Cached anonymous pages are answered in front of Fastify (src/http/front-lane.ts).
  const lane = new FrontLane();
  const app = Fastify({
    serverFactory: lane.serverFactory(),
    logger: opts.logger === false ? false : loggerOptions(config.logLevel, process.stdout.isTTY === true),
    trustProxy: config.trustProxy,
    bodyLimit: LIMITS.bodyBytes,
    routerOptions: { ignoreTrailingSlash: true },
  });
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const handle = createDb(config.database);
  await migrateToLatest(handle.db);
  const bus = opts.bus ?? createBus(config.redis);
  if (bus instanceof RedisBus) await bus.whenReady();
  const ctx = {
    config,
    db: handle.db,
    dialect: handle.dialect,
    bus,
    mailer: opts.mailer ?? createMailer(config.smtp),
    log: app.log,
    ui: createUiExtensions(),
    eventFiles: [],
    eventShifts: [],
  } as Omit<AppContext, 'services'> as AppContext;
  ctx.services = buildServices(ctx);
  const { ops } = ctx.services;
  lane.observe = (method, route, status, seconds) => ops.observeRequest(method, route, status, seconds);
  app.decorate('ctx', ctx);
  app.addHook('onClose', async () => {
    if (!opts.bus) await bus.close();
    await handle.close();
  });

  mkdirSync(join(config.dataDir, 'uploads'), { recursive: true });
  // Phones on mobile data: HTML, JSON, CSS, JS and SVG go compressed (brotli at a cheap level, or gzip).
  // Answers that are already compressed skip it: cached pages and lists (src/http/precompressed.ts,
  // compressed once when their cache fills) and the islands under /assets (compressed at build time).
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(cookie, { secret: sessionSecret(config) });
  await app.register(formbody);
  await app.register(multipart, { limits: { fileSize: LIMITS.fileBytes, files: 20 } });
  await app.register(rateLimit, {
    global: false,
    ...(bus instanceof RedisBus ? { redis: bus.redis, nameSpace: `${config.redis?.prefix}:rl:` } : {}),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Aula API', version: '1', description: 'Hybrid seminar platform' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    // The document describes the JSON API; server-rendered pages and forms stay out of it.
    transform: (args) =>
      args.url.startsWith('/api/')
        ? jsonSchemaTransform(args)
        : { schema: { ...args.schema, hide: true }, url: args.url },
  });
  await app.register(securityHeaders);
  await app.register(frontLanePlugin, { lane });
  await app.register(clientInputChecks);
  await app.register(authPlugin);
  installErrorHandler(app, { fileBytes: LIMITS.fileBytes }, errorPage);

  await app.register(stylesheetRoute);
  const publicDir = join(ROOT, 'dist', 'public');
  if (existsSync(publicDir)) {
    // Islands are compressed at build time (vite.config.ts writes .br and .gz beside each file): no
    // per-request compression. Chunks carry a content hash in their name and are kept for a year;
    // entries keep their name across builds, so a week.
    await app.register(fastifyStatic, {
      root: publicDir,
      prefix: '/assets/',
      preCompressed: true,
      maxAge: '7d',
      immutable: true,
      setHeaders: (res, path) => {
        if (/\/chunk-[\w-]+\.js(\.br|\.gz)?$/.test(path))
          res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  await app.register(fastifyStatic, {
    root: join(config.dataDir, 'uploads'),
    prefix: '/uploads/',
    decorateReply: !existsSync(publicDir),
    maxAge: '1d',
  });

  app.get('/api/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Before the modules: it must see every route to upgrade the WebSocket ones (the live room).
  // On close every live socket hears 1012 (restart) and reconnects (src/realtime/shutdown.ts).
  await app.register(websocket, { options: { maxPayload: 4096 }, preClose: closeLiveSockets });
  for (const mod of modules) await app.register(mod);
  return app;
}
