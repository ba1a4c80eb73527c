import nodemailer from 'nodemailer';

interface MailMessage {
  to: string;
  subject: string;
  /** Plain text is always sent; HTML is optional and must be built from escaped values. */
  text: string;
  html?: string;
  attachments?: { filename: string; content: string | Buffer; contentType?: string }[];
  /** A stable Message-ID (`<id@host>`): a message sent again after a crash is recognizably the same one. */
  messageId?: string;
}

export interface Mailer {
  readonly enabled: boolean;
  send(msg: MailMessage): Promise<void>;
  /** Closes pooled connections (on app close). */
  close?(): void;
}

/** SMTP through nodemailer when SMTP_URL is set; otherwise a mailer that reports it is disabled. */
export function createMailer(smtp: { url: string; from: string } | null): Mailer {
  if (!smtp) {
    return {
      enabled: false,
      async send() {},
    };
  }
  // A few kept connections rather than one per message: a handshake (with TLS) costs more than a message,
  // and reminders go out by the thousand. `?pool=false` in SMTP_URL turns it off.
  const url = new URL(smtp.url);
  if (!url.searchParams.has('pool')) {
    url.searchParams.set('pool', 'true');
    url.searchParams.set('maxConnections', '5');
    url.searchParams.set('maxMessages', '1000');
  }
  const transport = nodemailer.createTransport(url.toString());
  return {
    enabled: true,
    async send(msg) {
      await transport.sendMail({ from: smtp.from, ...msg });
    },
    close: () => transport.close(),
  };
}
