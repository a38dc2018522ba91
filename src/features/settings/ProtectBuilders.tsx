import { alwaysIncludedBuilder, fastModeBuildersNote, knownBuilders } from '../../core/protect/url'
import { Choice, type ProtectForm } from './protectFormParts'

/** Fast mode or a choice of builders: in fast mode every builder gets the transaction, so none can be unticked. */
export function ProtectBuilders({ form }: { form: ProtectForm }) {
  const { draft, update } = form
  return (
    <fieldset>
      <legend>Speed and builders</legend>
      <Choice
        checked={draft.fast}
        onChange={(fast) => update((d) => ({ ...d, fast }))}
        label="Fast mode: send to every registered builder"
        raw="/fast"
        detail="Recommended by Flashbots. The whole transaction (without its signature) is also shared with searchers running in secure enclaves."
      />
      <p className="muted">
        {draft.fast
          ? fastModeBuildersNote
          : 'Builders that get your transaction. Each one you add is trusted with it.'}
      </p>
      <div className="protect-options">
        <Choice checked disabled label="Flashbots" raw={alwaysIncludedBuilder} detail="Always included." />
        {knownBuilders.map((builder) => (
          <Choice
            key={builder}
            checked={draft.fast || draft.builders.includes(builder)}
            disabled={draft.fast}
            onChange={(on) =>
              update((d) => ({
                ...d,
                builders: on ? [...d.builders, builder] : d.builders.filter((b) => b !== builder),
              }))
            }
            label={builder}
          />
        ))}
      </div>
    </fieldset>
  )
}
