import { describe, expect, it } from 'vitest'
import { walletRoute } from '../../../../src/core/protect/route'

describe('walletRoute', () => {
  it('WalletConnect, Safe and smart-wallet SDKs are route unknown, each with its reason in plain words', () => {
    for (const type of ['walletConnect', 'safe', 'coinbaseWallet', 'baseAccount', 'gemini']) {
      const route = walletRoute({ type })
      expect(route.kind, type).toBe('unknown')
      if (route.kind === 'unknown') expect(route.reason).toMatch(/Hush/)
    }
    expect(walletRoute({ type: 'walletConnect' })).toMatchObject({ reason: /WalletConnect/ })
  })

  it('an injected wallet (or the test mock) is seen: its probe reaches the RPC it sends through', () => {
    expect(walletRoute({ type: 'injected' })).toEqual({ kind: 'seen' })
    expect(walletRoute({ type: 'mock' })).toEqual({ kind: 'seen' })
    expect(walletRoute(undefined)).toEqual({ kind: 'seen' })
  })
})
