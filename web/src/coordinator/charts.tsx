import { DataVizPalette, getColorFromToken, GroupedVerticalBarChart, type GroupedVerticalBarChartData } from '@fluentui/react-charts';
import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import type React from 'react';
import { useId, useLayoutEffect, useRef, useState } from 'react';
import { useCoordinatorMessages } from './texts';

/**
 * The charts of the coordinators' and the steering group's views (@fluentui/react-charts: only this lazy chunk
 * imports it). A chart is the picture of a table that stands beside it: the table is what screen readers and the
 * keyboard read, so the chart is `inert` (its dozens of focusable bars would otherwise each be a Tab stop) and its
 * caption says where the figures are.
 */

const useStyles = makeStyles({
  figure: { margin: 0, display: 'grid', gap: tokens.spacingVerticalS, minWidth: 0 },
  caption: { ...typographyStyles.body1Strong, color: tokens.colorNeutralForeground1 },
  note: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2 },
  // The legend's names are written as they should be read (the library capitalises every word).
  chart: { minWidth: 0, overflow: 'hidden', '& .fui-legend__text': { textTransform: 'none' } },
});

/** Distinct colours of the data-visualisation palette, which Fluent adapts to the dark and high-contrast themes. */
const COLOURS = [DataVizPalette.color1, DataVizPalette.color2, DataVizPalette.color3, DataVizPalette.color4, DataVizPalette.color5, DataVizPalette.color6, DataVizPalette.color7, DataVizPalette.color8];

/**
 * Whether the page around `ref` has a dark background: the theme's own variable, read where the chart is (the
 * palette's colours differ in dark mode, and the bars take plain colours, not tokens).
 */
function useDark(ref: React.RefObject<HTMLElement | null>): boolean {
  const [dark, setDark] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const value = getComputedStyle(el).getPropertyValue('--colorNeutralBackground1').trim();
    const hex = /^#([0-9a-f]{6})$/i.exec(value)?.[1];
    if (!hex) return;
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
    setDark(0.299 * r! + 0.587 * g! + 0.114 * b! < 128);
  });
  return dark;
}

export interface BarGroup {
  /** The group's name under the axis (a municipality). */
  readonly name: string;
  /** One bar per series, in the order of `series`. */
  readonly values: readonly number[];
}

/** Bars grouped by municipality, one colour per series, with its legend. */
export function GroupedBars({ title, series, groups, format, height = 320 }: { title: string; series: readonly string[]; groups: readonly BarGroup[]; format: (n: number) => string; height?: number }) {
  const m = useCoordinatorMessages();
  const styles = useStyles();
  const id = useId();
  const ref = useRef<HTMLElement>(null);
  const dark = useDark(ref);
  const data: GroupedVerticalBarChartData[] = groups.map((g) => ({
    name: g.name,
    series: series.map((legend, i) => ({
      key: `${g.name}-${i}`,
      legend,
      data: g.values[i] ?? 0,
      color: getColorFromToken(COLOURS[i % COLOURS.length]!, dark),
      xAxisCalloutData: g.name,
      yAxisCalloutData: format(g.values[i] ?? 0),
    })),
  }));
  return (
    <figure ref={ref} className={styles.figure} aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className={styles.caption}>
        {title} <span className={styles.note}>{m.tab.coordinator.chartTable}</span>
      </figcaption>
      <div className={styles.chart} inert>
        <GroupedVerticalBarChart data={data} chartTitle={title} height={height} culture={m.tab.lang === 'sv' ? 'sv-SE' : 'en-GB'} yAxisTickFormat={(v: number) => m.tab.coordinator.number(v)} margins={{ left: 72 }} barWidth="auto" maxBarWidth={24} hideLabels roundCorners wrapXAxisLables />
      </div>
    </figure>
  );
}
