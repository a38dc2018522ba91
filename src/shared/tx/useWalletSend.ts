import { useCallback } from 'react'
import { numberToHex } from 'viem'
import { useConnectorClient, usePublicClient } from 'wagmi'
import { sendLock } from '../../core/tx/lock'
import { activityStore } from '../../core/tx/records'
import { type SubmitInput, type SubmitResult, submitTransaction, type WalletSend } from '../../core/tx/submit'

/**
 * Submits through the connected wallet's own provider (eth_sendTransaction), so the transaction goes wherever
 * the wallet broadcasts: Flashbots Protect once the wallet's RPC is Protect. Returns undefined until a wallet
 * is connected on `chainId`.
 */
export function useWalletSend(chainId: number | undefined) {
  const { data: connector } = useConnectorClient({ chainId })
  const reader = usePublicClient({ chainId })
  const ready = Boolean(connector && reader)
  const submit = useCallback(
    async (input: SubmitInput): Promise<SubmitResult> => {
      if (!connector || !reader) throw new Error('no wallet connected')
      const send: WalletSend = async (tx) =>
        (await connector.request({
          method: 'eth_sendTransaction',
          params: [
            {
              from: tx.from,
              to: tx.to,
              value: numberToHex(tx.value),
              ...(tx.data ? { data: tx.data } : {}),
              gas: numberToHex(tx.gas),
              maxFeePerGas: numberToHex(tx.maxFeePerGas),
              maxPriorityFeePerGas: numberToHex(tx.maxPriorityFeePerGas),
              nonce: numberToHex(tx.nonce),
              chainId: numberToHex(tx.chainId),
              type: '0x2',
            },
          ],
        })) as `0x${string}`
      return await submitTransaction(
        {
          send,
          pendingCount: (from) => reader.getTransactionCount({ address: from, blockTag: 'pending' }),
          store: activityStore(),
          lock: sendLock,
        },
        input,
      )
    },
    [connector, reader],
  )
  return { ready, submit }
}
