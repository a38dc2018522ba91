import { type Level, type SummaryLine, summarizeSettings } from '../../core/protect/summary'
import type { ProtectSettings } from '../../core/protect/url'

const rows: Array<[keyof ReturnType<typeof summarizeSettings>, string]> = [
  ['privacy', 'Privacy'],
  ['speed', 'Speed'],
  ['refund', 'Refund likelihood'],
]

/** Privacy, speed and refund likelihood of the settings, each in a word and a reason. */
export function ProtectSummary({ settings, stale }: { settings: ProtectSettings; stale: boolean }) {
  const summary = summarizeSettings(settings)
  return (
    <section
      className={stale ? 'protect-summary protect-stale' : 'protect-summary'}
      aria-label="What these settings mean"
      data-testid="protect-summary"
    >
      <h3>What these settings mean</h3>
      <dl>
        {rows.map(([key, name]) => (
          <Row key={key} name={name} line={summary[key]} />
        ))}
      </dl>
    </section>
  )
}

function Row({ name, line }: { name: string; line: SummaryLine }) {
  return (
    <div className="protect-summary-row" data-testid={`protect-summary-${name.split(' ')[0]?.toLowerCase()}`}>
      <dt>{name}</dt>
      <dd>
        <span className={`level level-${line.level}`}>
          <LevelMark level={line.level} />
          {line.word}
        </span>{' '}
        <span className="muted">{line.why}</span>
      </dd>
    </div>
  )
}

/** Three bars, as many filled as the level: the word says it too. */
function LevelMark({ level }: { level: Level }) {
  const filled = level === 'high' ? 3 : level === 'medium' ? 2 : 1
  return (
    <svg viewBox="0 0 18 12" width="18" height="12" aria-hidden="true">
      {[0, 1, 2].map((i) => (
        <rect
          key={i}
          x={i * 6}
          y={8 - i * 4}
          width="4"
          height={4 + i * 4}
          rx="1"
          fill="currentColor"
          opacity={i < filled ? 1 : 0.25}
        />
      ))}
    </svg>
  )
}
