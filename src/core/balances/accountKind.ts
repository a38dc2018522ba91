import { type Address, type Client, getAddress, type Hex } from 'viem'
import { getCode } from 'viem/actions'

export type AccountKind =
  | { kind: 'plain' }
  | { kind: 'delegated'; delegate: Address }
  | { kind: 'contract'; codeSize: number }

/** EIP-7702 delegation designator: 0xef0100 followed by the 20-byte delegate address. */
export function delegateOf(code: Hex | undefined): Address | undefined {
  if (!code) return undefined
  const lower = code.toLowerCase()
  return lower.startsWith('0xef0100') && lower.length === 2 + 23 * 2
    ? getAddress(`0x${lower.slice(8)}`)
    : undefined
}

export function accountKindFromCode(code: Hex | undefined): AccountKind {
  if (!code || code === '0x') return { kind: 'plain' }
  const delegate = delegateOf(code)
  if (delegate) return { kind: 'delegated', delegate }
  return { kind: 'contract', codeSize: (code.length - 2) / 2 }
}

export async function readAccountKind(client: Client, address: Address): Promise<AccountKind> {
  return accountKindFromCode(await getCode(client, { address }))
}
