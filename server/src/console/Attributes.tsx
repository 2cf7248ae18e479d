import type { Attributes as AttributeMap, ConversationAttributes } from 'switchboard-chat/protocol';

function Group({
  title,
  note,
  values,
  kind,
  onFind,
}: {
  title: string;
  note: string;
  values: AttributeMap;
  kind: 'signed' | 'unsigned';
  onFind?: (filter: string) => void;
}) {
  return (
    <div class={`attr-group attr-${kind}`}>
      <h4>
        {title} <span class="muted">{note}</span>
      </h4>
      <dl>
        {Object.entries(values).map(([key, value]) => (
          <div key={key} class="attr" data-attribute={key}>
            <dt>{key}</dt>
            <dd>
              <span class="value">{String(value)}</span>
              {onFind && (
                // Search conversations with the same attribute: how a person discovers the search's Attributes filter.
                <button
                  type="button"
                  class="link find"
                  title="Find conversations with this attribute"
                  onClick={() => onFind(`${key}=${String(value)}`)}
                >
                  Find
                </button>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** The customer's custom attributes beside the conversation: signed ones (vouched for by the website) apart from unsigned ones. */
export function AttributesPanel({
  attributes,
  onFind,
}: {
  attributes?: ConversationAttributes;
  onFind?: (filter: string) => void;
}) {
  if (!attributes?.signed && !attributes?.unsigned) return null;
  return (
    <section class="attributes" aria-label="Customer attributes">
      <h3>Customer attributes</h3>
      {attributes.signed && (
        <Group title="Verified" note="signed by the website" values={attributes.signed} kind="signed" onFind={onFind} />
      )}
      {attributes.unsigned && (
        <Group
          title="Not verified"
          note="set by the page, may be changed by the visitor"
          values={attributes.unsigned}
          kind="unsigned"
          onFind={onFind}
        />
      )}
    </section>
  );
}
