import { applicationIdFrom } from '../../domain/ids';
import { RETENTION_LIMITS, RETENTION_PERIODS, type RetentionPeriod } from '../../domain/retention';
import { adoptRetention, disposalPlan, holdDisposal, setRetentionPeriod, type DisposalDeps } from '../../use-cases/programme/disposal';
import { disposalPlanCard } from '../cards/disposal.cards';
import { plain } from '../cards/card-kit';
import { explain } from './explain';
import type { Caller, Reply } from './turn';
import { normalise } from './commands';
import { disposalSv } from '../../i18n/disposal.sv';
import { disposalEn } from '../../i18n/disposal.en';

/** A period's word in either language ("ej-antagna", "not-selected", …), as typed. */
function periodFrom(word: string): RetentionPeriod | undefined {
  const w = normalise(word);
  return RETENTION_PERIODS.find((p) => normalise(disposalSv.period[p]) === w || normalise(disposalEn.period[p]) === w);
}

/**
 * Disposal (gallring, ADR 0018): `gallringsplan [beslut <diarienummer> | <regel> <antal>]`, `spärra gallring <id> <skäl>`
 * and `häv spärr <id>`. Coordinators only, decided by the use cases from the stored settings.
 */
export class DisposalHandlers {
  constructor(private readonly deps: DisposalDeps) {}

  async plan(caller: Caller, args: string): Promise<Reply[]> {
    const p = caller.m.disposal.plan;
    const words = args.trim().split(/\s+/).filter(Boolean);
    const first = normalise(words[0] ?? '');
    if (words.length === 0) {
      const shown = await disposalPlan(this.deps, caller.id);
      if (!shown.ok) return [{ text: explain(shown.error, caller.m) }];
      const approver = shown.value.retention.decision?.approvedBy;
      const person = approver ? await this.deps.directory.getPerson(approver) : null;
      return [{ card: disposalPlanCard(shown.value, approver && person ? { [approver]: person.name } : {}, caller.m) }];
    }
    if (['beslut', 'approve', 'decision'].includes(first)) {
      const reference = args.trim().slice(words[0]?.length ?? 0).trim();
      const done = await adoptRetention(this.deps, caller.id, reference);
      if (!done.ok) return [{ text: done.error.code === 'INVALID_INPUT' ? p.badReference : explain(done.error, caller.m) }];
      return [{ text: p.adopted(plain(reference), caller.m.disposal.at(done.value.nextNotice.toISOString())) }];
    }
    const period = periodFrom(words[0] ?? '');
    if (!period || words.length !== 2) return [{ text: p.usage }];
    const n = Number(words[1]);
    const [min, max] = RETENTION_LIMITS[period];
    const done = await setRetentionPeriod(this.deps, caller.id, period, n);
    if (!done.ok) return [{ text: done.error.code === 'INVALID_INPUT' ? p.badNumber(caller.m.disposal.period[period], min, max) : explain(done.error, caller.m) }];
    return [{ text: p.changed }];
  }

  async hold(caller: Caller, args: string, on: boolean): Promise<Reply[]> {
    const h = caller.m.disposal.hold;
    const text = args.trim();
    const [typed = '', ...rest] = text.split(/\s+/);
    const id = applicationIdFrom(typed);
    if (!id) return [{ text: on ? h.usage : h.releaseUsage }];
    const done = await holdDisposal(this.deps, caller.id, id, on ? rest.join(' ') : null);
    if (!done.ok) {
      if (done.error.code === 'INVALID_INPUT') return [{ text: h.badReason }];
      if (done.error.code === 'NOT_FOUND') return [{ text: caller.m.programme.show.notFound(id) }];
      return [{ text: explain(done.error, caller.m) }];
    }
    return [{ text: on ? h.held(done.value.application.id) : h.released(done.value.application.id) }];
  }
}
