import type { Page } from '@playwright/test'
import { type Address, createPublicClient, createWalletClient, type Hex, http, parseGwei } from 'viem'
import { devChain } from '../../tools/devnet/deploy'
import { standInControl } from '../../tools/protect/control'
import type { TestWallet } from '../harness/wallet/testWallet'
import type { E2eEnv } from './env'
import { connectThroughModal, expect } from './fixtures'

/** Records as an earlier session of Hush left them in this browser, and real sends behind them. */
export const activityKey = 'hush.activity.v1'

/** A transfer sent from Hush in an earlier session, as its Activity store keeps it. */
export function seededRecord(
  env: { chainId: number },
  r: { id: string; from: Address; to: Address; hash: Hex; nonce: number; amount: bigint },
  fees: { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint },
  createdAt: number,
) {
  return {
    id: r.id,
    kind: 'transfer',
    chainId: env.chainId,
    from: r.from,
    hash: r.hash,
    nonce: r.nonce,
    to: r.to,
    asset: { symbol: 'ETH', decimals: 18 },
    amount: r.amount.toString(),
    fees: {
      maxFeePerGas: fees.maxFeePerGas.toString(),
      maxPriorityFeePerGas: fees.maxPriorityFeePerGas.toString(),
      gas: '21000',
    },
    createdAt,
    protected: true,
    status: 'PENDING',
    privacy: 'checking',
  }
}

export async function seed(page: Page, records: unknown[]) {
  await page.addInitScript(
    ([key, value]) => {
      if (!localStorage.getItem(key)) localStorage.setItem(key, value)
    },
    [activityKey, JSON.stringify(records)] as const,
  )
}

export async function openActivity(page: Page, appUrl: string) {
  await page.goto(appUrl)
  await connectThroughModal(page)
  await page.goto(`${appUrl}#/activity`)
}

/** The test wallet's own account, signing outside Hush straight to the stand-in (an earlier session's sends). */
export function signerFor(
  env: { rpcUrl: string; protectRpcUrl: string; chainId: number },
  testWallet: TestWallet,
) {
  const signer = testWallet.account
  const client = createPublicClient({ transport: http(env.rpcUrl) })
  const wallet = createWalletClient({
    account: signer,
    chain: devChain(env.protectRpcUrl, env.chainId),
    transport: http(env.protectRpcUrl),
  })
  return { who: signer.address, client, wallet }
}

/**
 * A real nonce gap: nonce n priced below the base fee fails after a 2-block window, n + 1 ('gap-b') waits behind
 * it. Both are seeded as Hush's records and Activity is opened, connected as their sender, until the nonce check
 * names the gap. The caller resets the stand-in's behaviour for `who` when done.
 */
export async function openBlockedActivity(page: Page, env: E2eEnv, testWallet: TestWallet, to: Address) {
  const { who, client, wallet } = signerFor(env, testWallet)
  const control = standInControl(env.protectRpcUrl)
  await control.setBehaviour(who, { blockWindow: 2 })
  const n = await client.getTransactionCount({ address: who })
  const low = { maxFeePerGas: 1n, maxPriorityFeePerGas: 1n }
  const lost = await wallet.sendTransaction({ to, value: 1n, gas: 21_000n, nonce: n, ...low })
  await control.setBehaviour(who, { blockWindow: 500 })
  const fees = { maxFeePerGas: parseGwei('20'), maxPriorityFeePerGas: parseGwei('1') }
  const blocked = await wallet.sendTransaction({ to, value: 2n, gas: 21_000n, nonce: n + 1, ...fees })
  const now = Date.now()
  await seed(page, [
    seededRecord(env, { id: 'gap-b', from: who, to, hash: blocked, nonce: n + 1, amount: 2n }, fees, now),
    seededRecord(env, { id: 'gap-a', from: who, to, hash: lost, nonce: n, amount: 1n }, low, now - 1000),
  ])
  await openActivity(page, env.appUrl)
  await expect(page.getByTestId('nonce-check-summary')).toContainText(`Nonce ${n} is missing`, {
    timeout: 30_000,
  })
  return { who, client, n, control }
}
