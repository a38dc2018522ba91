import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  hintsFor,
  hintWords,
  impliedHints,
  pickableHints,
  type SharingChoice,
  sharingOf,
} from '../../../../src/core/protect/hints'
import { protectHints, protectSettingsSchema } from '../../../../src/core/protect/url'

describe('hints in words', () => {
  it('every hint Protect accepts has words, not the raw parameter names', () => {
    for (const hint of protectHints) {
      expect(hintWords[hint].label).toMatch(/^Share /)
      expect(hintWords[hint].label).not.toMatch(/_/)
    }
    expect(hintWords.function_selector.label).toBe('Share the function being called')
  })

  it('each sharing choice maps to one hint list and back', () => {
    const choices: SharingChoice[] = ['default', 'hash-only', 'full']
    for (const choice of choices) expect(sharingOf(hintsFor(choice, ['logs']))).toBe(choice)
    expect(hintsFor('custom', ['logs', 'calldata'])).toEqual(['calldata', 'logs'])
    expect(sharingOf(['hash', 'logs'])).toBe('custom')
  })

  it('property: no choice ever produces "full" with another hint, and every list is valid', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<SharingChoice>('default', 'hash-only', 'custom', 'full'),
        fc.uniqueArray(fc.constantFrom(...pickableHints)),
        (choice, picked) => {
          const hints = hintsFor(choice, picked)
          if (hints.includes('full')) expect(hints).toEqual(['full'])
          if (choice !== 'custom' || picked.length > 0)
            expect(protectSettingsSchema.safeParse({ hints }).success).toBe(true)
        },
      ),
    )
  })

  it('calldata shares the function and the contract; the function shares the contract', () => {
    expect(impliedHints(['calldata'])).toEqual(['function_selector', 'contract_address'])
    expect(impliedHints(['function_selector'])).toEqual(['contract_address'])
    expect(impliedHints(['logs'])).toEqual([])
  })
})
