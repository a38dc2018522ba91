import { useState } from 'react'
import { useAccount } from 'wagmi'
import { findChain } from '../../core/config/chains'
import { pricesToShow } from '../../core/prices/feeds'
import { gasWithHeadroom, plainTransferGas, transferCall } from '../../core/tx/send/prepare'
import { checkAmount, maxAmountText } from '../../core/validation/amount'
import { findLookalike } from '../../core/validation/poisoning'
import { useRuntimeConfig } from '../../shared/context/configContext'
import { ProtectionStatus } from '../../shared/protection/ProtectionStatus'
import { useProtection } from '../../shared/protection/useProtection'
import { NonceBlockNotice } from '../../shared/tx/NonceCheckPanel'
import { TxRecordCard } from '../../shared/tx/TxRecordCard'
import { useActivity, useActivityRecord } from '../../shared/tx/useActivity'
import { ConnectWalletButton } from '../../shared/ui/ConnectWalletButton'
import { ReviewPanel } from './ReviewPanel'
import { SendForm } from './SendForm'
import { chosenFees, previousRecipients } from './sendModel'
import { useFeeChoice } from './useFeeChoice'
import { useRecipient } from './useRecipient'
import { findAsset, useSendAssets } from './useSendAssets'
import { useSimulation } from './useSendQueries'

export function SendPage({ query }: { query: URLSearchParams }) {
  const config = useRuntimeConfig()
  const { address, chainId, isConnected } = useAccount()
  const chain = findChain(config, chainId)
  if (!isConnected || !address) {
    return (
      <section>
        <h1>Send</h1>
        <p>Connect a wallet to send ETH or tokens privately through Flashbots Protect.</p>
        <ConnectWalletButton />
      </section>
    )
  }
  if (!chain) {
    return (
      <section>
        <h1>Send</h1>
        <p className="notice">
          Your wallet is on a chain this deployment does not support. Switch chains first.
        </p>
      </section>
    )
  }
  // A new deep link (hash change) starts a fresh form with the same validation.
  return <SendFlow key={`${chain.id}:${address}:${query.toString()}`} query={query} />
}

type Step = 'form' | 'review' | 'tracking'

