import type { Locale, Text } from '../i18n/index.js';
import type { Children } from './render.js';
import { STYLESHEET_PATH } from './stylesheet.js';

export interface PageMeta {
  title: string;
  description?: string;
  /** Absolute URLs for OpenGraph (WhatsApp previews). */
  ogImage?: string;
  canonical?: string;
}

interface LayoutProps {
  locale: Locale;
  meta: PageMeta;
  /** The current path, used for the language switch link. */
  path: string;
  user?: { name: string; role?: string } | null;
  csrf?: string | null;
  children: Children;
  /** Module scripts for pages that need client code (islands); participant pages keep this small. */
  scripts?: string[];
  nav?: 'public' | 'console';
}

const L = {
  skip: { id: 'Lewati ke isi', en: 'Skip to content' },
  console: { id: 'Konsol', en: 'Console' },
  accounts: { id: 'Akun panitia', en: 'Staff accounts' },
  login: { id: 'Masuk', en: 'Log in' },
  logout: { id: 'Keluar', en: 'Log out' },
  footer: {
    id: 'Aula — seminar hibrida, luring dan daring.',
    en: 'Aula — hybrid seminars, in the hall and online.',
  },
} satisfies Record<string, Text>;

/** A query of plain `key=value` pairs without `lang`: URLSearchParams would give it back unchanged. */
const PLAIN_QUERY = /^(?!(?:.*&)?lang=)[\w-]+=[\w-]*(?:&[\w-]+=[\w-]*)*$/;

export function langHref(path: string, lang: Locale): string {
  const [p, q = ''] = path.split('?');
  // Every link to the other language is made per page; most addresses have no query or a plain one
  // (`?done=new`), which need no parsing (URLSearchParams was ~2% of the ticket page).
  if (q === '') return `${p}?lang=${lang}`;
  if (PLAIN_QUERY.test(q)) return `${p}?${q}&lang=${lang}`;
  const params = new URLSearchParams(q);
  params.set('lang', lang);
  return `${p}?${params.toString()}`;
}

export function Layout(props: LayoutProps) {
  const { locale, meta } = props;
  const other: Locale = locale === 'id' ? 'en' : 'id';
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>{meta.title}</title>
        {meta.description ? <meta name="description" content={meta.description} /> : null}
        <meta property="og:title" content={meta.title} />
        {meta.description ? <meta property="og:description" content={meta.description} /> : null}
        <meta property="og:type" content="website" />
        {meta.canonical ? <meta property="og:url" content={meta.canonical} /> : null}
        {meta.canonical ? <link rel="canonical" href={meta.canonical} /> : null}
        {meta.ogImage ? <meta property="og:image" content={meta.ogImage} /> : null}
        <meta property="og:locale" content={locale === 'id' ? 'id_ID' : 'en_US'} />
        <meta name="twitter:card" content={meta.ogImage ? 'summary_large_image' : 'summary'} />
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={STYLESHEET_PATH} />
        {props.scripts?.map((s) => (
          <script type="module" src={s} defer />
        ))}
      </head>
      <body>
        <a class="skip" href="#main">
          {L.skip[locale]}
        </a>
        <header class="top">
          <a class="brand" href={props.nav === 'console' ? '/console' : '/'}>
            Aula
          </a>
          <nav aria-label={locale === 'id' ? 'Navigasi' : 'Navigation'}>
            {props.user ? (
              <>
                <a href="/console">{L.console[locale]}</a>
                {props.user.role === 'admin' || props.user.role === 'organizer' ? (
                  <a href="/console/users">{L.accounts[locale]}</a>
                ) : null}
                <form method="post" action="/logout" style="display:inline">
                  {props.csrf ? <input type="hidden" name="_csrf" value={props.csrf} /> : null}
                  <button class="secondary" type="submit">
                    {L.logout[locale]}
                  </button>
                </form>
              </>
            ) : props.nav === 'console' ? (
              <a href="/login">{L.login[locale]}</a>
            ) : null}
            <a href={langHref(props.path, other)} hreflang={other} lang={other}>
              {other === 'en' ? 'English' : 'Bahasa Indonesia'}
            </a>
          </nav>
        </header>
        <main id="main">{props.children}</main>
        <footer>{L.footer[locale]}</footer>
      </body>
    </html>
  );
}

export function Notice(props: { kind?: 'error' | 'ok'; children: Children }) {
  return (
    <div class={`notice ${props.kind ?? ''}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </div>
  );
}
