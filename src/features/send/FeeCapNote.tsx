import type { FeePresetName, FeePresets } from '../../core/fees/presets'
import { GweiAmount } from '../../shared/ui/Amount'

const label: Record<FeePresetName, string> = { slow: 'Slow', normal: 'Normal', fast: 'Fast' }

/** The presets' upper bound, and which preset it held back (recent blocks paid far more than usual). */
export function FeeCapNote({ presets }: { presets: FeePresets }) {
  const capped = (Object.keys(presets.capped) as FeePresetName[]).filter(
    (n) => presets.capped[n] !== undefined,
  )
  return (
    <p className="muted" data-testid="fee-cap">
      Presets are capped at a tip of <GweiAmount wei={presets.cap.tip} /> (2 × the base fee, at least 2 gwei),
      so a max fee of at most <GweiAmount wei={presets.cap.maxFee} />.
      {capped.map((name) => (
        <span key={name}>
          {' '}
          {label[name]} was held at the cap: recent blocks tipped{' '}
          <GweiAmount wei={presets.capped[name] ?? 0n} />.
        </span>
      ))}
    </p>
  )
}
