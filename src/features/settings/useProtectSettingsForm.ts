import { useState } from 'react'
import { getProtectSettings, saveProtectSettings } from '../../core/protect/settingsStore'
import {
  type ProtectSettings,
  type ProtectSettingsInput,
  protectSettingsErrors,
  protectSettingsSchema,
} from '../../core/protect/url'

/** The form keeps what the user typed (percent as text); validation runs on every change. */
export type ProtectSettingsDraft = Omit<ProtectSettings, 'refunds'> & {
  refunds: Array<{ address: string; percent: string }>
}

const toDraft = (s: ProtectSettings): ProtectSettingsDraft => ({
  ...s,
  refunds: s.refunds.map((r) => ({ address: r.address, percent: String(r.percent) })),
})

const toInput = (d: ProtectSettingsDraft): ProtectSettingsInput => ({
  ...d,
  refunds: d.refunds.map((r) => ({
    address: r.address,
    percent: /^\s*\d+\s*$/.test(r.percent) ? Number(r.percent) : Number.NaN,
  })),
})

export function useProtectSettingsForm() {
  const [draft, setDraft] = useState(() => toDraft(getProtectSettings()))
  const [saved, setSaved] = useState(false)
  const errors = protectSettingsErrors(toInput(draft))
  const parsed = protectSettingsSchema.safeParse(toInput(draft))
  const update = (change: (d: ProtectSettingsDraft) => ProtectSettingsDraft) => {
    setSaved(false)
    setDraft((d) => change(d))
  }
  const save = () => {
    if (!parsed.success) return
    saveProtectSettings(parsed.data)
    setDraft(toDraft(parsed.data))
    setSaved(true)
  }
  return { draft, update, errors, valid: parsed.success, settings: parsed.data, save, saved }
}
