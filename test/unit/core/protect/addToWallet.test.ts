import { InternalRpcError, UserRejectedRequestError } from 'viem'
import { describe, expect, it } from 'vitest'
import {
  interpretAddChainResult,
  manualSetupValues,
  protectAddChainParameter,
} from '../../../../src/core/protect/addToWallet'
import { mainnetChain } from '../../../support/builders/config'

const mainnet = mainnetChain({ explorer: 'https://etherscan.io' })

describe('protectAddChainParameter', () => {
  it('matches what protect.flashbots.net sends, with the network symbol', () => {
    expect(protectAddChainParameter(mainnet, 'https://rpc.flashbots.net/fast?originId=hush')).toEqual({
      chainId: '0x1',
      chainName: 'Flashbots Protect (Ethereum)',
      nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      rpcUrls: ['https://rpc.flashbots.net/fast?originId=hush'],
      blockExplorerUrls: ['https://etherscan.io'],
    })
  })

  it('leaves out blockExplorerUrls without an explorer', () => {
    const local = { ...mainnet, id: 31337, explorer: undefined }
    expect(protectAddChainParameter(local, 'http://127.0.0.1:1/fast')).not.toHaveProperty('blockExplorerUrls')
    expect(protectAddChainParameter(local, 'http://127.0.0.1:1/fast').chainId).toBe('0x7a69')
  })

  it('manual values are the exact ones to type', () => {
    expect(manualSetupValues(mainnet, 'https://rpc.flashbots.net/fast')).toEqual({
      networkName: 'Flashbots Protect (Ethereum)',
      rpcUrl: 'https://rpc.flashbots.net/fast',
      chainId: '1',
      symbol: 'ETH',
      explorer: 'https://etherscan.io',
    })
  })
})

describe('interpretAddChainResult', () => {
  it('no error → added', () => {
    expect(interpretAddChainResult(undefined)).toBe('added')
  })
  it('4001, raw or wrapped by viem → declined', () => {
    expect(interpretAddChainResult({ code: 4001, message: 'User rejected the request.' })).toBe('declined')
    expect(
      interpretAddChainResult(new UserRejectedRequestError(new Error('User rejected the request.'))),
    ).toBe('declined')
  })
  it('old MetaMask refusing chain 1 → manual guide', () => {
    expect(
      interpretAddChainResult({ code: -32602, message: 'May not specify default MetaMask chain.' }),
    ).toBe('refuses-default-chain')
    expect(interpretAddChainResult({ code: -32602, message: 'rpcUrls is empty' })).toBe('failed')
  })
  it('MetaMask 12.14 -32603 → maybe added (re-check)', () => {
    expect(interpretAddChainResult({ code: -32603, message: 'Internal JSON-RPC error.' })).toBe('maybe-added')
    expect(interpretAddChainResult(new InternalRpcError(new Error('boom')))).toBe('maybe-added')
  })
  it('anything else → failed', () => {
    expect(interpretAddChainResult(new TypeError('Failed to fetch'))).toBe('failed')
    expect(interpretAddChainResult({ code: 4200, message: 'Unsupported method' })).toBe('failed')
  })
})
