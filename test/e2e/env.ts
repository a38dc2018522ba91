import type { DevnetContracts } from '../../tools/devnet/deploy'

export type E2eEnv = {
  appUrl: string
  serverUrl: string
  rpcUrl: string
  wsUrl: string
  chainId: number
  contracts: DevnetContracts
  /** The local Protect stand-in in front of the devnet (tools/protect/standin.ts). */
  protectRpcUrl: string
  protectStatusUrl: string
}

export function e2eEnv(): E2eEnv {
  const raw = process.env.HUSH_E2E_ENV
  if (!raw) throw new Error('HUSH_E2E_ENV is not set: run the e2e suite through playwright.config.ts')
  return JSON.parse(raw) as E2eEnv
}
