import { describe, expect, it } from 'vitest';
import {
  attributeFiltersFromQuery,
  attributeFiltersFromText,
  MAX_ATTRIBUTE_FILTERS,
  parseAttributeFilters,
} from './attribute-filters.js';
import { parseSearchQuery } from './labels.js';

describe('attribute filters', () => {
  it('reads attr.<name>= query parameters and ignores the others', () => {
    expect(attributeFiltersFromQuery({ 'attr.plan': 'enterprise', 'attr.seats': '10', agent: 'billing' })).toEqual({
      ok: true,
      value: { plan: 'enterprise', seats: '10' },
    });
  });

  it('refuses a bad name, a long value or too many with invalid_attribute_filter naming the attribute', () => {
    const bad = attributeFiltersFromQuery({ 'attr.no spaces': 'x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_attribute_filter', field: 'attr.no spaces' } });
    expect(attributeFiltersFromQuery({ 'attr.': 'x' })).toMatchObject({ ok: false });
    const long = parseAttributeFilters({ plan: 'x'.repeat(21) }, 20);
    expect(long).toMatchObject({ ok: false, error: { field: 'attr.plan' } });
    expect(!long.ok && long.error.message).toContain('at most 20 characters');
    const many = Object.fromEntries(Array.from({ length: MAX_ATTRIBUTE_FILTERS + 1 }, (_, i) => [`a${i}`, 'x']));
    expect(parseAttributeFilters(many)).toMatchObject({ ok: false, error: { code: 'invalid_attribute_filter' } });
  });

  it('reads what a person types in the console: name=value pairs, a comma inside a value kept; names checked later', () => {
    expect(attributeFiltersFromText('plan=enterprise, company = Acme, Inc.; seats=10')).toEqual({
      ok: true,
      value: { plan: 'enterprise', company: 'Acme, Inc.', seats: '10' },
    });
    expect(attributeFiltersFromText('  ')).toEqual({ ok: true, value: {} });
    const noEquals = attributeFiltersFromText('enterprise');
    expect(noEquals).toMatchObject({ ok: false, error: { code: 'invalid_attribute_filter' } });
    expect(!noEquals.ok && noEquals.error.message).toContain('write name=value');
    // The shape only: a bad name passes here and is refused where the filter is used (the server).
    expect(attributeFiltersFromText('bad name=x')).toEqual({ ok: true, value: { 'bad name': 'x' } });
  });

  it('a search query carries them; a bad one is invalid_attribute_filter, other mistakes stay invalid_payload', () => {
    expect(parseSearchQuery({ text: 'refund', attributes: { plan: 'pro' } })).toEqual({
      ok: true,
      value: { text: 'refund', attributes: { plan: 'pro' } },
    });
    expect(parseSearchQuery({ attributes: { '1bad': 'x' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_attribute_filter', field: 'attr.1bad' },
    });
    expect(parseSearchQuery({ attributes: { plan: 'x'.repeat(30) } }, 20)).toMatchObject({ ok: false });
    expect(parseSearchQuery({ state: 'nope' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });
});
