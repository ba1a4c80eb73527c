import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { formBody } from './forms.js';

const request = (body: unknown) => ({ body }) as FastifyRequest;

describe('formBody', () => {
  it('reads each request’s own form, as often as asked, without the CSRF token', () => {
    const a = request({ name: 'Siti', _csrf: 'token', topics: ['a', 'b'] });
    const b = request({ name: 'Budi' });
    expect(formBody(a)).toEqual({ name: 'Siti', topics: ['a', 'b'] });
    expect(formBody(b)).toEqual({ name: 'Budi' });
    expect(formBody(a)).toEqual({ name: 'Siti', topics: ['a', 'b'] });
  });

  it('gives every caller its own copy', () => {
    const a = request({ name: 'Siti' });
    const first = formBody(a);
    first.name = 'diubah';
    expect(formBody(a).name).toBe('Siti');
  });

  it('reads a body that is not a form as an empty one', () => {
    expect(formBody(request({ n: 1 }))).toEqual({});
    expect(formBody(request(undefined))).toEqual({});
  });
});
