import { knownBuilders, type ProtectSettings, protectSettingsSchema } from './url'

export type PresetId = 'max-privacy' | 'balanced' | 'fast'

/** The settings a preset decides: who receives the transaction and what searchers learn. Refunds, originId and
 * the advanced fields stay as the user set them. */
type PresetPart = Pick<ProtectSettings, 'fast' | 'hints' | 'builders' | 'useMempool'>

export const protectPresets: Record<PresetId, { label: string; detail: string; part: PresetPart }> = {
  'max-privacy': {
    label: 'Max privacy',
    detail: 'Only the Flashbots builder receives it; searchers see only its hash. Slower, rarely a refund.',
    part: { fast: false, hints: ['hash'], builders: [], useMempool: false },
  },
  balanced: {
    label: 'Balanced',
    detail: `Flashbots and ${knownBuilders.join(', ')} receive it; searchers see its hash and whether it is a swap.`,
    part: { fast: false, hints: [], builders: [...knownBuilders], useMempool: false },
  },
  fast: {
    label: 'Fast',
    detail: 'Every registered builder receives it, and searchers in secure enclaves see it in full.',
    part: { fast: true, hints: [], builders: [], useMempool: false },
  },
}

export const presetIds = Object.keys(protectPresets) as PresetId[]

/** Hush's default: see docs/protect-presets.md for the figures behind the choice. */
export const defaultPresetId: PresetId = 'max-privacy'

export function applyPreset(current: ProtectSettings, id: PresetId): ProtectSettings {
  return protectSettingsSchema.parse({ ...current, ...protectPresets[id].part })
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((v) => b.includes(v))

/** The preset these settings are, or "custom" when the user changed what a preset decides. */
export function presetOf(s: ProtectSettings): PresetId | 'custom' {
  const found = presetIds.find((id) => {
    const p = protectPresets[id].part
    return (
      p.fast === s.fast &&
      p.useMempool === s.useMempool &&
      sameList(p.hints, s.hints) &&
      (s.fast || sameList(p.builders, s.builders))
    )
  })
  return found ?? 'custom'
}
