import { RESTRICTION_REASON_MAX } from '../../domain/restriction';
import type { TabLink } from '../tab/deep-link';
import { tabViews } from '../tab/deep-link';
import { liftRestriction, registerExtract, restrictions, restrictPerson, type PrivacyDeps } from '../../use-cases/privacy';
import { plain } from '../cards/card-kit';
import { privacyCard, registerExtractCard } from '../cards/privacy.cards';
import { explain } from './explain';
import type { Caller, Reply } from './turn';

/** An e-mail address typed as the first word of a command (what the directory looks up); linear, capped. */
function firstWord(args: string): { word: string; rest: string } {
  const text = args.trim().slice(0, 600);
  const space = text.search(/\s/);
  return space < 0 ? { word: text, rest: '' } : { word: text.slice(0, space), rest: text.slice(space + 1).trim() };
}

/**
 * Personal data (ADR 0019): `mina uppgifter` (anyone, their own extract), `registerutdrag <e-post>`, `begränsa <e-post>
 * <skäl>`, `häv begränsning <e-post>` (coordinators, decided by the use cases from the stored settings) and
 * `integritet` (anyone). Nothing typed decides who may do what.
 */
export class PrivacyHandlers {
  constructor(private readonly deps: PrivacyDeps & { readonly tabLink?: TabLink }) {}

  async myData(caller: Caller): Promise<Reply[]> {
    const done = await registerExtract(this.deps, caller.id, null, 'chat');
    if (!done.ok) return [{ text: explain(done.error, caller.m) }];
    return [{ card: registerExtractCard(done.value, caller.m, { forOther: false, ...(this.deps.tabLink ? { tabLink: this.deps.tabLink(tabViews.myData()) } : {}) }) }];
  }

  async extract(caller: Caller, args: string): Promise<Reply[]> {
    const e = caller.m.privacy.extract;
    const { word } = firstWord(args);
    if (!word.includes('@')) return [{ text: e.usage }];
    const done = await registerExtract(this.deps, caller.id, word, 'chat');
    if (!done.ok) return [{ text: done.error.code === 'NOT_FOUND' ? e.notFound : done.error.code === 'INVALID_INPUT' ? e.usage : explain(done.error, caller.m) }];
    return [{ card: registerExtractCard(done.value, caller.m, { forOther: true, ...(this.deps.tabLink ? { tabLink: this.deps.tabLink(tabViews.myData()) } : {}) }) }];
  }

  async restrict(caller: Caller, args: string): Promise<Reply[]> {
    const r = caller.m.privacy.restrict;
    const { word, rest } = firstWord(args);
    if (!word) {
      const list = await restrictions(this.deps, caller.id);
      if (!list.ok) return [{ text: explain(list.error, caller.m) }];
      if (list.value.length === 0) return [{ text: r.none }];
      return [{ text: [r.list, ...list.value.map((x) => `- ${r.item(plain(x.name), plain(x.reason), caller.m.privacy.at(x.at))}`)].join('\n') }];
    }
    if (!word.includes('@')) return [{ text: r.usage }];
    if (!rest || rest.length > RESTRICTION_REASON_MAX) return [{ text: r.badReason }];
    const done = await restrictPerson(this.deps, caller.id, word, rest);
    if (!done.ok) return [{ text: done.error.code === 'NOT_FOUND' ? r.notFound : done.error.code === 'INVALID_INPUT' ? (done.error.detail === 'full' ? r.tooMany : r.badReason) : explain(done.error, caller.m) }];
    return [{ text: r.done(plain(done.value.person.name)) }];
  }

  async unrestrict(caller: Caller, args: string): Promise<Reply[]> {
    const r = caller.m.privacy.restrict;
    const { word } = firstWord(args);
    if (!word.includes('@')) return [{ text: r.liftUsage }];
    const done = await liftRestriction(this.deps, caller.id, word);
    if (!done.ok) return [{ text: done.error.code === 'NOT_FOUND' ? r.notFound : done.error.code === 'INVALID_INPUT' ? r.liftUsage : explain(done.error, caller.m) }];
    return [{ text: done.value.wasRestricted ? r.lifted(plain(done.value.person.name)) : r.notRestricted(plain(done.value.person.name)) }];
  }

  async privacy(caller: Caller): Promise<Reply[]> {
    const settings = (await this.deps.settings.get())?.value;
    return [{ card: privacyCard(settings?.retention, caller.m, this.deps.tabLink?.(tabViews.privacy())) }];
  }
}
