import type { Locator } from '@playwright/test'
import { formatUnits } from 'viem'
import { formatAmount } from '../../src/core/format/amount'
import { expect } from './fixtures'

/** The text an <Amount> shows for this value (the e2e browser runs in en-US, see playwright.config.ts). */
export function shownAmount(value: bigint, decimals: number, symbol: string): string {
  return `${formatAmount(value, decimals, { locale: 'en-US' }).display}\u00a0${symbol}`
}

/** An <Amount> shows the value readable, with the exact one in data-exact and the title. */
export async function expectAmount(locator: Locator, value: bigint, decimals: number, symbol: string) {
  await expect(locator).toHaveAttribute('data-exact', formatUnits(value, decimals))
  await expect(locator).toHaveText(shownAmount(value, decimals, symbol))
  await expect(locator).toHaveAttribute('title', `${formatUnits(value, decimals)} ${symbol}`)
}
