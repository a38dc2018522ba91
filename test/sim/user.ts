import { fillGapIntent } from '../../src/core/tx/fix/fixes'
import { checkNonces, problemFix } from '../../src/core/tx/fix/nonceCheck'
import { type TxRecord, walletPicksNonce } from '../../src/core/tx/records/records'
import { closeIntent, userMayClose } from '../../src/core/tx/track/intents'
import type { SimTx } from './chain'
import { fees } from './model'
import type { SimTab } from './tab'
import { chainId, sender, type World } from './world'

/**
 * The user on Activity once faults stop: the account nonce check (NonceCheckPanel: the chain's next nonce read
 * through the app's read endpoints, against the page's records) and the one fix button of its blocker, pressed when it sends
 * something, as the button does (useDiagnosisFix: fillGapIntent through the one pipeline). Nothing else: no
 * payment the user did not ask for. One press per look, and none while this page's send is on its way.
 */
export function followActivity(w: World): void {
  const slot = w.tabs.findIndex((t) => t?.alive)
  const tab = w.tabs[slot]
  if (!tab || tab.busyAccounts.size > 0) return
  const records = tab.store.list()
  closeUnsentBatches(w, records, (id) => closeIntent(tab.store, id))
  const chainNonce = Number(w.endpoints.request('a', 'eth_getTransactionCount', [sender, 'latest']))
  if (declineOrphans(w, tab, records, chainNonce)) return
  const report = checkNonces({ chainId, address: sender }, { records, chainNonce, now: w.clock.now() })
  // The panel shows one warning, the blocker's, with its one fix.
  // Its tick "I sent no other transaction with this nonce from another app" is true here: in this world only Hush
  // sends from the account (the foreignNonce profile stores another app's record, never a transaction).
  const problem = report.blocker
  const fix = problem ? problemFix(problem, records) : undefined
  if (!problem || fix?.action.kind !== 'fill-gap') return
  const nonce = fix.action.nonce
  w.note(`user on Activity presses "Fill nonce ${nonce}" (${problem.kind})`)
  w.send(slot, fillGapIntent(fix.record, nonce, fees, { consentToPublic: false, gapAcknowledged: true }), {
    id: `fill@${nonce}`,
    value: 0n,
  })
}

/**
 * An atomic batch left "Sent? Not known yet" has no nonce of its own that a fill could settle: the user looks in
 * the wallet and, when it shows no open prompt for it and nothing sent that may still be included (never sent,
 * or dropped: its nonce was used), presses the card's "My wallet shows it not sent, failed or dropped", truthfully.
 */
function closeUnsentBatches(w: World, records: readonly TxRecord[], close: (id: string) => void) {
  for (const r of records) {
    if (!r.sentUnknown || !walletPicksNonce(r) || !userMayClose(r)) continue
    const live = (t: SimTx) => w.chain.inclusion(t.hash) !== undefined || w.relay.mayInclude(t)
    const inWallet =
      w.wallet.prompts.some((p) => p.recordId === r.id) ||
      w.wallet.allSent().some((t) => t.recordId === r.id && live(t))
    if (inWallet) continue
    w.note(`user on Activity presses "My wallet shows it not sent, failed or dropped" on ${r.id}`)
    close(r.id)
  }
}

/**
 * Activity's "I declined it in my wallet" (an intent whose page lost the wallet's answer) or "My wallet shows it
 * not sent, failed or dropped" (an outcome whose nonce another of Hush's sends used), on a record RecordActions
 * offers it for (userMayClose), pressed only once its nonce is used (the chain cannot settle it: a wallet that
 * picks its own nonce may have sent another of Hush's sends there) and only when true: the wallet has no prompt for
 * it, and it sent nothing for it (declined), or nothing that was included or can still be (failed).
 */
function declineOrphans(w: World, tab: SimTab, records: readonly TxRecord[], chainNonce: number): boolean {
  const orphan = records.find(
    (r) =>
      userMayClose(r) &&
      r.nonce !== undefined &&
      r.nonce < chainNonce &&
      !w.wallet.prompts.some((p) => p.recordId === r.id) &&
      !w.wallet
        .allSent()
        .some(
          (t) =>
            t.recordId === r.id &&
            (!r.nonceUsedBy || w.chain.inclusion(t.hash) !== undefined || w.relay.mayInclude(t)),
        ),
  )
  if (!orphan) return false
  w.note(`user on Activity says ${orphan.id} (nonce ${orphan.nonce}) was not sent`)
  closeIntent(tab.store, orphan.id)
  return true
}
