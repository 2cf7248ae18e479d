/**
 * SQL conditions that conversation `alias` has each of these custom attributes, appending names and values to `params`
 * (filters from `attr.<name>=` or a search's `attributes`). A signed attribute wins over an unsigned one of the same
 * name, as the console shows them; values compare as text, so `seats=10` matches the number 10.
 */
export function attributeConditions(
  attributes: Record<string, string> | undefined,
  params: unknown[],
  alias = 'c',
): string[] {
  return Object.entries(attributes ?? {}).map(([name, value]) => {
    params.push(name, value);
    return `(COALESCE(${alias}.visitor_attributes, '{}'::jsonb) || COALESCE(${alias}.signed_attributes, '{}'::jsonb)) ->> $${params.length - 1}::text = $${params.length}::text`;
  });
}
