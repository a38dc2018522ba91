import { useRef, useState } from 'react'
import {
  hintsFor,
  type PickableHint,
  pickableHints,
  type SharingChoice,
  sharingOf,
} from '../../core/protect/hints'
import { getProtectSettings, saveProtectSettings } from '../../core/protect/settingsStore'
import {
  type ProtectSettings,
  type ProtectSettingsInput,
  protectSettingsErrors,
  protectSettingsSchema,
} from '../../core/protect/url'

/**
 * The form keeps what the user typed (numbers as text) and the sharing choice; the hint list is derived from
 * the choice, so "everything" can never be sent together with another hint.
 */
export type ProtectSettingsDraft = Omit<
  ProtectSettings,
  'refunds' | 'hints' | 'blockRange' | 'auctionTimeout'
> & {
  sharing: SharingChoice
  picked: PickableHint[]
  refunds: Array<{ address: string; percent: string }>
  blockRange: string
  auctionTimeout: string
}

const toDraft = (s: ProtectSettings): ProtectSettingsDraft => ({
  ...s,
  sharing: sharingOf(s.hints),
  picked: pickableHints.filter((h) => s.hints.includes(h)),
  refunds: s.refunds.map((r) => ({ address: r.address, percent: String(r.percent) })),
  blockRange: s.blockRange === undefined ? '' : String(s.blockRange),
  auctionTimeout: s.auctionTimeout === undefined ? '' : String(s.auctionTimeout),
})

/** Digits only (surrounding spaces allowed); anything else becomes NaN so the schema reports it. */
const wholeNumber = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN)
const optionalWholeNumber = (text: string) => (text.trim() === '' ? undefined : wholeNumber(text))

const toInput = ({ sharing, picked, ...d }: ProtectSettingsDraft): ProtectSettingsInput => ({
  ...d,
  hints: hintsFor(sharing, picked),
  refunds: d.refunds.map((r) => ({ address: r.address, percent: wholeNumber(r.percent) })),
  blockRange: optionalWholeNumber(d.blockRange),
  auctionTimeout: optionalWholeNumber(d.auctionTimeout),
})

function draftErrors(draft: ProtectSettingsDraft): Record<string, string> {
  const errors = protectSettingsErrors(toInput(draft))
  if (draft.sharing === 'custom' && draft.picked.length === 0)
    errors.hints = 'Tick at least one, or choose "Only the hash".'
  return errors
}

export function useProtectSettingsForm() {
  const [draft, setDraft] = useState(() => toDraft(getProtectSettings()))
  const [saved, setSaved] = useState(false)
  const errors = draftErrors(draft)
  const parsed = protectSettingsSchema.safeParse(toInput(draft))
  const valid = parsed.success && Object.keys(errors).length === 0
  // The preview and summary keep the last valid settings while the form is invalid, so nothing jumps away.
  const lastValid = useRef<ProtectSettings>(getProtectSettings())
  if (valid) lastValid.current = parsed.data
  const update = (change: (d: ProtectSettingsDraft) => ProtectSettingsDraft) => {
    setSaved(false)
    setDraft((d) => change(d))
  }
  /** Saves valid settings and returns them (for the wallet update that follows); undefined when invalid. */
  const save = (): ProtectSettings | undefined => {
    if (!valid || !parsed.success) return undefined
    saveProtectSettings(parsed.data)
    setDraft(toDraft(parsed.data))
    setSaved(true)
    return parsed.data
  }
  return { draft, update, errors, valid, shown: lastValid.current, save, saved }
}
