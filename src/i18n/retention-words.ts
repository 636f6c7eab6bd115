import type { RetentionRule } from '../domain/retention';
import type { Messages } from './sv';

/** A retention rule in words: the disposal plan, the privacy notice in the chat and the tab say it the same way, so all stay true. */
export function ruleText(rule: RetentionRule, m: Messages): string {
  const r = m.disposal.rule;
  switch (rule.kind) {
    case 'keep':
      return r.keep;
    case 'dispose':
      return rule.period === 'notSelectedYears' ? r.notSelectedYears(rule.n) : r.draftMonths(rule.n);
    case 'afterYearEnd':
      return r.expenseYears(rule.n);
    case 'follows':
      return r.follows;
    case 'ttl':
      return r.ttl(rule.days);
  }
}
