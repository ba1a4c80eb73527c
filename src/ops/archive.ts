import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import tar from 'tar-stream';

/**
 * A backup is a gzipped tar (readable with `tar tzf`), its `manifest.json` last: the manifest lists every
 * other entry with its size and SHA-256, so a restore knows the archive is whole before it writes anything.
 */
const MANIFEST = 'manifest.json';

export interface Entry {
  path: string;
  size: number;
  sha256: string;
}

export class ArchiveWriter {
  readonly entries: Entry[] = [];
  private pack = tar.pack();
  private done: Promise<void>;

  constructor(file: string) {
    this.done = pipeline(this.pack, createGzip({ level: 6 }), createWriteStream(file, { flags: 'wx' }));
    // The pipeline's failure (disk full) surfaces in finish(); until then it must not go unhandled.
    this.done.catch(() => undefined);
  }

  async addBuffer(path: string, data: Buffer): Promise<void> {
    this.entries.push({ path, size: data.length, sha256: createHash('sha256').update(data).digest('hex') });
    await new Promise<void>((resolve, reject) =>
      this.pack.entry({ name: path, size: data.length, mtime: new Date() }, data, (e) =>
        e ? reject(e) : resolve(),
      ),
    );
  }

  /** A file that does not change while it is read (the database snapshot), streamed. */
  async addFile(path: string, file: string, size: number): Promise<void> {
    const hash = createHash('sha256');
    const entry = this.pack.entry({ name: path, size, mtime: new Date() });
    const src = createReadStream(file);
    src.on('data', (c) => hash.update(c));
    await pipeline(src, entry);
    this.entries.push({ path, size, sha256: hash.digest('hex') });
  }

  async finish(manifest: Record<string, unknown>): Promise<void> {
    const body = Buffer.from(JSON.stringify({ ...manifest, entries: this.entries }, null, 2));
    await new Promise<void>((resolve, reject) =>
      this.pack.entry({ name: MANIFEST, size: body.length }, body, (e) => (e ? reject(e) : resolve())),
    );
    this.pack.finalize();
    await this.done;
  }

  /** Stops writing (the caller removes the partial file). */
  abort(): void {
    this.pack.destroy();
  }
}

/** An entry name that stays inside the staging directory. */
function safeName(name: string): string | null {
  const n = normalize(name);
  if (!n || isAbsolute(n) || n.split(sep).includes('..') || n.includes('\0')) return null;
  return n;
}

/**
 * Unpacks an archive into `staging` (a directory of its own, never the restore target), hashing every
 * entry on the way. Throws on anything that is not a whole gzipped tar of plain files.
 */
export async function unpack(
  file: string,
  staging: string,
): Promise<{ found: Entry[]; manifest: Buffer | null }> {
  const found: Entry[] = [];
  let manifest: Buffer | null = null;
  const extract = tar.extract();
  const reading = pipeline(createReadStream(file), createGunzip(), extract);
  reading.catch(() => undefined);
  for await (const entry of extract) {
    const h = entry.header;
    if (h.type === 'directory') {
      entry.resume();
      continue;
    }
    const name = h.type === 'file' ? safeName(h.name) : null;
    if (!name) throw new Error(`unexpected entry "${h.name}" (${h.type})`);
    if (name === MANIFEST) {
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      manifest = Buffer.concat(chunks);
      continue;
    }
    const target = join(staging, name);
    mkdirSync(dirname(target), { recursive: true });
    const out = createWriteStream(target);
    const hash = createHash('sha256');
    let size = 0;
    try {
      for await (const c of entry) {
        hash.update(c as Buffer);
        size += (c as Buffer).length;
        if (!out.write(c)) await once(out, 'drain');
      }
      out.end();
      await once(out, 'finish');
    } catch (err) {
      // A broken archive: the file is opened asynchronously, so wait until it is closed (or failed to open)
      // before the caller removes the staging folder — else its late open fails with nobody listening.
      out.destroy();
      await once(out, 'close').catch(() => undefined);
      throw err;
    }
    found.push({ path: name, size, sha256: hash.digest('hex') });
  }
  await reading;
  return { found, manifest };
}
