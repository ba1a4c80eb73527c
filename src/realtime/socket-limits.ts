import { readFileSync } from 'node:fs';

/**
 * Caps on live-room WebSockets (issue 13): one address once opened 20,000 and the process ran out of
 * file descriptors, so /api/health and every page failed. Each socket takes its place before the
 * upgrade and gives it back when its TCP connection closes. Over a cap the upgrade is refused with an
 * HTTP error; the page's live connection then falls back to polling (client/_live-conn.ts: two
 * refusals before opening), which costs no descriptor between polls.
 */
export class SocketLimits {
  private byAddress = new Map<string, number>();
  private total = 0;

  constructor(
    readonly perAddress: number,
    readonly max: number,
  ) {}

  get count(): number {
    return this.total;
  }

  /** Takes a place for a socket from `address`; the cap that refused it otherwise. */
  take(address: string): 'address' | 'total' | null {
    if (this.total >= this.max) return 'total';
    const n = this.byAddress.get(address) ?? 0;
    if (n >= this.perAddress) return 'address';
    this.byAddress.set(address, n + 1);
    this.total++;
    return null;
  }

  release(address: string): void {
    const n = this.byAddress.get(address) ?? 0;
    if (n <= 1) this.byAddress.delete(address);
    else this.byAddress.set(address, n - 1);
    if (n > 0) this.total--;
  }
}

/** The soft open-files limit of this process (Linux), or null where it cannot be read. */
function openFilesLimit(): number | null {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft && /^\d+$/.test(soft) ? Number(soft) : null;
  } catch {
    return null;
  }
}

/**
 * The process-wide cap, read once at start: the open-files limit less room for HTTP (pages, the API,
 * the database pool, log files): a fifth of the limit, at least 1,000 but at most half of it.
 */
export function socketCap(configured: number | null): number {
  if (configured) return configured;
  const limit = openFilesLimit() ?? 1024;
  const room = Math.min(Math.floor(limit / 2), Math.max(1000, Math.floor(limit / 5)));
  return Math.max(1, limit - room);
}
