import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createMailer, type Mailer } from '../../src/mail/mailer.js';

/** A real SMTP server on a free port that keeps every message it receives (raw RFC 822 text). */
export async function startSmtp(): Promise<{ mailer: Mailer; inbox: string[]; close(): Promise<void> }> {
  const inbox: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, _session, cb) {
      let raw = '';
      stream.on('data', (c: Buffer) => {
        raw += c.toString('utf8');
      });
      stream.on('end', () => {
        inbox.push(raw);
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    mailer: createMailer({ url: `smtp://127.0.0.1:${port}`, from: 'Aula <aula@example.test>' }),
    inbox,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
