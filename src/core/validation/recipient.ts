import { type Address, getAddress, isAddress, zeroAddress } from 'viem'
import { z } from 'zod'

/** A name like `vitalik.eth`: dot-separated labels, no `0x` address shape. */
export function looksLikeEnsName(input: string): boolean {
  const v = input.trim()
  return /^[^\s./]+(\.[^\s./]+)+$/u.test(v) && !/^0x[0-9a-fA-F]*$/.test(v)
}

export type RecipientRules = {
  /** The token being sent: sending a token to its own contract burns it in most implementations. */
  tokenAddress?: Address
}

/** Why an address string cannot be a recipient, or undefined when it can. */
export function addressProblem(input: string, rules: RecipientRules = {}): string | undefined {
  const v = input.trim()
  if (v === '') return 'Enter a recipient address or ENS name.'
  if (!/^0x[0-9a-fA-F]{40}$/.test(v)) return 'Not an address: expected 0x followed by 40 hex characters.'
  // Mixed case means the sender meant an EIP-55 checksum; a wrong one usually means a typo.
  if (!isAddress(v, { strict: true })) return 'The checksum (upper/lower case) is wrong: check for a typo.'
  const address = getAddress(v)
  if (address === zeroAddress) return 'The zero address burns whatever is sent to it.'
  if (rules.tokenAddress && address === getAddress(rules.tokenAddress))
    return 'That is the token’s own contract: tokens sent there are usually lost.'
  return undefined
}

/** A literal recipient address (ENS names are resolved before this schema sees them). */
export function recipientAddressSchema(rules: RecipientRules = {}) {
  return z
    .string()
    .superRefine((v, ctx) => {
      const problem = addressProblem(v, rules)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    })
    .transform((v) => getAddress(v.trim()))
}

/** Sending to yourself is allowed (it can tidy up a nonce) but is almost always a pasted-address mistake. */
export const selfSendWarning =
  'This is your own address: the transfer comes back to you and only costs gas. Check the recipient if you meant to pay someone else.'

export const isOwnAddress = (recipient: Address, account: Address | undefined): boolean =>
  account !== undefined && recipient.toLowerCase() === account.toLowerCase()
