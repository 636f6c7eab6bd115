import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import type { z } from 'zod';
import type { BudgetView } from '../../../src/adapters/tab/contract';
import { formatSek } from '../../../src/domain/budget';
import { useMessages } from '../i18n';
import { Facts } from './Facts';
import { Heading, type Level } from './Heading';

const useStyles = makeStyles({
  text: { margin: 0, maxWidth: '60rem' },
  scroll: { overflowX: 'auto', maxWidth: '100%' },
  table: { borderCollapse: 'collapse', width: '100%', ...typographyStyles.body1, color: tokens.colorNeutralForeground1 },
  th: {
    textAlign: 'start',
    verticalAlign: 'bottom',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
    ...typographyStyles.body1Strong,
  },
  td: { textAlign: 'start', verticalAlign: 'top', padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  num: { textAlign: 'end', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  /** Read by screen readers, not shown. */
  srOnly: { position: 'absolute', width: '1px', height: '1px', margin: '-1px', padding: 0, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0 },
});

/**
 * A team's budget: what it has, has used, waits for HR and has left, and every expense (the team's own view and the
 * coordinators' read the same part). The table scrolls sideways on a narrow screen, a named region the keyboard can
 * scroll too.
 */
export function BudgetPart({ budget, caption, idPrefix, level }: { budget: z.output<typeof BudgetView>; caption: string; idPrefix: string; level: Level }) {
  const m = useMessages();
  const styles = useStyles();
  const t = m.tab.participant;
  return (
    <>
      <Facts
        columns
        rows={[
          [t.allocated, formatSek(budget.allocatedOre)],
          [t.spent, formatSek(budget.spentOre)],
          [t.pending, formatSek(budget.pendingOre)],
          [t.left, formatSek(budget.leftOre)],
        ]}
      />
      <Heading level={level} id={`${idPrefix}-expenses`}>
        {t.expensesTitle}
      </Heading>
      {budget.expenses.length === 0 ? (
        <p className={styles.text}>{t.expensesNone}</p>
      ) : (
        <div className={styles.scroll} role="region" aria-labelledby={`${idPrefix}-expenses-caption`} tabIndex={0}>
          <table className={styles.table}>
            <caption id={`${idPrefix}-expenses-caption`} className={styles.srOnly}>
              {caption}
            </caption>
            <thead>
              <tr>
                <th scope="col" className={`${styles.th} ${styles.num}`}>
                  {t.expenseColumns.amount}
                </th>
                <th scope="col" className={styles.th}>
                  {t.expenseColumns.description}
                </th>
                <th scope="col" className={styles.th}>
                  {t.expenseColumns.reportedBy}
                </th>
                <th scope="col" className={styles.th}>
                  {t.expenseColumns.status}
                </th>
              </tr>
            </thead>
            <tbody>
              {budget.expenses.map((x) => (
                <tr key={x.id}>
                  <td className={`${styles.td} ${styles.num}`}>{formatSek(x.ore)}</td>
                  <td className={styles.td}>{x.description}</td>
                  <td className={styles.td}>
                    {[x.reportedByName, m.tab.at(x.reportedAt)].filter(Boolean).join(', ')}
                  </td>
                  <td className={styles.td}>
                    {t.expenseStatus[x.status]}
                    {x.decidedAt ? `, ${m.date(x.decidedAt)}` : ''}
                    {x.reason ? (
                      <>
                        <br />
                        {m.tab.application.reason(x.reason)}
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
