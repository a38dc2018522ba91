import { type Address, type Client, erc20Abi } from 'viem'
import { readContract } from 'viem/actions'
import type { Asked } from './asked'
import type { Flows } from './flows'
import { sameAddress, type TokenInfo } from './outcome'

// Control and bidi-override characters could make a hostile token's symbol read as another's.
const safeSymbol = /^[^\p{C}]{1,32}$/u

/**
 * Symbol and decimals of every token the flows name: known tokens from the list, the rest read at `block`.
 * A token that does not answer is kept with its address only (shown in raw units, never guessed).
 */
export async function readTokenInfo(
  client: Client,
  flows: Pick<Flows, 'sender' | 'receives' | 'approvals'>,
  asked: Pick<Asked, 'sender' | 'receives' | 'approvals'> | undefined,
  known: readonly TokenInfo[],
  block: bigint,
): Promise<TokenInfo[]> {
  const addresses = new Set<Address>()
  const collect = (f: Pick<Flows, 'sender' | 'receives' | 'approvals'>) => {
    for (const asset of f.sender.keys()) if (asset !== 'native') addresses.add(asset)
    for (const net of f.receives.values())
      for (const asset of net.keys()) if (asset !== 'native') addresses.add(asset)
    for (const a of f.approvals.values()) addresses.add(a.token)
  }
  collect(flows)
  if (asked) collect(asked)
  return await Promise.all(
    [...addresses].slice(0, 48).map(async (address): Promise<TokenInfo> => {
      const listed = known.find((t) => sameAddress(t.address, address))
      if (listed?.symbol !== undefined && listed.decimals !== undefined) return { ...listed, listed: true }
      const read = <T>(functionName: 'symbol' | 'decimals') =>
        readContract(client, { address, abi: erc20Abi, functionName, blockNumber: block }).then(
          (v) => v as T,
          () => undefined,
        )
      const [symbol, decimals] = await Promise.all([read<string>('symbol'), read<number>('decimals')])
      const kept = typeof symbol === 'string' && safeSymbol.test(symbol) ? symbol : undefined
      return {
        address,
        ...(kept !== undefined ? { symbol: kept } : {}),
        ...(typeof decimals === 'number' && decimals >= 0 && decimals <= 36 ? { decimals } : {}),
        ...(listed
          ? { listed: true }
          : kept !== undefined && looksLikeListed(kept, known)
            ? { lookAlike: true }
            : {}),
      }
    }),
  )
}

/** Compatibility forms and case folded, so "ＵＳＤＣ" or "usdc" match a listed "USDC". */
const fold = (symbol: string) => symbol.normalize('NFKC').toUpperCase()

/** A symbol a listed token already uses (the caller knows this token is at another address). */
export function looksLikeListed(symbol: string, known: readonly TokenInfo[]): boolean {
  const folded = fold(symbol)
  return known.some((t) => t.symbol !== undefined && fold(t.symbol) === folded)
}
