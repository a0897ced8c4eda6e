import type { DeliveryMode, TestVersionTable } from '../../db/tables/test-publication.ts';
import type { TestWithVersion } from './test-publication.repository.ts';
import type { PoliciesDocument, PortionItem, TestDefinitionInput, TestVersionView, TestView } from './test-publication.schemas.ts';

/** Mapping between the stored rows (JSON columns as TEXT, money in two columns) and the wire resources. */

type DefinitionColumns = Omit<TestVersionTable, 'test_id' | 'version' | 'created_at'>;

/** The stored columns of a definition; `policies` is the resolved document (defaults filled in). */
export function definitionColumns(input: TestDefinitionInput, policies: PoliciesDocument): DefinitionColumns {
  return {
    title: input.title,
    description: input.description ?? null,
    duration_minutes: input.duration_minutes,
    delivery_modes: JSON.stringify(input.delivery_modes),
    price_amount: input.price.amount,
    price_currency: input.price.currency,
    // Portions are stored with only the keys the partner sent, so an omitted duration stays omitted on the wire.
    portions: JSON.stringify(input.portions.map(({ portion_code, portion_name, duration_minutes }) => ({ portion_code, portion_name, duration_minutes }))),
    languages: JSON.stringify(input.languages),
    delivery_countries: JSON.stringify(input.delivery?.countries ?? []),
    delivery_location_codes: JSON.stringify(input.delivery?.location_codes ?? []),
    policies: JSON.stringify(policies),
  };
}

/** Whether a replacement would change anything (a PUT of the same definition makes no new version). */
export function sameDefinition(current: DefinitionColumns, next: DefinitionColumns): boolean {
  return (Object.keys(next) as (keyof DefinitionColumns)[]).every((key) => current[key] === next[key]);
}

function definitionView(row: DefinitionColumns) {
  return {
    title: row.title,
    description: row.description,
    duration_minutes: row.duration_minutes,
    delivery_modes: JSON.parse(row.delivery_modes) as DeliveryMode[],
    price: { amount: row.price_amount, currency: row.price_currency },
    portions: JSON.parse(row.portions) as PortionItem[],
    languages: JSON.parse(row.languages) as string[],
    delivery: { countries: JSON.parse(row.delivery_countries) as string[], location_codes: JSON.parse(row.delivery_location_codes) as string[] },
    policies: JSON.parse(row.policies) as PoliciesDocument,
  };
}

export function testView(row: TestWithVersion): TestView {
  return {
    test_code: row.test_code,
    state: row.state,
    version: row.current_version,
    ...definitionView(row),
    created_at: row.test_created_at,
    updated_at: row.updated_at,
  };
}

export function testVersionView(testCode: string, currentVersion: number, row: TestVersionTable): TestVersionView {
  return { test_code: testCode, version: row.version, is_current: row.version === currentVersion, ...definitionView(row), created_at: row.created_at };
}
