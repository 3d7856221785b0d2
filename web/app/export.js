// Export of what a panel shows: CSV of its data (any panel), PNG of a chart.

const cell = (v) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** Rows of cells for any answer the panels draw (series, breakdown, summary, alerts). */
export function csvRows(data) {
  if (data.series) {
    const periods = [...new Set(data.series.flatMap((s) => s.points.map((p) => p.period)))].sort();
    const rows = [['period', ...data.series.map((s) => s.key)]];
    const maps = data.series.map((s) => new Map(s.points.map((p) => [p.period, p.value])));
    for (const p of periods) {
      rows.push([p, ...maps.map((m) => m.get(p) ?? '')]);
    }
    return rows;
  }
  if (data.rows) {
    return [[data.by || 'key', data.metric || 'value'], ...data.rows.map((r) => [r.key, r.value])];
  }
  if (data.metrics) {
    return [['metric', data.period, data.previous, 'change'],
      ...Object.entries(data.metrics).map(([k, m]) => [k, m.value, m.previous, m.change])];
  }
  if (data.alerts) {
    return [['id', 'rule', 'state', 'severity', 'group', 'value', 'threshold', 'since', 'explanation'],
      ...data.alerts.map((a) => [a.id, a.rule, a.state, a.severity,
        Object.entries(a.group || {}).map(([k, v]) => `${k}=${v}`).join(' '), a.value, a.threshold, a.since, a.explanation])];
  }
  return [];
}

export const toCsv = (data) => csvRows(data).map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';

function download(name, href) {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
}

export function downloadCsv(name, data) {
  const url = URL.createObjectURL(new Blob([toCsv(data)], { type: 'text/csv' }));
  download(`${name}.csv`, url);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadPng(name, chart, background) {
  download(`${name}.png`, chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: background }));
}

