/**
 * The daily report's trend chart (docs/reports.md "Chart"): Apache ECharts renders SVG server-side (its `ssr`
 * mode, no DOM, no canvas) and resvg (a Rust rasteriser shipped as an npm package per platform) turns it into
 * PNG. Nothing is downloaded at install or at run time; text uses the system's fonts (CJK when installed).
 */
import * as echarts from 'echarts';
import { Resvg } from '@resvg/resvg-js';
import type { ChartRenderer, TrendChartInput } from '../../domain/ports/report-queries.port';

export function trendChartSvg(input: TrendChartInput): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: input.width, height: input.height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      title: { text: input.labels.title, left: 'center', top: 8, textStyle: { fontSize: 16 } },
      legend: { data: [input.labels.created, input.labels.resolved, input.labels.backlog], bottom: 8 },
      grid: { left: 48, right: 56, top: 48, bottom: 64 },
      xAxis: { type: 'category', data: input.days.map((d) => d.slice(5)) },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        { name: input.labels.created, type: 'bar', data: input.created, itemStyle: { color: '#3b82f6' } },
        { name: input.labels.resolved, type: 'bar', data: input.resolved, itemStyle: { color: '#22c55e' } },
        { name: input.labels.backlog, type: 'line', yAxisIndex: 1, data: input.backlog, itemStyle: { color: '#f97316' } },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export class EchartsChartRenderer implements ChartRenderer {
  async renderTrendPng(input: TrendChartInput): Promise<Uint8Array> {
    const svg = trendChartSvg(input);
    const png = new Resvg(svg, {
      background: '#ffffff',
      fitTo: { mode: 'width', value: input.width },
      font: { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' },
    })
      .render()
      .asPng();
    return new Uint8Array(png);
  }
}
