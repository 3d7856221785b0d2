// ECharts options from query answers. Pure functions: the same answer gives the same option,
// so an update merges in place (zoom, legend selection and hover stay).
import { colorFor, fixedColor, formatValue, humanize, isRate, metricName } from '../format.js';

const ALL = (data) => metricName(data.metric);

function axisText(ctx) {
  return { fontSize: Math.round(12 * ctx.scale) };
}

function base(ctx) {
  return {
    backgroundColor: 'transparent',
    textStyle: { fontSize: Math.round(12 * ctx.scale) },
    animationDurationUpdate: 300,
    tooltip: { confine: true },
  };
}

/** Bars or lines over periods, one series per group. */
export function seriesOption(panel, data, ctx) {
  const periods = [...new Set(data.series.flatMap((s) => s.points.map((p) => p.period)))].sort();
  const missing = isRate(data.metric) ? null : 0;
  const type = panel.type === 'line' ? 'line' : 'bar';
  const series = data.series.map((s) => {
    const byPeriod = new Map(s.points.map((p) => [p.period, p.value]));
    return {
      id: s.key,
      name: s.key === 'all' || s.key === '*' ? ALL(data) : humanize(s.key),
      type,
      stack: panel.options?.stacked ? 'total' : undefined,
      data: periods.map((p) => byPeriod.get(p) ?? missing),
      itemStyle: { color: colorFor(s.key) },
      lineStyle: { width: 2 * ctx.scale },
      showSymbol: periods.length <= 40,
      emphasis: { focus: 'series' },
      groupKey: s.key,
    };
  });
  const horizontal = panel.options?.horizontal;
  const cat = { type: 'category', data: periods, axisLabel: axisText(ctx) };
  const val = { type: 'value', axisLabel: { ...axisText(ctx), formatter: (v) => formatValue(data.metric, v, true) } };
  return {
    ...base(ctx),
    tooltip: { trigger: 'axis', confine: true, valueFormatter: (v) => formatValue(data.metric, v) },
    legend: { type: 'scroll', top: 0, textStyle: axisText(ctx) },
    grid: { left: 8, right: 16, top: 30 * ctx.scale, bottom: 8, containLabel: true },
    xAxis: horizontal ? val : cat,
    yAxis: horizontal ? cat : val,
    dataZoom: periods.length > 30 ? [{ type: 'inside' }] : [],
    series,
  };
}

/** A breakdown as bars, largest first (top to bottom when horizontal). */
export function breakdownBarOption(panel, data, ctx) {
  const rows = data.rows;
  const horizontal = panel.options?.horizontal;
  const keys = rows.map((r) => r.key);
  const cat = { type: 'category', data: keys.map(humanize), inverse: horizontal, axisLabel: axisText(ctx) };
  const val = { type: 'value', axisLabel: { ...axisText(ctx), formatter: (v) => formatValue(data.metric, v, true) } };
  return {
    ...base(ctx),
    tooltip: { trigger: 'axis', confine: true, valueFormatter: (v) => formatValue(data.metric, v) },
    grid: { left: 8, right: 24, top: 10, bottom: 8, containLabel: true },
    xAxis: horizontal ? val : cat,
    yAxis: horizontal ? cat : val,
    series: [{
      id: 'rows', name: metricName(data.metric), type: 'bar',
      data: rows.map((r) => ({ value: r.value, key: r.key, itemStyle: { color: fixedColor(r.key) || ctx.accent } })),
    }],
  };
}

export function donutOption(panel, data, ctx) {
  return {
    ...base(ctx),
    tooltip: { trigger: 'item', confine: true, valueFormatter: (v) => formatValue(data.metric, v) },
    legend: { bottom: 0, textStyle: axisText(ctx) },
    series: [{
      id: 'rows', name: metricName(data.metric), type: 'pie', radius: ['42%', '70%'], center: ['50%', '45%'],
      label: { formatter: '{d}%', fontSize: Math.round(12 * ctx.scale) },
      data: data.rows.map((r) => ({ name: humanize(r.key), value: r.value, key: r.key, itemStyle: { color: colorFor(r.key) } })),
    }],
  };
}

/** Countries coloured by the metric (the boundaries ship in asean.geo.json). */
export function mapOption(panel, data, ctx) {
  const values = data.rows.map((r) => r.value).filter((v) => v !== null);
  const dark = ctx.theme === 'dark';
  return {
    ...base(ctx),
    tooltip: { trigger: 'item', confine: true,
      formatter: (p) => `${humanize(p.name)}: ${formatValue(data.metric, p.value)}` },
    visualMap: {
      min: values.length ? Math.min(...values) : 0, max: values.length ? Math.max(...values) : 1,
      precision: data.metric === 'fraud_rate' ? 3 : isRate(data.metric) ? 1 : 0, calculable: true, left: 8, bottom: 8,
      text: ['high', 'low'], textStyle: axisText(ctx),
      inRange: { color: dark ? ['#1d3557', '#f4a261', '#e63946'] : ['#e8f1fb', '#5b9bd5', '#b3261e'] },
    },
    series: [{
      id: 'map', type: 'map', map: 'asean', nameProperty: 'name', roam: true,
      itemStyle: { areaColor: dark ? '#222b36' : '#eef1f5', borderColor: dark ? '#58677a' : '#8a96a6' },
      emphasis: { label: { show: true, color: dark ? '#fff' : '#000', formatter: (p) => humanize(p.name) } },
      label: { show: false },
      data: data.rows.map((r) => ({ name: r.key, value: r.value })),
    }],
  };
}
