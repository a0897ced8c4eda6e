import { defineErrors } from '../../platform/errors.ts';

export const TestCenterErrors = defineErrors({
  TEST_CENTERS_NOT_FOUND: {
    status: 404,
    title: 'Test centre not found',
    fix: 'Check the location code (as listed by GET /test-centers/v2/test-centers, e.g. US-NYC-01).',
  },
  TEST_CENTERS_TEST_NOT_FOUND: {
    status: 404,
    title: 'Test not found',
    fix: 'Use the test_code of one of your tests in the environment of your token (Test Publication service).',
  },
  TEST_CENTERS_INVALID_INPUT: { status: 400, title: 'Invalid test centre data', fix: 'Correct the value named in the detail.' },
  TEST_CENTERS_LOCATION_CODE_TAKEN: {
    status: 409,
    title: 'Location code already used',
    fix: 'Location codes are unique across the network: choose another (e.g. the next number, US-NYC-02).',
  },
  TEST_CENTERS_CLOSURE_NOT_FOUND: {
    status: 404,
    title: 'Closure not found',
    fix: 'Use a closure id (cls_…) listed by `atlas admin test-center show CODE` for that centre.',
  },
  TEST_CENTERS_CLOSURE_NOT_CANCELLABLE: {
    status: 409,
    title: 'Closure already cancelled or over',
    fix: 'Only a scheduled closure that has not ended can be cancelled.',
  },
  TEST_CENTERS_CONCURRENT_CHANGE: {
    status: 409,
    title: 'The centre changed meanwhile',
    fix: 'Another coordinator changed this centre at the same time: read it again and repeat the change.',
  },
});
