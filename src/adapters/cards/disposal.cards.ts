import { RECORD_TYPES, retentionRules, type DisposalRecord, type DisposalRule } from '../../domain/retention';
import type { Messages } from '../../i18n';
import { ruleText } from '../../i18n/retention-words';
import type { DisposalPlan } from '../../use-cases/programme/disposal';
import { bullets, card, facts, heading, plain, text, title, type AdaptiveCard } from './card-kit';

/** The most rows a dry-run list shows (the card stays under Teams' size limit); the rest are counted. */
export const LIST_ROWS_SHOWN = 50;

/** "3 ansökningar ej antagna, 1 ansökan utkast", or "inget". */
function countsText(disposed: Readonly<Partial<Record<DisposalRule, number>>>, m: Messages): string {
  const parts = (Object.entries(disposed) as [DisposalRule, number][]).filter(([, n]) => n > 0).map(([rule, n]) => m.disposal.plan.count(n, m.disposal.ruleName[rule]));
  return parts.length > 0 ? parts.join(', ') : m.disposal.plan.nothing;
}

/** `gallringsplan`: the rules per record type, the decision, the next notice, the holds and the latest runs. */
export function disposalPlanCard(plan: DisposalPlan, names: Readonly<Record<string, string>>, m: Messages): AdaptiveCard {
  const p = m.disposal.plan;
  const rules = retentionRules(plan.retention);
  const decision = plan.retention.decision;
  const holds = plan.retention.holds ?? [];
  return card([
    title(p.title),
    text(p.intro, { isSubtle: true }),
    heading(p.rules),
    facts(RECORD_TYPES.map((type) => [m.disposal.recordType[type], ruleText(rules[type], m)] as const)),
    text(decision ? p.decision(plain(decision.reference), plain(names[decision.approvedBy] ?? decision.approvedBy), m.disposal.at(decision.approvedAt)) : p.noDecision),
    ...(plan.nextNotice ? [text(p.nextNotice(m.disposal.at(plan.nextNotice.toISOString())))] : []),
    ...(holds.length > 0 ? [heading(p.holds), bullets(holds.map((h) => p.hold(h.applicationId, plain(h.reason))))] : []),
    heading(p.records),
    plan.records.length > 0
      ? bullets(
          plan.records.map((r) =>
            r.status === 'done'
              ? p.record(plain(r.cohortName), m.disposal.at(r.doneAt ?? r.runAt), countsText(r.disposed ?? {}, m) + ((r.held ?? []).length > 0 ? `, ${p.heldCount((r.held ?? []).length)}` : ''), plain(r.decision.reference))
              : p.planned(plain(r.cohortName), m.disposal.at(r.runAt), r.planned.length),
          ),
        )
      : text(p.noRecords, { isSubtle: true }),
  ]);
}

/** The dry-run list to coordinators: what the run will dispose of, under which rule, from which date, and how to hold one. */
export function disposalListCard(record: DisposalRecord, cohortName: string, m: Messages): AdaptiveCard {
  const l = m.disposal.list;
  const shown = record.planned.slice(0, LIST_ROWS_SHOWN);
  return card([
    title(l.title(plain(cohortName))),
    text(l.intro(record.planned.length, m.disposal.at(record.runAt))),
    text(l.decision(plain(record.decision.reference)), { isSubtle: true }),
    {
      type: 'Table',
      firstRowAsHeader: true,
      showGridLines: false,
      columns: [{ width: 2 }, { width: 2 }, { width: 2 }],
      rows: [[l.columns.id, l.columns.rule, l.columns.on], ...shown.map((x) => [x.applicationId, m.disposal.ruleName[x.rule], m.disposal.day(x.on)])].map((cells, i) => ({
        type: 'TableRow',
        cells: cells.map((v) => ({ type: 'TableCell', items: [text(v, { size: 'Small', ...(i === 0 ? { weight: 'Bolder' } : {}) })] })),
      })),
    },
    ...(record.planned.length > shown.length ? [text(l.more(record.planned.length - shown.length), { isSubtle: true })] : []),
    text(l.hold),
  ]);
}
