import { makeStyles, mergeClasses, tokens, typographyStyles } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  list: { margin: 0, display: 'grid', gap: tokens.spacingVerticalS },
  columns: { gridTemplateColumns: 'repeat(auto-fill, minmax(10rem, 1fr))', columnGap: tokens.spacingHorizontalXL },
  row: { display: 'grid', gap: tokens.spacingVerticalXXS },
  term: { ...typographyStyles.caption1Strong, color: tokens.colorNeutralForeground2 },
  value: { margin: 0, ...typographyStyles.body1, color: tokens.colorNeutralForeground1, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});

/** Label and value pairs as a description list (side by side with `columns`); rows without a value are left out. */
export function Facts({ rows, columns = false }: { rows: readonly (readonly [string, ReactNode] | false | null | undefined)[]; columns?: boolean }) {
  const styles = useStyles();
  const shown = rows.filter((r): r is readonly [string, ReactNode] => Boolean(r));
  if (shown.length === 0) return null;
  return (
    <dl className={mergeClasses(styles.list, columns && styles.columns)}>
      {shown.map(([term, value]) => (
        <div key={term} className={styles.row}>
          <dt className={styles.term}>{term}</dt>
          <dd className={styles.value}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
