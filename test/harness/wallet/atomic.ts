import {
  type Address,
  concat,
  encodeFunctionData,
  type Hex,
  hexToBigInt,
  keccak256,
  numberToHex,
  type TransactionReceipt,
  toHex,
} from 'viem'
import { artifact } from '../../../tools/devnet/contracts'
import { RpcError, type TestWallet } from './testWallet'

type SendCallsParams = {
  version?: string
  from?: Address
  chainId: Hex
  atomicRequired?: boolean
  calls: { to?: Address; value?: Hex; data?: Hex }[]
}

type SentBatch = { chainId: number; hash: Hex }

/**
 * Gives a TestWallet EIP-5792 v2 with atomic batches, the way current MetaMask does it: the account delegates to
 * the devnet's BatchExecutor with EIP-7702 and sends ONE type-4 transaction to itself calling execute(calls),
 * so the calls all succeed or all revert together.
 */
export type AtomicOptions = {
  /** Like MetaMask's "send anyway": a batch whose gas estimate reverts is still sent, with a fixed gas limit. */
  sendEvenIfEstimateFails?: boolean
}

export function installAtomicBatches(
  wallet: TestWallet,
  batchExecutor: Address,
  options: AtomicOptions = {},
): { sent: Map<string, SentBatch> } {
  const sent = new Map<string, SentBatch>()
  wallet.extend((w, method, params) => {
    switch (method) {
      case 'wallet_getCapabilities':
        return Promise.resolve(capabilities(w, params))
      case 'wallet_sendCalls':
        return sendCalls(w, batchExecutor, params[0] as SendCallsParams, sent, options)
      case 'wallet_getCallsStatus':
        return callsStatus(w, String(params[0]), sent)
      default:
        return undefined
    }
  })
  return { sent }
}

function capabilities(wallet: TestWallet, params: unknown[]): Record<Hex, unknown> {
  const requested =
    (params[1] as Hex[] | undefined) ?? [...wallet.rpcUrls.keys()].map((id) => numberToHex(id))
  return Object.fromEntries(requested.map((id) => [id, { atomic: { status: 'supported' } }]))
}

async function sendCalls(
  wallet: TestWallet,
  batchExecutor: Address,
  request: SendCallsParams,
  sent: Map<string, SentBatch>,
  options: AtomicOptions,
): Promise<{ id: string }> {
  await wallet.approve('wallet_sendCalls')
  if (request.from && request.from.toLowerCase() !== wallet.address.toLowerCase())
    throw new RpcError(4100, `The requested account ${request.from} has not been authorized`)
  const chainId = Number(request.chainId)
  if (chainId !== wallet.chainId)
    throw new RpcError(4902, `Chain ${request.chainId} is not the wallet's chain`)
  if (request.calls.length === 0) throw new RpcError(-32602, 'calls is empty')

  const { walletClient } = wallet.clients()
  const account = wallet.account
  const nonce = await wallet.reserveNonce(account.address)
  const code = (await wallet.forward('eth_getCode', [account.address, 'latest'])) as Hex
  const delegated = code.toLowerCase() === concat(['0xef0100', batchExecutor]).toLowerCase()
  // The account sends the transaction itself, so its authorization is checked after the tx nonce is used: nonce + 1.
  const authorizationList = delegated
    ? undefined
    : [
        await walletClient.signAuthorization({
          account,
          contractAddress: batchExecutor,
          chainId,
          nonce: nonce + 1,
        }),
      ]
  const data = encodeFunctionData({
    abi: artifact('BatchExecutor').abi,
    functionName: 'execute',
    args: [
      request.calls.map((c) => ({
        to: c.to ?? account.address,
        value: c.value ? hexToBigInt(c.value) : 0n,
        data: c.data ?? '0x',
      })),
    ],
  })
  const base = {
    account,
    chain: walletClient.chain,
    to: account.address,
    data,
    nonce,
    ...(authorizationList ? { authorizationList, type: 'eip7702' as const } : {}),
  }
  const prepared = await walletClient.prepareTransactionRequest(base).catch((error: unknown) => {
    if (!options.sendEvenIfEstimateFails) throw error
    return walletClient.prepareTransactionRequest({ ...base, gas: 1_000_000n })
  })
  const signed = await walletClient.signTransaction(
    prepared as Parameters<typeof walletClient.signTransaction>[0],
  )
  const hash = (await wallet.forward('eth_sendRawTransaction', [signed])) as Hex
  const id = keccak256(concat([hash, toHex(chainId)]))
  sent.set(id, { chainId, hash })
  return { id }
}

/** EIP-5792 v2 status codes: 100 pending, 200 confirmed, 400 failed off-chain, 500 reverted on-chain. */
async function callsStatus(wallet: TestWallet, id: string, sent: Map<string, SentBatch>) {
  const batch = sent.get(id)
  if (!batch) throw new RpcError(5730, 'Unknown bundle id')
  const receipt = (await wallet.forward('eth_getTransactionReceipt', [batch.hash], batch.chainId)) as
    | (Omit<TransactionReceipt, 'status'> & { status: Hex })
    | null
  const base = { version: '2.0.0', id, chainId: numberToHex(batch.chainId), atomic: true }
  // Like MetaMask, the wallet keeps reporting a transaction it broadcast as pending until it has a receipt: a
  // private one (held by Protect) is known to no public node, so "not found" is not a failure.
  if (!receipt) return { ...base, status: 100 }
  return {
    ...base,
    status: receipt.status === '0x1' ? 200 : 500,
    receipts: [
      {
        logs: receipt.logs,
        status: receipt.status,
        blockHash: receipt.blockHash,
        blockNumber: receipt.blockNumber,
        gasUsed: receipt.gasUsed,
        transactionHash: receipt.transactionHash,
      },
    ],
  }
}
