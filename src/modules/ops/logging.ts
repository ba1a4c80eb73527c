/**
 * The server's log: pino's JSON lines for a log collector (journald, Docker), readable colored lines
 * when a person watches the terminal.
 */
export function loggerOptions(level: string, tty: boolean) {
  if (!tty) return { level };
  return {
    level,
    transport: {
      target: 'pino-pretty',
      options: { colorize: true, singleLine: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
    },
  };
}
