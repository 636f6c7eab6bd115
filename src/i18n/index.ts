import { en } from './en';
import { sv, type Messages } from './sv';

export type Locale = 'sv' | 'en';
export type { Messages };

/** Swedish first: English only when the Teams client says so; anything else gets Swedish. */
export function localeFrom(teamsLocale: string | undefined | null, override?: Locale): Locale {
  if (override) return override;
  return teamsLocale && /^en(-|_|$)/i.test(teamsLocale) ? 'en' : 'sv';
}

export function messages(locale: Locale): Messages {
  return locale === 'en' ? en : sv;
}
