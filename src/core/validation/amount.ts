import { formatUnits, parseUnits } from 'viem'
import { z } from 'zod'

export type AmountRules = {
  decimals: number
  /** What the account holds of this asset; undefined while unknown (the amount cannot be checked yet). */
  balance: bigint | undefined
  /** For the native currency: the most the transaction can cost in gas, kept back from the balance. */
  reserve?: bigint
}

export type AmountCheck = { ok: true; value: bigint } | { ok: false; message: string }

const decimalPattern = /^(\d+)(?:\.(\d*))?$|^\.(\d+)$/

/** The most that can be sent: the balance, minus the maximum gas cost for the native currency (never < 0). */
export function maxSendable(balance: bigint, reserve = 0n): bigint {
  return balance > reserve ? balance - reserve : 0n
}

/** Parses a user-typed decimal amount into base units, with every rule of the send form. */
export function checkAmount(input: string, rules: AmountRules): AmountCheck {
  const v = input.trim()
  if (v === '') return { ok: false, message: 'Enter an amount.' }
  const match = decimalPattern.exec(v)
  if (!match) return { ok: false, message: 'Use digits and at most one decimal point, e.g. 1.5.' }
  const fraction = match[2] ?? match[3] ?? ''
  if (fraction.length > rules.decimals)
    return {
      ok: false,
      message:
        rules.decimals === 0
          ? 'This asset has no decimals: enter a whole number.'
          : `At most ${rules.decimals} decimal places for this asset.`,
    }
  const value = parseUnits(v.startsWith('.') ? `0${v}` : v, rules.decimals)
  if (value <= 0n) return { ok: false, message: 'The amount must be more than zero.' }
  if (rules.balance === undefined) return { ok: false, message: 'The balance is not known yet.' }
  const reserve = rules.reserve ?? 0n
  if (value > rules.balance) return { ok: false, message: 'More than the balance.' }
  if (value > maxSendable(rules.balance, reserve))
    return {
      ok: false,
      message: `More than the balance minus the maximum gas cost (at most ${formatUnits(maxSendable(rules.balance, reserve), rules.decimals)}).`,
    }
  return { ok: true, value }
}

/** The same rules as a zod schema: string in, base units out. */
export function amountSchema(rules: AmountRules) {
  return z.string().transform((v, ctx) => {
    const result = checkAmount(v, rules)
    if (result.ok) return result.value
    ctx.addIssue({ code: 'custom', message: result.message })
    return z.NEVER
  })
}

/** The "Max" figure as the form shows it: exactly maxSendable, formatted without rounding. */
export function maxAmountText(balance: bigint, decimals: number, reserve = 0n): string {
  return formatUnits(maxSendable(balance, reserve), decimals)
}
