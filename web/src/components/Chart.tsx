import { BarChart, GaugeChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { BarSeriesOption, GaugeSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { useEffect, useRef } from 'react';

// Only what the console draws is bundled (tree-shaken ECharts), on the canvas renderer.
use([BarChart, LineChart, PieChart, GaugeChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | PieSeriesOption | GaugeSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption>;

interface Props {
  option: ChartOption;
  /** what the chart shows, for screen readers (pages put the figures in a table or tiles beside it) */
  label: string;
  height?: number | string;
  dark?: boolean;
  testId?: string;
}

/**
 * An ECharts chart (canvas). The container carries `data-rendered="true"` once ECharts has finished
 * drawing the current option, so tests and benchmarks can wait for every chart on a page.
 */
export function Chart({ option, label, height = 280, dark = false, testId }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const c = init(el, dark ? 'dark' : undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('finished', () => el.setAttribute('data-rendered', 'true'));
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [dark]);

  useEffect(() => {
    const c = chart.current;
    if (!c || !ref.current) return;
    ref.current.setAttribute('data-rendered', 'false');
    c.setOption({ backgroundColor: 'transparent', ...option }, { notMerge: true });
  }, [option, label, dark]);

  return <div ref={ref} role="img" aria-label={label} data-chart={testId ?? ''} data-testid={testId} style={{ width: '100%', height }} />;
}
