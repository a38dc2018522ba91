import { type Hex, toHex } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'

/** Anvil's well-known development mnemonic. These keys are public: never use them on a real network. */
export const devMnemonic = 'test test test test test test test test test test test junk'

export function devAccount(index: number) {
  return mnemonicToAccount(devMnemonic, { addressIndex: index })
}

export function devPrivateKey(index: number): Hex {
  const key = devAccount(index).getHdKey().privateKey
  if (!key) throw new Error(`no private key for dev account ${index}`)
  return toHex(key)
}

/** 0..19 are handed out to test areas by fixed range; 20..99 are fresh accounts for e2e tests (see fixtures). */
export const devAccountCount = 100
