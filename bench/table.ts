/** One printed table of `npm run bench`. Every figure must be measured in the same run. */
export type BenchTable = {
  title: string
  columns: string[]
  rows: Array<Array<string | number>>
  notes?: string[]
}

export function formatTable(table: BenchTable): string {
  const cells = [table.columns, ...table.rows.map((r) => r.map(String))]
  const widths = table.columns.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)))
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`
  const out = [
    `### ${table.title}`,
    '',
    line(table.columns),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
  ]
  for (const r of cells.slice(1)) out.push(line(r))
  for (const n of table.notes ?? []) out.push('', n)
  return out.join('\n')
}
