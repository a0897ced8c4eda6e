import { defineErrors } from '../../platform/errors.ts';

export const TestPublicationErrors = defineErrors({
  TEST_PUBLICATION_TEST_NOT_FOUND: {
    status: 404,
    title: 'Test not found',
    fix: 'Check the test_code: tests belong to one account and one environment (a sandbox token sees sandbox tests only).',
  },
  TEST_PUBLICATION_VERSION_NOT_FOUND: {
    status: 404,
    title: 'Test version not found',
    fix: 'List the versions of the test (GET …/tests/{test_code}/versions) and use one of them.',
  },
  TEST_PUBLICATION_CODE_TAKEN: {
    status: 409,
    title: 'Test code already used',
    fix: 'test_code is unique per account and environment (retired tests keep theirs): choose another code, or PUT to change the existing test.',
  },
  TEST_PUBLICATION_INVALID_TRANSITION: {
    status: 409,
    title: 'The test cannot move to that state',
    fix: 'A draft can be published or retired, a published test can be retired, and retired is final: read the test to see its state.',
  },
  TEST_PUBLICATION_TEST_RETIRED: {
    status: 409,
    title: 'The test is retired',
    fix: 'A retired test cannot change: create a new test with another test_code.',
  },
  TEST_PUBLICATION_CONCURRENT_CHANGE: {
    status: 409,
    title: 'The test changed while this request ran',
    fix: 'Another request changed the test at the same time: read it again and retry.',
  },
});
