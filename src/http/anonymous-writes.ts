/**
 * The API writes a stranger may make (Fastify route patterns). Every other POST, PUT, PATCH and
 * DELETE under `/api/` answers 401 to a request without a caller before its body is parsed or
 * validated (src/modules/auth/auth.request.ts), so a stranger learns nothing from the field list.
 * A new public write route must be added here; test/route-access.test.ts lists the same routes.
 */
const ANONYMOUS_WRITES: [string, RegExp][] = [
  ['POST', /^\/api\/v1\/auth\/(login|logout)$/],
  ['POST', /^\/api\/v1\/events\/:id\/(registrations|attendance|questions)$/],
  ['POST', /^\/api\/v1\/(questions|polls)\/:id\/votes$/],
  ['DELETE', /^\/api\/v1\/questions\/:id\/votes$/],
  ['POST', /^\/api\/v1\/tickets\/:(ticketCode|code)\/(cancel|mode|erase|evaluation)$/],
  ['POST', /^\/api\/v1\/invitations\/:token\/reply$/],
];

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** True when a request to this route must have a caller before anything else is looked at. */
export function writeNeedsCaller(method: string, routeUrl: string | undefined): boolean {
  if (!routeUrl?.startsWith('/api/') || !UNSAFE.has(method)) return false;
  return !ANONYMOUS_WRITES.some(([m, re]) => m === method && re.test(routeUrl));
}
