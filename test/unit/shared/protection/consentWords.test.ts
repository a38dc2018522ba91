import { describe, expect, it } from 'vitest'
import { consentBlocker, consentWords } from '../../../../src/shared/protection/consentWords'

describe('the "send without protection" words', () => {
  it('route unknown says Hush cannot see the route, not that the wallet is unprotected', () => {
    const words = consentWords('route-unknown', 'this transaction')
    expect(words).toMatch(/^Send this transaction although Hush cannot see where your wallet sends it/)
    expect(words).toMatch(/public mempool/)
    expect(consentBlocker('route-unknown')).toMatch(/cannot see where your wallet sends/)
  })

  it('not protected and unknown keep the plain "without protection" choice', () => {
    expect(consentWords('not-protected', 'it')).toBe(
      'Send it without protection: it goes to the public mempool, where it can be front-run.',
    )
    expect(consentBlocker('unknown')).toBe('Protect your wallet, or choose to send without protection.')
  })
})
