import type { FieldMessages } from '../../core/batch/validate'

export /** Two sources may warn about the same field (an unlimited approval to a spender with no code): show both. */
function joinMessages(a: FieldMessages = {}, b: FieldMessages = {}): FieldMessages {
  const out = { ...a }
  for (const [field, text] of Object.entries(b)) out[field] = out[field] ? `${out[field]} ${text}` : text
  return out
}