// Over 80 lines: the send flow's steps (form, review, tracking) share its state hooks.
function SendFlow({ query }: { query: URLSearchParams }) {
  const config = useRuntimeConfig()
  const { address, chainId } = useAccount()
  const chain = findChain(config, chainId)!
  const from = address!
  const { assets, balanceOf, balances } = useSendAssets(chain, from)
  const prices = pricesToShow(balances)
  const records = useActivity()

  const deepToken = query.get('token')
  const [assetKey, setAssetKey] = useState<string | undefined>(() => findAsset(assets, deepToken)?.key)
  const [recipientText, setRecipientText] = useState(query.get('to') ?? '')
  const [amountText, setAmountText] = useState(query.get('amount') ?? '')
  const fee = useFeeChoice(chain.id)
  const [poisonConfirmedFor, setPoisonConfirmedFor] = useState<string | undefined>()
  const [step, setStep] = useState<Step>('form')
  const protection = useProtection()
  const [sentId, setSentId] = useState<string | undefined>()
  const sent = useActivityRecord(sentId)

  const asset = assets.find((a) => a.key === assetKey)
  const assetError =
    deepToken && !findAsset(assets, deepToken) && assetKey === undefined
      ? `The link names a token this chain does not list (${deepToken}). Pick an asset.`
      : undefined
  const recipient = useRecipient(recipientText, asset?.address)
  const recipientAddress = recipient.kind === 'valid' ? recipient.address : undefined
  const lookalike = recipientAddress
    ? findLookalike(recipientAddress, previousRecipients(records, from))
    : undefined
  const poisonOk = !lookalike || poisonConfirmedFor === recipientAddress

  // The exact call, as soon as the amount parses; the balance check happens in checkAmount below.
  const balance = balanceOf(asset)
  const nativeBalance = balanceOf(assets[0])
  const parsedForCall = asset
    ? checkAmount(amountText, { decimals: asset.decimals, balance: 2n ** 255n })
    : undefined
  const call =
    asset && recipientAddress && parsedForCall?.ok
      ? transferCall(asset, recipientAddress, parsedForCall.value)
      : undefined
  const simulation = useSimulation(chain.id, from, call)
  const gasEstimate = simulation.data?.ok ? simulation.data.gas : undefined
  // The same limit the review sends with, so "Max" and the review's total agree.
  const gasLimit = gasEstimate !== undefined ? gasWithHeadroom(gasEstimate) : plainTransferGas
  const isNative = asset !== undefined && !asset.address
  // The amount field keeps back the gas of a preset; a custom fee's own cost is checked at the fee fields.
  const reserveFees = fee.presets.data?.presets[fee.basePreset]
  const reserve = isNative && reserveFees ? gasLimit * reserveFees.maxFeePerGas : undefined
  const { fees, error: feeError } = chosenFees(fee.presets.data, fee.choice, fee.custom, {
    gasLimit,
    nativeAmount: isNative && parsedForCall?.ok ? parsedForCall.value : 0n,
    nativeBalance: typeof nativeBalance === 'bigint' ? nativeBalance : undefined,
    native: chain.nativeCurrency,
  })

  const amountCheck = !asset
    ? undefined
    : typeof balance !== 'bigint'
      ? undefined
      : isNative && reserve === undefined
        ? undefined
        : checkAmount(amountText, { decimals: asset.decimals, balance, ...(isNative ? { reserve } : {}) })
  const amountError =
    amountText.trim() === '' && !query.get('amount')
      ? undefined
      : balance === 'error'
        ? 'Could not read your balance (the RPC read failed), so the amount cannot be checked. Retry below.'
        : amountCheck && !amountCheck.ok
          ? amountCheck.message
          : undefined
  const maxText =
    asset && typeof balance === 'bigint' && (!isNative || reserve !== undefined)
      ? maxAmountText(balance, asset.decimals, isNative ? reserve : 0n)
      : undefined

  const formValid = Boolean(asset && recipientAddress && amountCheck?.ok && poisonOk)

  if (step === 'tracking' && sent) {
    return (
      <section aria-labelledby="send-title">
        <h1 id="send-title">Send</h1>
        <ProtectionStatus />
        <TxRecordCard record={sent} headingLevel={2} prices={prices} />
        <p>
          <button
            type="button"
            onClick={() => {
              setStep('form')
              setSentId(undefined)
              setAmountText('')
            }}
          >
            New transfer
          </button>{' '}
          <a href="#/activity">All activity</a>
        </p>
      </section>
    )
  }

  return (
    <section aria-labelledby="send-title">
      <h1 id="send-title">Send</h1>
      {/* On the review a protected wallet is said in its privacy line; the box returns when action is needed. */}
      {(step === 'form' || protection.kind !== 'protected') && <ProtectionStatus />}
      <NonceBlockNotice />
      {step === 'form' ? (
        <SendForm
          from={from}
          assets={assets}
          asset={asset}
          assetError={assetError}
          onAsset={(key) => setAssetKey(key)}
          balance={balance}
          prices={prices}
          onRetryBalance={() => void balances.refetch()}
          recipientText={recipientText}
          onRecipient={setRecipientText}
          recipient={recipient}
          amountText={amountText}
          onAmount={setAmountText}
          amountError={amountError}
          maxText={maxText}
          lookalike={lookalike}
          poisonConfirmed={poisonConfirmedFor !== undefined && poisonConfirmedFor === recipientAddress}
          onPoisonConfirm={(ok) => setPoisonConfirmedFor(ok ? recipientAddress : undefined)}
          valid={formValid}
          onReview={() => formValid && setStep('review')}
        />
      ) : (
        <ReviewPanel
          chain={chain}
          from={from}
          asset={asset!}
          recipient={recipient.kind === 'valid' ? recipient : undefined}
          amount={parsedForCall?.ok ? parsedForCall.value : undefined}
          amountError={amountError}
          call={call}
          simulation={simulation}
          fee={fee}
          gasLimit={gasLimit}
          prices={prices}
          fees={fees}
          feeError={feeError}
          nativeBalance={nativeBalance}
          canSend={formValid}
          onBack={() => setStep('form')}
          onSent={(id) => {
            setSentId(id)
            setStep('tracking')
          }}
        />
      )}
    </section>
  )
}
