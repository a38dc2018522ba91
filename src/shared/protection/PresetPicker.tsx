import { useId } from 'react'
import { applyPreset, type PresetId, presetIds, protectPresets } from '../../core/protect/presets'
import { summarizeSettings } from '../../core/protect/summary'
import type { ProtectSettings } from '../../core/protect/url'

/**
 * The three presets with their Privacy / Speed / Refund meter, in words. Used in Settings and where a wallet is
 * protected, so the trade-off is seen before it is chosen. "Custom" shows when the settings match none.
 */
export function PresetPicker(props: {
  base: ProtectSettings
  value: PresetId | 'custom'
  onChange: (id: PresetId) => void
}) {
  const name = useId()
  return (
    <fieldset className="protect-presets" data-testid="protect-presets">
      <legend>Privacy preset</legend>
      {presetIds.map((id) => {
        const preset = protectPresets[id]
        const meter = summarizeSettings(applyPreset(props.base, id))
        return (
          <label key={id} className="protect-choice">
            <input
              type="radio"
              name={name}
              value={id}
              checked={props.value === id}
              onChange={() => props.onChange(id)}
            />
            <span>
              {preset.label}
              {id === 'max-privacy' && ' (default)'}
              <span className="protect-detail">{preset.detail}</span>
              <span className="protect-detail" data-testid={`preset-meter-${id}`}>
                Privacy {meter.privacy.word} · Speed {meter.speed.word} · Refund {meter.refund.word}
              </span>
            </span>
          </label>
        )
      })}
      {props.value === 'custom' && <p className="muted">Your own settings: no preset matches them.</p>}
    </fieldset>
  )
}
