import { useQuery } from '@tanstack/react-query'
import type { Address } from 'viem'
import { usePublicClient } from 'wagmi'
import { balanceSnapshotQueryOptions } from '../../core/balances/queryOptions'
import type { ChainConfig } from '../../core/config/schema'
import type { Asset } from '../../core/tx/send/prepare'

export type SendAsset = Asset & { key: string; name: string }
/** undefined = not read yet; 'error' = the read failed (never shown as 0). */
export type AssetBalance = bigint | 'error' | undefined

/** The native currency and the chain's configured tokens, with the account's balances (shared cache key). */
export function useSendAssets(chain: ChainConfig | undefined, owner: Address | undefined) {
  const client = usePublicClient({ chainId: chain?.id })
  const assets: SendAsset[] = chain
    ? [
        {
          key: 'native',
          symbol: chain.nativeCurrency.symbol,
          name: chain.nativeCurrency.name,
          decimals: chain.nativeCurrency.decimals,
        },
        ...(chain.tokens ?? []).map((t) => ({
          key: t.address,
          symbol: t.symbol,
          name: t.name,
          decimals: t.decimals,
          address: t.address,
        })),
      ]
    : []
  const tokens = (chain?.tokens ?? []).map((t) => t.address)
  const query = useQuery(
    balanceSnapshotQueryOptions(client, {
      chainId: chain?.id,
      owner,
      tokens,
      multicall3: chain?.multicall3,
      refresh: 'on-mount',
      priceFeeds: chain?.priceFeeds,
    }),
  )
  function balanceOf(asset: SendAsset | undefined): AssetBalance {
    if (!asset) return undefined
    const snap = query.data
    if (!snap) return query.isError ? 'error' : undefined
    if (!asset.address) return snap.native
    const read = snap.tokens[asset.address]
    return read?.status === 'ok' ? read.value : read ? 'error' : undefined
  }
  return { assets, balanceOf, balances: query }
}

/** `token=` of a deep link: a symbol (any case) or an address. */
export function findAsset(assets: SendAsset[], token: string | null): SendAsset | undefined {
  if (!token) return assets[0]
  const t = token.trim().toLowerCase()
  return assets.find(
    (a) => a.symbol.toLowerCase() === t || a.address?.toLowerCase() === t || (t === 'eth' && !a.address),
  )
}
