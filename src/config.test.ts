import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDatabaseUrl } from './config.js';

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
    // In the operator's language: Indonesian unless AULA_LANG or an English locale says otherwise.
    expect(() => loadConfig({ PORT: 'abc', LANG: 'C.UTF-8' })).toThrow(/^Konfigurasi tidak sah:\n {2}PORT: /);
    expect(() => loadConfig({ PORT: 'abc', AULA_LANG: 'en' })).toThrow(/^Invalid configuration:\n {2}PORT: /);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
  });
});
