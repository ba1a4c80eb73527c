import { describe, expect, it } from 'vitest';
import { loadConfig, parseDatabaseUrl } from './config.js';

describe('config', () => {
  it('defaults to SQLite under ./data on port 3000', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database.kind).toBe('sqlite');
    expect(c.database.kind === 'sqlite' && c.database.path.endsWith('/data/aula.sqlite')).toBe(true);
    expect(c.redis).toBeNull();
    expect(c.publicUrl).toBe('http://localhost:3000');
  });

  it('switches to PostgreSQL and Redis from the environment', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u@db/aula',
      REDIS_URL: 'redis://r:6379',
      PUBLIC_URL: 'https://aula.example.ac.id/',
    });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u@db/aula' });
    expect(c.redis?.url).toBe('redis://r:6379');
    expect(c.publicUrl).toBe('https://aula.example.ac.id');
    expect(c.secureCookies).toBe(true);
  });

  it('fails fast with a readable message on a bad value', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => parseDatabaseUrl('mysql://x', '/tmp')).toThrow(/sqlite: or postgres/);
  });
});
