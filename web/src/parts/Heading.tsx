import { makeStyles, mergeClasses, tokens, typographyStyles } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  base: { margin: 0, color: tokens.colorNeutralForeground1 },
  h1: { ...typographyStyles.title2 },
  h2: { ...typographyStyles.subtitle1 },
  h3: { ...typographyStyles.subtitle2 },
  h4: { ...typographyStyles.body1Strong },
  h5: { ...typographyStyles.body1Strong },
});

export type Level = 1 | 2 | 3 | 4 | 5;

/**
 * A real heading element (h1–h5), styled with Fluent's type ramp, so the page has an outline screen readers can walk.
 * Each page has one h1 in <main>: the view's title (the app's name in the header is not a heading once signed in).
 */
export function Heading({ level, id, children, className, focusable }: { level: Level; id?: string; children: ReactNode; className?: string; focusable?: boolean }) {
  const styles = useStyles();
  const Tag = `h${level}` as const;
  return (
    <Tag id={id} className={mergeClasses(styles.base, styles[Tag], className)} {...(focusable ? { tabIndex: -1 } : {})}>
      {children}
    </Tag>
  );
}

/** Moves the keyboard focus to the view's heading (after the thing that had it went away). */
export const focusViewTitle = (): void => document.getElementById('view-title')?.focus();

/** One level down, at most h5. */
export const below = (level: Level): Level => Math.min(level + 1, 5) as Level;
