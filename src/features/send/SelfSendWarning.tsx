import type { Address } from 'viem'
import { Icon } from '../../shared/ui/Icon'

export const sameAddress = (a: Address, b: Address) => a.toLowerCase() === b.toLowerCase()

/** Sending to yourself is allowed (it can tidy up a nonce) but is almost always a pasted-address mistake. */
export function SelfSendWarning() {
  return (
    <p className="warning-text" role="status" data-testid="self-send-warning">
      <Icon name="warning" /> This is your own address: the transfer comes back to you and only costs gas.
      Check the recipient if you meant to pay someone else.
    </p>
  )
}
