import type { ClipboardEvent } from 'react'
import { shortAddress } from '../../core/format/time'

/**
 * An address cut to 0x1234…abcd: the full address on hover, and in the clipboard when the short text is
 * selected and copied (a copy of a cut address would be useless, or dangerous).
 */
export function ShortAddress({ address, testId }: { address: string; testId?: string }) {
  const onCopy = (e: ClipboardEvent<HTMLElement>) => {
    e.preventDefault()
    e.clipboardData.setData('text/plain', address)
  }
  return (
    <code className="short-address" title={address} data-full={address} data-testid={testId} onCopy={onCopy}>
      {shortAddress(address)}
    </code>
  )
}
