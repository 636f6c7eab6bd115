import type { Messages } from '../../i18n';
import { card, facts, plain, text, title, type AdaptiveCard } from './card-kit';

export interface WhoamiCardData {
  readonly name: string;
  readonly municipality?: string;
  readonly administration?: string;
  readonly roleNames: readonly string[];
  readonly known: boolean;
}

export function whoamiCard(data: WhoamiCardData, m: Messages): AdaptiveCard {
  const rows: [string, string][] = [];
  if (data.municipality) rows.push([m.whoami.municipality, plain(data.municipality)]);
  if (data.administration) rows.push([m.whoami.administration, plain(data.administration)]);
  rows.push([m.whoami.roles, m.list(data.roleNames)]);
  return card([
    title(m.whoami.title),
    text(plain(data.name), { weight: 'Bolder' }),
    ...(data.known ? [] : [text(m.whoami.unknownPerson, { isSubtle: true })]),
    facts(rows),
  ]);
}
