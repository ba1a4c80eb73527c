import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, errors } from '../errors.js';
import { validationError } from './validation.js';

/** The app-wide limit of each uploaded file (the multipart plugin's `fileSize`), in bytes. */
interface UploadLimits {
  fileBytes: number;
}

const kb = (bytes: number) => Math.floor(bytes / 1024);

/** @fastify/multipart's codes for a body that is not well-formed multipart. */
const MULTIPART_CODES = new Set([
  'FST_PROTO_VIOLATION',
  'FST_INVALID_JSON_FIELD_ERROR',
  'FST_MP_PREMATURE_CLOSE',
]);
const BUSBOY_MESSAGE =
  /^(Multipart: |Unexpected end of (multipart data|form)|.+ terminated early due to unexpected end of multipart data|Malformed )/;

function toAppError(err: FastifyError, request: FastifyRequest, limits: UploadLimits): AppError | null {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    // The provider flattens each zod issue into {keyword, instancePath, message, params}; rebuild it.
    const where = err.validationContext && err.validationContext !== 'body' ? [err.validationContext] : [];
    return validationError(
      err.validation.map(
        (v) =>
          ({
            ...(v.params as object),
            code: v.keyword,
            message: v.message ?? '',
            path: [...where, ...v.instancePath.split('/').filter(Boolean)],
          }) as unknown as Parameters<typeof validationError>[0][number],
      ),
    );
  }
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (err.statusCode === 400 && /JSON/.test(err.message))) {
    return errors.badJson();
  }
  // Name the limit that applied: the route's own body limit (or the server's), or the file limit.
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return errors.tooLarge(
      kb(request.routeOptions.bodyLimit ?? request.server.initialConfig.bodyLimit ?? 0),
      'body',
    );
  }
  if (err.code === 'FST_REQ_FILE_TOO_LARGE') return errors.tooLarge(kb(limits.fileBytes));
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return errors.unsupportedMedia('application/json');
  if (err.statusCode === 429) {
    const retry = Number((err as { retryAfter?: number }).retryAfter ?? 60);
    return errors.rateLimited(Number.isFinite(retry) ? Math.ceil(retry) : 60);
  }
  if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return errors.emptyBody();
  // The last net: PostgreSQL refusing a NUL in text that no reader caught (the statement changed nothing).
  if (err.code === '22021' && /0x00/.test(err.message)) return errors.nulCharacter();
  if (err.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE')
    return errors.unsupportedMedia('multipart/form-data');
  if (err.code && MULTIPART_CODES.has(err.code)) return errors.badMultipart();
  // busboy throws plain errors for a body that is not the multipart it claims to be.
  if (!err.code && BUSBOY_MESSAGE.test(err.message)) return errors.badMultipart();
  // Any other Fastify client error (a bad content length, an unreadable body): the client's mistake.
  if (err.code?.startsWith('FST_') && err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return err.statusCode === 413 ? errors.tooLarge(kb(limits.fileBytes)) : errors.badRequest();
  }
  return null;
}

/** The one error handler: known errors become `{error:{code,message}}`, the rest an opaque 500. */
export function installErrorHandler(
  app: FastifyInstance,
  limits: UploadLimits,
  /** Renders an error as a page; every route outside `/api/` answers with it (people read those). */
  errorPage: (req: FastifyRequest, reply: FastifyReply, err: AppError) => FastifyReply,
): void {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const known = toAppError(err, request, limits);
    if (!known) {
      request.log.error({ err }, 'unhandled error');
      // People read pages: a failed form post answers a page in words, never the API's JSON.
      if (!request.url.startsWith('/api/')) return errorPage(request, reply, errors.internal());
      return reply.status(500).send({
        error: {
          code: 'internal',
          message:
            request.locale === 'en' ? 'Something went wrong on our side.' : 'Terjadi kesalahan di sisi kami.',
        },
      });
    }
    if (!request.url.startsWith('/api/')) return errorPage(request, reply, known);
    return reply.status(known.status).send({
      error: { code: known.code, message: known.text[request.locale], ...(known.details ?? {}) },
    });
  });

  app.setNotFoundHandler((request, reply) => {
    const e = errors.routeNotFound();
    if (!request.url.startsWith('/api/')) return errorPage(request, reply, e);
    return reply.status(404).send({ error: { code: e.code, message: e.text[request.locale] } });
  });
}
